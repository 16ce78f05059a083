import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { createApiToken, disableUserByEmail, resetPassword, revokeApiToken } from '../src/modules/users/users.service.js';
import { credentialsVersion } from '../src/platform/credentials.js';
import { buildApp } from '../src/server/app.js';
import { buildUser, createTestApp, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS, openTestContext } from './helpers/db.js';

/**
 * The credentials' version kept between requests (src/platform/credentials.ts): a signed-in
 * request with nothing committed since the last one runs no query to authenticate, on SQLite
 * (`PRAGMA data_version`) and on PostgreSQL (the commit signal, src/db/commit-signal.ts). On
 * PostgreSQL another process's revocation, disablement or password reset is refused by this
 * process as soon as its notification arrives (polled: the window is one notification's trip),
 * and this process's own at once. Two applications, each with its own pool, listening connection
 * and cache, stand for two server processes on one database.
 */
describe.each(DIALECTS)('credentials kept until a change is committed (%s)', (dialect) => {
  let here: TestApp;
  let there: TestApp;
  let queries: string[] = [];

  beforeEach(async () => {
    queries = [];
    here = await createTestApp(dialect, undefined, { onQuery: (sql) => queries.push(sql) });
    // Another server process: its own pool, listening connection and cache; the same database and keys.
    const ctx = await openTestContext(here.ctx.config.databaseUrl, { keyFile: here.ctx.config.keyFile });
    const app = await buildApp(ctx, { logger: false, validateResponses: true });
    await app.ready();
    there = {
      app,
      ctx,
      close: async () => {
        await app.close();
        await ctx.close();
      },
    };
    await listening();
  });
  afterEach(async () => {
    await there?.close();
    await here?.close();
  });

  /** PostgreSQL: until each process listens, every version is read on every request. */
  async function listening(): Promise<void> {
    if (dialect !== 'postgres') return;
    for (const app of [here, there]) {
      await expect
        .poll(async () => {
          await credentialsVersion(app.ctx.database);
          return app.ctx.database.commitSignal?.listening;
        })
        .toBe(true);
    }
  }

  const admin = { id: null, label: 'test' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = (app: TestApp, headers: Record<string, string>) => app.app.inject({ url: '/api/auth/me', headers });
  /** Refused by `app`: on the same process at once; from another, once the notification has come. */
  async function refusedBy(app: TestApp, headers: Record<string, string>, elsewhere: boolean): Promise<void> {
    if (elsewhere && dialect === 'postgres') await expect.poll(async () => (await me(app, headers)).statusCode).toBe(401);
    else expect((await me(app, headers)).statusCode).toBe(401);
  }

  test('a signed-in request with nothing committed runs no query to authenticate', async () => {
    const user = await buildUser(here.ctx);
    const { token } = await createApiToken(here.ctx, admin, user.email, { label: 'load', scope: 'read' });
    const health = () => here.app.inject({ url: '/api/health', headers: bearer(token) });
    expect((await health()).statusCode).toBe(200);
    expect((await health()).statusCode).toBe(200);
    queries = [];
    for (let i = 0; i < 5; i++) expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    expect(queries).toEqual([]);
    for (let i = 0; i < 5; i++) expect((await health()).statusCode).toBe(200);
    // Not even the route's own `SELECT 1`, which it asks at most once a second.
    expect(queries).toEqual([]);
  });

  test.runIf(dialect === 'postgres')('a commit elsewhere that changes no credential leaves them unread', async () => {
    const user = await buildUser(here.ctx);
    const { token } = await createApiToken(here.ctx, admin, user.email, { label: 'load', scope: 'read' });
    expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    const signal = here.ctx.database.commitSignal;
    const commits = signal?.version('commits');
    const credentials = signal?.version('credentials');
    // A write of the other process that changes no credential in use.
    await buildUser(there.ctx);
    await expect.poll(() => signal?.version('commits')).not.toBe(commits);
    expect(signal?.version('credentials')).toBe(credentials);
    queries = [];
    expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    expect(queries).toEqual([]);
  });

  for (const where of ['this process', 'another process'] as const) {
    const elsewhere = where === 'another process';
    const writer = () => (elsewhere ? there : here);

    test(`a token revoked in ${where} is refused`, async () => {
      const user = await buildUser(here.ctx);
      const { token, apiToken } = await createApiToken(here.ctx, admin, user.email, { label: 'cache', scope: 'write' });
      expect((await me(here, bearer(token))).statusCode).toBe(200);
      expect((await me(there, bearer(token))).statusCode).toBe(200);
      await revokeApiToken(writer().ctx, admin, user.id, apiToken.id);
      await refusedBy(here, bearer(token), elsewhere);
      await refusedBy(there, bearer(token), !elsewhere);
    });

    test(`an account disabled in ${where} is refused, by token and by session`, async () => {
      const user = await buildUser(here.ctx);
      const { token } = await createApiToken(here.ctx, admin, user.email, { label: 'cache', scope: 'write' });
      const session = await signIn(here.app, user.email);
      expect((await me(here, bearer(token))).statusCode).toBe(200);
      expect((await me(here, session.headers)).statusCode).toBe(200);
      await disableUserByEmail(writer().ctx, admin, user.email);
      await refusedBy(here, bearer(token), elsewhere);
      await refusedBy(here, session.headers, elsewhere);
    });

    test(`a password reset in ${where} ends the sessions`, async () => {
      const user = await buildUser(here.ctx);
      const session = await signIn(here.app, user.email);
      expect((await me(here, session.headers)).statusCode).toBe(200);
      await resetPassword(writer().ctx, admin, user.id);
      await refusedBy(here, session.headers, elsewhere);
    });
  }

  test.runIf(dialect === 'postgres')('while nothing listens, the credentials are read on every request', async () => {
    const user = await buildUser(here.ctx);
    const { token } = await createApiToken(here.ctx, admin, user.email, { label: 'load', scope: 'read' });
    expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    await here.ctx.database.commitSignal?.close();
    queries = [];
    expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    expect(await authenticateBearer(here.ctx, token)).not.toBeNull();
    expect(queries.filter((sql) => sql.includes('credentials_version'))).toHaveLength(2);
  });
});
