import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { CeasefireMovementTable } from '../../db/schema.js';

/** The SQL of ceasefire movement control, and the need-to-know read rule it shares with support requests. */

type Executor = Db | Trx;
export type MovementRow = Selectable<CeasefireMovementTable>;

/**
 * The SQL side of `movementGuard` / `supportGuard` (`movements.policy.ts`): a record is read by the
 * members of its unit, and by every member of `always`; nobody else, whatever the role.
 */
export function readableByStaff(memberOf: readonly string[], always: readonly string[], table: string): RawBuilder<boolean> {
  if (memberOf.length === 0) return sql<boolean>`(1 = 0)`;
  if (memberOf.some((unit) => always.includes(unit))) return sql<boolean>`(1 = 1)`;
  return sql<boolean>`(${sql.ref(`${table}.unit_code`)} IN (${sql.join(memberOf)}))`;
}

export interface MovementQuery {
  memberOf: readonly string[];
  always: readonly string[];
  group?: readonly string[] | undefined;
  status?: readonly string[] | undefined;
  kind?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Executor, q: MovementQuery) {
  let query = db.selectFrom('ceasefire_movements').where(readableByStaff(q.memberOf, q.always, 'ceasefire_movements'));
  if (q.group?.length) query = query.where('group_code', 'in', [...q.group]);
  if (q.status?.length) query = query.where('status', 'in', [...q.status]);
  if (q.kind?.length) query = query.where('kind', 'in', [...q.kind]);
  // `starts_at` is an instant; a day bound compares with its first or last moment.
  if (q.from) query = query.where('starts_at', '>=', q.from);
  if (q.to) query = query.where('starts_at', '<', `${q.to}T99`);
  return query;
}

export function listMovements(db: Executor, q: MovementQuery, limit: number): Promise<MovementRow[]> {
  return filtered(db, q).selectAll().orderBy('starts_at', 'desc').orderBy('id').limit(limit).execute();
}

/** One page of the list's order (start, latest first, then id), after `after` ([starts_at, id]): the export. */
export function listMovementsAfter(db: Executor, q: MovementQuery, limit: number, after: [string, string] | null): Promise<MovementRow[]> {
  let query = filtered(db, q);
  if (after) {
    const [startsAt, id] = after;
    query = query.where((eb) => eb.or([eb('starts_at', '<', startsAt), eb.and([eb('starts_at', '=', startsAt), eb('id', '>', id)])]));
  }
  return query.selectAll().orderBy('starts_at', 'desc').orderBy('id').limit(limit).execute();
}

export function findMovement(db: Executor, id: string, q: MovementQuery): Promise<MovementRow | undefined> {
  return filtered(db, q).selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts by group, kind and status over the filter. */
export async function movementCountsBy(db: Executor, q: MovementQuery) {
  const rows = await filtered(db, q)
    .select(['group_code', 'kind', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['group_code', 'kind', 'status'])
    .execute();
  return rows.map((r) => ({ group: r.group_code, kind: r.kind, status: r.status, count: Number(r.n) }));
}

export async function insertMovement(trx: Trx, row: Insertable<CeasefireMovementTable>): Promise<void> {
  await trx.insertInto('ceasefire_movements').values(row).execute();
}

export function updateMovementIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Omit<Updateable<CeasefireMovementTable>, 'version'>,
): Promise<boolean> {
  return updateIfVersion(trx, 'ceasefire_movements', id, version, values);
}

/** The verification a movement is linked to: its id and visit day, if the reader reads it. */
export function verificationsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ceasefire_verifications')
    .select(['id', 'incident_id', 'unit_code', 'classification', 'visited_on'])
    .where('id', 'in', [...ids])
    .execute();
}
