import { randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Me } from '../../contracts/auth.js';
import type { Locale } from '../../contracts/common.js';
import type { Trx } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { burnPasswordCheck, hashPassword, randomToken, sha256Hex, verifyPassword } from '../../platform/crypto.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import type { Authenticated } from '../../platform/http.js';
import { type Keyring, keyringFor } from '../../platform/keyring.js';
import { closedUnitCodes } from '../organisation/organisation.service.js';
import {
  actorFrom,
  claimTotpStep,
  clearTotp,
  findUserByEmail,
  findUserById,
  membershipsOf,
  presentUser,
  setPendingTotpKey,
  setTotpKey,
  setUserLocale,
  updateUserVersioned,
} from '../users/users.service.js';
import { deleteRecoveryCodes, replaceRecoveryCodeRows, spendRecoveryCode } from './auth.repository.js';
import { authCache, authVersion } from './auth-cache.js';
import type { LoginThrottle } from './login-throttle.js';
import { mayOfAccount, mustEnrolSecondFactor } from './me.policy.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  findApiToken,
  findSession,
  insertSession,
  touchApiToken,
  touchSession,
} from './sessions.repository.js';

/**
 * Records when a credential was last used without making the request wait for it: a write waits
 * for SQLite's one writer, which an import may hold for minutes, while reads go on beside it. The
 * time is advisory (idle expiry, the token list); if the write fails, the previous time stays,
 * which only brings the idle expiry nearer.
 */
function recordUse(write: Promise<void>): void {
  write.catch(() => undefined);
}

export interface NewSession {
  token: string;
  me: Me;
}

const TOTP_PERIOD_SECONDS = 30;

/** Resolves a session cookie to its user, enforcing idle and absolute expiry. */
export async function authenticateSession(ctx: AppContext, token: string): Promise<Authenticated | null> {
  const db = ctx.database.db;
  const tokenHash = sha256Hex(token);
  const cache = authCache(ctx);
  const key = `session:${tokenHash}`;
  // Read before the session, so that an entry is never older than the version it is kept under.
  const version = await authVersion(ctx);
  const now = ctx.now();
  const hit = cache.get(key, version, now);
  if (hit?.expiresAt && hit.lastSeenAt && !sessionExpired(ctx, now, hit.expiresAt, hit.lastSeenAt)) return hit.auth;
  cache.delete(key);
  const session = await findSession(db, tokenHash);
  if (!session) return null;
  if (sessionExpired(ctx, now, session.expires_at, session.last_seen_at)) {
    await deleteSession(db, tokenHash);
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled_at) return null;
  let lastSeenAt = session.last_seen_at;
  // Writing on every request would serialise reads behind the database's write lock.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    lastSeenAt = now.toISOString();
    recordUse(touchSession(db, tokenHash, lastSeenAt));
  }
  const memberships = (await membershipsOf(db, [user.id])).get(user.id) ?? [];
  const auth = {
    actor: actorFrom(user, memberships),
    user,
    session: { tokenHash, csrfToken: session.csrf_token },
    credentialsVersion: version,
  };
  cache.set(key, version, now, { auth, expiresAt: session.expires_at, lastSeenAt });
  return auth;
}

function sessionExpired(ctx: AppContext, now: Date, expiresAt: string, lastSeenAt: string): boolean {
  const idleLimit = new Date(lastSeenAt).getTime() + ctx.config.sessionIdleMinutes * 60_000;
  return now.toISOString() >= expiresAt || now.getTime() >= idleLimit;
}

/**
 * Resolves a personal API token (`Authorization: Bearer …`). An expired or revoked token is
 * refused. A token proves no second factor, so its actor never reads content that requires one.
 */
export async function authenticateBearer(ctx: AppContext, token: string): Promise<Authenticated | null> {
  const db = ctx.database.db;
  const tokenHash = sha256Hex(token);
  const cache = authCache(ctx);
  const key = `token:${tokenHash}`;
  const version = await authVersion(ctx);
  const now = ctx.now();
  const hit = cache.get(key, version, now);
  if (hit) {
    if (hit.expiresAt === null || hit.expiresAt <= now.toISOString()) throw new AppError(401, 'token_expired');
    return hit.auth;
  }
  const row = await findApiToken(db, tokenHash);
  if (!row || row.revoked_at) return null;
  if (row.expires_at === null || row.expires_at <= now.toISOString()) throw new AppError(401, 'token_expired');
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled_at) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    recordUse(touchApiToken(db, row.id, now.toISOString()));
  }
  const memberships = (await membershipsOf(db, [user.id])).get(user.id) ?? [];
  const actor = { ...actorFrom(user, memberships), secondFactor: false, viaToken: true };
  const auth = { actor, user, session: null, token: { id: row.id, scope: row.scope }, credentialsVersion: version };
  cache.set(key, version, now, { auth, expiresAt: row.expires_at });
  return auth;
}

export async function presentMe(ctx: AppContext, userId: string, csrfToken: string | null): Promise<Me> {
  const db = ctx.database.db;
  const user = await findUserById(db, userId);
  if (!user) throw new AppError(401, 'unauthenticated');
  const memberships = (await membershipsOf(db, [userId])).get(userId) ?? [];
  const { id, email, name, locale, admin, auditor, totpEnabled, mustChangePassword } = presentUser(user, memberships);
  const may = mayOfAccount(actorFrom(user, memberships), await closedUnitCodes(db));
  return {
    id,
    email,
    name,
    locale,
    admin,
    auditor,
    totpEnabled,
    mustChangePassword,
    mustEnrolSecondFactor: mustEnrolSecondFactor(may, totpEnabled),
    memberships,
    csrfToken,
    may,
  };
}

/** Opens a session for a user inside a transaction the caller audits. */
export async function openSession(ctx: AppContext, userId: string, trx = ctx.database.db): Promise<{ token: string; csrfToken: string }> {
  const now = ctx.now();
  const token = randomToken();
  const csrfToken = randomToken();
  await insertSession(trx, {
    token_hash: sha256Hex(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000).toISOString(),
  });
  return { token, csrfToken };
}

interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

/**
 * Signs in. Unknown account, disabled account and wrong password all answer the same message
 * after the same work, so the response reveals nothing about which accounts exist. The attempt
 * is reserved before the password is hashed (see LoginThrottle), so parallel guesses meet the
 * limit too.
 */
export async function login(
  ctx: AppContext,
  throttle: LoginThrottle,
  input: LoginInput,
  address: string,
  /** The session the browser already held, if any: a sign-in replaces it, never keeps it. */
  previousSession: string | null = null,
): Promise<NewSession> {
  const db = ctx.database.db;
  const email = input.email.toLowerCase();
  const reservation = await throttle.reserve(db, ctx.database.dialect, ctx.now(), address, email);
  if (reservation.wait > 0) {
    await recordAudit(ctx, { id: null, label: email }, { action: 'auth.login', decision: 'deny', reason: 'rate_limited' });
    throw new AppError(429, 'rate_limited', { seconds: reservation.wait }, { 'retry-after': String(reservation.wait) });
  }
  const user = await findUserByEmail(db, email);
  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.password_hash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await recordAudit(
      ctx,
      { id: user?.id ?? null, label: email },
      {
        action: 'auth.login',
        decision: 'deny',
        reason: !user ? 'unknown_account' : user.disabled_at ? 'disabled' : 'wrong_password',
      },
    );
    throw new AppError(401, 'invalid_credentials');
  }
  let secondFactor: 'totp' | 'recovery_code' | null = null;
  if (user.totp_secret) {
    if (!input.totp && !input.recoveryCode) {
      // The password was right: asking for the code is a step of the sign-in, not a failure.
      await throttle.release(db, reservation);
      throw new AppError(401, 'totp_required');
    }
    secondFactor = await proveSecondFactor(ctx, user, { totp: input.totp, recoveryCode: input.recoveryCode });
    if (!secondFactor) {
      await recordAudit(ctx, { id: user.id, label: email }, { action: 'auth.login', decision: 'deny', reason: 'totp_invalid' });
      throw new AppError(401, 'totp_invalid');
    }
  }
  await throttle.succeeded(db, reservation, address, email);
  const memberships = (await membershipsOf(db, [user.id])).get(user.id) ?? [];
  const actor = actorFrom(user, memberships);
  const { token, csrfToken } = await auditedTransaction(ctx, actor, async (trx) => {
    // Expired sessions and old attempts go as people sign in: no process needs a timer for it.
    await deleteExpiredSessions(trx, ctx.now().toISOString());
    if (previousSession) await deleteSession(trx, previousSession);
    return {
      result: await openSession(ctx, user.id, trx),
      audit: { action: 'auth.login', recordType: 'user', recordId: user.id, ...(secondFactor ? { details: { secondFactor } } : {}) },
    };
  });
  await throttle.prune(db, ctx.now());
  return { token, me: await presentMe(ctx, user.id, csrfToken) };
}

/**
 * Checks a current TOTP code or a one-time recovery code. Both are spent by one conditional
 * update, so the same code presented twice at once opens at most one session: a TOTP time step
 * is accepted only if it is later than the last one used, a recovery code only while unused.
 */
async function proveSecondFactor(
  ctx: AppContext,
  user: UserTable,
  proof: { totp?: string | undefined; recoveryCode?: string | undefined },
): Promise<'totp' | 'recovery_code' | null> {
  if (!user.totp_secret) return null;
  const db = ctx.database.db;
  if (proof.totp) {
    const keyring = await keyringFor(ctx);
    const secret = openTotpKey(keyring, user.id, 'totp_secret', user.totp_secret);
    const step = matchTotp(secret, user.email, proof.totp, ctx.now());
    if (step === null) return null;
    // A key stored before keys were sealed is sealed now.
    const reseal = isSealed(user.totp_secret) ? {} : { totp_secret: sealTotpKey(keyring, user.id, 'totp_secret', secret) };
    return (await claimTotpStep(db, user.id, step, reseal)) ? 'totp' : null;
  }
  if (proof.recoveryCode) {
    return (await spendRecoveryCode(db, user.id, recoveryCodeHash(proof.recoveryCode), ctx.now().toISOString())) ? 'recovery_code' : null;
  }
  return null;
}

export async function logout(ctx: AppContext, auth: Authenticated): Promise<void> {
  const session = auth.session;
  await auditedTransaction(ctx, auth.actor, async (trx) => {
    if (session) await deleteSession(trx, session.tokenHash);
    return { result: undefined, audit: { action: 'auth.logout', recordType: 'user', recordId: auth.user.id } };
  });
}

export async function setLocale(ctx: AppContext, auth: Authenticated, locale: Locale): Promise<Me> {
  await auditedTransaction(ctx, auth.actor, async (trx) => {
    await setUserLocale(trx, auth.user.id, locale, ctx.now().toISOString());
    return { result: undefined, audit: { action: 'user.locale', recordType: 'user', recordId: auth.user.id, details: { locale } } };
  });
  return presentMe(ctx, auth.user.id, auth.session?.csrfToken ?? null);
}

/**
 * Changes the password and revokes every other session; the current one is replaced too. A
 * password someone else chose (`password_must_change`) is changed for a different one, or the
 * person who chose it would still know it; the change clears the flag.
 */
export async function changePassword(
  ctx: AppContext,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
): Promise<NewSession> {
  if (!(await verifyPassword(auth.user.password_hash, input.currentPassword))) {
    await recordAudit(ctx, auth.actor, {
      action: 'auth.password',
      decision: 'deny',
      reason: 'wrong_password',
      recordType: 'user',
      recordId: auth.user.id,
    });
    throw new AppError(400, 'wrong_password');
  }
  const forced = auth.user.password_must_change === 1;
  if (forced && input.newPassword === input.currentPassword) throw new AppError(400, 'password_unchanged');
  const passwordHash = await hashPassword(input.newPassword);
  const session = await auditedTransaction(ctx, auth.actor, async (trx) => {
    const updated = await updateUserVersioned(trx, auth.user.id, auth.user.version, {
      password_hash: passwordHash,
      password_must_change: 0,
      updated_at: ctx.now().toISOString(),
    });
    if (!updated) throw versionConflict();
    await deleteSessionsOf(trx, auth.user.id);
    return {
      result: await openSession(ctx, auth.user.id, trx),
      audit: { action: 'auth.password', recordType: 'user', recordId: auth.user.id, ...(forced ? { details: { required: true } } : {}) },
    };
  });
  return { token: session.token, me: await presentMe(ctx, auth.user.id, session.csrfToken) };
}

/**
 * TOTP keys are sealed with the keyring like identities (bound to the account and the column):
 * a copy of the database alone cannot generate codes. A key stored before sealing existed is
 * read as it is (base32 never starts with `v1:`) and sealed at the next sign-in.
 */
function isSealed(stored: string): boolean {
  return stored.startsWith('v1:');
}

function openTotpKey(keyring: Keyring, userId: string, field: 'totp_secret' | 'totp_pending_secret', stored: string): string {
  return isSealed(stored) ? keyring.decrypt(stored, { recordId: userId, field }) : stored;
}

export function sealTotpKey(keyring: Keyring, userId: string, field: 'totp_secret' | 'totp_pending_secret', secret: string): string {
  return keyring.encrypt(secret, { recordId: userId, field });
}

function totpFor(secret: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Mandat',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step a code belongs to (±1 step of clock drift), or null. */
export function matchTotp(secret: string, email: string, code: string, now: Date): number | null {
  const delta = totpFor(secret, email).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** What proves it is the account's holder asking: the password, and the second factor once enrolled. */
export interface IdentityProof {
  password: string;
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/**
 * Asks the holder of a signed-in session to prove again who they are before the second factor
 * is replaced or removed: a stolen session alone must not be able to take the account over.
 * Counted by the sign-in throttle, so a session cannot be used to guess the password either.
 */
async function confirmIdentity(
  ctx: AppContext,
  throttle: LoginThrottle,
  auth: Authenticated,
  address: string,
  proof: IdentityProof,
  action: string,
): Promise<void> {
  const db = ctx.database.db;
  const email = auth.user.email;
  const deny = async (reason: string) =>
    recordAudit(ctx, auth.actor, { action, decision: 'deny', reason, recordType: 'user', recordId: auth.user.id });
  const reservation = await throttle.reserve(db, ctx.database.dialect, ctx.now(), address, email);
  if (reservation.wait > 0) {
    await deny('rate_limited');
    throw new AppError(429, 'rate_limited', { seconds: reservation.wait }, { 'retry-after': String(reservation.wait) });
  }
  if (!(await verifyPassword(auth.user.password_hash, proof.password))) {
    await deny('wrong_password');
    throw new AppError(400, 'wrong_password');
  }
  const user = await findUserById(db, auth.user.id);
  if (user?.totp_secret) {
    if (!proof.code && !proof.recoveryCode) {
      await throttle.release(db, reservation);
      throw new AppError(400, 'second_factor_proof');
    }
    if (!(await proveSecondFactor(ctx, user, { totp: proof.code, recoveryCode: proof.recoveryCode }))) {
      await deny('totp_invalid');
      throw new AppError(400, 'totp_invalid');
    }
  }
  await throttle.succeeded(db, reservation, address, email);
}

/**
 * Generates a pending TOTP key; it takes effect once a code from it is confirmed. Its URI is drawn
 * here as a QR code (SVG), so that no outside service ever sees the key.
 */
export async function startTotp(
  ctx: AppContext,
  throttle: LoginThrottle,
  auth: Authenticated,
  address: string,
  proof: IdentityProof,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  await confirmIdentity(ctx, throttle, auth, address, proof, 'auth.totp.start');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const sealed = sealTotpKey(await keyringFor(ctx), auth.user.id, 'totp_pending_secret', secret);
  await auditedTransaction(ctx, auth.actor, async (trx) => {
    await setPendingTotpKey(trx, auth.user.id, sealed);
    return { result: undefined, audit: { action: 'auth.totp.start', recordType: 'user', recordId: auth.user.id } };
  });
  const uri = totpFor(secret, auth.user.email).toString();
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

/** An otpauth URI as a QR code: an SVG document of paths, without script, style or link. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

const RECOVERY_CODES = 10;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A one-time recovery code: 24 base32 characters (120 bits) in groups of four. At 112 bits or
 * more a code cannot be guessed offline, so a plain SHA-256 of it may be stored (ASVS 6.5.2).
 */
function newRecoveryCode(): string {
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b) => BASE32[b % 32]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** Codes are compared without case, spaces or dashes; only their hash is stored. */
function recoveryCodeHash(code: string): string {
  return sha256Hex(code.toUpperCase().replace(/[^A-Z2-7]/g, ''));
}

async function replaceRecoveryCodes(ctx: AppContext, trx: Trx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  const at = ctx.now().toISOString();
  await replaceRecoveryCodeRows(
    trx,
    userId,
    codes.map((code) => ({ id: randomUUID(), user_id: userId, code_hash: recoveryCodeHash(code), created_at: at, used_at: null })),
  );
  return codes;
}

/**
 * Confirms the pending key with a code from it. It replaces any earlier key (whose holder proved
 * themselves when the pending key was made), gives new recovery codes, shown this once, and ends
 * every session of the account: the caller continues in a new one.
 */
export async function enableTotp(
  ctx: AppContext,
  auth: Authenticated,
  code: string,
): Promise<{ token: string; me: Me & { recoveryCodes: string[] } }> {
  const current = await findUserById(ctx.database.db, auth.user.id);
  if (!current?.totp_pending_secret) throw new AppError(400, 'totp_not_pending');
  const keyring = await keyringFor(ctx);
  const pending = openTotpKey(keyring, auth.user.id, 'totp_pending_secret', current.totp_pending_secret);
  const step = matchTotp(pending, auth.user.email, code, ctx.now());
  if (step === null) throw new AppError(400, 'totp_invalid');
  const recoveryCodes = await auditedTransaction(ctx, auth.actor, async (trx) => {
    await setTotpKey(trx, auth.user.id, sealTotpKey(keyring, auth.user.id, 'totp_secret', pending), step, ctx.now().toISOString());
    await deleteSessionsOf(trx, auth.user.id);
    return {
      result: { codes: await replaceRecoveryCodes(ctx, trx, auth.user.id), session: await openSession(ctx, auth.user.id, trx) },
      audit: { action: 'auth.totp.enable', recordType: 'user', recordId: auth.user.id },
    };
  });
  const me = await presentMe(ctx, auth.user.id, recoveryCodes.session.csrfToken);
  return { token: recoveryCodes.session.token, me: { ...me, recoveryCodes: recoveryCodes.codes } };
}

/** New recovery codes (the old ones stop working), with the same proof as re-enrolment. */
export async function renewRecoveryCodes(
  ctx: AppContext,
  throttle: LoginThrottle,
  auth: Authenticated,
  address: string,
  proof: IdentityProof,
): Promise<{ recoveryCodes: string[] }> {
  if (!auth.user.totp_secret) throw new AppError(400, 'totp_not_enabled');
  await confirmIdentity(ctx, throttle, auth, address, proof, 'auth.recovery_codes');
  const recoveryCodes = await auditedTransaction(ctx, auth.actor, async (trx) => ({
    result: await replaceRecoveryCodes(ctx, trx, auth.user.id),
    audit: { action: 'auth.recovery_codes', recordType: 'user', recordId: auth.user.id },
  }));
  return { recoveryCodes };
}

/** Turns the second factor off (the password and a current code or a recovery code); the caller continues in a new session. */
export async function disableTotp(
  ctx: AppContext,
  throttle: LoginThrottle,
  auth: Authenticated,
  address: string,
  proof: IdentityProof,
): Promise<NewSession> {
  await confirmIdentity(ctx, throttle, auth, address, proof, 'auth.totp.disable');
  const session = await auditedTransaction(ctx, auth.actor, async (trx) => {
    await clearTotp(trx, auth.user.id, ctx.now().toISOString());
    await deleteRecoveryCodes(trx, auth.user.id);
    await deleteSessionsOf(trx, auth.user.id);
    return {
      result: await openSession(ctx, auth.user.id, trx),
      audit: { action: 'auth.totp.disable', recordType: 'user', recordId: auth.user.id },
    };
  });
  return { token: session.token, me: await presentMe(ctx, auth.user.id, session.csrfToken) };
}
