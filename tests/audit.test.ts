import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { entryHash, verifyAudit } from '../src/platform/audit.js';
import { buildUser, countRows, createTestApp, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('audit chain (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    // Five entries: three accounts created, one sign-in, one failed sign-in.
    const admin = await buildUser(t.ctx, { admin: true });
    await buildUser(t.ctx);
    await buildUser(t.ctx);
    await signIn(t.app, admin.email);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: 'wrong wrong' } });
  });
  afterEach(async () => t?.close());

  const db = () => t.ctx.database.db;

  /** Tampering needs the append-only triggers out of the way, as a database owner could. */
  async function withoutTriggers(work: () => Promise<unknown>): Promise<void> {
    if (dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db());
      await work();
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db());
      return;
    }
    await sql`DROP TRIGGER audit_log_no_update`.execute(db());
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db());
    await work();
  }

  test('every write, sign-in and failed sign-in is an entry, and the chain verifies', async () => {
    const actions = (await db().selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['user.create', 'user.create', 'user.create', 'auth.login', 'auth.login']);
    expect(await verifyAudit(db())).toEqual({ ok: true, checked: 5, firstBroken: null, problem: null });
  });

  test('the database refuses UPDATE and DELETE on the audit table', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    expect(await countRows(t.ctx, 'audit_log')).toBe(5);
  });

  test('an edited entry is reported', async () => {
    await withoutTriggers(() => sql`UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = 3`.execute(db()));
    expect(await verifyAudit(db())).toMatchObject({ ok: false, firstBroken: 3, problem: 'hash_mismatch', checked: 2 });
  });

  test('an edited entry whose own hash was recomputed still breaks the chain after it', async () => {
    await withoutTriggers(async () => {
      const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      const forged = { ...row, seq: Number(row.seq), action: 'user.forged' };
      const { hash: _old, ...rest } = forged;
      await db()
        .updateTable('audit_log')
        .set({ action: 'user.forged', hash: entryHash(rest) })
        .where('seq', '=', 3)
        .execute();
    });
    expect(await verifyAudit(db())).toMatchObject({ ok: false, firstBroken: 4, problem: 'chain_break' });
  });

  test('a deleted entry is reported', async () => {
    await withoutTriggers(() => sql`DELETE FROM audit_log WHERE seq = 2`.execute(db()));
    expect(await verifyAudit(db())).toMatchObject({ ok: false, firstBroken: 2, problem: 'sequence_gap' });
  });

  test('reordered entries are reported', async () => {
    await withoutTriggers(async () => {
      const rows = await db().selectFrom('audit_log').selectAll().where('seq', 'in', [2, 3]).orderBy('seq').execute();
      const [second, third] = rows;
      if (!second || !third) throw new Error('fixture');
      await db().deleteFrom('audit_log').where('seq', 'in', [2, 3]).execute();
      await db()
        .insertInto('audit_log')
        .values([
          { ...third, seq: 2 },
          { ...second, seq: 3 },
        ])
        .execute();
    });
    expect(await verifyAudit(db())).toMatchObject({ ok: false, firstBroken: 2 });
  });

  test('a write that fails leaves no audit entry behind', async () => {
    const admin = await buildUser(t.ctx, { admin: true });
    const session = await signIn(t.app, admin.email);
    const before = await countRows(t.ctx, 'audit_log');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.headers,
      payload: { email: 'x@minusma.test', name: 'X', memberships: [{ unit: 'ZZZ', role: 'viewer' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
  });

  test('administrators and auditors browse it newest first, page by page, and verify it', async () => {
    const auditor = await buildUser(t.ctx, { auditor: true });
    const session = await signIn(t.app, auditor.email);
    const first = await t.app.inject({ url: '/api/audit?limit=3', headers: session.headers });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.entries.map((e: { seq: number }) => e.seq)).toEqual([7, 6, 5]);
    const next = await t.app.inject({ url: `/api/audit?limit=3&before=${page.nextBefore}`, headers: session.headers });
    expect(next.json().entries.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2]);
    const denied = await t.app.inject({ url: '/api/audit?action=auth.login', headers: session.headers });
    expect(denied.json().entries.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect(denied.json().entries.some((e: { decision: string }) => e.decision === 'deny')).toBe(true);
    const verify = await t.app.inject({ url: '/api/audit/verify', headers: session.headers });
    expect(verify.json()).toMatchObject({ ok: true, checked: 7 });
  });
});
