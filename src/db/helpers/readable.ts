import { type RawBuilder, sql } from 'kysely';
import type { Classification } from '../../contracts/common.js';

/**
 * Which classes of record an actor reads in any unit, and which only in some units; computed by
 * the access policy (`readScope` in src/platform/policy.ts), applied here in SQL.
 */
export interface ReadScope {
  anyUnit: Classification[];
  inUnits: { classification: Classification; units: string[] }[];
}

/** A table listing the units each restricted record is explicitly shared with. */
export interface Sharing {
  table: string;
  /** The column holding the shared record's id; the record table's key is `id`. */
  key: string;
}

/**
 * The SQL form of a read scope for a table with `unit_code` and `classification` columns:
 * lists, counts and searches leave out what the actor may not read, in the database. With
 * `sharing`, a restricted record is also readable by members of the units it is shared with.
 */
export function readableBy(scope: ReadScope, table: string, sharing?: Sharing): RawBuilder<boolean> {
  const classification = sql.ref(`${table}.classification`);
  const unit = sql.ref(`${table}.unit_code`);
  const clauses = [sql<boolean>`${classification} IN (${sql.join(scope.anyUnit)})`];
  for (const { classification: cls, units } of scope.inUnits) {
    if (units.length === 0) continue;
    clauses.push(sql<boolean>`(${classification} = ${cls} AND ${unit} IN (${sql.join(units)}))`);
    if (sharing && cls === 'restricted') {
      clauses.push(sql<boolean>`(${classification} = ${cls} AND EXISTS (SELECT 1 FROM ${sql.table(sharing.table)} s
        WHERE s.${sql.ref(sharing.key)} = ${sql.ref(`${table}.id`)} AND s.unit_code IN (${sql.join(units)})))`);
    }
  }
  return sql<boolean>`(${sql.join(clauses, sql` OR `)})`;
}

/**
 * The SQL form of a need-to-know rule (`needToKnow` in src/platform/policy.ts): a record is
 * readable by members of the units listed for it in `sharing` and of `alwaysUnits`, whatever its
 * class. `memberOf`: the units the reader belongs to.
 */
export function readableByNeedToKnow(
  memberOf: readonly string[],
  alwaysUnits: readonly string[],
  table: string,
  sharing: Sharing,
): RawBuilder<boolean> {
  if (memberOf.length === 0) return sql<boolean>`(1 = 0)`;
  if (memberOf.some((unit) => alwaysUnits.includes(unit))) return sql<boolean>`(1 = 1)`;
  return sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(sharing.table)} n
    WHERE n.${sql.ref(sharing.key)} = ${sql.ref(`${table}.id`)} AND n.unit_code IN (${sql.join(memberOf)}))`;
}
