import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Insertable } from 'kysely';
import type { DatabaseHandle, Trx } from '../database.js';
import type { Database, Dialect } from '../schema.js';

/** Bound parameters per statement: SQLite's limit is 32,766, PostgreSQL's 65,535. */
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 32_000, postgres: 65_000 };

/** `(?, ?), (?, ?)` on SQLite, `($1, $2), ($3, $4)` on PostgreSQL. */
function parameterTuples(dialect: Dialect, rows: number, columns: number): string {
  const tuples: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const cells: string[] = [];
    for (let column = 1; column <= columns; column += 1) cells.push(dialect === 'sqlite' ? '?' : `$${row * columns + column}`);
    tuples.push(`(${cells.join(', ')})`);
  }
  return tuples.join(', ');
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteInsert(sqlite: SQLite.Database, table: string, columns: readonly string[]): SQLite.Statement {
  const text = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  let statements = prepared.get(sqlite);
  if (!statements) {
    statements = new Map();
    prepared.set(sqlite, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/**
 * Inserts many rows in the caller's transaction, as fast as each database allows. On SQLite,
 * a cached prepared statement run on the connection the transaction holds (SQLite has one
 * writer, and the transaction is that connection's); on PostgreSQL, multi-row INSERTs sized to
 * the parameter limit, written once as text (a query tree per value costs more than the insert).
 */
export async function insertMany<T extends keyof Database & string>(
  trx: Trx,
  database: Pick<DatabaseHandle, 'dialect' | 'sqlite'>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  if (database.sqlite) {
    const insert = sqliteInsert(database.sqlite, table, columns);
    for (const row of rows) insert.run(columns.map((column) => (row as Record<string, unknown>)[column] ?? null));
    return;
  }
  const { dialect } = database;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns.length));
  const head = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES `;
  const statements = new Map<number, string>();
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let text = statements.get(chunk.length);
    if (!text) {
      text = head + parameterTuples(dialect, chunk.length, columns.length);
      statements.set(chunk.length, text);
    }
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push((row as Record<string, unknown>)[column] ?? null);
    await trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
