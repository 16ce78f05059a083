import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import type { Dialect } from '../../src/db/schema.js';
import { loadReferenceActors } from '../../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../../src/modules/organisation/organisation.service.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';

/** Every database test runs once per dialect. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export const PG_URL = process.env.MANDAT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-test-'));
    return { url: `sqlite:${join(dir, 'mandat.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = `${PG_URL}?schema=${schema}`;
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

export interface TestContext extends AppContext {
  /** Moves the test clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Opens an existing database, migrated, with the reference units loaded and a controllable clock. */
export async function openTestContext(url: string, overrides: Partial<Config> = {}): Promise<TestContext> {
  // Each test database gets a key file of its own, never the working directory's.
  const keyFile = join(mkdtempSync(join(tmpdir(), 'mandat-keys-')), 'master.keys');
  const config: Config = { ...loadConfig({}), databaseUrl: url, webRoot: null, logLevel: 'silent', keyFile, ...overrides };
  const database = openDatabase(url);
  let offset = 0;
  const ctx: TestContext = {
    config,
    database,
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    close: () => database.close(),
  };
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await loadReferenceActors(ctx);
  return ctx;
}

/** A fresh database of its own, dropped on close. */
export async function createTestContext(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestContext> {
  const testDb = await createTestDatabase(dialect);
  const ctx = await openTestContext(testDb.url, overrides);
  return {
    ...ctx,
    close: async () => {
      await ctx.database.close();
      await testDb.drop();
    },
  };
}
