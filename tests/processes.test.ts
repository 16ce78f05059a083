import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrations } from '../src/db/migrations/index.js';
import { rotateDataKey } from '../src/platform/keyring.js';
import { buildUser, TEST_PASSWORD, totpCode } from './helpers/app.js';
import { createTestDatabase, DIALECTS, openTestContext, type TestContext, type TestDatabase } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { requireBuild, type ServerProcess, startServerProcess } from './helpers/process.js';
import { humanRightsCase } from './helpers/protection.js';

const MENAKA_CERCLE = 'MLI-ADM2-8926073B7794266';

interface HttpSession {
  headers: Record<string, string>;
}

/**
 * Two `mandat serve` processes on one PostgreSQL behave as one: started together on an empty
 * database, sessions, sign-in limits, second-factor replay, alerts and key rotation.
 */
requireBuild();
describe.runIf(DIALECTS.includes('postgres'))('two server processes on one PostgreSQL', () => {
  let target: TestDatabase;
  let ctx: TestContext;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    const keyFile = join(mkdtempSync(join(tmpdir(), 'mandat-keys-')), 'master.keys');
    // Both start at once on an empty schema: migrations and reference data must run once.
    [a, b] = await Promise.all([startServerProcess(target.url, keyFile), startServerProcess(target.url, keyFile)]);
    ctx = await openTestContext(target.url, { keyFile });
  }, 120_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await once(server.child, 'exit');
      }
    }
    await ctx?.close();
    await target?.drop();
  });

  const call = (server: ServerProcess, path: string, init: { method?: string; headers?: Record<string, string>; body?: object } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });

  async function signInAt(server: ServerProcess, email: string): Promise<HttpSession> {
    const totp = await totpCode(email);
    const response = await call(server, '/api/auth/login', {
      method: 'POST',
      body: { email, password: TEST_PASSWORD, ...(totp ? { totp } : {}) },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { headers: { cookie, 'x-csrf-token': csrfToken } };
  }

  test('started together on an empty database, they ran each migration once and both serve', async () => {
    const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(ctx.database.db);
    expect(rows.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations('postgres')).sort());
    for (const server of [a, b]) expect((await call(server, '/api/sections/FORCE')).status).toBe(200);
  });

  test('a session opened on one is honoured by the other, and signing out on either ends it', async () => {
    const user = await buildUser(ctx);
    const session = await signInAt(a, user.email);
    expect((await call(b, '/api/auth/me', { headers: session.headers })).status).toBe(200);
    expect((await call(b, '/api/auth/logout', { method: 'POST', headers: session.headers })).status).toBe(204);
    expect((await call(a, '/api/auth/me', { headers: session.headers })).status).toBe(401);
  });

  test('wrong passwords sent at once to both processes meet one limit', async () => {
    const user = await buildUser(ctx);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? a : b, '/api/auth/login', { method: 'POST', body: { email: user.email, password: 'wrong' } }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  test('one TOTP code sent to both processes at once opens one session', async () => {
    const user = await buildUser(ctx, { secondFactor: true });
    const totp = await totpCode(user.email);
    const answers = await Promise.all(
      [a, b, a, b].map((server) =>
        call(server, '/api/auth/login', { method: 'POST', body: { email: user.email, password: TEST_PASSWORD, totp } }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
  });

  test('two incidents submitted at once through both processes raise one alert', async () => {
    const manager = await signInAt(a, (await buildUser(ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
    const officer = await signInAt(b, (await buildUser(ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    const rule = {
      unit: 'FORCE',
      name: 'Attaques à Ménaka',
      kind: 'threshold',
      eventType: 'violence_against_civilians',
      area: MENAKA_CERCLE,
      threshold: 2,
      windowDays: 7,
    };
    expect((await call(a, '/api/alert-rules', { method: 'POST', headers: manager.headers, body: rule })).status).toBe(201);
    expect(
      (await call(a, '/api/alert-subscriptions/FORCE', { method: 'PUT', headers: manager.headers, body: { areas: ['ML-9'] } })).status,
    ).toBe(200);
    const drafts = [];
    // The same day: whichever is counted second sees the other within the rule's window.
    for (const title of ['Première attaque', 'Seconde attaque']) {
      const draft = await call(b, '/api/incidents', {
        method: 'POST',
        headers: officer.headers,
        body: incidentInput({ occurredOn: '2020-08-02', title }),
      });
      expect(draft.status).toBe(201);
      drafts.push((await draft.json()) as { ref: string; version: number });
    }
    const submitted = await Promise.all(
      drafts.map((d, i) =>
        call(i ? a : b, `/api/incidents/${d.ref}/transitions`, {
          method: 'POST',
          headers: officer.headers,
          body: { action: 'submit', version: d.version },
        }),
      ),
    );
    expect(submitted.map((r) => r.status)).toEqual([200, 200]);
    const alerts = (await (await call(a, '/api/alerts', { headers: manager.headers })).json()) as { alerts: unknown[] };
    expect(alerts.alerts).toHaveLength(1);
  });

  test('a data key rotated by another process is followed: records sealed before and after read on both', async () => {
    const manager = (await buildUser(ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] })).email;
    const onA = await signInAt(a, manager);
    const first = await call(a, '/api/protection/cases', {
      method: 'POST',
      headers: onA.headers,
      body: humanRightsCase({ summary: 'Avant la rotation' }),
    });
    expect(first.status).toBe(201);
    await rotateDataKey(ctx);
    const onB = await signInAt(b, manager);
    const second = await call(b, '/api/protection/cases', {
      method: 'POST',
      headers: onB.headers,
      body: humanRightsCase({ summary: 'Après la rotation' }),
    });
    expect(second.status).toBe(201);
    const refs = [((await first.json()) as { ref: string }).ref, ((await second.json()) as { ref: string }).ref];
    for (const [server, session] of [
      [a, onA],
      [b, onB],
    ] as const) {
      const summaries = [];
      for (const ref of refs) {
        const response = await call(server, `/api/protection/cases/${ref}`, { headers: session.headers });
        expect(response.status).toBe(200);
        summaries.push(((await response.json()) as { summary: string }).summary);
      }
      expect(summaries).toEqual(['Avant la rotation', 'Après la rotation']);
    }
  });
});
