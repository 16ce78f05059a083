import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import { updateUser } from '../src/modules/users/users.service.js';
import { buildApp } from '../src/server/app.js';
import { ReaderCache, readerCache } from '../src/server/reader-cache.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS, openTestContext } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * A signed-in reader's page of incidents kept a few seconds for that reader alone
 * (src/server/reader-cache.ts): never given to another reader, whatever their role, and never
 * past a write, a change of the reader's access, or (PostgreSQL) another process's write once its
 * notification has arrived.
 */
describe.each(DIALECTS)('pages kept for one reader (%s)', (dialect) => {
  let t: TestApp;
  let queries: string[] = [];
  let officer: Session;
  const admin = { id: null, label: 'test' };
  const LIST = '/api/incidents?limit=50';
  const incidentQueries = () => queries.filter((sql) => /from "incidents"/.test(sql));

  beforeEach(async () => {
    queries = [];
    t = await createTestApp(dialect, undefined, { onQuery: (sql) => queries.push(sql) });
    officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    if (dialect === 'postgres')
      await expect.poll(() => t.ctx.database.commitSignal?.version() && t.ctx.database.commitSignal.listening).toBe(true);
  });
  afterEach(async () => t?.close());

  const list = (session: Session, url = LIST) => t.app.inject({ url, headers: session.headers });
  const create = async (title: string, classification: 'internal' | 'restricted') => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: officer.headers,
      payload: incidentInput({ title, classification }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const incident: Incident = created.json();
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.ref}/transitions`,
      headers: officer.headers,
      payload: { action: 'submit', version: incident.version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  };

  test('a reader asking again gets the same page without a query; another reader never gets it', async () => {
    await create('Incident canarirestreint', 'restricted');
    const viewer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
    const police = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'officer' }] })).email);
    const first = await list(viewer);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('canarirestreint');
    queries = [];
    const again = await list(viewer);
    expect(again.body).toBe(first.body);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(incidentQueries()).toEqual([]);
    // Another reader, the same URL: computed for them, without the restricted incident.
    const other = await list(police);
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('canarirestreint');
    expect(incidentQueries()).not.toEqual([]);
    // The same role in the same unit is still another reader: their own page, computed.
    const colleague = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
    queries = [];
    expect((await list(colleague)).body).toContain('canarirestreint');
    expect(incidentQueries()).not.toEqual([]);
    // And after them, the first reader's page is still theirs, and the police's still not.
    expect((await list(police)).body).not.toContain('canarirestreint');
    // Anonymous readers are never answered from it.
    const anonymous = await t.app.inject({ url: LIST });
    expect(anonymous.body).not.toContain('canarirestreint');
  });

  test('a write is seen by the next request', async () => {
    expect((await list(officer)).body).not.toContain('canarinouveau');
    await create('Incident canarinouveau', 'internal');
    expect((await list(officer)).body).toContain('canarinouveau');
  });

  test("a change of the reader's access is seen by the next request", async () => {
    await create('Incident canarirestreint', 'restricted');
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] });
    const viewer = await signIn(t.app, user.email);
    expect((await list(viewer)).body).toContain('canarirestreint');
    await updateUser(t.ctx, admin, user.id, { version: user.version, memberships: [{ unit: 'CAD', role: 'viewer' }] });
    expect((await list(viewer)).body).not.toContain('canarirestreint');
  });

  test('the full query is part of the key', async () => {
    await create('Incident canarirequete', 'internal');
    expect((await list(officer)).body).toContain('canarirequete');
    expect((await list(officer, '/api/incidents?limit=50&q=absentdetout')).body).not.toContain('canarirequete');
  });

  test('a write of another process is seen once its commit is announced', async () => {
    const ctx = await openTestContext(t.ctx.config.databaseUrl, { keyFile: t.ctx.config.keyFile });
    const elsewhere = await buildApp(ctx, { logger: false });
    await elsewhere.ready();
    try {
      expect((await list(officer)).body).not.toContain('canariailleurs');
      const created = await elsewhere.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: officer.headers,
        payload: incidentInput({ title: 'Incident canariailleurs', classification: 'internal' }),
      });
      expect(created.statusCode, created.body).toBe(201);
      // A draft is listed to its unit's members.
      if (dialect === 'postgres') await expect.poll(async () => (await list(officer)).body).toContain('canariailleurs');
      else expect((await list(officer)).body).toContain('canariailleurs');
    } finally {
      await elsewhere.close();
      await ctx.close();
    }
  });

  test('memory stays bounded', () => {
    expect(readerCache(t.ctx).bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    const cache = new ReaderCache({ capacity: 3, maxBytes: 1_000, ttlMs: 1_000 });
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, 'x'.repeat(10), 0);
    expect(cache.size).toBe(3);
    expect(cache.get('k0', 0)).toBeUndefined();
    expect(cache.get('k4', 0)).toBe('x'.repeat(10));
    cache.set('big', 'y'.repeat(60), 0);
    expect(cache.get('big', 0)).toBeUndefined();
    for (let i = 0; i < 3; i++) cache.set(`m${i}`, 'z'.repeat(45), 0);
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect(cache.get('m2', 999)).toBe('z'.repeat(45));
    expect(cache.get('m2', 1_000)).toBeUndefined();
  });
});
