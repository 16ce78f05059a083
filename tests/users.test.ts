import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('accounts administration (%s)', (dialect) => {
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

  const post = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: payload as object });
  const patch = (id: string, payload: unknown, session = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: session.headers, payload: payload as object });

  test('an administrator creates an account whose generated password is shown once and works', async () => {
    const response = await post({
      email: 'Aminata.Traore@minusma.test',
      name: 'Aminata Traoré',
      memberships: [
        { unit: 'UNPOL', role: 'officer' },
        { unit: 'CIVIL', role: 'viewer' },
      ],
    });
    expect(response.statusCode).toBe(201);
    const { user, generatedPassword } = response.json();
    expect(user).toMatchObject({ email: 'aminata.traore@minusma.test', name: 'Aminata Traoré', admin: false, disabled: false, version: 1 });
    expect(user.memberships).toEqual([
      { unit: 'CIVIL', role: 'viewer' },
      { unit: 'UNPOL', role: 'officer' },
    ]);
    expect(generatedPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    const stored = await t.ctx.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(generatedPassword);
    const session = await signIn(t.app, user.email, generatedPassword);
    expect(session.csrf).toBeTruthy();

    const list = await t.app.inject({ url: '/api/users', headers: admin.headers });
    expect(list.json().users.map((u: { email: string }) => u.email)).toContain('aminata.traore@minusma.test');
    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('record_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(adminId);
    expect(entry.details).not.toContain(generatedPassword);
  });

  test('an e-mail address is used once', async () => {
    await post({ email: 'dup@minusma.test', name: 'A' });
    const again = await post({ email: 'DUP@minusma.test', name: 'B' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('email_taken');
  });

  test('a unit listed twice is refused', async () => {
    const response = await post({
      email: 'x@minusma.test',
      name: 'X',
      memberships: [
        { unit: 'CPU', role: 'viewer' },
        { unit: 'CPU', role: 'manager' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('duplicate_membership');
    expect(await countRows(t.ctx, 'users')).toBe(1);
  });

  test('a stale version is a 409 and the first change stands', async () => {
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'CIVIL', role: 'viewer' }] });
    const first = await patch(user.id, { version: user.version, memberships: [{ unit: 'CIVIL', role: 'manager' }] });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(user.version + 1);
    const second = await patch(user.id, { version: user.version, name: 'Overwritten' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
    const current = (await t.app.inject({ url: '/api/users', headers: admin.headers }))
      .json()
      .users.find((u: { id: string }) => u.id === user.id);
    expect(current).toMatchObject({ name: user.name, memberships: [{ unit: 'CIVIL', role: 'manager' }] });
  });

  test('an administrator cannot lock themselves out, nor remove the last administrator', async () => {
    const self = await patch(adminId, { version: 1, disabled: true });
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('self_lockout');
    const second = await buildUser(t.ctx, { admin: true });
    const secondSession = await signIn(t.app, second.email);
    expect((await patch(adminId, { version: 1, admin: false }, secondSession)).statusCode).toBe(200);
    const last = await patch(second.id, { version: second.version, disabled: true }, secondSession);
    expect(last.json().code).toBe('self_lockout');
  });

  test('a missing account is a 404', async () => {
    const response = await patch('00000000-0000-4000-8000-000000000000', { version: 1, name: 'X' });
    expect(response.statusCode).toBe(404);
  });

  test('members, auditors and officers cannot manage accounts', async () => {
    for (const overrides of [{ memberships: [{ unit: 'HRPD', role: 'manager' as const }] }, { auditor: true }]) {
      const user = await buildUser(t.ctx, overrides);
      const session = await signIn(t.app, user.email);
      expect((await t.app.inject({ url: '/api/users', headers: session.headers })).statusCode).toBe(403);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: session.headers,
        payload: { email: 'z@minusma.test', name: 'Z', admin: true },
      });
      expect(response.statusCode).toBe(403);
    }
    expect(await countRows(t.ctx, 'users')).toBe(3);
  });
});
