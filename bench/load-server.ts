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
 * A server for the load measures of `npm run bench` (bench/load.ts), in a process of its own,
 * listening on loopback. `mandat sqlite|postgres`: Mandat's app (buildApp) on a fresh database
 * holding the MINUSMA 2020 fact book and 300 synthetic incidents of the Force, with a personal
 * API token of a Force manager. `bare`: a Fastify instance with one route answering
 * `{"status":"ok"}`, the ceiling the others are compared with. Prints one JSON line (port,
 * token) once listening, then serves until its standard input closes.
 */

const [kind = 'bare', dialect = 'sqlite'] = process.argv.slice(2);
const PG_BASE = process.env.MANDAT_TEST_PG ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function onPostgres(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function ready(info: Record<string, unknown>): void {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

function untilStdinCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on('end', () => resolve());
    process.stdin.resume();
  });
}

if (kind === 'bare') {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  ready({ port: typeof address === 'object' && address ? address.port : 0 });
  await untilStdinCloses();
  await app.close();
} else {
  const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-load-'));
  const pgName = `mandat_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
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
    const report = await importIncidentsCsv(ctx, actor, csv, { unit: 'FORCE', classification: 'internal', locale: 'fr' });
    if (report.imported !== 300) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    ready({ port: typeof address === 'object' && address ? address.port : 0, token });
    await untilStdinCloses();
    await app.close();
  } finally {
    await database.close();
    if (dialect === 'postgres') await onPostgres(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
}
