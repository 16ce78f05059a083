import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Me } from '../src/contracts/auth.js';
import { sha256Hex } from '../src/platform/crypto.js';
import { buildUser, createTestApp, type Session, sessionCookie, signIn, TEST_PASSWORD, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * What an account meets at its first sign-in. A password someone else chose (generated at
 * creation, by a reset, or typed by an administrator) is changed before anything else: until
 * then every other route answers 403 `password_change_required`, in French and in English. An
 * account that may use the protection or hotline pages and has no second factor is told to enrol
 * one (`mustEnrolSecondFactor`); the key comes with its otpauth URI drawn as a QR code by the
 * server, and the first code gives recovery codes once.
 */
describe.each(DIALECTS)('first sign-in (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { admin: true });
    adminId = user.id;
    admin = await signIn(t.app, user.email);
  });
  afterEach(async () => t?.close());

  const me = async (session: Session) => (await t.app.inject({ url: '/api/auth/me', headers: session.headers })).json() as Me;
  const changePassword = (session: Session, currentPassword: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session.headers, payload: { currentPassword, newPassword } });
  const createAccount = async (payload: object) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { user: { id: string; email: string; mustChangePassword: boolean }; generatedPassword: string | null };
  };

  test('a generated password opens only its change, sign-out and the account; refusals are clear in French and English', async () => {
    const { user, generatedPassword } = await createAccount({
      email: 'awa.maiga@minusma.test',
      name: 'Awa Maïga',
      memberships: [{ unit: 'FORCE', role: 'officer' }],
    });
    expect(user.mustChangePassword).toBe(true);
    const session = await signIn(t.app, user.email, generatedPassword ?? '');
    expect(await me(session)).toMatchObject({ mustChangePassword: true, mustEnrolSecondFactor: false });

    for (const [method, url] of [
      ['GET', '/api/incidents'],
      ['GET', '/api/units'],
      ['GET', '/api/auth/tokens'],
      ['POST', '/api/auth/totp/setup'],
      ['GET', '/api/sections/FORCE'],
    ] as const) {
      const refused = await t.app.inject({
        method,
        url,
        headers: session.headers,
        ...(method === 'POST' ? { payload: { password: generatedPassword } } : {}),
      });
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('password_change_required');
    }
    const french = await t.app.inject({ url: '/api/incidents', headers: { ...session.headers, 'accept-language': 'fr' } });
    expect(french.json().detail ?? french.json().title).toContain('Votre mot de passe a été choisi par quelqu’un d’autre');
    const english = await t.app.inject({ url: '/api/incidents', headers: { ...session.headers, 'accept-language': 'en' } });
    expect(english.json().detail ?? english.json().title).toContain('Your password was chosen by someone else');

    // The account itself stays open: reading it and its language.
    const language = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: session.headers, payload: { locale: 'en' } });
    expect(language.statusCode).toBe(200);

    // The rules of a change hold, and the password given cannot be kept.
    expect((await changePassword(session, generatedPassword ?? '', 'short')).statusCode).toBe(400);
    expect((await changePassword(session, 'not the password at all', 'a brand new passphrase')).json().code).toBe('wrong_password');
    const same = await changePassword(session, generatedPassword ?? '', generatedPassword ?? '');
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('password_unchanged');

    const changed = await changePassword(session, generatedPassword ?? '', 'a brand new passphrase');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().mustChangePassword).toBe(false);
    const cookie = sessionCookie(changed);
    const after = { cookie, csrf: changed.json().csrfToken, headers: { cookie, 'x-csrf-token': changed.json().csrfToken } };
    expect((await t.app.inject({ url: '/api/incidents', headers: after.headers })).statusCode).toBe(200);
    expect((await me(after)).mustChangePassword).toBe(false);
    const list = (await t.app.inject({ url: '/api/users', headers: admin.headers })).json().users;
    expect(list.find((u: { id: string }) => u.id === user.id).mustChangePassword).toBe(false);

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'decision', 'details'])
      .where('record_id', '=', user.id)
      .where('action', '=', 'auth.password')
      .execute();
    expect(audit.filter((entry) => entry.decision === 'allow')).toHaveLength(1);
    expect(audit.find((entry) => entry.decision === 'allow')?.details).toContain('required');
    for (const entry of audit) expect(entry.details ?? '').not.toContain(generatedPassword);
  });

  test('a password typed by an administrator is changed too; the command line may set one that is kept', async () => {
    const typed = await createAccount({ email: 'typed@minusma.test', name: 'Typed', password: 'chosen by the administrator' });
    expect(typed.user.mustChangePassword).toBe(true);
    const session = await signIn(t.app, typed.user.email, 'chosen by the administrator');
    expect((await t.app.inject({ url: '/api/incidents', headers: session.headers })).json().code).toBe('password_change_required');
    // buildUser creates accounts as the command line does, without an account acting.
    const own = await buildUser(t.ctx);
    expect((await me(await signIn(t.app, own.email))).mustChangePassword).toBe(false);
  });

  test('an API token of such an account opens nothing either', async () => {
    const user = await buildUser(t.ctx);
    const session = await signIn(t.app, user.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: session.headers,
      payload: { label: 'script', scope: 'read' },
    });
    const token = created.json().token as string;
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/password`, headers: admin.headers });
    expect(reset.statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/api/incidents', headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('password_change_required');
    const meByToken = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(meByToken.json().mustChangePassword).toBe(true);
  });

  test('a reset gives a generated password once, ends the sessions, keeps the second factor, and is audited', async () => {
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'officer' }] });
    const before = await signIn(t.app, user.email);
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/password`, headers: admin.headers });
    expect(reset.statusCode, reset.body).toBe(200);
    const { generatedPassword, user: presented } = reset.json() as { generatedPassword: string; user: { mustChangePassword: boolean } };
    expect(generatedPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect(presented.mustChangePassword).toBe(true);
    expect((await t.app.inject({ url: '/api/auth/me', headers: before.headers })).statusCode).toBe(401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(old.json().code).toBe('invalid_credentials');
    // The second factor is untouched: the new password alone does not sign in.
    const noCode = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: generatedPassword },
    });
    expect(noCode.json().code).toBe('totp_required');
    const session = await signIn(t.app, user.email, generatedPassword);
    expect(await me(session)).toMatchObject({ mustChangePassword: true, totpEnabled: true, mustEnrolSecondFactor: false });

    const own = await t.app.inject({ method: 'POST', url: `/api/users/${adminId}/password`, headers: admin.headers });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_password');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/users/00000000-0000-4000-8000-000000000000/password',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
    const member = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/password`, headers: member.headers })).statusCode).toBe(403);

    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.password_reset')
      .where('record_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(adminId);
    expect(entry.details ?? '').not.toContain(generatedPassword);
  });

  test('who must enrol a second factor: the accounts the protection and hotline routes would refuse without one', async () => {
    const cases = [
      { memberships: [{ unit: 'HRPD', role: 'operator' as const }], must: true },
      { memberships: [{ unit: 'CDT', role: 'officer' as const }], must: true },
      { memberships: [{ unit: 'HRPD', role: 'viewer' as const }], must: false },
      { memberships: [{ unit: 'FORCE', role: 'manager' as const }], must: false },
    ];
    for (const { memberships, must } of cases) {
      const user = await buildUser(t.ctx, { memberships, secondFactor: false });
      const account = await me(await signIn(t.app, user.email));
      expect(account.mustEnrolSecondFactor, JSON.stringify(memberships)).toBe(must);
      expect(account.mustEnrolSecondFactor).toBe(
        !account.totpEnabled && (account.may.useProtection || account.may.useHotline || account.may.useDdr),
      );
    }
    const enrolled = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'operator' }] });
    expect((await me(await signIn(t.app, enrolled.email))).mustEnrolSecondFactor).toBe(false);
  });

  test('enrolment: the QR code holds the otpauth URI and nothing outside; recovery codes come once, stored hashed', async () => {
    const user = await buildUser(t.ctx, {
      email: 'oumar.toure@minusma.test',
      memberships: [{ unit: 'HRPD', role: 'operator' }],
      secondFactor: false,
    });
    let session = await signIn(t.app, user.email);
    expect((await me(session)).mustEnrolSecondFactor).toBe(true);

    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/setup',
      headers: session.headers,
      payload: { password: TEST_PASSWORD },
    });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, uri, qrSvg } = setup.json() as { secret: string; uri: string; qrSvg: string };
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.host).toBe('totp');
    expect(decodeURIComponent(parsed.pathname)).toBe('/Mandat:oumar.toure@minusma.test');
    expect(parsed.searchParams.get('issuer')).toBe('Mandat');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    // The QR code is that URI, drawn by the server: the same drawing as the URI's own.
    expect(qrSvg).toBe(await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
    expect(qrSvg.startsWith('<svg')).toBe(true);
    // Nothing in it is fetched from anywhere: no link, no script, no style, no address but the SVG namespace.
    expect(qrSvg).not.toMatch(/href|<script|<style|<image|<foreignObject|url\(/i);
    expect(qrSvg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|\/\//);

    const code = new OTPAuth.TOTP({ issuer: 'Mandat', label: user.email, secret: OTPAuth.Secret.fromBase32(secret) }).generate({
      timestamp: t.ctx.now().getTime(),
    });
    const enabled = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: session.headers, payload: { code } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const { recoveryCodes, mustEnrolSecondFactor } = enabled.json() as { recoveryCodes: string[]; mustEnrolSecondFactor: boolean };
    expect(mustEnrolSecondFactor).toBe(false);
    expect(recoveryCodes).toHaveLength(10);
    const cookie = sessionCookie(enabled);
    session = { cookie, csrf: enabled.json().csrfToken, headers: { cookie, 'x-csrf-token': enabled.json().csrfToken } };

    // Never again: not with the account, not by confirming once more.
    const account = await t.app.inject({ url: '/api/auth/me', headers: session.headers });
    expect(account.json().mustEnrolSecondFactor).toBe(false);
    for (const recovery of recoveryCodes) expect(account.body).not.toContain(recovery);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: session.headers, payload: { code } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('totp_not_pending');
    expect(again.body).not.toContain(recoveryCodes[0]);

    // Stored as hashes only.
    const rows = await t.ctx.database.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(10);
    const hashes = new Set(rows.map((row) => row.code_hash));
    for (const recovery of recoveryCodes) {
      expect(hashes.has(sha256Hex(recovery.replace(/-/g, '')))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(recovery.replace(/-/g, ''));
    }
  });
});
