import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DeclaredRoute } from '../src/server/app.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Walks every route the router registered. Each must declare a gate, and the gate must hold for
 * each kind of caller: written here as expected status classes, independently of the policy code.
 */
type Caller = 'anonymous' | 'member' | 'admin' | 'auditor';

function expectedGate(route: DeclaredRoute, caller: Caller): 'pass' | 401 | 403 {
  const { access } = route;
  if ('public' in access) return 'pass';
  if (caller === 'anonymous') return 401;
  if ('signedIn' in access) return 'pass';
  if (access.capability === 'accounts:manage') return caller === 'admin' ? 'pass' : 403;
  return caller === 'admin' || caller === 'auditor' ? 'pass' : 403;
}

const CALLERS: Caller[] = ['anonymous', 'member', 'admin', 'auditor'];

describe.each(DIALECTS)('route gates (%s)', (dialect) => {
  let t: TestApp;
  const sessions: Partial<Record<Caller, Session>> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const member = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    // With a second factor, like any account that may reach confidential data: the gates are what is tested here.
    const admin = await buildUser(t.ctx, { admin: true, secondFactor: true });
    const auditor = await buildUser(t.ctx, { auditor: true, secondFactor: true });
    sessions.member = await signIn(t.app, member.email);
    sessions.admin = await signIn(t.app, admin.email);
    sessions.auditor = await signIn(t.app, auditor.email);
  });
  afterAll(async () => t?.close());

  test('every route declares a policy, and the API routes are all accounted for', () => {
    const api = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThanOrEqual(15);
    for (const route of t.app.declaredRoutes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  test('every gate holds for every kind of caller', async () => {
    const routes = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        // Signing out would end the session the next rows rely on.
        if (route.url === '/api/auth/logout' && caller !== 'anonymous') continue;
        const url = route.url.replace(':id', randomUUID());
        const session = sessions[caller];
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...(session?.headers ?? {}), 'content-type': 'application/json' },
          payload: route.method === 'GET' ? undefined : '{"__probe":true}',
        });
        const expected = expectedGate(route, caller);
        const ok = expected === 'pass' ? response.statusCode !== 401 && response.statusCode !== 403 : response.statusCode === expected;
        if (!ok) failures.push(`${caller} ${route.method} ${route.url}: got ${response.statusCode}, expected ${expected}`);
        expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
      }
    }
    expect(failures).toEqual([]);
  });
});
