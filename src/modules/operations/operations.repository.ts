import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { OperationFilter } from '../../contracts/operations.js';
import type { Db, Trx } from '../../db/database.js';
import { readableBy, readableByNeedToKnow, type Sharing } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { OperationIncidentTable, OperationStepTable, OperationTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';

/** The SQL of the operations log: rows, units taking part, linked incidents, steps. */

type Executor = Db | Trx;
export type OperationRow = Selectable<OperationTable>;
export type OperationStepRow = Selectable<OperationStepTable>;
/** Keyset position in the log: latest planned start first, then id. */
export type Cursor = [string, string];

/** Who reads: the policy's read scope for completed operations, the units of membership for the others. */
export interface OperationReader {
  scope: ReadScope;
  memberOf: readonly string[];
  jocUnits: readonly string[];
  secretStatuses: readonly string[];
}

const SHARING: Sharing = { table: 'operation_units', key: 'operation_id' };

/**
 * The read rule in SQL, as `can` decides it with `guardOf`: an operation not yet completed by the
 * members of its units and of the JOC; a completed one by its class (a restricted one by the
 * leading unit, the units taking part and the JOC), never as public.
 */
export function readableOperations(reader: OperationReader): RawBuilder<boolean> {
  const status = sql.ref('operations.status');
  const secret = sql.join(reader.secretStatuses);
  const joc = reader.memberOf.some((unit) => reader.jocUnits.includes(unit));
  const byClass = joc
    ? sql<boolean>`(${readableBy(reader.scope, 'operations', SHARING)} OR operations.classification = 'restricted')`
    : readableBy(reader.scope, 'operations', SHARING);
  return sql<boolean>`((${status} IN (${secret}) AND ${readableByNeedToKnow(reader.memberOf, reader.jocUnits, 'operations', SHARING)})
    OR (${status} NOT IN (${secret}) AND operations.classification <> 'public' AND ${byClass}))`;
}

function inList(column: string, values: readonly string[] | undefined): RawBuilder<boolean> | null {
  if (!values || values.length === 0) return null;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(values)})`;
}

/**
 * The log's filter and, for the situation picture and report (not offered by the API), the
 * bounds of the actual end: operations that ended between two instants (inclusive).
 */
export type OperationRowFilter = OperationFilter & { endedFrom?: string | undefined; endedTo?: string | undefined };

/** The one SQL translation of the log's filter, inside the reader's rule: list, counts, map and export. */
export function filterConditions(filter: OperationRowFilter, reader: OperationReader): RawBuilder<boolean> {
  const words = (filter.q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const conditions = [
    readableOperations(reader),
    inList('operations.type', filter.type),
    inList('operations.status', filter.status),
    inList('operations.sector', filter.sector),
    filter.unit && filter.unit.length > 0
      ? sql<boolean>`EXISTS (SELECT 1 FROM operation_units u WHERE u.operation_id = operations.id AND u.unit_code IN (${sql.join(filter.unit)}))`
      : null,
    filter.from ? sql<boolean>`operations.planned_start >= ${filter.from}` : null,
    filter.to ? sql<boolean>`operations.planned_start < ${`${filter.to}T24`}` : null,
    filter.endedFrom ? sql<boolean>`operations.actual_end >= ${filter.endedFrom}` : null,
    filter.endedTo ? sql<boolean>`operations.actual_end <= ${filter.endedTo}` : null,
    ...words.map((w) => {
      const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return sql<boolean>`(LOWER(operations.title_fr) LIKE ${pattern} ESCAPE '\\' OR LOWER(operations.title_en) LIKE ${pattern} ESCAPE '\\')`;
    }),
  ].filter((c): c is RawBuilder<boolean> => c !== null);
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

export async function insertOperation(trx: Trx, row: Insertable<OperationTable>, units: readonly string[]): Promise<void> {
  await trx.insertInto('operations').values(row).execute();
  await replaceUnits(trx, row.id, units);
}

export async function replaceUnits(trx: Trx, id: string, units: readonly string[]): Promise<void> {
  await trx.deleteFrom('operation_units').where('operation_id', '=', id).execute();
  await trx
    .insertInto('operation_units')
    .values(units.map((unit_code) => ({ operation_id: id, unit_code })))
    .execute();
}

export async function insertIncidentLinks(trx: Trx, links: readonly Insertable<OperationIncidentTable>[]): Promise<void> {
  if (links.length > 0) await trx.insertInto('operation_incidents').values(links).execute();
}

/** One operation, only if `reader` may read it. */
export function findReadable(db: Executor, id: string, reader: OperationReader): Promise<OperationRow | undefined> {
  return db.selectFrom('operations').selectAll().where('id', '=', id).where(readableOperations(reader)).executeTakeFirst();
}

/** Which of `ids` the reader may read, in one statement (chunks of 500 ids). */
export async function readableIds(db: Executor, ids: readonly string[], reader: OperationReader): Promise<Set<string>> {
  const readable = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await db.selectFrom('operations').select('id').where('id', 'in', chunk).where(readableOperations(reader)).execute();
    for (const row of rows) readable.add(row.id);
  }
  return readable;
}

export async function unitsOf(db: Executor, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('operation_units')
    .select(['operation_id', 'unit_code'])
    .where('operation_id', 'in', ids)
    .orderBy('operation_id')
    .orderBy('unit_code')
    .execute();
  for (const r of rows) map.get(r.operation_id)?.push(r.unit_code);
  return map;
}

export async function operationRelations(db: Executor, id: string) {
  const [incidents, steps] = await Promise.all([
    db.selectFrom('operation_incidents').selectAll().where('operation_id', '=', id).execute(),
    db.selectFrom('operation_steps').selectAll().where('operation_id', '=', id).orderBy('at').orderBy('id').execute(),
  ]);
  return { incidents, steps };
}

export function updateOperationIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Omit<Partial<Insertable<OperationTable>>, 'version' | 'id'>,
): Promise<boolean> {
  return updateIfVersion(trx, 'operations', id, version, values);
}

export async function insertStep(trx: Trx, step: Insertable<OperationStepTable>): Promise<void> {
  await trx.insertInto('operation_steps').values(step).execute();
}

export function listPage(
  db: Executor,
  filter: OperationRowFilter,
  reader: OperationReader,
  limit: number,
  after: Cursor | null,
): Promise<OperationRow[]> {
  let query = db.selectFrom('operations').selectAll().where(filterConditions(filter, reader));
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('planned_start', '<', after[0]), eb.and([eb('planned_start', '=', after[0]), eb('id', '<', after[1])])]),
    );
  }
  return query.orderBy('planned_start', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countsBy(db: Executor, filter: OperationFilter, reader: OperationReader) {
  const rows = await db
    .selectFrom('operations')
    .select(['status', 'type', sql<number>`COUNT(*)`.as('n')])
    .where(filterConditions(filter, reader))
    .groupBy(['status', 'type'])
    .execute();
  return rows.map((r) => ({ status: r.status, type: r.type, n: Number(r.n) }));
}

/** The readable operations of the filter that have a route or area, for the map (at most `limit`). */
export function withGeometry(db: Executor, filter: OperationFilter, reader: OperationReader, limit: number) {
  return db
    .selectFrom('operations')
    .select(['id', 'title_fr', 'title_en', 'type', 'status', 'unit_code', 'geometry'])
    .where(filterConditions(filter, reader))
    .where('geometry', 'is not', null)
    .orderBy('planned_start', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
