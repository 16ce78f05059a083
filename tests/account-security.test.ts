import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LoginThrottle } from '../src/modules/auth/login-throttle.js';
import { createApiToken } from '../src/modules/users/users.service.js';
import { buildUser, createTestApp, type Session, sessionCookie, signIn, TEST_PASSWORD, type TestApp, totpCode } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { humanRightsCase } from './helpers/protection.js';

/**
 * Sign-in limits and the second factor under concurrency, second-factor changes that need proof,
 * and personal API tokens that expire, carry a scope and never open second-factor content.
 */
describe.each(DIALECTS)('account security (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, new LoginThrottle({ windowMs: 60_000, perPair: 5, perAddress: 50 }));
  });
  afterEach(async () => t?.close());

  const login = (payload: object, ip = '10.0.0.7') => t.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: ip });

  test('20 wrong passwords sent at once for one account from one address: exactly 5 are evaluated', async () => {
    const user = await buildUser(t.ctx);
    const answers = await Promise.all(Array.from({ length: 20 }, () => login({ email: user.email, password: 'wrong password' })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // The limit holds for the right password too, from that address, and not from another.
    expect((await login({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    expect((await login({ email: user.email, password: TEST_PASSWORD }, '10.0.0.8')).statusCode).toBe(200);
  });

  test('one fresh TOTP code sent twice at once opens one session', async () => {
    const user = await buildUser(t.ctx, { secondFactor: true });
    const code = await totpCode(user.email);
    const answers = await Promise.all([1, 2, 3].map(() => login({ email: user.email, password: TEST_PASSWORD, totp: code })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401]);
    expect(answers.filter((a) => a.statusCode === 401).every((a) => a.json().code === 'totp_invalid')).toBe(true);
  });

  test('signing in again ends the session the browser held before', async () => {
    const user = await buildUser(t.ctx);
    const first = await signIn(t.app, user.email);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: first.headers,
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
  });

  test('expired sessions are pruned as people sign in', async () => {
    const user = await buildUser(t.ctx);
    await signIn(t.app, user.email);
    t.ctx.advance((t.ctx.config.sessionMaxHours + 1) * 3_600_000);
    await signIn(t.app, user.email);
    const sessions = await t.ctx.database.db.selectFrom('sessions').select('expires_at').execute();
    expect(sessions).toHaveLength(1);
    expect((sessions[0]?.expires_at ?? '') > t.ctx.now().toISOString()).toBe(true);
  });

  describe('the second factor', () => {
    async function enrol(session: Session, email: string, proof: object = { password: TEST_PASSWORD }) {
      const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: session.headers, payload: proof });
      expect(setup.statusCode, setup.body).toBe(200);
      const totp = new OTPAuth.TOTP({ issuer: 'Mandat', label: email, secret: OTPAuth.Secret.fromBase32(setup.json().secret) });
      const enabled = await t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/enable',
        headers: session.headers,
        payload: { code: totp.generate({ timestamp: t.ctx.now().getTime() }) },
      });
      expect(enabled.statusCode, enabled.body).toBe(200);
      // The session that proved itself continues under a new token; the old one is over.
      expect((await t.app.inject({ url: '/api/auth/me', headers: session.headers })).statusCode).toBe(401);
      const cookie = sessionCookie(enabled);
      session.cookie = cookie;
      session.headers = { cookie, 'x-csrf-token': enabled.json().csrfToken };
      return { totp, recoveryCodes: enabled.json().recoveryCodes as string[] };
    }

    test('cannot be replaced or removed with a session alone; the password and a current code or a recovery code are required', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const { totp, recoveryCodes } = await enrol(session, user.email);
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const stored = await t.ctx.database.db.selectFrom('recovery_codes').select('code_hash').execute();
      expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

      const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: session.headers, payload });
      for (const url of ['/api/auth/totp/setup', '/api/auth/totp/disable']) {
        expect((await post(url, {})).statusCode).toBe(400);
        const noCode = await post(url, { password: TEST_PASSWORD });
        expect(noCode.statusCode).toBe(400);
        expect(noCode.json().code).toBe('second_factor_proof');
        const wrongPassword = await post(url, { password: 'not the password', code: totp.generate({ timestamp: t.ctx.now().getTime() }) });
        expect(wrongPassword.json().code).toBe('wrong_password');
      }
      const pending = await t.ctx.database.db
        .selectFrom('users')
        .select('totp_pending_secret')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(pending.totp_pending_secret).toBeNull();

      // A recovery code works once, then re-enrolment with it succeeds.
      t.ctx.advance(30_000);
      const removed = await post('/api/auth/totp/disable', { password: TEST_PASSWORD, recoveryCode: recoveryCodes[0] });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().totpEnabled).toBe(false);
      session.headers = { cookie: sessionCookie(removed), 'x-csrf-token': removed.json().csrfToken };
      const again = await enrol(session, user.email);
      t.ctx.advance(30_000);
      const replaced = await post('/api/auth/totp/setup', {
        password: TEST_PASSWORD,
        code: again.totp.generate({ timestamp: t.ctx.now().getTime() }),
      });
      expect(replaced.statusCode).toBe(200);
    });

    test('a recovery code signs in once, instead of a code', async () => {
      const user = await buildUser(t.ctx);
      const session = await signIn(t.app, user.email);
      const { recoveryCodes } = await enrol(session, user.email);
      const code = (recoveryCodes[3] as string).toLowerCase().replaceAll('-', ' ');
      expect((await login({ email: user.email, password: TEST_PASSWORD, recoveryCode: code })).statusCode).toBe(200);
      const reused = await login({ email: user.email, password: TEST_PASSWORD, recoveryCode: code });
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('totp_invalid');
    });
  });

  describe('personal API tokens', () => {
    test('expire, carry a scope, and never open content that requires a second factor', async () => {
      const manager = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] });
      const session = await signIn(t.app, manager.email);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/protection/cases',
        headers: session.headers,
        payload: humanRightsCase(),
      });
      const ref = created.json().ref as string;

      const read = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: session.headers, payload: { label: 'rapport' } });
      expect(read.statusCode).toBe(201);
      expect(read.json().apiToken).toMatchObject({ label: 'rapport', scope: 'read', revokedAt: null });
      const days = (new Date(read.json().apiToken.expiresAt).getTime() - t.ctx.now().getTime()) / 86_400_000;
      expect(Math.round(days)).toBe(90);
      const bearer = { authorization: `Bearer ${read.json().token}` };

      expect((await t.app.inject({ url: '/api/incidents', headers: bearer })).statusCode).toBe(200);
      for (const url of ['/api/protection/cases', `/api/protection/cases/${ref}`]) {
        const refused = await t.app.inject({ url, headers: { ...bearer, 'accept-language': 'fr' } });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().code).toBe('second_factor_token');
        expect(refused.json().detail).toContain('jeton');
      }
      const write = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: bearer, payload: { locale: 'en' } });
      expect(write.statusCode).toBe(403);
      expect(write.json().code).toBe('token_read_only');
      // A token cannot manage tokens or the second factor, even with write scope.
      const { token: writer } = await createApiToken(t.ctx, { id: null, label: 'test' }, manager.email, { label: 'w', scope: 'write' });
      const more = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { authorization: `Bearer ${writer}` },
        payload: { label: 'x' },
      });
      expect(more.json().code).toBe('session_required');

      const tooLong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: session.headers,
        payload: { label: 'x', days: 400 },
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().code).toBe('token_days');

      t.ctx.advance(91 * 86_400_000);
      const expired = await t.app.inject({ url: '/api/incidents', headers: bearer });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('token_expired');
    });

    test('are listed to their owner and administrators, and revoked there', async () => {
      const owner = await buildUser(t.ctx);
      const admin = await buildUser(t.ctx, { admin: true });
      const ownerSession = await signIn(t.app, owner.email);
      const adminSession = await signIn(t.app, admin.email);
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: ownerSession.headers,
        payload: { label: 'a', scope: 'write' },
      });
      const { token, apiToken } = made.json();
      const mine = await t.app.inject({ url: '/api/auth/tokens', headers: ownerSession.headers });
      expect(mine.json().tokens).toEqual([apiToken]);
      expect(JSON.stringify(mine.json())).not.toContain(token);
      const listed = await t.app.inject({ url: `/api/users/${owner.id}/tokens`, headers: adminSession.headers });
      expect(listed.json().tokens.map((x: { id: string }) => x.id)).toEqual([apiToken.id]);
      expect((await t.app.inject({ url: `/api/users/${owner.id}/tokens`, headers: ownerSession.headers })).statusCode).toBe(403);

      const bearer = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/api/users/${owner.id}/tokens/${apiToken.id}`,
        headers: adminSession.headers,
      });
      expect(revoked.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
      // Someone else's token id answers as missing.
      const other = await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${apiToken.id}`, headers: adminSession.headers });
      expect(other.statusCode).toBe(404);
    });
  });
});
