import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Dialect } from '../../src/db/schema.js';
import { issueSetupToken } from '../../src/modules/auth/setup.service.js';
import { seedFactbook } from '../../src/modules/organisation/sections.service.js';
import type { Config } from '../../src/platform/config.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildApp } from '../../src/server/app.js';
import { createTestContext, type TestContext } from './db.js';

export interface TestServer {
  url: string;
  setupToken: string;
  /** The server's context, to arrange data directly (accounts, records). */
  ctx: TestContext;
  close(): Promise<void>;
}

/**
 * A real HTTP server on an ephemeral port, on a fresh SQLite database with the MINUSMA 2020 fact
 * book loaded (as on a fresh start), serving the built web app (run `npm run build` first).
 * For browser tests; `dialect` gives a PostgreSQL database instead.
 */
export async function startTestServer(config: Partial<Config> = {}, dialect: Dialect = 'sqlite'): Promise<TestServer> {
  const webRoot = join(projectRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  const ctx = await createTestContext(dialect, { webRoot, ...config });
  await seedFactbook(ctx, { id: null, label: 'system' });
  const app = await buildApp(ctx, { logger: false, validateResponses: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const setupToken = await issueSetupToken(ctx);
  if (!setupToken) throw new Error('a fresh database needs setup');
  return {
    url: `http://localhost:${port}`,
    setupToken,
    ctx,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}
