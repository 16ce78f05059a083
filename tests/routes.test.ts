import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App, DeclaredRoute } from '../src/server/app.js';
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

/**
 * What an account whose password someone else chose may reach before changing it: the change,
 * signing in and out, and the account itself. Everything else answers 403 `password_change_required`.
 */
const BEFORE_PASSWORD_CHANGE = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'PATCH /api/auth/me',
  'POST /api/auth/password',
]);

/**
 * Every `METHOD /path` in Fastify's own router, read from its route tree (`printRoutes`), where
 * each line is a path relative to its parent's: independent of what the app declared.
 */
function routerRoutes(app: App): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const path = `${depth > 0 ? (parents[depth - 1] ?? '') : ''}${node[2]}`;
    parents.length = depth;
    parents.push(path);
    for (const method of (node[3] ?? '').split(', ').filter((m) => m.length > 0)) routes.push(`${method} ${path}`);
  }
  return routes;
}

describe.each(DIALECTS)('route gates (%s)', (dialect) => {
  let t: TestApp;
  const sessions: Partial<Record<Caller, Session>> = {};

  let mustChange: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const member = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    // With a second factor, like any account that may reach confidential data: the gates are what is tested here.
    const admin = await buildUser(t.ctx, { admin: true, secondFactor: true });
    const auditor = await buildUser(t.ctx, { auditor: true, secondFactor: true });
    sessions.member = await signIn(t.app, member.email);
    sessions.admin = await signIn(t.app, admin.email);
    sessions.auditor = await signIn(t.app, auditor.email);
    // An administrator with a second factor, given a password by a reset: every gate would let it through.
    const reset = await buildUser(t.ctx, { admin: true, memberships: [{ unit: 'HRPD', role: 'manager' }], secondFactor: true });
    const generated = await t.app.inject({ method: 'POST', url: `/api/users/${reset.id}/password`, headers: sessions.admin.headers });
    mustChange = await signIn(t.app, reset.email, generated.json().generatedPassword);
  });
  afterAll(async () => t?.close());

  test('every route the router holds declares a gate, and the API routes are all accounted for', () => {
    const api = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThanOrEqual(15);
    // `declaredRoutes` only ever holds routes with a gate: what matters is that nothing reached the router without one.
    const declared = new Set(t.app.declaredRoutes.map((r) => `${r.method} ${r.url}`));
    const wildcards = [...declared].filter((route) => route.endsWith('/*'));
    const isDeclared = (route: string) =>
      declared.has(route) ||
      // A plugin's `/` under a prefix is routed as both `/prefix` and `/prefix/`, one route with one gate.
      declared.has(route.replace(/\/$/, '')) ||
      // The route tree prints a wildcard under its nearest branching, without the segments between.
      (route.endsWith('/*') && wildcards.some((wildcard) => wildcard.startsWith(route.slice(0, -1))));
    const registered = routerRoutes(t.app);
    expect(registered.length).toBeGreaterThanOrEqual(declared.size);
    expect(registered.filter((route) => !isDeclared(route))).toEqual([]);
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

  test('an account that must change its password reaches only that change, sign-in and out, and itself', async () => {
    const routes = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    const failures: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (key === 'POST /api/auth/logout') continue;
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', randomUUID()),
        headers: { ...mustChange.headers, 'content-type': 'application/json' },
        payload: route.method === 'GET' ? undefined : '{"__probe":true}',
      });
      const refused = response.statusCode === 403 && response.json().code === 'password_change_required';
      if (refused === BEFORE_PASSWORD_CHANGE.has(key)) failures.push(`${key}: got ${response.statusCode} ${response.body.slice(0, 80)}`);
      expect(response.statusCode, key).toBeLessThan(500);
    }
    expect(failures).toEqual([]);
    // Sign-out too, last, since it ends the session.
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: mustChange.headers });
    expect(out.statusCode).toBe(204);
  });
});
