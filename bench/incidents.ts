import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { applySqlitePragmas, migrateToLatest, openDatabase, parseDatabaseUrl } from '../src/db/database.js';
import type { Dialect } from '../src/db/schema.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.import.js';
import { loadReferenceActors } from '../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { createApiToken, createUser } from '../src/modules/users/users.service.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import type { Actor } from '../src/platform/policy.js';
import { type BenchDatabases, copyRows, createBenchDatabases, postgresVersion } from './databases.js';
import { loadMeasures } from './load.js';
import { outboxMeasures } from './outbox.js';
import { CSV_COLUMNS, syntheticCsv } from './synthetic.js';
import { webMeasures } from './web.js';

/**
 * `npm run bench [-- --rows N] [-- --json] [-- --only incidents|fiche|load|web] [-- --db sqlite|postgres]`:
 * the incident log at scale, each measure beside its raw baseline in the same run (SQLite and
 * better-sqlite3 by default; `--db postgres`: PostgreSQL and `pg`, in databases created for the
 * run and dropped after it); then the fiche d'information PDF, before and after it left the event
 * loop (bench/fiche-child.ts, always on SQLite); many people at once (bench/load.ts); the first load
 * of the web app over an emulated field link (bench/web.ts, on the built app).
 */

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] ?? 0) || 1_000_000;
const asJson = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'incidents' && only !== 'fiche' && only !== 'load' && only !== 'web' && only !== 'outbox')
  throw new Error('--only takes incidents, fiche, load, web or outbox');
const dialect = (args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite') as Dialect;
if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--db takes sqlite or postgres');
/** The baseline's name in the output. */
const rawName = dialect === 'sqlite' ? 'raw better-sqlite3' : 'raw pg';
const log = (line: string) => {
  if (!asJson) process.stdout.write(`${line}\n`);
};

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function openContext(url: string): Promise<AppContext> {
  const config = { ...loadConfig({}), databaseUrl: url, webRoot: null, logLevel: 'silent' as const };
  const database = openDatabase(config.databaseUrl);
  const ctx: AppContext = { config, database, now: () => new Date() };
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await loadReferenceActors(ctx);
  return ctx;
}

async function writeCsv(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${CSV_COLUMNS.join(',')}\r\n`);
  let buffer = '';
  for (const line of syntheticCsv(count)) {
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
function rawInsert(source: string, target: string): { ms: number; bareMs: number } {
  const from = new SQLite(source, { readonly: true });
  const tables = ['incidents', 'incident_steps', 'incident_actors'] as const;
  const data = Object.fromEntries(
    tables.map((table) => [table, from.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]]),
  );
  from.close();
  const to = new SQLite(target);
  // The same settings as Mandat's own connections, so that the comparison is of the code alone.
  applySqlitePragmas(to);
  // The author of the rows, so that foreign keys hold as in Mandat's own database.
  to.exec(`ATTACH DATABASE '${source.replaceAll("'", "''")}' AS source`);
  to.exec('INSERT INTO users SELECT * FROM source.users');
  to.exec('DETACH DATABASE source');
  // Tables of the same columns without key, index or trigger: the limit of inserting these rows.
  for (const table of tables) to.exec(`CREATE TABLE bare_${table} AS SELECT * FROM ${table} WHERE 0`);
  const insertAll = (prefix: string) => {
    const start = process.hrtime.bigint();
    to.transaction(() => {
      for (const table of tables) {
        const first = data[table]?.[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const insert = to.prepare(
          `INSERT INTO ${prefix}${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        for (const row of data[table] ?? []) insert.run(row);
      }
    })();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const ms = insertAll('');
  const bareMs = insertAll('bare_');
  to.close();
  return { ms, bareMs };
}

const COPIED_TABLES = ['incidents', 'incident_steps', 'incident_actors'] as const;

/**
 * The same rows sent with `COPY … FROM STDIN` in one transaction: into tables of the same schema
 * (every index, the full-text index, keys and foreign keys), then into bare tables of the same
 * columns (no key, no index). Only the COPYs and the commit are timed.
 */
async function rawCopy(source: string, target: string): Promise<{ ms: number; bareMs: number }> {
  const from = new pg.Client({ connectionString: source });
  await from.connect();
  const data: { table: string; columns: string[]; rows: unknown[][] }[] = [];
  for (const table of COPIED_TABLES) {
    const result = await from.query<unknown[]>({ text: `SELECT * FROM ${table}`, rowMode: 'array' });
    data.push({ table, columns: result.fields.map((f) => f.name), rows: result.rows });
  }
  const users = (await from.query('SELECT * FROM users')).rows as Record<string, unknown>[];
  await from.end();
  const to = new pg.Client({ connectionString: target });
  await to.connect();
  try {
    // The author of the rows, so that foreign keys hold as in Mandat's own database.
    for (const user of users) {
      const columns = Object.keys(user);
      await to.query(
        `INSERT INTO users (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(user),
      );
    }
    for (const { table } of data) await to.query(`CREATE TABLE bare_${table} (LIKE ${table})`);
    const copyAll = async (prefix: string) => {
      const start = process.hrtime.bigint();
      await to.query('BEGIN');
      for (const { table, columns, rows } of data) await copyRows(to, `${prefix}${table}`, columns, rows);
      await to.query('COMMIT');
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const ms = await copyAll('');
    const bareMs = await copyAll('bare_');
    return { ms, bareMs };
  } finally {
    await to.end();
  }
}

interface Timing {
  p50: number;
  p95: number;
}
interface ImportReads {
  readers: number;
  idle: { p50: number; p95: number; max: number; n: number };
  during: { p50: number; p95: number; max: number; n: number };
  imported: number;
  importMs: number;
}
interface Reads {
  lists: { name: string; api: Timing; raw: Timing; overhead: number }[];
  stats: { api: Timing; raw: Timing };
}

/** Runs one of the bench's child scripts and returns the JSON it prints. */
function child<T>(script: string, args: string[]): Promise<T> {
  const running = spawn(process.execPath, [fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  running.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    running.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-'));
  const csvFile = join(dir, 'incidents.csv');
  let databases: BenchDatabases | null = null;
  const cleanUp = async () => {
    await databases?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted: drop the databases all the same (the children get the signal too).
  process.once('SIGINT', () => {
    cleanUp().finally(() => process.exit(130));
  });
  try {
    if (only === undefined || only === 'incidents') databases = await createBenchDatabases(dialect, dir);
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      sqlite: (new SQLite(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      ...(databases?.dialect === 'postgres' ? { postgres: await postgresVersion(databases.mandat) } : {}),
    };
    log(
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node}, SQLite ${machine.sqlite}${machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''}`,
    );
    const incidents = databases ? await incidentMeasures(csvFile, databases) : {};
    const fiche = only === undefined || only === 'fiche' ? { fiche: await ficheMeasures() } : {};
    const load = only === undefined || only === 'load' ? { load: await loadMeasures(dialect, log) } : {};
    const web = only === undefined || only === 'web' ? { web: await webMeasures(log) } : {};
    const outbox = only === undefined || only === 'outbox' ? { outbox: await outboxMeasures(log) } : {};
    if (asJson) process.stdout.write(`${JSON.stringify({ machine, ...incidents, ...fiche, ...load, ...web, ...outbox }, null, 2)}\n`);
  } finally {
    await cleanUp();
  }
}

async function incidentMeasures(csvFile: string, databases: BenchDatabases) {
  log(`Database: ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; rows: ${rows.toLocaleString('en')}`);
  await writeCsv(csvFile, rows);
  log(`Synthetic CSV: ${(statSync(csvFile).size / 2 ** 20).toFixed(0)} MiB`);

  // 1. Bulk import through the service (parse, validate, resolve places, insert) vs raw inserts.
  const ctx = await openContext(databases.mandat);
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
  const { token } = await createApiToken(ctx, { id: null, label: 'bench' }, user.user.email, { label: 'bench', scope: 'write' });
  const actor = (await authenticateBearer(ctx, token))?.actor as Actor;
  const imported = await time(() =>
    importIncidentsCsv(ctx, actor, createReadStream(csvFile), { unit: 'FORCE', classification: 'internal', locale: 'fr' }),
  );
  if (imported.value.imported !== rows) throw new Error(`import failed: ${JSON.stringify(imported.value.errors.slice(0, 3))}`);
  const rawCtx = await openContext(databases.raw);
  await rawCtx.database.close();
  log('\nBulk import (CSV → validated incidents, one transaction)');
  log(`  Mandat import      ${Math.round(rows / (imported.ms / 1000)).toLocaleString('en')} rows/s`);
  const rawImport =
    dialect === 'sqlite'
      ? rawInsert(parseDatabaseUrl(databases.mandat).location, parseDatabaseUrl(databases.raw).location)
      : await rawCopy(databases.mandat, databases.raw);
  const importResult = {
    mandatRowsPerSecond: Math.round(rows / (imported.ms / 1000)),
    rawRowsPerSecond: Math.round(rows / (rawImport.ms / 1000)),
    ratio: rawImport.ms / imported.ms,
    bareRowsPerSecond: Math.round(rows / (rawImport.bareMs / 1000)),
    bareRatio: rawImport.bareMs / imported.ms,
  };
  const how = dialect === 'sqlite' ? 'prepared INSERTs' : 'COPY FROM STDIN';
  log(`  ${rawName.padEnd(18)} ${importResult.rawRowsPerSecond.toLocaleString('en')} rows/s (same rows, ${how}, same schema)`);
  log(`  ${rawName.padEnd(18)} ${importResult.bareRowsPerSecond.toLocaleString('en')} rows/s (same rows, ${how}, bare tables)`);
  log(`  ratio, bare        ${importResult.bareRatio.toFixed(2)}× (target ≥ 0.15×)`);
  log(`  ratio              ${importResult.ratio.toFixed(2)}× (target ≥ 0.5×)`);

  // A realistic mix of statuses for the reads (imports arrive as candidates).
  if (dialect === 'sqlite') {
    ctx.database.sqlite?.exec(`UPDATE incidents SET status = CASE rowid % 10 WHEN 0 THEN 'closed' WHEN 1 THEN 'rejected'
      WHEN 2 THEN 'submitted' WHEN 3 THEN 'submitted' ELSE 'verified' END`);
  } else {
    await sql`UPDATE incidents SET status = CASE numbered.n % 10 WHEN 0 THEN 'closed' WHEN 1 THEN 'rejected'
      WHEN 2 THEN 'submitted' WHEN 3 THEN 'submitted' ELSE 'verified' END
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, ref) AS n FROM incidents) AS numbered
      WHERE numbered.id = incidents.id`.execute(ctx.database.db);
    // What autovacuum would do after a change of every row: the planner's statistics, no dead rows.
    await sql`VACUUM ANALYZE`.execute(ctx.database.db);
  }

  await ctx.database.close();

  // 2–3. Reads, in a fresh process: the import's garbage must not weigh on their timings.
  const reads = await child<Reads>('reads-child.js', [databases.mandat, token, String(rows)]);
  log('\nList page of 50 (p50 / p95, ms; API = HTTP routing, authentication, validation, serialisation)');
  for (const list of reads.lists) {
    log(
      `  ${list.name.padEnd(36)} API ${list.api.p50.toFixed(2)} / ${list.api.p95.toFixed(2)}   raw SQL ${list.raw.p50.toFixed(2)} / ${list.raw.p95.toFixed(2)}   ${list.overhead.toFixed(2)}×`,
    );
  }
  log('\nDashboard aggregates, 2015–2020 (timeline, region × cercle × type; p50 / p95, ms)');
  log(
    `  API ${reads.stats.api.p50.toFixed(0)} / ${reads.stats.api.p95.toFixed(0)}   raw SQL ${reads.stats.raw.p50.toFixed(0)} / ${reads.stats.raw.p95.toFixed(0)}`,
  );

  // 4. Full CSV export, streamed over HTTP, in a fresh process to measure its memory.
  type Export = { rows: number; ms: number; peakRssMb: number; idleRssMb: number };
  const api = await child<Export>('export-child.js', ['api', databases.mandat, token]);
  const raw = await child<Export>('export-child.js', ['raw', databases.mandat, token]);
  log('\nFull CSV export (every row)');
  log(
    `  Mandat over HTTP   ${Math.round(api.rows / (api.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${api.peakRssMb} MB, server idle ${api.idleRssMb} MB (target < 300 MB)`,
  );
  log(
    `  ${rawName.padEnd(18)} ${Math.round(raw.rows / (raw.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${raw.peakRssMb} MB (${dialect === 'sqlite' ? 'iterate' : 'cursor'} + CSV lines)`,
  );

  if (dialect !== 'sqlite') return { db: dialect, rows, import: importResult, ...reads, export: { api, raw } };

  // 5. List pages while an import runs, on a copy of the same database: one connection for
  // everything (as before), then a read-only connection beside the writer. SQLite only: on
  // PostgreSQL reads and writes already run on separate connections of the pool.
  const dbFile = databases.mandat.replace(/^sqlite:/, '');
  const importRows = Math.min(rows, 200_000);
  const importCsv = importRows === rows ? csvFile : join(dirname(csvFile), 'import.csv');
  if (importCsv !== csvFile) await writeCsv(importCsv, importRows);
  const oneConnection = await child<ImportReads>('import-reads-child.js', [dbFile, importCsv, token, '0']);
  const withReader = await child<ImportReads>('import-reads-child.js', [dbFile, importCsv, token, '1']);
  const r = (x: ImportReads['idle']) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)} / ${x.max.toFixed(0)} (${x.n})`;
  log(`\nList page of 50 while ${importRows.toLocaleString('en')} rows are imported (due every 20 ms; p50 / p95 / max ms, reads)`);
  for (const [name, m] of [
    ['one connection', oneConnection],
    ['reader beside the writer', withReader],
  ] as const) {
    log(
      `  ${name.padEnd(26)} idle ${r(m.idle)}   during ${r(m.during)}   p95 ${(m.during.p95 / m.idle.p95).toFixed(1)}× idle (target ≤ 3×), import ${Math.round(m.imported / (m.importMs / 1000)).toLocaleString('en')} rows/s`,
    );
  }

  return {
    db: dialect,
    rows,
    import: importResult,
    ...reads,
    export: { api, raw },
    readsDuringImport: { rows: importRows, oneConnection, withReader },
  };
}

interface FicheTiming {
  p50: number;
  p95: number;
  max: number;
  n: number;
}
interface Fiche {
  renderer: string;
  pdfBytes: number;
  readIdle: FicheTiming;
  before: { coldMs: number; repeated: FicheTiming; readsDuringBuilds: FicheTiming; buildMs: number };
  after: {
    coldMs: number;
    builds: FicheTiming;
    repeated: FicheTiming;
    versionKey: FicheTiming;
    readsDuringBuilds: FicheTiming;
    buildMs: number;
    concurrent: { requests: number; builds: number; ms: number };
  };
}

/** 5. The whole-mission fiche PDF, before (built in the request) and after (worker, kept per version). */
async function ficheMeasures(): Promise<Fiche> {
  const fiche = await child<Fiche>('fiche-child.js', []);
  const { before, after, readIdle } = fiche;
  const t = (x: FicheTiming, digits = 1) => `${x.p50.toFixed(digits)} / ${x.p95.toFixed(digits)}`;
  log(`\nFiche d'information, whole mission, French (${Math.round(fiche.pdfBytes / 1024)} KiB; ms; p50 / p95)`);
  log(`  first build                 before ${before.coldMs.toFixed(0)}   after ${after.coldMs.toFixed(0)} (${fiche.renderer}, starts)`);
  log(`  each further build          before ${t(before.repeated, 0)}   after ${t(after.builds, 0)}`);
  log(`  repeated, unchanged data    before ${t(before.repeated, 0)}   after ${t(after.repeated, 2)} (target ≤ 50)`);
  log(`  version key alone           ${t(after.versionKey, 3)}`);
  log(`  10 requests at once, cold   ${after.concurrent.builds} build, ${after.concurrent.ms.toFixed(0)} ms for all`);
  log(`Small read GET /api/sections/FORCE (p50 / p95 / max, ms)`);
  log(`  idle                        ${t(readIdle, 2)} / ${readIdle.max.toFixed(1)}`);
  log(
    `  during builds, before       ${t(before.readsDuringBuilds, 2)} / ${before.readsDuringBuilds.max.toFixed(1)} (${before.readsDuringBuilds.n} reads)`,
  );
  log(
    `  during builds, after        ${t(after.readsDuringBuilds, 2)} / ${after.readsDuringBuilds.max.toFixed(1)} (${after.readsDuringBuilds.n} reads)`,
  );
  return fiche;
}

await main();
