import type { Db, Trx } from '../../db/database.js';
import type { MembershipRequestTable } from '../../db/schema.js';

type Executor = Db | Trx;

export async function insertMembershipRequest(db: Executor, row: MembershipRequestTable): Promise<void> {
  await db.insertInto('membership_requests').values(row).execute();
}

export async function findMembershipRequest(db: Executor, id: string): Promise<MembershipRequestTable | undefined> {
  return db.selectFrom('membership_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingMembershipRequests(
  db: Executor,
  filter: { userIds?: readonly string[] } = {},
): Promise<MembershipRequestTable[]> {
  let query = db.selectFrom('membership_requests').selectAll().where('status', '=', 'pending');
  if (filter.userIds) {
    if (filter.userIds.length === 0) return [];
    query = query.where('user_id', 'in', filter.userIds);
  }
  return query.orderBy('requested_at').orderBy('id').execute();
}

/** Closes a pending request; false when it was no longer pending (decided meanwhile). */
export async function closeMembershipRequest(
  db: Executor,
  id: string,
  status: 'approved' | 'rejected' | 'cancelled',
  by: string | null,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('membership_requests')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending requests of one account for one unit are replaced by a newer request. */
export async function cancelPendingFor(db: Executor, userId: string, unit: string, at: string): Promise<void> {
  await db
    .updateTable('membership_requests')
    .set({ status: 'cancelled', decided_at: at })
    .where('user_id', '=', userId)
    .where('unit_code', '=', unit)
    .where('status', '=', 'pending')
    .execute();
}

/** Active managers of a unit. */
export async function managersOf(db: Executor, unit: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.unit_code', '=', unit)
    .where('memberships.role', '=', 'manager')
    .where('users.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function setMembership(db: Executor, userId: string, unit: string, role: string): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).where('unit_code', '=', unit).execute();
  await db.insertInto('memberships').values({ user_id: userId, unit_code: unit, role }).execute();
}
