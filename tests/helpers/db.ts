import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateToLatest, type OpenOptions, openDatabase } from '../../src/db/database.js';
import type { Dialect } from '../../src/db/schema.js';
import { loadReferenceActors } from '../../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../../src/modules/organisation/organisation.service.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';

const ALL_DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * The dialects named by `MANDAT_TEST_DIALECTS` (`sqlite`, `postgres`, or both comma-separated);
 * both when it is unset or empty. An unknown name is an error, never an empty run.
 */
export function selectedDialects(value: string | undefined): readonly Dialect[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  if (names.length === 0) return ALL_DIALECTS;
  for (const name of names) {
    if (!ALL_DIALECTS.includes(name as Dialect)) throw new Error(`MANDAT_TEST_DIALECTS: unknown dialect "${name}" (sqlite, postgres)`);
  }
  return ALL_DIALECTS.filter((dialect) => names.includes(dialect));
}

/** Every database test runs once per dialect: both unless `MANDAT_TEST_DIALECTS` narrows it. */
export const DIALECTS: readonly Dialect[] = selectedDialects(process.env.MANDAT_TEST_DIALECTS);

export const PG_URL = process.env.MANDAT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Prefix of every PostgreSQL database the tests create (`.ci/run` drops leftovers by it). */
export const PG_DATABASE_PREFIX = 'mandat_t_';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Migrated databases that test databases are copied from, built once per run (`templates.setup.ts`). */
export interface Templates {
  /** Names the run's PostgreSQL databases, which its teardown drops if a test left one open. */
  run: string;
  /** The migrated SQLite file, or null when SQLite is not tested. */
  sqlite: string | null;
  /** The name of the migrated PostgreSQL database, or null when PostgreSQL is not tested. */
  postgres: string | null;
}

declare module 'vitest' {
  interface ProvidedContext {
    mandatTemplates: Templates;
  }
}

const uniqueSuffix = () => `${process.pid}_${randomBytes(5).toString('hex')}`;

/** A name for a run of the tests, unique on the PostgreSQL server. */
export const newRunName = () => randomBytes(4).toString('hex');

async function onPostgres<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the test server. */
export function pgDatabaseUrl(name: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every PostgreSQL database of a run starts with this; the run's teardown drops what remains. */
export const runDatabasePrefix = (run: string) => `${PG_DATABASE_PREFIX}${run}_`;

/**
 * Creates a PostgreSQL database of the run, empty or as a copy of `template` (a file copy on the
 * server). Dropping it never terminates connections: a connection still open (a pool that is
 * ending, or one a test left open) keeps the database until the run's teardown.
 */
export async function createPgDatabase(run: string, template: string | null = null): Promise<TestDatabase> {
  const name = `${runDatabasePrefix(run)}${uniqueSuffix()}`;
  await onPostgres(PG_URL, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    url: pgDatabaseUrl(name),
    drop: () =>
      onPostgres(PG_URL, async (client) => {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name}`);
        } catch (error) {
          // 55006 object_in_use: still connected after PostgreSQL's own wait of a few seconds.
          if ((error as { code?: string }).code !== '55006') throw error;
        }
      }),
  };
}

/** Drops every database of a run, once its test processes have ended. */
export async function dropRunDatabases(run: string): Promise<void> {
  await onPostgres(PG_URL, async (client) => {
    const { rows } = await client.query<{ name: string }>('SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)', [
      runDatabasePrefix(run),
    ]);
    for (const { name } of rows) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/**
 * A fresh, empty database: a temporary SQLite file, or a new schema on the PostgreSQL test
 * database (reached with `?schema=`). For tests of migration itself and of the CLI, which start
 * from nothing.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-test-'));
    return { url: `sqlite:${join(dir, 'mandat.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${uniqueSuffix()}`;
  await onPostgres(PG_URL, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    url: `${PG_URL}?schema=${schema}`,
    drop: () => onPostgres(PG_URL, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

/** The run's templates, or null outside a run that built them (then databases are migrated one by one). */
function templates(): Templates | null {
  try {
    return inject('mandatTemplates') ?? null;
  } catch {
    return null;
  }
}

/**
 * A fresh database already at the latest migration: a copy of the run's migrated template (a
 * SQLite file copy, or `CREATE DATABASE … TEMPLATE` on PostgreSQL, each test its own database).
 * Without a template, an empty database that `openTestContext` migrates.
 */
export async function createMigratedDatabase(dialect: Dialect): Promise<TestDatabase> {
  const run = templates();
  const template = run?.[dialect] ?? null;
  if (!run || !template) return createTestDatabase(dialect);
  if (dialect === 'postgres') return createPgDatabase(run.run, template);
  const dir = mkdtempSync(join(tmpdir(), 'mandat-test-'));
  const file = join(dir, 'mandat.db');
  copyFileSync(template, file, constants.COPYFILE_FICLONE);
  return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Migrates a new database from scratch into a template; the caller copies it, never opens it again. */
export async function buildTemplate(dialect: Dialect, run: string): Promise<{ template: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-template-'));
    const file = join(dir, 'template.db');
    const handle = openDatabase(`sqlite:${file}`);
    try {
      await migrateToLatest(handle);
      // Everything in the main file: a copy of it alone is the whole database.
      handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await handle.close();
    }
    return { template: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createPgDatabase(run);
  const handle = openDatabase(database.url);
  try {
    await migrateToLatest(handle);
  } finally {
    // No connection may remain: PostgreSQL copies a template only while nobody is connected to it.
    await handle.close();
  }
  return { template: new URL(database.url).pathname.slice(1), drop: database.drop };
}

export interface TestContext extends AppContext {
  /** Moves the test clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/**
 * Opens an existing database, migrated, with the reference units loaded and a controllable clock.
 * `open` goes to `openDatabase` (e.g. `onQuery` to see every statement).
 */
export async function openTestContext(url: string, overrides: Partial<Config> = {}, open: OpenOptions = {}): Promise<TestContext> {
  // Each test database gets a key file of its own, never the working directory's.
  const keyFile = join(mkdtempSync(join(tmpdir(), 'mandat-keys-')), 'master.keys');
  const config: Config = { ...loadConfig({}), databaseUrl: url, webRoot: null, logLevel: 'silent', keyFile, ...overrides };
  const database = openDatabase(url, open);
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

/** A fresh database of its own (a copy of the migrated template), dropped on close. */
export async function createTestContext(dialect: Dialect, overrides: Partial<Config> = {}, open: OpenOptions = {}): Promise<TestContext> {
  const testDb = await createMigratedDatabase(dialect);
  const ctx = await openTestContext(testDb.url, overrides, open);
  return {
    ...ctx,
    close: async () => {
      await ctx.database.close();
      await testDb.drop();
    },
  };
}
