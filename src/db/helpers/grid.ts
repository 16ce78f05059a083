import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * The cell number of a non-negative value on a grid of `size`: floor(value / size). SQLite's
 * CAST truncates (which is floor for non-negative values); PostgreSQL's CAST rounds, so it uses floor().
 */
export function gridCell(dialect: Dialect, value: RawBuilder<unknown>, size: number): RawBuilder<number> {
  const divisor = sql.lit(size);
  return dialect === 'sqlite' ? sql<number>`CAST((${value}) / ${divisor} AS INTEGER)` : sql<number>`floor((${value}) / ${divisor})`;
}
