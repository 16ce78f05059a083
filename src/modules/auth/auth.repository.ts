import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import type { RecoveryCodeTable, SetupTokenTable } from '../../db/schema.js';

type Executor = Db | Trx;

// ---------------------------------------------------------------------------------------------
// Sign-in attempts (login-throttle.ts)

/** Attempts per key since a time, with the oldest of each. */
export async function recentAttempts(
  db: Executor,
  keys: readonly string[],
  since: string,
): Promise<{ key: string; n: number; first: string }[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', sql<number>`count(*)`.as('n'), sql<string>`min(at)`.as('first')])
    .where('key', 'in', [...keys])
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n), first: r.first }));
}

export async function insertAttempts(db: Executor, rows: readonly { id: string; key: string; at: string }[]): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values([...rows])
    .execute();
}

/** Deletes the attempts with these ids and, if given, every attempt under one key. */
export async function deleteAttempts(db: Executor, ids: readonly string[], key?: string): Promise<void> {
  if (ids.length === 0 && key === undefined) return;
  await db
    .deleteFrom('login_attempts')
    .where((eb) => eb.or([...(key === undefined ? [] : [eb('key', '=', key)]), ...(ids.length ? [eb('id', 'in', [...ids])] : [])]))
    .execute();
}

export async function deleteAttemptsBefore(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<=', before).execute();
}

// ---------------------------------------------------------------------------------------------
// Recovery codes

export async function replaceRecoveryCodeRows(db: Executor, userId: string, rows: readonly RecoveryCodeTable[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (rows.length)
    await db
      .insertInto('recovery_codes')
      .values([...rows])
      .execute();
}

/** Spends an unused code of the account; false when there is none with that hash (used, or never issued). */
export async function spendRecoveryCode(db: Executor, userId: string, codeHash: string, at: string): Promise<boolean> {
  const spent = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

export async function deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------------------------------------
// First-run setup tokens

/** Replaces every unused setup token with this one. */
export async function replaceSetupToken(db: Executor, row: SetupTokenTable): Promise<void> {
  await db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
  await db.insertInto('setup_tokens').values(row).execute();
}

export async function findSetupToken(db: Executor, tokenHash: string): Promise<SetupTokenTable | undefined> {
  return db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markSetupTokenUsed(db: Executor, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('setup_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
}
