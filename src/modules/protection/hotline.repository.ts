import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { HotlineCallTable } from '../../db/schema.js';

type Executor = Db | Trx;

export async function insertCall(trx: Trx, row: HotlineCallTable): Promise<void> {
  await trx.insertInto('hotline_calls').values(row).execute();
}

export function findCallByRef(db: Executor, ref: string): Promise<HotlineCallTable | undefined> {
  return db.selectFrom('hotline_calls').selectAll().where('ref', '=', ref).executeTakeFirst();
}

/** The reference of the call a case came from. */
export function findCallRefById(db: Executor, id: string): Promise<{ ref: string } | undefined> {
  return db.selectFrom('hotline_calls').select('ref').where('id', '=', id).executeTakeFirst();
}

export interface CallListFilter {
  /** Calls taken by this operator. */
  operatorId?: string | undefined;
  /** Calls in the intake queues of these units. */
  routedTo?: readonly string[] | undefined;
  status?: string | undefined;
}

/** Calls, newest first. */
export function listCallRows(db: Executor, filter: CallListFilter, limit: number): Promise<HotlineCallTable[]> {
  let query = db.selectFrom('hotline_calls').selectAll();
  if (filter.operatorId !== undefined) query = query.where('operator_id', '=', filter.operatorId);
  if (filter.routedTo !== undefined) query = query.where('routed_to', 'in', filter.routedTo);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('received_at', 'desc').orderBy('ref', 'desc').limit(limit).execute();
}

/** How many calls match a filter. */
export async function countCallRows(db: Executor, filter: CallListFilter): Promise<number> {
  let query = db.selectFrom('hotline_calls').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.operatorId !== undefined) query = query.where('operator_id', '=', filter.operatorId);
  if (filter.routedTo !== undefined) query = query.where('routed_to', 'in', filter.routedTo);
  if (filter.status) query = query.where('status', '=', filter.status);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Updates a call if its version is still `version`; false when someone else handled it first. */
export async function updateCallIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<HotlineCallTable, 'id' | 'ref' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'hotline_calls', id, version, values);
}
