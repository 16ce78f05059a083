import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import type { Dialect } from '../src/db/schema.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.import.js';
import { loadReferenceActors } from '../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { createApiToken, createUser } from '../src/modules/users/users.service.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import type { Actor } from '../src/platform/policy.js';
import { CSV_COLUMNS, syntheticCsv } from './synthetic.js';

/**
 * The database the load measures run on (bench/load-server.ts over HTTP, bench/load-inject.ts in
 * process): a fresh SQLite file or PostgreSQL database on `MANDAT_TEST_PG` / `DATABASE_URL`, with
 * the MINUSMA 2020 fact book, 300 synthetic incidents of the Force and a read-only API token of a
 * Force manager. `drop` closes it and removes it.
 */

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

export interface LoadDatabase {
  ctx: AppContext;
  token: string;
  drop(): Promise<void>;
}

export async function loadDatabase(dialect: Dialect): Promise<LoadDatabase> {
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
  const drop = async () => {
    await database.close();
    if (dialect === 'postgres') await onPostgres(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  };
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
    return { ctx, token, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
