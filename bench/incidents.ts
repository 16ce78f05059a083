import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { IncidentFilter } from '../src/contracts/incidents.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.csv.js';
import { groupedCountsQuery, listPageQuery, type SortName } from '../src/modules/incidents/incidents.repository.js';
import { loadReferenceActors } from '../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { createApiToken, createUser } from '../src/modules/users/users.service.js';
import { type Actor, readScope } from '../src/platform/policy.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { CSV_COLUMNS, syntheticCsv } from './synthetic.js';

/**
 * `npm run bench [-- --rows N] [-- --json]`: the incident log at scale, each measure beside
 * its raw baseline in the same run (SQLite, the default database).
 */

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] ?? 0) || 1_000_000;
const asJson = args.includes('--json');
const log = (line: string) => {
  if (!asJson) process.stdout.write(`${line}\n`);
};

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function samples(iterations: number, work: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i += 1) await work();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i += 1) ms.push((await time(work)).ms);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function openContext(file: string): Promise<AppContext> {
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}`, webRoot: null, logLevel: 'silent' as const };
  const database = openDatabase(config.databaseUrl);
  const ctx: AppContext = { config, database, now: () => new Date() };
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await loadReferenceActors(ctx);
  return ctx;
}

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${CSV_COLUMNS.join(',')}\r\n`);
  let buffer = '';
  for (const line of syntheticCsv(rows)) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** The same rows, inserted with better-sqlite3 prepared statements in one transaction. */
function rawInsert(source: string, target: string): number {
  const from = new SQLite(source, { readonly: true });
  const tables = ['incidents', 'incident_steps', 'incident_actors'] as const;
  const data = Object.fromEntries(
    tables.map((table) => [table, from.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]]),
  );
  from.close();
  const to = new SQLite(target);
  to.pragma('journal_mode = WAL');
  to.pragma('synchronous = FULL');
  to.pragma('foreign_keys = ON');
  // The author of the rows, so that foreign keys hold as in Mandat's own database.
  to.exec(`ATTACH DATABASE '${source.replaceAll("'", "''")}' AS source`);
  to.exec('INSERT INTO users SELECT * FROM source.users');
  to.exec('DETACH DATABASE source');
  const start = process.hrtime.bigint();
  to.transaction(() => {
    for (const table of tables) {
      const first = data[table]?.[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const insert = to.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      for (const row of data[table] ?? []) insert.run(row);
    }
  })();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  to.close();
  return ms;
}

function exportChild(mode: 'api' | 'raw', file: string, token: string): Promise<{ rows: number; ms: number; peakRssMb: number }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./export-child.js', import.meta.url)), mode, file, token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`export child (${mode}) exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-'));
  const csvFile = join(dir, 'incidents.csv');
  const dbFile = join(dir, 'mandat.db');
  const rawFile = join(dir, 'raw.db');
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: (new SQLite(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
  };
  log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node}, SQLite ${machine.sqlite}`);
  log(`Rows: ${rows.toLocaleString('en')}`);
  try {
    await writeCsv(csvFile);
    log(`Synthetic CSV: ${(statSync(csvFile).size / 2 ** 20).toFixed(0)} MiB`);

    // 1. Bulk import through the service (parse, validate, resolve places, insert) vs raw inserts.
    const ctx = await openContext(dbFile);
    const user = await createUser(
      ctx,
      { id: null, label: 'bench' },
      {
        email: 'bench@minusma.test',
        name: 'Bench',
        locale: 'fr',
        admin: false,
        auditor: false,
        memberships: [{ unit: 'FORCE', role: 'manager' }],
        password: 'bench password long enough',
      },
    );
    const token = await createApiToken(ctx, { id: null, label: 'bench' }, user.user.email, 'bench');
    const actor = (await authenticateBearer(ctx, token))?.actor as Actor;
    const imported = await time(() =>
      importIncidentsCsv(ctx, actor, createReadStream(csvFile), { unit: 'FORCE', classification: 'internal', locale: 'fr' }),
    );
    if (imported.value.imported !== rows) throw new Error(`import failed: ${JSON.stringify(imported.value.errors.slice(0, 3))}`);
    const rawCtx = await openContext(rawFile);
    await rawCtx.database.close();
    const rawMs = rawInsert(dbFile, rawFile);
    const importResult = {
      mandatRowsPerSecond: Math.round(rows / (imported.ms / 1000)),
      rawRowsPerSecond: Math.round(rows / (rawMs / 1000)),
      ratio: rawMs / imported.ms,
    };
    log('\nBulk import (CSV → validated incidents, one transaction)');
    log(`  Mandat import      ${importResult.mandatRowsPerSecond.toLocaleString('en')} rows/s`);
    log(`  raw better-sqlite3 ${importResult.rawRowsPerSecond.toLocaleString('en')} rows/s (same rows, prepared INSERTs)`);
    log(`  ratio              ${importResult.ratio.toFixed(2)}× (target ≥ 0.5×)`);

    // A realistic mix of statuses for the reads (imports arrive as candidates).
    ctx.database.sqlite?.exec(`UPDATE incidents SET status = CASE rowid % 10 WHEN 0 THEN 'closed' WHEN 1 THEN 'rejected'
      WHEN 2 THEN 'submitted' WHEN 3 THEN 'submitted' ELSE 'verified' END`);

    // 2. List pages through the API (routing, auth, validation, serialisation) vs the same SQL, raw.
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    const headers = { authorization: `Bearer ${token}` };
    const sqlite = ctx.database.sqlite as SQLite.Database;
    const scope = readScope(actor);
    const middle = sqlite
      .prepare('SELECT occurred_on, ref FROM incidents ORDER BY occurred_on DESC, ref DESC LIMIT 1 OFFSET ?')
      .get(Math.floor(rows / 2)) as { occurred_on: string; ref: string };
    const cursor = Buffer.from(JSON.stringify([middle.occurred_on, middle.ref])).toString('base64url');
    const lists: { name: string; query: string; filter: IncidentFilter; sort: SortName; after: [string, string] | null }[] = [
      { name: 'newest first, no filter', query: '', filter: {}, sort: 'date_desc', after: null },
      {
        name: 'region Ménaka, verified',
        query: 'region=ML-9&status=verified',
        filter: { region: ['ML-9'], status: ['verified'] },
        sort: 'date_desc',
        after: null,
      },
      {
        name: 'battles in 2018, most killed first',
        query: 'eventType=battles&from=2018-01-01&to=2018-12-31&sort=killed_desc',
        filter: { eventType: ['battles'], from: '2018-01-01', to: '2018-12-31' },
        sort: 'killed_desc',
        after: null,
      },
      { name: 'free text, common word', query: 'q=puits', filter: { q: 'puits' }, sort: 'date_desc', after: null },
      { name: 'free text, no match (full scan)', query: 'q=introuvable', filter: { q: 'introuvable' }, sort: 'date_desc', after: null },
      {
        name: 'a page in the middle (keyset)',
        query: `after=${cursor}`,
        filter: {},
        sort: 'date_desc',
        after: [middle.occurred_on, middle.ref],
      },
    ];
    const listResults = [];
    log('\nList page of 50 (p50 / p95, ms)');
    for (const list of lists) {
      const url = `/api/incidents?limit=50${list.query ? `&${list.query}` : ''}`;
      const check = await app.inject({ url, headers });
      if (check.statusCode !== 200) throw new Error(`${url}: ${check.statusCode} ${check.body}`);
      const api = await samples(100, () => app.inject({ url, headers }));
      const compiled = listPageQuery(ctx.database.db, list.filter, scope, list.sort, 51, list.after).compile();
      const statement = sqlite.prepare(compiled.sql);
      const raw = await samples(100, () => statement.all(...(compiled.parameters as unknown[])));
      listResults.push({ name: list.name, api, raw, overhead: api.p50 / raw.p50 });
      log(
        `  ${list.name.padEnd(36)} API ${api.p50.toFixed(2)} / ${api.p95.toFixed(2)}   raw SQL ${raw.p50.toFixed(2)} / ${raw.p95.toFixed(2)}   ${(api.p50 / raw.p50).toFixed(2)}×`,
      );
    }

    // 3. Dashboard aggregates over all rows of a filter.
    const statsFilter: IncidentFilter = { from: '2015-01-01', to: '2020-12-31' };
    const statsApi = await samples(10, () => app.inject({ url: '/api/incidents/stats?from=2015-01-01&to=2020-12-31', headers }));
    const statements = [['occurred_on'], ['region', 'cercle', 'event_type']].map((columns) => {
      const compiled = groupedCountsQuery(ctx.database.db, statsFilter, scope, columns).compile();
      return { statement: sqlite.prepare(compiled.sql), parameters: compiled.parameters as unknown[] };
    });
    const statsRaw = await samples(10, () => {
      for (const { statement, parameters } of statements) statement.all(...parameters);
    });
    log('\nDashboard aggregates, 2015–2020 (timeline, region × type, cercles; p50 / p95, ms)');
    log(`  API ${statsApi.p50.toFixed(0)} / ${statsApi.p95.toFixed(0)}   raw SQL ${statsRaw.p50.toFixed(0)} / ${statsRaw.p95.toFixed(0)}`);
    await app.close();
    await ctx.database.close();

    // 4. Full CSV export, streamed over HTTP, in a fresh process to measure its memory.
    const api = await exportChild('api', dbFile, token);
    const raw = await exportChild('raw', dbFile, token);
    log('\nFull CSV export (every row)');
    log(
      `  Mandat over HTTP   ${Math.round(api.rows / (api.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${api.peakRssMb} MB (target < 300 MB)`,
    );
    log(
      `  raw better-sqlite3 ${Math.round(raw.rows / (raw.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${raw.peakRssMb} MB (iterate + CSV lines)`,
    );

    if (asJson) {
      process.stdout.write(
        `${JSON.stringify({ machine, rows, import: importResult, lists: listResults, stats: { api: statsApi, raw: statsRaw }, export: { api, raw } }, null, 2)}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
