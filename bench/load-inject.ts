import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.import.js';
import { loadReferenceActors } from '../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { createApiToken, createUser } from '../src/modules/users/users.service.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import type { Actor } from '../src/platform/policy.js';
import { buildApp } from '../src/server/app.js';
import { CSV_COLUMNS, syntheticCsv } from './synthetic.js';

/**
 * The routes of the load benchmark (bench/load.ts) timed in process: the same database as
 * bench/load-server.ts (the 2020 fact book, 300 incidents of the Force, a Force manager's
 * read-only token), each route answered through `app.inject` many times, and the CPU time per
 * request printed beside a bare Fastify route's through the same `app.inject`. Far less noisy on
 * a shared machine than requests per second; run it with `node --cpu-prof` to see where the time
 * goes. `npx tsc -p tsconfig.bench.json && node dist/bench/bench/load-inject.js [sqlite|postgres]
 * [iterations] [route name filter]`.
 */
const [dialect = 'sqlite', itersArg = '2000', only = ''] = process.argv.slice(2);
const PG_BASE = process.env.MANDAT_TEST_PG ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
async function onPostgres(query: string) {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}
const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-inject-'));
const pgName = `mandat_bench_inject_${randomBytes(4).toString('hex')}`;
let databaseUrl = `sqlite:${join(dir, 'mandat.db')}`;
if (dialect === 'postgres') {
  await onPostgres(`CREATE DATABASE ${pgName}`);
  const url = new URL(PG_BASE);
  url.pathname = `/${pgName}`;
  databaseUrl = url.toString();
}
const config = { ...loadConfig({}), databaseUrl, keyFile: join(dir, 'master.keys'), webRoot: null, logLevel: 'silent' as const };
const database = openDatabase(config.databaseUrl);
const ctx: AppContext = { config, database, now: () => new Date() };
try {
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await loadReferenceActors(ctx);
  await seedFactbook(ctx, { id: null, label: 'bench' });
  const user = await createUser(
    ctx,
    { id: null, label: 'bench' },
    {
      email: 'manager@minusma.test',
      name: 'Force manager',
      locale: 'fr',
      admin: false,
      auditor: false,
      memberships: [{ unit: 'FORCE', role: 'manager' }],
      password: 'bench password long enough',
    },
  );
  const { token } = await createApiToken(ctx, { id: null, label: 'bench' }, user.user.email, { label: 'load', scope: 'read' });
  const actor = (await authenticateBearer(ctx, token))?.actor as Actor;
  const csv = `${CSV_COLUMNS.join(',')}\r\n${[...syntheticCsv(300)].join('')}`;
  await importIncidentsCsv(ctx, actor, csv, { unit: 'FORCE', classification: 'internal', locale: 'fr' });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  const auth = { authorization: `Bearer ${token}` };
  const routes: [string, string, Record<string, string>][] = [
    ['health anon', '/api/health', {}],
    ['health token', '/api/health', auth],
    ['limit=1', '/api/incidents?limit=1', auth],
    ['limit=50', '/api/incidents?limit=50', auth],
    ['limit=200', '/api/incidents?limit=200', auth],
    ['section', '/api/sections/FORCE', {}],
    ['section br', '/api/sections/FORCE', { 'accept-encoding': 'br, gzip' }],
    ['search', '/api/search?q=menaka', {}],
  ];
  const iters = Number(itersArg);
  for (const [name, url, headers] of routes) {
    if (only && !name.includes(only)) continue;
    // Larger pages fewer times, so that each route takes about as long; a quarter more first, to warm up.
    const n = name.startsWith('limit=200') ? iters / 10 : name.startsWith('limit=50') ? iters / 4 : iters;
    for (let i = 0; i < n / 4; i++) await app.inject({ method: 'GET', url, headers });
    const r = await app.inject({ method: 'GET', url, headers });
    if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url, headers });
    const cpu = process.cpuUsage(t0);
    const wall = performance.now() - w0;
    console.log(
      `${name.padEnd(14)} ${((cpu.user + cpu.system) / n).toFixed(0).padStart(6)} µs cpu  ${((wall * 1000) / n).toFixed(0).padStart(6)} µs wall  ${r.rawPayload.length} B ${r.headers['content-encoding'] ?? ''}`,
    );
  }
  // The ceiling: a bare Fastify route through the same app.inject.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ status: 'ok' }));
  await bare.ready();
  for (let i = 0; i < 500; i++) await bare.inject({ method: 'GET', url: '/bare' });
  const t0 = process.cpuUsage();
  for (let i = 0; i < iters; i++) await bare.inject({ method: 'GET', url: '/bare' });
  const cpu = process.cpuUsage(t0);
  console.log(`${'bare'.padEnd(14)} ${((cpu.user + cpu.system) / iters).toFixed(0).padStart(6)} µs cpu`);
  await app.close();
} finally {
  await database.close();
  if (dialect === 'postgres') await onPostgres(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
}
