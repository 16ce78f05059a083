import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { SupportRequestTable } from '../../db/schema.js';
import { readableByStaff } from './movements.repository.js';

/** The SQL of support to the Malian forces. */

type Executor = Db | Trx;
export type SupportRow = Selectable<SupportRequestTable>;

export interface SupportQuery {
  memberOf: readonly string[];
  always: readonly string[];
  status?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Executor, q: SupportQuery) {
  let query = db.selectFrom('support_requests').where(readableByStaff(q.memberOf, q.always, 'support_requests'));
  if (q.status?.length) query = query.where('status', 'in', [...q.status]);
  if (q.from) query = query.where('requested_on', '>=', q.from);
  if (q.to) query = query.where('requested_on', '<=', q.to);
  return query;
}

export function listSupport(db: Executor, q: SupportQuery, limit: number): Promise<SupportRow[]> {
  return filtered(db, q).selectAll().orderBy('requested_on', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export function findSupport(db: Executor, id: string, q: SupportQuery): Promise<SupportRow | undefined> {
  return filtered(db, q).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSupport(trx: Trx, row: Insertable<SupportRequestTable>): Promise<void> {
  await trx.insertInto('support_requests').values(row).execute();
}

export function updateSupportIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Omit<Updateable<SupportRequestTable>, 'version'>,
): Promise<boolean> {
  return updateIfVersion(trx, 'support_requests', id, version, values);
}
