import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { createApiToken } from '../src/modules/users/users.service.js';
import { verifyAudit } from '../src/platform/audit.js';
import { buildUser } from './helpers/app.js';
import { createTestDatabase, DIALECTS, openTestContext, type TestDatabase } from './helpers/db.js';
import { requireBuild, startServerProcess } from './helpers/process.js';

/**
 * kill -9 during acknowledged writes, repeated: every write the server acknowledged must be there
 * after a restart, and the database and audit chain must be intact.
 */
const ROUNDS = 3;

requireBuild();
describe.each(DIALECTS)('kill -9 during writes (%s)', (dialect) => {
  let target: TestDatabase;
  let token: string;
  // The server keeps the audit chain with the same key as the set-up context.
  let keyFile: string;

  beforeAll(async () => {
    target = await createTestDatabase(dialect);
    const ctx = await openTestContext(target.url);
    keyFile = ctx.config.keyFile;
    const admin = await buildUser(ctx, { admin: true });
    ({ token } = await createApiToken(ctx, { id: null, label: 'test' }, admin.email, { label: 'durability', scope: 'write' }));
    await ctx.close();
  });
  afterAll(async () => target?.drop());

  test(`no acknowledged write is lost across ${ROUNDS} hard kills`, async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child: server, url } = await startServerProcess(target.url, keyFile);
      let stop = false;
      const writer = async (lane: number) => {
        for (let i = 0; !stop; i++) {
          const email = `r${round}-l${lane}-${i}@minusma.test`;
          try {
            const response = await fetch(`${url}/api/users`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ email, name: `Agent ${i}`, password: 'durable passphrase' }),
            });
            if (response.status === 201) acknowledged.push(email);
          } catch {
            return; // the server is gone
          }
        }
      };
      const lanes = [0, 1, 2, 3].map(writer);
      await new Promise((r) => setTimeout(r, 700 + round * 300));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(lanes);
      if (server.exitCode === null && server.signalCode === null) await once(server, 'exit');
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);

    const handle = openDatabase(target.url);
    try {
      const stored = new Set((await handle.db.selectFrom('users').select('email').execute()).map((u) => u.email));
      expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);
      expect(await verifyAudit({ database: handle, config: { keyFile } })).toMatchObject({ ok: true });
      if (handle.sqlite) expect(handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await handle.close();
    }
  });
});
