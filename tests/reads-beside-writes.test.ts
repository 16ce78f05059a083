import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.import.js';
import { createApiToken } from '../src/modules/users/users.service.js';
import { buildUser, createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * Reads never wait for a write: while a write transaction is open, list and detail pages answer
 * from what has been committed (on SQLite through the read-only connection beside the writer),
 * and see the change once it commits. If reads waited, these tests would hang.
 */
describe.each(DIALECTS)('reads beside a write in progress (%s)', (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let ref: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] });
    const { token } = await createApiToken(t.ctx, { id: null, label: 'test' }, user.email, { label: 'reads', scope: 'write' });
    headers = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: incidentInput() });
    expect(created.statusCode).toBe(201);
    ref = (created.json() as { ref: string }).ref;
  });
  afterAll(async () => t?.close());

  /** Runs `during` while a transaction that changed the incident's title is held open, then commits it. */
  async function whileWriting(during: () => Promise<void>): Promise<void> {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let changed = () => {};
    const hasChanged = new Promise<void>((resolve) => {
      changed = resolve;
    });
    const writing = t.ctx.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('incidents').set({ title: 'Titre pas encore validé' }).where('ref', '=', ref).execute();
      changed();
      await held;
    });
    await hasChanged;
    try {
      await during();
    } finally {
      release();
      await writing;
    }
  }

  test('a list page and a detail page answer from the committed state while a transaction is open', async () => {
    await whileWriting(async () => {
      const list = await t.app.inject({ url: '/api/incidents?limit=50', headers });
      expect(list.statusCode).toBe(200);
      const item = (list.json() as { items: { ref: string; title: string }[] }).items.find((i) => i.ref === ref);
      expect(item?.title).toBe(incidentInput().title);
      const detail = await t.app.inject({ url: `/api/incidents/${ref}`, headers });
      expect(detail.statusCode).toBe(200);
      expect((detail.json() as { title: string }).title).toBe(incidentInput().title);
    });
    const after = await t.app.inject({ url: `/api/incidents/${ref}`, headers });
    expect((after.json() as { title: string }).title).toBe('Titre pas encore validé');
  });

  test('a credential whose time of last use is due to be recorded does not make the read wait', async () => {
    const user = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] });
    const { token } = await createApiToken(t.ctx, { id: null, label: 'test' }, user.email, { label: 'new', scope: 'read' });
    await whileWriting(async () => {
      const list = await t.app.inject({ url: '/api/incidents?limit=5', headers: { authorization: `Bearer ${token}` } });
      expect(list.statusCode).toBe(200);
    });
  });

  test('reads go on during a CSV import, which they see only once it has committed', async () => {
    const actor = (await authenticateBearer(t.ctx, headers.authorization?.slice('Bearer '.length) ?? ''))?.actor;
    if (!actor) throw new Error('no actor');
    const before = (await t.app.inject({ url: '/api/incidents/stats', headers })).json() as { total: number };
    let pagesDuring = 0;
    async function* slowCsv() {
      yield 'event_date,event_type,sub_event_type,location,mandat_title\n';
      for (let i = 0; i < 5; i += 1) {
        yield `2020-03-0${i + 1},Battles,Armed clash,Ménaka,Accrochage ${i}\n`;
        // A read between two parts of the file, while the import's transaction is open.
        const page = await t.app.inject({ url: '/api/incidents/stats', headers });
        expect(page.statusCode).toBe(200);
        expect((page.json() as { total: number }).total).toBe(before.total);
        pagesDuring += 1;
      }
    }
    const report = await importIncidentsCsv(t.ctx, actor, slowCsv(), { unit: 'FORCE', classification: 'internal', locale: 'fr' });
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(5);
    expect(pagesDuring).toBe(5);
    const after = (await t.app.inject({ url: '/api/incidents/stats', headers })).json() as { total: number };
    expect(after.total).toBe(before.total + 5);
  });
});
