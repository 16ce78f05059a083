import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type LogEvent, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { CommitSignal } from './commit-signal.js';
import { migrations } from './migrations/index.js';
import type { Database, Dialect } from './schema.js';
import { CachedConnection, SqliteReadWriteDialect } from './sqlite-connections.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** For SQLite: the file path; for PostgreSQL: the connection string. */
  location: string;
  /** The writer's raw better-sqlite3 handle (backup API, bulk inserts in its transaction); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** PostgreSQL schema Mandat lives in (`public` unless `?schema=` says otherwise); null on SQLite. */
  schema: string | null;
  /**
   * SQLite with a reader beside the writer: a number that changes whenever a commit, by this
   * process or any other, may have changed the database since it was last asked (`PRAGMA
   * data_version` of the reader, which reads run on; a few microseconds, no table read). A value
   * read after it is at least as new as what it stands for, so a version read from the database
   * may be reused while it stays the same (`unlessChanged`, src/platform/audit-version.ts).
   * Null on PostgreSQL (see `commitSignal`), and on SQLite on one connection, where the
   * connection's own commits do not move it.
   */
  dataVersion: (() => number) | null;
  /**
   * PostgreSQL: a count of the audited commits of every process — a notification sent in every
   * audited transaction and counted by a listening connection of each process
   * (`commit-signal.ts`), and a second count of those that changed credentials. Another
   * process's commit moves them only when its notification arrives, so they serve versions that
   * may lag that long (public data, and credentials: docs/SECURITY.md states the window). Null on
   * SQLite, whose `dataVersion` sees every commit at once.
   */
  commitSignal: CommitSignal | null;
  close(): Promise<void>;
}

/** `sqlite:<path>` or a plain path → SQLite; `postgres://…` or `postgresql://…` → PostgreSQL. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; location: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  const path = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  return { dialect: 'sqlite', location: path === ':memory:' ? path : resolve(path) };
}

const INT8_OID = 20;

export interface OpenOptions {
  /** SQLite: 1 (the default) gives reads a connection of their own beside the writer; 0 runs everything on the writer. */
  readers?: 0 | 1;
  /** Called with every statement Kysely runs and its parameters (the tests that check index use read them). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  /** PostgreSQL: told when the server ends an idle connection of the pool (the next query opens another). */
  onConnectionLost?: (error: Error) => void;
}

/** Kysely's `log` option passing every query to `onQuery`. */
function queryLog(onQuery: OpenOptions['onQuery']) {
  if (!onQuery) return {};
  return {
    log(event: LogEvent) {
      if (event.level === 'query') onQuery(event.query.sql, event.query.parameters);
    },
  };
}

export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  const { dialect, location } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const sqlite = new SQLite(location);
    applySqlitePragmas(sqlite);
    const reader = location === ':memory:' || options.readers === 0 ? null : openSqliteReader(location);
    const db = new Kysely<Database>({
      dialect: new SqliteReadWriteDialect({
        writer: new CachedConnection(sqlite),
        reader: reader ? new CachedConnection(reader) : null,
      }),
      ...queryLog(options.onQuery),
    });
    const dataVersion = reader ? reader.prepare('PRAGMA data_version').pluck() : null;
    return {
      db,
      dialect,
      location,
      sqlite,
      schema: null,
      dataVersion: dataVersion ? () => dataVersion.get() as number : null,
      commitSignal: null,
      close: () => db.destroy(),
    };
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
  // An idle connection the server ends (a restart, an administrator, a failover) is an error on
  // the pool; unheard, it would end the process. The pool drops that connection and opens another
  // at the next query, so it is only reported.
  pool.on('error', (error) => options.onConnectionLost?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryLog(options.onQuery) });
  // One channel per schema: the test databases share a server, each in its own schema.
  const signal = new CommitSignal(parsed.toString(), `mandat_commits_${schema ?? 'public'}`);
  return {
    db,
    dialect,
    location,
    sqlite: null,
    schema: schema ?? 'public',
    dataVersion: null,
    commitSignal: signal,
    close: async () => {
      await signal.close();
      await db.destroy();
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

/** A connection that can only read, opened after the writer has put the file in WAL mode. */
function openSqliteReader(location: string): SQLite.Database {
  const reader = new SQLite(location);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  applySqliteMemoryPragmas(reader);
  return reader;
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
