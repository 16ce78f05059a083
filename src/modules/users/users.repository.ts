import type { Membership } from '../../contracts/auth.js';
import type { Locale, UnitRole } from '../../contracts/common.js';
import type { User } from '../../contracts/users.js';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { UserTable } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';

type Executor = Db | Trx;

export async function findUserById(db: Executor, id: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function membershipsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, Membership[]>> {
  const byUser = new Map<string, Membership[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'unit_code', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('unit_code')
    .execute();
  for (const row of rows) {
    const list = byUser.get(row.user_id) ?? [];
    list.push({ unit: row.unit_code, role: row.role as UnitRole });
    byUser.set(row.user_id, list);
  }
  return byUser;
}

/** The names of these accounts, in name order. */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
}

/** Names and e-mail addresses of these accounts. */
export async function namesAndEmailsOf(db: Executor, ids: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
}

/** Every account's name and e-mail address, in name order. */
export async function allNamesAndEmails(db: Executor): Promise<{ id: string; name: string; email: string }[]> {
  return db.selectFrom('users').select(['id', 'name', 'email']).orderBy('name').orderBy('email').execute();
}

/** The enabled accounts holding one of these roles in a unit, in name order. */
export async function activeMembersOfUnit(
  db: Executor,
  unit: string,
  roles: readonly UnitRole[],
): Promise<{ id: string; name: string; role: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'memberships.role'])
    .where('memberships.unit_code', '=', unit)
    .where('memberships.role', 'in', roles)
    .where('users.disabled_at', 'is', null)
    .orderBy('users.name')
    .execute();
}

/** The e-mail addresses and languages of the enabled accounts holding one of these roles in a unit. */
export function mailboxesOfUnit(
  db: Executor,
  unit: string,
  roles: readonly UnitRole[],
): Promise<{ id: string; email: string; locale: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('memberships.unit_code', '=', unit)
    .where('memberships.role', 'in', roles)
    .where('users.disabled_at', 'is', null)
    .execute();
}

export async function listUsers(db: Executor): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').orderBy('email').execute();
  const memberships = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  const pending = await pendingMembershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentUser(row, memberships.get(row.id) ?? [], pending.get(row.id) ?? []));
}

/** Memberships waiting for approval, per account. */
async function pendingMembershipsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, Membership[]>> {
  const byUser = new Map<string, Membership[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('membership_requests')
    .select(['user_id', 'unit_code', 'role'])
    .where('status', '=', 'pending')
    .where('user_id', 'in', userIds)
    .orderBy('unit_code')
    .execute();
  for (const row of rows)
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), { unit: row.unit_code, role: row.role as UnitRole }]);
  return byUser;
}

export async function loadUser(db: Executor, id: string): Promise<User | undefined> {
  const row = await findUserById(db, id);
  if (!row) return undefined;
  const memberships = await membershipsOf(db, [id]);
  const pending = await pendingMembershipsOf(db, [id]);
  return presentUser(row, memberships.get(id) ?? [], pending.get(id) ?? []);
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: Locale;
  admin: boolean;
  auditor: boolean;
  /** Someone else chose the password: the account changes it before anything else. */
  mustChangePassword: boolean;
  /** ISO timestamp of creation. */
  at: string;
}

/** The row of a newly created, enabled account without two-factor. */
export function newUserRow(user: NewUser): UserTable {
  return {
    id: user.id,
    email: user.email.toLowerCase(),
    name: user.name,
    password_hash: user.passwordHash,
    locale: user.locale,
    is_admin: user.admin ? 1 : 0,
    is_auditor: user.auditor ? 1 : 0,
    disabled_at: null,
    totp_secret: null,
    totp_pending_secret: null,
    totp_last_step: null,
    password_must_change: user.mustChangePassword ? 1 : 0,
    created_at: user.at,
    updated_at: user.at,
    version: 1,
  };
}

export async function insertUser(db: Executor, row: UserTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Updates when `version` still matches; returns false on a stale version. */
export async function updateUserVersioned(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<Omit<UserTable, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'users', id, version, changes);
}

export async function replaceMemberships(db: Executor, userId: string, memberships: readonly Membership[]): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  if (memberships.length === 0) return;
  await db
    .insertInto('memberships')
    .values(memberships.map((m) => ({ user_id: userId, unit_code: m.unit, role: m.role })))
    .execute();
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', 1)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function presentUser(row: UserTable, memberships: Membership[], pendingMemberships: Membership[] = []): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale as Locale,
    admin: row.is_admin === 1,
    auditor: row.is_auditor === 1,
    disabled: row.disabled_at !== null,
    totpEnabled: row.totp_secret !== null,
    mustChangePassword: row.password_must_change === 1,
    memberships,
    pendingMemberships,
    createdAt: row.created_at,
    version: row.version,
  };
}

export function actorFrom(row: UserTable, memberships: readonly Membership[]): Actor {
  return {
    id: row.id,
    label: row.email,
    admin: row.is_admin === 1,
    auditor: row.is_auditor === 1,
    memberships: new Map(memberships.map((m) => [m.unit, m.role])),
    secondFactor: row.totp_secret !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Credential columns, written by the auth module inside its own transactions

/**
 * Spends a TOTP time step: only a step later than the last one used is accepted, in one
 * conditional update, so the same code presented twice at once passes once. `patch` may reseal
 * the key in the same statement.
 */
export async function claimTotpStep(db: Executor, userId: string, step: number, patch: { totp_secret?: string } = {}): Promise<boolean> {
  const claimed = await db
    .updateTable('users')
    .set({ totp_last_step: step, ...patch })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function setPendingTotpKey(db: Executor, userId: string, sealed: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending_secret: sealed }).where('id', '=', userId).execute();
}

/** The confirmed key replaces any earlier one; the step that confirmed it is spent. */
export async function setTotpKey(db: Executor, userId: string, sealed: string, step: number, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: sealed, totp_pending_secret: null, totp_last_step: step, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function clearTotp(db: Executor, userId: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function setUserLocale(db: Executor, userId: string, locale: Locale, at: string): Promise<void> {
  await db.updateTable('users').set({ locale, updated_at: at }).where('id', '=', userId).execute();
}
