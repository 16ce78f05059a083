import { randomUUID } from 'node:crypto';
import type { ApiToken, Membership } from '../../contracts/auth.js';
import type { Locale, UnitRole } from '../../contracts/common.js';
import type { UpdateUserBody, User } from '../../contracts/users.js';
import type { Trx } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import type { AuditActor } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { generatePassword, hashPassword, randomToken, sha256Hex } from '../../platform/crypto.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { deleteSessionsOf } from '../auth/sessions.service.js';
import { knownUnitCodes, openUnitCodes } from '../organisation/organisation.service.js';
import { fileMembershipRequests, RANK, splitGrants } from './membership-requests.service.js';
import { apiTokensOf, findApiTokenOf, insertApiToken, markApiTokenRevoked, presentApiToken } from './tokens.repository.js';
import {
  activeMembersOfUnit,
  actorFrom,
  allNamesAndEmails,
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  loadUser,
  mailboxesOfUnit,
  membershipsOf,
  namesOf,
  newUserRow,
  replaceMemberships,
  updateUserVersioned,
} from './users.repository.js';

/** The account rows sign-in, second factor, password change and first-run setup work with. */
export {
  actorFrom,
  claimTotpStep,
  clearTotp,
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  membershipsOf,
  newUserRow,
  presentUser,
  setPendingTotpKey,
  setTotpKey,
  setUserLocale,
  updateUserVersioned,
} from './users.repository.js';

export interface CreateUserInput {
  email: string;
  name: string;
  locale: Locale;
  admin: boolean;
  auditor: boolean;
  memberships: Membership[];
  password?: string | undefined;
}

/** Units must exist; a closed unit takes no new members and no wider role, though its members may stay. */
async function checkMemberships(trx: Trx, memberships: readonly Membership[], current: readonly Membership[] = []): Promise<void> {
  const seen = new Set<string>();
  for (const m of memberships) {
    if (seen.has(m.unit)) throw new AppError(400, 'duplicate_membership', { unit: m.unit });
    seen.add(m.unit);
  }
  const known = await knownUnitCodes(trx, [...seen]);
  const unknown = [...seen].find((code) => !known.has(code));
  if (unknown) throw new AppError(400, 'unknown_unit', { unit: unknown });
  const before = new Map(current.map((m) => [m.unit, m.role]));
  const widened = memberships.filter((m) => {
    const had = before.get(m.unit);
    return had === undefined || RANK[m.role] > RANK[had];
  });
  const open = await openUnitCodes(
    trx,
    widened.map((m) => m.unit),
  );
  const closed = widened.find((m) => !open.has(m.unit));
  if (closed) throw new AppError(409, 'unit_closed', { unit: closed.unit });
}

/**
 * Creates an account. Without a password, one is generated and returned once. A password the
 * account's holder did not choose (generated, or typed by an administrator) must be changed at
 * the first sign-in; only the command line, run on the server, may set one that is kept.
 */
export async function createUser(
  ctx: AppContext,
  by: AuditActor,
  input: CreateUserInput,
): Promise<{ user: User; generatedPassword: string | null }> {
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword ?? '');
  const now = ctx.now().toISOString();
  const id = randomUUID();
  const user = await auditedTransaction(ctx, by, async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw new AppError(409, 'email_taken');
    await checkMemberships(trx, input.memberships);
    await insertUser(
      trx,
      newUserRow({
        id,
        email: input.email,
        name: input.name,
        passwordHash,
        locale: input.locale,
        admin: input.admin,
        auditor: input.auditor,
        mustChangePassword: generatedPassword !== null || by.id !== null,
        at: now,
      }),
    );
    // An account signed in asks; the command line, run on the server, acts with its own authority.
    const { applied, requested } = by.id ? splitGrants([], input.memberships) : { applied: input.memberships, requested: [] };
    await replaceMemberships(trx, id, applied);
    const requests = by.id ? await fileMembershipRequests(ctx, trx, { id: by.id }, id, requested) : [];
    const created = await loadUser(trx, id);
    if (!created) throw notFound();
    return {
      result: created,
      audit: [
        {
          action: 'user.create',
          recordType: 'user',
          recordId: id,
          details: { admin: input.admin, auditor: input.auditor, memberships: applied },
        },
        ...requested.map((m, i) => membershipRequested(id, m, requests[i] as string)),
      ],
    };
  });
  return { user, generatedPassword };
}

/** Whether a change touches the account's global roles or unit memberships. */
function changesRoles(current: UserTable, memberships: readonly Membership[], input: UpdateUserBody): boolean {
  if (input.admin !== undefined && input.admin !== (current.is_admin === 1)) return true;
  if (input.auditor !== undefined && input.auditor !== (current.is_auditor === 1)) return true;
  if (!input.memberships) return false;
  const key = (list: readonly Membership[]) =>
    list
      .map((m) => `${m.unit}:${m.role}`)
      .sort()
      .join(',');
  return key(input.memberships) !== key(memberships);
}

function membershipRequested(userId: string, m: Membership, requestId: string) {
  return {
    action: 'membership.request',
    recordType: 'user',
    recordId: userId,
    details: { request: requestId, unit: m.unit, role: m.role },
  };
}

/**
 * Changes an account under optimistic concurrency: a stale `version` is a 409, never a silent
 * overwrite. Disabling revokes every session at once. Nobody changes their own roles or
 * memberships, and a membership that opens confidential content waits for a second person
 * (see membership-requests.service.ts).
 */
export async function updateUser(ctx: AppContext, by: AuditActor, id: string, input: UpdateUserBody): Promise<User> {
  return auditedTransaction(ctx, by, async (trx) => {
    const current = await findUserById(trx, id);
    if (!current) throw notFound();
    const currentMemberships = (await membershipsOf(trx, [id])).get(id) ?? [];
    if (by.id === id && changesRoles(current, currentMemberships, input)) {
      const removesOwnAdmin = input.admin === false && current.is_admin === 1;
      throw new AppError(removesOwnAdmin ? 400 : 403, removesOwnAdmin ? 'self_lockout' : 'own_roles');
    }
    const losesAdmin = current.is_admin === 1 && current.disabled_at === null && (input.admin === false || input.disabled === true);
    if (losesAdmin && by.id === id) throw new AppError(400, 'self_lockout');
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) throw new AppError(400, 'last_admin');
    if (input.memberships) await checkMemberships(trx, input.memberships, currentMemberships);

    const now = ctx.now().toISOString();
    const disabledAt = input.disabled === undefined ? current.disabled_at : input.disabled ? (current.disabled_at ?? now) : null;
    const updated = await updateUserVersioned(trx, id, input.version, {
      name: input.name ?? current.name,
      locale: input.locale ?? current.locale,
      is_admin: input.admin === undefined ? current.is_admin : input.admin ? 1 : 0,
      is_auditor: input.auditor === undefined ? current.is_auditor : input.auditor ? 1 : 0,
      disabled_at: disabledAt,
      updated_at: now,
    });
    if (!updated) throw versionConflict();
    const grants = input.memberships
      ? by.id
        ? splitGrants(currentMemberships, input.memberships)
        : { applied: input.memberships, requested: [] }
      : null;
    if (grants) await replaceMemberships(trx, id, grants.applied);
    const requests = grants && by.id ? await fileMembershipRequests(ctx, trx, { id: by.id }, id, grants.requested) : [];
    if (disabledAt) await deleteSessionsOf(trx, id);
    const user = await loadUser(trx, id);
    if (!user) throw notFound();
    const { version: _version, ...changed } = input;
    return {
      result: user,
      audit: [
        {
          action: input.disabled ? 'user.disable' : 'user.update',
          recordType: 'user',
          recordId: id,
          details: { fields: Object.keys(changed).sort() },
        },
        ...(grants?.requested ?? []).map((m, i) => membershipRequested(id, m, requests[i] as string)),
      ],
    };
  });
}

/**
 * An administrator gives an account a new generated password, returned once: the account must
 * change it at its next sign-in, and its sessions end at once. The second factor is kept, so a
 * reset never lets the administrator into an account that has one. Nobody resets their own
 * password: they change it, with the current one.
 */
export async function resetPassword(ctx: AppContext, by: AuditActor, id: string): Promise<{ user: User; generatedPassword: string }> {
  if (by.id === id) throw new AppError(403, 'own_password');
  const generatedPassword = generatePassword();
  const passwordHash = await hashPassword(generatedPassword);
  const user = await auditedTransaction(ctx, by, async (trx) => {
    const current = await findUserById(trx, id);
    if (!current) throw notFound();
    const updated = await updateUserVersioned(trx, id, current.version, {
      password_hash: passwordHash,
      password_must_change: 1,
      updated_at: ctx.now().toISOString(),
    });
    if (!updated) throw versionConflict();
    await deleteSessionsOf(trx, id);
    const presented = await loadUser(trx, id);
    if (!presented) throw notFound();
    return { result: presented, audit: { action: 'user.password_reset', recordType: 'user', recordId: id } };
  });
  return { user, generatedPassword };
}

export async function disableUserByEmail(ctx: AppContext, by: AuditActor, email: string): Promise<User> {
  const user = await findUserByEmail(ctx.database.db, email);
  if (!user) throw notFound();
  return updateUser(ctx, by, user.id, { version: user.version, disabled: true });
}

export interface NewApiToken {
  label: string;
  scope?: ApiToken['scope'] | undefined;
  /** Days until it expires; the configured maximum when absent, never more. */
  days?: number | undefined;
}

/**
 * Creates a personal API token; only its hash is stored, the token is returned once. It expires
 * (API_TOKEN_DAYS at most) and is read-only unless `write` is asked for.
 */
export async function createApiToken(
  ctx: AppContext,
  by: AuditActor,
  email: string,
  input: NewApiToken,
): Promise<{ token: string; apiToken: ApiToken }> {
  const user = await findUserByEmail(ctx.database.db, email);
  if (!user || user.disabled_at) throw notFound();
  const maxDays = ctx.config.apiTokenDays;
  if (input.days !== undefined && input.days > maxDays) throw new AppError(400, 'token_days', { max: maxDays });
  const token = `mdt_${randomToken()}`;
  const now = ctx.now();
  const row = {
    id: randomUUID(),
    user_id: user.id,
    token_hash: sha256Hex(token),
    label: input.label,
    scope: input.scope ?? 'read',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + (input.days ?? maxDays) * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  } as const;
  await auditedTransaction(ctx, by, async (trx) => {
    await insertApiToken(trx, row);
    return {
      result: undefined,
      audit: {
        action: 'token.create',
        recordType: 'api_token',
        recordId: row.id,
        details: { user: user.id, scope: row.scope, expiresAt: row.expires_at },
      },
    };
  });
  return { token, apiToken: presentApiToken(row) };
}

/** The tokens of one account, newest first (never their secret). */
export async function listApiTokens(ctx: AppContext, userId: string): Promise<ApiToken[]> {
  return (await apiTokensOf(ctx.database.db, userId)).map(presentApiToken);
}

/** Revokes one of an account's tokens at once; revoking twice changes nothing. */
export async function revokeApiToken(ctx: AppContext, by: AuditActor, userId: string, tokenId: string): Promise<void> {
  await auditedTransaction(ctx, by, async (trx) => {
    const row = await findApiTokenOf(trx, userId, tokenId);
    if (!row) throw notFound();
    if (row.revoked_at === null) await markApiTokenRevoked(trx, tokenId, ctx.now().toISOString());
    return { result: undefined, audit: { action: 'token.revoke', recordType: 'api_token', recordId: tokenId, details: { user: userId } } };
  });
}

/** The account an operator acts as on the command line, with its rights; disabled accounts act as nobody. */
export async function actorByEmail(ctx: AppContext, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.database.db, email.toLowerCase());
  if (!user || user.disabled_at) throw new AppError(404, 'not_found');
  const memberships = (await membershipsOf(ctx.database.db, [user.id])).get(user.id) ?? [];
  return actorFrom(user, memberships);
}

/** The names of these accounts, in name order; other modules show who acted through it. */
export function userNames(ctx: AppContext, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return namesOf(ctx.database.db, [...new Set(ids)]);
}

/** Every account's name and e-mail address, in name order: who the audit log may be filtered by. */
export function accountDirectory(ctx: AppContext): Promise<{ id: string; name: string; email: string }[]> {
  return allNamesAndEmails(ctx.database.db);
}

/** Where to write to the enabled accounts holding these roles in a unit, and in which language (notifications). */
export function mailboxesOf(ctx: AppContext, unit: string, roles: readonly UnitRole[]) {
  return mailboxesOfUnit(ctx.database.db, unit, roles);
}

/** The enabled officers and managers of a unit, in name order: who may work on its records. */
export function activeOfficersAndManagers(ctx: AppContext, unit: string): Promise<{ id: string; name: string; role: string }[]> {
  return activeMembersOfUnit(ctx.database.db, unit, ['officer', 'manager']);
}
