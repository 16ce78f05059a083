import { type Insertable, sql } from 'kysely';
import type { Trx } from '../database.js';
import type { Database, Dialect } from '../schema.js';

/** Bound parameters per statement: SQLite's limit is 32,766, PostgreSQL's 65,535. */
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 32_000, postgres: 65_000 };

/**
 * Inserts many rows with as few statements as the database allows: multi-row INSERTs sized to
 * the dialect's parameter limit. Runs in the caller's transaction.
 */
export async function insertMany<T extends keyof Database & string>(
  trx: Trx,
  dialect: Dialect,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[dialect] / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = chunk.map((row) => sql`(${sql.join(columns.map((c) => (row as Record<string, unknown>)[c] ?? null))})`);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(trx);
  }
}
