import { type RawBuilder, sql } from 'kysely';
import type { ReadScope } from '../../platform/policy.js';

/**
 * The SQL form of a read scope for a table with `unit_code` and `classification` columns:
 * lists, counts and searches leave out what the actor may not read, in the database.
 */
export function readableBy(scope: ReadScope, table: string): RawBuilder<boolean> {
  const classification = sql.ref(`${table}.classification`);
  const unit = sql.ref(`${table}.unit_code`);
  const clauses = [sql<boolean>`${classification} IN (${sql.join(scope.anyUnit)})`];
  for (const { classification: cls, units } of scope.inUnits) {
    if (units.length > 0) clauses.push(sql<boolean>`(${classification} = ${cls} AND ${unit} IN (${sql.join(units)}))`);
  }
  return sql<boolean>`(${sql.join(clauses, sql` OR `)})`;
}
