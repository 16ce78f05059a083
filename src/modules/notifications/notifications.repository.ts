import type { Db, Trx } from '../../db/database.js';

type Executor = Db | Trx;

/** Whether the account asked for e-mail notifications (false when it never chose). */
export async function emailChosen(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('notification_settings').select('email').where('user_id', '=', userId).executeTakeFirst();
  return row?.email === 1;
}

export async function setEmailChoice(trx: Trx, userId: string, email: boolean, at: string): Promise<void> {
  await trx
    .insertInto('notification_settings')
    .values({ user_id: userId, email: email ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ email: email ? 1 : 0, updated_at: at }))
    .execute();
}

/** Those of these accounts that asked for e-mail notifications. */
export async function withEmailChosen(db: Executor, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_settings')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('email', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
