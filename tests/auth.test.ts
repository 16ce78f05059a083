import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LoginThrottle } from '../src/modules/auth/login-throttle.js';
import { issueSetupToken } from '../src/modules/auth/setup.service.js';
import { createApiToken } from '../src/modules/users/users.service.js';
import { buildUser, countRows, createTestApp, sessionCookie, signIn, TEST_PASSWORD, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const json = { 'content-type': 'application/json' };

describe.each(DIALECTS)('authentication (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => t?.close());

  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

  describe('first-run setup', () => {
    const body = (token: string) => ({ token, email: 'Admin@Minusma.test', name: 'Première Admin', password: 'une phrase de passe sûre' });

    test('a one-time token creates the first administrator, then never again', async () => {
      expect((await t.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needed: true });
      const token = await issueSetupToken(t.ctx);
      expect(token).toBeTruthy();

      const wrong = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body('x'.repeat(43)) });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('setup_token_invalid');

      const ok = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body(token ?? '') });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ email: 'admin@minusma.test', admin: true, auditor: false, memberships: [] });
      expect((await me({ cookie: sessionCookie(ok) })).statusCode).toBe(200);

      const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body(token ?? '') });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('setup_done');
      expect((await t.app.inject({ url: '/api/setup/status' })).json()).toEqual({ needed: false });
      expect(await issueSetupToken(t.ctx)).toBeNull();
    });

    test('an expired token is refused and creates nothing', async () => {
      const token = await issueSetupToken(t.ctx);
      t.ctx.advance((t.ctx.config.setupTokenMinutes + 1) * 60_000);
      const response = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body(token ?? '') });
      expect(response.statusCode).toBe(400);
      expect(await countRows(t.ctx, 'users')).toBe(0);
    });

    test('issuing a new token retires the previous one', async () => {
      const first = await issueSetupToken(t.ctx);
      await issueSetupToken(t.ctx);
      const response = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body(first ?? '') });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('sign-in', () => {
    test('sets a hardened session cookie and returns the account with a CSRF token', async () => {
      const user = await buildUser(t.ctx, { memberships: [{ unit: 'CPU', role: 'officer' }], secondFactor: false });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      const raw = String(response.headers['set-cookie']);
      expect(raw).toMatch(/HttpOnly/);
      expect(raw).toMatch(/Secure/);
      expect(raw).toMatch(/SameSite=Strict/);
      expect(response.json()).toMatchObject({ email: user.email, memberships: [{ unit: 'CPU', role: 'officer' }] });
      expect(response.json().csrfToken).toMatch(/^[\w-]{43}$/);
    });

    test('unknown account, wrong password and disabled account are indistinguishable', async () => {
      const user = await buildUser(t.ctx);
      const disabled = await buildUser(t.ctx);
      await t.ctx.database.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', disabled.id).execute();
      const attempts = [
        { email: 'nobody@minusma.test', password: TEST_PASSWORD },
        { email: user.email, password: 'wrong password!' },
        { email: disabled.email, password: TEST_PASSWORD },
      ];
      const answers = [];
      for (const payload of attempts) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
        answers.push({ status: response.statusCode, body: response.body });
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]?.status).toBe(401);
      const denied = await t.ctx.database.db
        .selectFrom('audit_log')
        .select(['reason'])
        .where('action', '=', 'auth.login')
        .where('decision', '=', 'deny')
        .execute();
      expect(denied.map((d) => d.reason).sort()).toEqual(['disabled', 'unknown_account', 'wrong_password']);
    });

    test('guessing is throttled per address and account, without locking the victim out elsewhere', async () => {
      await t.close();
      t = await createTestApp(dialect, new LoginThrottle({ windowMs: 60_000, perPair: 3, perAddress: 10 }));
      const victim = await buildUser(t.ctx);
      const attack = (remoteAddress: string, password = 'guess guess guess') =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email: victim.email, password } });
      for (let i = 0; i < 3; i++) expect((await attack('10.9.9.9')).statusCode).toBe(401);
      const blocked = await attack('10.9.9.9', TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(blocked.json().code).toBe('rate_limited');
      // The same answer for an account that does not exist: no enumeration through throttling.
      for (let i = 0; i < 3; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.9.9.9',
          payload: { email: 'ghost@minusma.test', password: 'x' },
        });
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '10.9.9.9',
            payload: { email: 'ghost@minusma.test', password: 'x' },
          })
        ).statusCode,
      ).toBe(429);
      // The victim, from their own address, still signs in.
      expect((await attack('10.1.1.1', TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    test('sign-out revokes the session on the server', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers })).statusCode).toBe(204);
      expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
      expect(await countRows(t.ctx, 'sessions')).toBe(0);
    });

    test('expire after the idle timeout', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      t.ctx.advance((t.ctx.config.sessionIdleMinutes - 1) * 60_000);
      expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
      t.ctx.advance((t.ctx.config.sessionIdleMinutes + 1) * 60_000);
      expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
    });

    test('expire at the absolute limit even when kept busy', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const steps = Math.ceil((t.ctx.config.sessionMaxHours * 60) / 20) + 1;
      const statuses: number[] = [];
      for (let i = 0; i < steps; i++) {
        t.ctx.advance(20 * 60_000);
        statuses.push((await me({ cookie: session.cookie })).statusCode);
      }
      expect(statuses[0]).toBe(200);
      expect(statuses.at(-1)).toBe(401);
    });

    test('a password change revokes every other session and issues a new one', async () => {
      const user = await buildUser(t.ctx);
      const laptop = await signIn(t.app, user.email);
      const phone = await signIn(t.app, user.email);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: laptop.headers,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
      });
      expect(response.statusCode).toBe(200);
      expect((await me({ cookie: phone.cookie })).statusCode).toBe(401);
      expect((await me({ cookie: laptop.cookie })).statusCode).toBe(401);
      expect((await me({ cookie: sessionCookie(response) })).statusCode).toBe(200);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } }))
          .statusCode,
      ).toBe(401);
    });

    test('a wrong current password changes nothing', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: session.headers,
        payload: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('wrong_password');
      expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
    });

    test('disabling an account revokes its sessions at once', async () => {
      const admin = await buildUser(t.ctx, { admin: true });
      const user = await buildUser(t.ctx);
      const adminSession = await signIn(t.app, admin.email);
      const userSession = await signIn(t.app, user.email);
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: adminSession.headers,
        payload: { version: user.version, disabled: true },
      });
      expect(response.statusCode).toBe(200);
      expect((await me({ cookie: userSession.cookie })).statusCode).toBe(401);
    });
  });

  describe('CSRF', () => {
    test('cookie-authenticated writes need the session’s token; reads do not', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const patch = (headers: Record<string, string>) =>
        t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { ...headers, ...json }, payload: { locale: 'en' } });
      const missing = await patch({ cookie: session.cookie });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().code).toBe('csrf');
      expect((await patch({ cookie: session.cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(403);
      const other = await signIn(t.app, user.email);
      expect((await patch({ cookie: session.cookie, 'x-csrf-token': other.csrf })).statusCode).toBe(403);
      expect((await me({ cookie: session.cookie })).json().locale).toBe('fr');
      expect((await patch(session.headers)).json().locale).toBe('en');
    });

    test('personal API tokens authenticate without cookies or CSRF', async () => {
      const user = await buildUser(t.ctx);
      const { token } = await createApiToken(t.ctx, { id: null, label: 'test' }, user.email, { label: 'script', scope: 'write' });
      const stored = await t.ctx.database.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token);
      const headers = { authorization: `Bearer ${token}` };
      expect((await me(headers)).json().email).toBe(user.email);
      const write = await t.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers: { ...headers, ...json },
        payload: { locale: 'en' },
      });
      expect(write.statusCode).toBe(200);
      expect((await me({ authorization: 'Bearer mdt_forged' })).statusCode).toBe(401);
    });
  });

  describe('two-factor (TOTP)', () => {
    test('enabled with a confirmed code, then required at sign-in; a code works once', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const setup = await t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/setup',
        headers: session.headers,
        payload: { password: TEST_PASSWORD },
      });
      const { secret, uri } = setup.json() as { secret: string; uri: string };
      expect(uri).toMatch(/^otpauth:\/\/totp\/Mandat:/);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), issuer: 'Mandat', label: user.email });

      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/enable',
        headers: session.headers,
        payload: { code: '000000' === totp.generate() ? '111111' : '000000' },
      });
      expect(bad.statusCode).toBe(400);
      const enabled = await t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/enable',
        headers: session.headers,
        payload: { code: totp.generate() },
      });
      expect(enabled.json().totpEnabled).toBe(true);
      // The key is sealed at rest: the column holds a ciphertext bound to the account, never the key.
      const stored = await t.ctx.database.db
        .selectFrom('users')
        .select(['totp_secret', 'totp_pending_secret'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(stored.totp_secret).toMatch(/^v1:/);
      expect(stored.totp_secret).not.toContain(secret);
      expect(stored.totp_pending_secret).toBeNull();

      const login = (extra: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD, ...extra } });
      const missing = await login();
      expect(missing.statusCode).toBe(401);
      expect(missing.json().code).toBe('totp_required');
      // The enabling code's time step is spent: a fresh code from the next step signs in.
      t.ctx.advance(30_000);
      const code = totp.generate({ timestamp: t.ctx.now().getTime() });
      expect((await login({ totp: code })).statusCode).toBe(200);
      const replay = await login({ totp: code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('totp_invalid');
    });

    test('a key stored in clear before sealing existed still works, and is sealed at the next sign-in', async () => {
      const user = await buildUser(t.ctx);
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      await t.ctx.database.db.updateTable('users').set({ totp_secret: secret }).where('id', '=', user.id).execute();
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), issuer: 'Mandat', label: user.email });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD, totp: totp.generate({ timestamp: t.ctx.now().getTime() }) },
      });
      expect(response.statusCode).toBe(200);
      const stored = await t.ctx.database.db.selectFrom('users').select('totp_secret').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(stored.totp_secret).toMatch(/^v1:/);
      expect(stored.totp_secret).not.toContain(secret);
    });
  });
});
