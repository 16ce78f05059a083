import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseHandle } from '../src/db/database.js';
import type { Dialect } from '../src/db/schema.js';

/**
 * What the benchmark's two sides share per database: where Mandat's database and the raw
 * baseline's live (`--db sqlite`, the default: two files; `--db postgres`: two databases of their
 * own on the server), and a raw connection that runs SQL as prepared statements (better-sqlite3,
 * or named statements of `pg` clients).
 */

/** The PostgreSQL server as the tests find it: `MANDAT_TEST_PG`, else a PostgreSQL `DATABASE_URL`, else the test server. */
export function postgresServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromDatabaseUrl = env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : undefined;
  return env.MANDAT_TEST_PG ?? fromDatabaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** Prefix of the databases the benchmark creates on PostgreSQL (and drops at the end). */
export const PG_BENCH_PREFIX = 'mandat_bench_';

export interface BenchDatabases {
  dialect: Dialect;
  /** Mandat's database (read by the reads and the export). */
  mandat: string;
  /** The raw baseline's database, migrated to the same schema. */
  raw: string;
  /** Drops what was created (PostgreSQL); the SQLite files go with the bench's temporary folder. */
  drop(): Promise<void>;
}

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  url.searchParams.delete('schema');
  return url.toString();
}

async function onServer(server: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(server, new URL(server).pathname.slice(1) || 'postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Two fresh databases: files in `dir` on SQLite, `mandat_bench_<random>` and `…_raw` on PostgreSQL. */
export async function createBenchDatabases(dialect: Dialect, dir: string): Promise<BenchDatabases> {
  if (dialect === 'sqlite') {
    return { dialect, mandat: `sqlite:${join(dir, 'mandat.db')}`, raw: `sqlite:${join(dir, 'raw.db')}`, drop: async () => {} };
  }
  const server = postgresServerUrl();
  const name = `${PG_BENCH_PREFIX}${randomBytes(4).toString('hex')}`;
  const names = [name, `${name}_raw`];
  let dropping: Promise<void> | null = null;
  // Once, however many callers (the end of the run, an interrupt) ask, each waiting for the end.
  const drop = () => {
    dropping ??= onServer(
      server,
      names.map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`),
    );
    return dropping;
  };
  try {
    await onServer(
      server,
      names.map((n) => `CREATE DATABASE ${n}`),
    );
  } catch (error) {
    await drop();
    throw error;
  }
  return { dialect, mandat: databaseUrl(server, name), raw: databaseUrl(server, `${name}_raw`), drop };
}

/** The server's version, for the machine line. */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v.split(' ')[0] ?? 'unknown';
  } finally {
    await client.end();
  }
}

export interface RawSql {
  /** Prepares `text` once on connection `connection`; the function returned runs it. */
  prepare(text: string, connection?: number): (parameters: readonly unknown[]) => unknown[] | Promise<unknown[]>;
  close(): Promise<void>;
}

/**
 * The raw side of the reads: on SQLite, Mandat's own better-sqlite3 handle (same page cache) with
 * statements prepared once; on PostgreSQL, `connections` plain `pg` clients with named (prepared)
 * statements, so that work Mandat runs in parallel on its pool can be run in parallel here.
 */
export async function openRawSql(database: DatabaseHandle, connections = 1): Promise<RawSql> {
  const sqlite = database.sqlite;
  if (sqlite) {
    return {
      prepare(text) {
        const statement = sqlite.prepare(text);
        return (parameters) => statement.all(...parameters) as unknown[];
      },
      close: async () => {},
    };
  }
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: database.location }));
  await Promise.all(clients.map((client) => client.connect()));
  let statements = 0;
  return {
    prepare(text, connection = 0) {
      const client = clients[connection];
      if (!client) throw new Error(`no raw connection ${connection}`);
      statements += 1;
      const name = `bench_${statements}`;
      return async (parameters) => (await client.query({ name, text, values: [...parameters] })).rows;
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

/** A value in PostgreSQL's COPY text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The part of pg's connection a COPY writes to (what pg-copy-streams uses). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
}

/**
 * `COPY table (columns) FROM STDIN` of rows given as arrays, through pg's submittable interface:
 * pg-copy-streams is not a dependency, and this is the same protocol exchange it performs.
 */
class CopyFrom {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly rows: readonly (readonly unknown[])[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: unknown): void {
    (connection as CopyConnection).query(this.text);
  }

  async handleCopyInResponse(connection: CopyConnection): Promise<void> {
    let chunk = '';
    for (const row of this.rows) {
      if (this.failed) return;
      chunk += `${row.map(copyValue).join('\t')}\n`;
      if (chunk.length >= 1 << 16) {
        connection.sendCopyFromChunk(Buffer.from(chunk));
        chunk = '';
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
      }
    }
    if (chunk) connection.sendCopyFromChunk(Buffer.from(chunk));
    connection.endCopyFrom();
  }

  handleCommandComplete(): void {}

  handleError(error: Error): void {
    this.failed = true;
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.resolve(this.rows.length);
  }
}

/** Sends `rows` (arrays in the order of `columns`) with `COPY … FROM STDIN` on `client`. */
export function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  const copy = new CopyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, rows);
  client.query(copy as unknown as pg.Submittable);
  return copy.done;
}
