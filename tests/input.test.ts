import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/** Bad input: a clear problem+json in the requester's language, never a 500, nothing written. */
describe.each(DIALECTS)('bad input (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { admin: true });
    admin = await signIn(t.app, user.email);
  });
  afterAll(async () => t?.close());

  async function unchanged<T>(work: () => Promise<T>): Promise<T> {
    const before = {
      users: await countRows(t.ctx, 'users'),
      audit: await countRows(t.ctx, 'audit_log'),
      memberships: await countRows(t.ctx, 'memberships'),
    };
    const result = await work();
    const after = {
      users: await countRows(t.ctx, 'users'),
      audit: await countRows(t.ctx, 'audit_log'),
      memberships: await countRows(t.ctx, 'memberships'),
    };
    expect(after).toEqual(before);
    return result;
  }

  const createUser = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const valid = { email: 'agent@minusma.test', name: 'Agent', memberships: [{ unit: 'HRPD', role: 'viewer' }] };

  test.each([
    ['role', { ...valid, role: 'manager' }],
    ['id', { ...valid, id: '00000000-0000-0000-0000-000000000000' }],
    ['owner', { ...valid, owner: 'x' }],
    ['nested unknown', { ...valid, memberships: [{ unit: 'HRPD', role: 'viewer', admin: true }] }],
  ])('an unknown field (%s) is rejected and nothing is written', async (_name, payload) => {
    const response = await unchanged(() => createUser(payload));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('validation');
    expect(response.json().errors[0].message).toMatch(/^Champ non autorisé/);
  });

  test('a prototype-poisoning body is refused by the parser itself', async () => {
    const response = await unchanged(() => createUser(`{"email":"agent@minusma.test","name":"Agent","__proto__":{"admin":true}}`));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('malformed_json');
  });

  test('field errors name the field, in French by default and in English on request', async () => {
    const fr = await unchanged(() => createUser({ email: 'pas-une-adresse', name: '' }));
    expect(fr.json()).toMatchObject({
      status: 400,
      title: 'La requête contient des données invalides.',
      errors: expect.arrayContaining([
        { path: 'email', message: 'Adresse e-mail invalide.' },
        { path: 'name', message: 'Champ obligatoire.' },
      ]),
    });
    const en = await unchanged(() =>
      createUser(
        { email: 'not-an-address', name: 'A', memberships: [{ unit: 'HRPD', role: 'boss' }] },
        { 'accept-language': 'en-GB,en;q=0.9' },
      ),
    );
    expect(en.headers['content-language']).toBe('en');
    expect(en.json().title).toBe('The request contains invalid data.');
    expect(en.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'Invalid e-mail address.' },
        { path: 'memberships.0.role', message: 'Value not allowed. Allowed values: viewer, operator, officer, manager.' },
      ]),
    );
  });

  test('the account’s own language applies when the request names none', async () => {
    const english = await buildUser(t.ctx, { locale: 'en', admin: true });
    const session = await signIn(t.app, english.email);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...session.headers, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.json().title).toBe('The request contains invalid data.');
  });

  test('malformed JSON is a 400, not a 500', async () => {
    const response = await unchanged(() => createUser('{"email": "a@b.c", '));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('malformed_json');
  });

  test('an unsupported content type is a 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const response = await unchanged(() => createUser('email=a', { 'content-type': type }));
      expect(response.statusCode, type).toBe(415);
      expect(response.json().code).toBe('unsupported_media_type');
    }
  });

  test('an oversized body is a 413', async () => {
    const response = await unchanged(() => createUser({ ...valid, name: 'x'.repeat(t.ctx.config.bodyLimit + 1) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  test('a business-rule refusal writes nothing, not even half a user', async () => {
    const response = await unchanged(() =>
      createUser({
        ...valid,
        memberships: [
          { unit: 'HRPD', role: 'viewer' },
          { unit: 'NOPE', role: 'viewer' },
        ],
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'unknown_unit', detail: 'Unité inconnue : NOPE.' });
  });

  test('odd values never produce a 500 or a stack trace', async () => {
    const payloads: unknown[] = [
      null,
      [],
      42,
      'text',
      true,
      { email: null },
      { email: ['a'] },
      { name: { $gt: '' } },
      { memberships: 'HRPD' },
      { email: 'a@b.c'.repeat(100) },
      { locale: 'de' },
      { admin: 'yes' },
    ];
    for (const payload of payloads) {
      const response = await unchanged(() => createUser(JSON.stringify(payload)));
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const params = await t.app.inject({
      method: 'PATCH',
      url: '/api/users/not-a-uuid',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: { version: 1 },
    });
    expect(params.statusCode).toBe(400);
    const query = await t.app.inject({ url: '/api/audit?limit=abc&before=-1&x=1', headers: admin.headers });
    expect(query.statusCode).toBe(400);
  });

  test('unknown API paths are problem+json 404s', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', title: 'Not found.' });
  });

  test('security headers are set on every response', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ status: 'ok', database: dialect, version: expect.any(String) });
  });
});
