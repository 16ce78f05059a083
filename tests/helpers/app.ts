import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import type { Membership } from '../../src/contracts/auth.js';
import { protectionVocabulary } from '../../src/data/vocab/protection.js';
import type { OpenOptions } from '../../src/db/database.js';
import type { Database, Dialect } from '../../src/db/schema.js';
import { sealTotpKey } from '../../src/modules/auth/auth.service.js';
import { LoginThrottle } from '../../src/modules/auth/login-throttle.js';
import { createUser } from '../../src/modules/users/users.service.js';
import type { Config } from '../../src/platform/config.js';
import { keyringFor } from '../../src/platform/keyring.js';
import { type App, buildApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from './db.js';

export interface TestApp {
  app: App;
  ctx: TestContext;
  close(): Promise<void>;
}

export async function createTestApp(
  dialect: Dialect,
  throttle = new LoginThrottle(),
  open: OpenOptions = {},
  config: Partial<Config> = {},
): Promise<TestApp> {
  const ctx = await createTestContext(dialect, config, open);
  const app = await buildApp(ctx, { logger: false, throttle, validateResponses: true });
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
  /** Sign in with TOTP; by default for members of the units that hold protection cases. */
  secondFactor?: boolean;
}

/** Units whose members read confidential content: the protection programmes' and the DDR section. */
const PROTECTION_UNITS = new Set([...protectionVocabulary().programmes.map((p) => p.unit), 'SSR-DDR']);

/** TOTP keys of the accounts built here, by e-mail, with the context whose clock they follow. */
const secondFactors = new Map<string, { secret: string; ctx: TestContext }>();

/**
 * A valid TOTP code for an account built with a second factor, or undefined. The account's last
 * used step is forgotten first, so that a test may sign the same account in several times.
 */
export async function totpCode(email: string): Promise<string | undefined> {
  const entry = secondFactors.get(email);
  if (!entry) return undefined;
  await entry.ctx.database.db.updateTable('users').set({ totp_last_step: null }).where('email', '=', email).execute();
  return new OTPAuth.TOTP({ issuer: 'Mandat', label: email, secret: OTPAuth.Secret.fromBase32(entry.secret) }).generate({
    timestamp: entry.ctx.now().getTime(),
  });
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
  const secondFactor = overrides.secondFactor ?? (overrides.memberships ?? []).some((m) => PROTECTION_UNITS.has(m.unit));
  if (secondFactor) {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const sealed = sealTotpKey(await keyringFor(ctx), user.id, 'totp_secret', secret);
    await ctx.database.db.updateTable('users').set({ totp_secret: sealed }).where('id', '=', user.id).execute();
    secondFactors.set(user.email, { secret, ctx });
  }
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
  const totp = await totpCode(email);
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...(totp ? { totp } : {}) } });
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
