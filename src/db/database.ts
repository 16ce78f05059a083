import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database, Dialect } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** For SQLite: the file path; for PostgreSQL: the connection string. */
  location: string;
  /** The raw better-sqlite3 handle (backup API); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** PostgreSQL schema Mandat lives in (`public` unless `?schema=` says otherwise); null on SQLite. */
  schema: string | null;
  close(): Promise<void>;
}

/** `sqlite:<path>` or a plain path → SQLite; `postgres://…` or `postgresql://…` → PostgreSQL. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; location: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  const path = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  return { dialect: 'sqlite', location: path === ':memory:' ? path : resolve(path) };
}

const INT8_OID = 20;

export function openDatabase(url: string): DatabaseHandle {
  const { dialect, location } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const sqlite = new SQLite(location);
    applySqlitePragmas(sqlite);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect, location, sqlite, schema: null, close: () => db.destroy() };
  }
  const parsed = new URL(location);
  // `?schema=name` runs Mandat inside one PostgreSQL schema (used by the tests for isolation).
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Counters such as audit sequence numbers are bigint; they stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect, location, sqlite: null, schema: schema ?? 'public', close: () => db.destroy() };
}

/**
 * better-sqlite3 as Kysely sees it, with a bounded cache of prepared statements: Kysely prepares
 * every query anew, which costs more than running a typical indexed read. A statement still being
 * iterated is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        // Most recently used last, so the oldest is the first key.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

/** Durability settings from SECURITY.md (DUR): WAL, full fsync, foreign keys, busy timeout; then the memory settings. */
export function applySqlitePragmas(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  applySqliteMemoryPragmas(sqlite);
}

/** Page cache per connection, in KiB (a negative cache_size is KiB for SQLite). */
export const SQLITE_CACHE_KIB = 64 * 1024;

/**
 * Memory settings, for every connection including read-only ones (docs/PERFORMANCE.md): a 64 MiB
 * page cache instead of SQLite's 2 MB, so indexes and the full-text index stay in memory during
 * imports and list pages; sorts and temporary indexes in memory. No memory-mapped I/O: mapped
 * pages count in the process's resident memory, which a full export must keep under 300 MB; the
 * page cache is a hard bound, so the export grows by at most its size.
 */
export function applySqliteMemoryPragmas(sqlite: SQLite.Database): void {
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  sqlite.pragma('temp_store = MEMORY');
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const list = migrations(handle.dialect);
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => list },
    // Named explicitly: otherwise Kysely may see another schema's migration tables and skip its own.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Whether the database answers (the health check). */
export async function ping(handle: DatabaseHandle): Promise<void> {
  await sql`SELECT 1`.execute(handle.db);
}
