import { randomUUID } from 'node:crypto';
import type { Membership } from '../../contracts/auth.js';
import type { Locale } from '../../contracts/common.js';
import type { UpdateUserBody, User } from '../../contracts/users.js';
import type { Trx } from '../../db/database.js';
import type { AuditActor } from '../../platform/audit.js';
import { generatePassword, hashPassword, randomToken, sha256Hex } from '../../platform/crypto.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { type AppContext, auditedTransaction } from '../../server/context.js';
import { deleteSessionsOf } from '../auth/sessions.repository.js';
import { existingUnitCodes } from '../organisation/organisation.repository.js';
import {
  actorFrom,
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  loadUser,
  membershipsOf,
  newUserRow,
  replaceMemberships,
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

async function checkMemberships(trx: Trx, memberships: readonly Membership[]): Promise<void> {
  const seen = new Set<string>();
  for (const m of memberships) {
    if (seen.has(m.unit)) throw new AppError(400, 'duplicate_membership', { unit: m.unit });
    seen.add(m.unit);
  }
  const known = await existingUnitCodes(trx, [...seen]);
  const unknown = [...seen].find((code) => !known.has(code));
  if (unknown) throw new AppError(400, 'unknown_unit', { unit: unknown });
}

/** Creates an account. Without a password, one is generated and returned once. */
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
        at: now,
      }),
    );
    await replaceMemberships(trx, id, input.memberships);
    const created = await loadUser(trx, id);
    if (!created) throw notFound();
    return {
      result: created,
      audit: {
        action: 'user.create',
        recordType: 'user',
        recordId: id,
        details: { admin: input.admin, auditor: input.auditor, memberships: input.memberships },
      },
    };
  });
  return { user, generatedPassword };
}

/**
 * Changes an account under optimistic concurrency: a stale `version` is a 409, never a silent
 * overwrite. Disabling revokes every session at once.
 */
export async function updateUser(ctx: AppContext, by: AuditActor, id: string, input: UpdateUserBody): Promise<User> {
  return auditedTransaction(ctx, by, async (trx) => {
    const current = await findUserById(trx, id);
    if (!current) throw notFound();
    const losesAdmin = current.is_admin === 1 && current.disabled_at === null && (input.admin === false || input.disabled === true);
    if (losesAdmin && by.id === id) throw new AppError(400, 'self_lockout');
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) throw new AppError(400, 'last_admin');
    if (input.memberships) await checkMemberships(trx, input.memberships);

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
    if (input.memberships) await replaceMemberships(trx, id, input.memberships);
    if (disabledAt) await deleteSessionsOf(trx, id);
    const user = await loadUser(trx, id);
    if (!user) throw notFound();
    const { version: _version, ...changed } = input;
    return {
      result: user,
      audit: {
        action: input.disabled ? 'user.disable' : 'user.update',
        recordType: 'user',
        recordId: id,
        details: { fields: Object.keys(changed).sort() },
      },
    };
  });
}

export async function disableUserByEmail(ctx: AppContext, by: AuditActor, email: string): Promise<User> {
  const user = await findUserByEmail(ctx.database.db, email);
  if (!user) throw notFound();
  return updateUser(ctx, by, user.id, { version: user.version, disabled: true });
}

/** Creates a personal API token; only its hash is stored, the token is returned once. */
export async function createApiToken(ctx: AppContext, by: AuditActor, email: string, label: string): Promise<string> {
  const user = await findUserByEmail(ctx.database.db, email);
  if (!user || user.disabled_at) throw notFound();
  const token = `mdt_${randomToken()}`;
  const id = randomUUID();
  await auditedTransaction(ctx, by, async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: user.id,
        token_hash: sha256Hex(token),
        label,
        created_at: ctx.now().toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { result: undefined, audit: { action: 'token.create', recordType: 'api_token', recordId: id, details: { user: user.id } } };
  });
  return token;
}

/** The account an operator acts as on the command line, with its rights; disabled accounts act as nobody. */
export async function actorByEmail(ctx: AppContext, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.database.db, email.toLowerCase());
  if (!user || user.disabled_at) throw new AppError(404, 'not_found');
  const memberships = (await membershipsOf(ctx.database.db, [user.id])).get(user.id) ?? [];
  return actorFrom(user, memberships);
}
