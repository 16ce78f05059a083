import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { createApiToken, disableUserByEmail, revokeApiToken, updateUser } from '../src/modules/users/users.service.js';
import { CREDENTIAL_ACTIONS, credentialsVersion } from '../src/platform/credentials.js';
import { buildUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './helpers/app.js';
import { DIALECTS, openTestContext, type TestContext } from './helpers/db.js';

/**
 * Who a credential stands for is kept a few seconds (src/modules/auth/auth-cache.ts), and never
 * past a change to it: every write that changes it is refused or seen by the very next request,
 * whether made in this process or by another one on the same database (here a second context
 * with connections of its own, as a `mandat` command would have).
 */
describe.each(DIALECTS)('authentication kept in memory (%s)', (dialect) => {
  let t: TestApp;
  let other: TestContext;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    // Another process: its own connections and its own cache, the same database and keys.
    other = await openTestContext(t.ctx.config.databaseUrl, { keyFile: t.ctx.config.keyFile });
  });
  afterEach(async () => {
    await other?.close();
    await t?.close();
  });

  const admin = { id: null, label: 'test' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/auth/me', headers });

  const tokenOf = (email: string) => createApiToken(t.ctx, admin, email, { label: 'cache', scope: 'write' });

  test('a request after the first is answered from memory until the time to live has passed', async () => {
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] });
    const { token } = await tokenOf(user.email);
    expect((await authenticateBearer(t.ctx, token))?.actor.memberships.get('FORCE')).toBe('viewer');
    // A write behind the application's back (no audit entry): not seen while the entry lives…
    await t.ctx.database.db.updateTable('memberships').set({ role: 'manager' }).where('user_id', '=', user.id).execute();
    expect((await authenticateBearer(t.ctx, token))?.actor.memberships.get('FORCE')).toBe('viewer');
    // …and seen once it has expired.
    t.ctx.advance(6_000);
    expect((await authenticateBearer(t.ctx, token))?.actor.memberships.get('FORCE')).toBe('manager');
  });

  for (const where of ['this process', 'another process'] as const) {
    const writer = () => (where === 'this process' ? t.ctx : other);
    /**
     * The answer to a request after the change: at once, except for another process's change on
     * PostgreSQL, seen once its notification has arrived (polled; tests/auth-cache-signal.test.ts).
     */
    const answers = async (request: () => Promise<{ statusCode: number }>, status: number) => {
      if (where === 'another process' && dialect === 'postgres') await expect.poll(async () => (await request()).statusCode).toBe(status);
      else expect((await request()).statusCode).toBe(status);
    };

    test(`a revoked token is refused at once (${where})`, async () => {
      const user = await buildUser(t.ctx);
      const { token, apiToken } = await tokenOf(user.email);
      expect((await me(bearer(token))).statusCode).toBe(200);
      expect((await me(bearer(token))).statusCode).toBe(200);
      await revokeApiToken(writer(), admin, user.id, apiToken.id);
      await answers(() => me(bearer(token)), 401);
    });

    test(`a disabled account is refused at once, by token and by session (${where})`, async () => {
      const user = await buildUser(t.ctx);
      const { token } = await tokenOf(user.email);
      const session = await signIn(t.app, user.email);
      expect((await me(bearer(token))).statusCode).toBe(200);
      expect((await me(session.headers)).statusCode).toBe(200);
      await disableUserByEmail(writer(), admin, user.email);
      await answers(() => me(bearer(token)), 401);
      await answers(() => me(session.headers), 401);
    });

    test(`a change of role or membership holds from the next request (${where})`, async () => {
      await buildUser(t.ctx, { admin: true });
      const user = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] });
      const { token } = await tokenOf(user.email);
      const users = () => t.app.inject({ url: '/api/users', headers: bearer(token) });
      expect((await users()).statusCode).toBe(403);
      expect((await authenticateBearer(t.ctx, token))?.actor.memberships.get('FORCE')).toBe('viewer');
      await updateUser(writer(), admin, user.id, { version: user.version, admin: true, memberships: [{ unit: 'FORCE', role: 'manager' }] });
      await answers(users, 200);
      expect((await authenticateBearer(t.ctx, token))?.actor.memberships.get('FORCE')).toBe('manager');
      await updateUser(writer(), admin, user.id, { version: user.version + 1, admin: false });
      await answers(users, 403);
    });
  }

  // PostgreSQL sees a change only through the commit signal, which a write behind the
  // application's back does not send (tests/auth-cache-signal.test.ts; the entries' time to live
  // bounds it).
  test.runIf(dialect === 'sqlite')('the version is read again after a commit by any connection', async () => {
    const version = await credentialsVersion(t.ctx.database);
    expect(await credentialsVersion(t.ctx.database)).toBe(version);
    // Written by another process, behind the application's back: seen at the next read.
    await other.database.db.updateTable('credentials_version').set({ version: 'moved-elsewhere' }).where('id', '=', 1).execute();
    expect(await credentialsVersion(t.ctx.database)).toBe('moved-elsewhere');
    // Written by this process's own writer connection: seen too.
    await t.ctx.database.db.updateTable('credentials_version').set({ version: 'moved-here' }).where('id', '=', 1).execute();
    expect(await credentialsVersion(t.ctx.database)).toBe('moved-here');
    // The row is read only when `PRAGMA data_version` moved.
    expect(t.ctx.database.dataVersion).not.toBeNull();
  });

  test('signing out ends the session at once', async () => {
    const user = await buildUser(t.ctx);
    const session = await signIn(t.app, user.email);
    expect((await me(session.headers)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBeLessThan(300);
    expect((await me(session.headers)).statusCode).toBe(401);
  });

  test('a password change ends the other sessions at once', async () => {
    const user = await buildUser(t.ctx);
    const first = await signIn(t.app, user.email);
    const second = await signIn(t.app, user.email);
    expect((await me(first.headers)).statusCode).toBe(200);
    expect((await me(second.headers)).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: second.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'une toute nouvelle phrase de passe' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(first.headers)).statusCode).toBe(401);
    expect((await me(second.headers)).statusCode).toBe(401);
  });

  test('an expired token and an idle session are refused', async () => {
    const user = await buildUser(t.ctx);
    const { token } = await createApiToken(t.ctx, admin, user.email, { label: 'short', days: 1 });
    const session = await signIn(t.app, user.email);
    expect((await me(bearer(token))).statusCode).toBe(200);
    expect((await me(session.headers)).statusCode).toBe(200);
    t.ctx.advance(24 * 3_600_000);
    expect((await me(bearer(token))).statusCode).toBe(401);
    expect((await me(session.headers)).statusCode).toBe(401);
  });
});

/** Recorded by the code, and changing no session or token in use (a new one is never kept yet). */
const CHANGE_NOTHING_IN_USE = [
  'auth.totp.start',
  'auth.recovery_codes',
  'token.create',
  'user.create',
  'membership.request',
  'setup.complete',
  'setup.token.issue',
];

test('every audited action on accounts and credentials is either listed as changing them or known not to', () => {
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const recorded = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(join('src', file), 'utf8').matchAll(/action: '((?:auth|user|token|membership|setup)\.[a-z_.]+)'/g)) {
      recorded.add(match[1] as string);
    }
  }
  // Recorded as `membership.${decision}`.
  recorded.add('membership.approve').add('membership.reject');
  const listed = new Set<string>([...CREDENTIAL_ACTIONS, ...CHANGE_NOTHING_IN_USE, 'membership.reject']);
  expect([...recorded].filter((action) => !listed.has(action))).toEqual([]);
  expect(recorded.size).toBeGreaterThan(10);
});
