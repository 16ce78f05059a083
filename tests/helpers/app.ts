import type { LightMyRequestResponse } from 'fastify';
import type { Membership } from '../../src/contracts/auth.js';
import type { Database, Dialect } from '../../src/db/schema.js';
import { LoginThrottle } from '../../src/modules/auth/login-throttle.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { type App, buildApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from './db.js';

export interface TestApp {
  app: App;
  ctx: TestContext;
  close(): Promise<void>;
}

export async function createTestApp(dialect: Dialect, throttle = new LoginThrottle()): Promise<TestApp> {
  const ctx = await createTestContext(dialect);
  const app = await buildApp(ctx, { logger: false, throttle });
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

export interface UserOverrides {
  email?: string;
  name?: string;
  admin?: boolean;
  auditor?: boolean;
  memberships?: Membership[];
  locale?: 'fr' | 'en';
}

/** Creates an account with a known password. */
export async function buildUser(ctx: TestContext, overrides: UserOverrides = {}) {
  counter += 1;
  const { user } = await createUser(
    ctx,
    { id: null, label: 'test' },
    {
      email: overrides.email ?? `user${counter}@minusma.test`,
      name: overrides.name ?? `Agent ${counter}`,
      locale: overrides.locale ?? 'fr',
      admin: overrides.admin ?? false,
      auditor: overrides.auditor ?? false,
      memberships: overrides.memberships ?? [],
      password: TEST_PASSWORD,
    },
  );
  return user;
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'mandat_session');
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return `mandat_session=${cookie.value}`;
}

/** Signs in through the API; the returned headers authenticate cookie requests with CSRF. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const cookie = sessionCookie(response);
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export async function countRows(ctx: TestContext, table: keyof Database): Promise<number> {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
