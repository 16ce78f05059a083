import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeAppendOnly } from '../src/db/helpers/append-only.js';
import type { AuditLogTable } from '../src/db/schema.js';
import { type AuditAnchor, auditAnchor, entryHash, formatAnchor, parseAnchor, readAuditKey, verifyAudit } from '../src/platform/audit.js';
import { type AppContext, recordAudit } from '../src/platform/context.js';
import { KeyringError, rotateMasterKey } from '../src/platform/keyring.js';
import { buildUser, countRows, createTestApp, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const SYSTEM = { id: null, label: 'system' };

describe.each(DIALECTS)('audit chain (%s)', (dialect) => {
  let t: TestApp;
  const dirs: string[] = [];
  beforeEach(async () => {
    t = await createTestApp(dialect);
    // Five entries: three accounts created, one sign-in, one failed sign-in.
    const admin = await buildUser(t.ctx, { admin: true });
    await buildUser(t.ctx);
    await buildUser(t.ctx);
    await signIn(t.app, admin.email);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: 'wrong wrong' } });
  });
  afterEach(async () => {
    await t?.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const db = () => t.ctx.database.db;
  const verify = (anchor?: AuditAnchor) => verifyAudit(t.ctx, { anchor });
  const problems = async (anchor?: AuditAnchor) => (await verify(anchor)).failures.map((f) => f.problem);

  /** Another key file for the same database, as a misconfigured or older installation would have. */
  function withKeyFile(keyFile?: string): AppContext {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-audit-keys-'));
    dirs.push(dir);
    return { ...t.ctx, config: { ...t.ctx.config, keyFile: keyFile ?? join(dir, 'master.keys') } };
  }

  /** Tampering needs the append-only triggers out of the way, as a database owner could; they are put back after. */
  async function withoutTriggers(work: () => Promise<unknown>): Promise<void> {
    if (dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db());
      await work();
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db());
      return;
    }
    await dropTriggers();
    await work();
    await makeAppendOnly(db() as unknown as Kysely<unknown>, dialect, 'audit_log');
  }

  async function dropTriggers(): Promise<void> {
    if (dialect === 'postgres') {
      await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(db());
      await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db());
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(db());
      await sql`DROP TRIGGER audit_log_no_delete`.execute(db());
    }
  }

  /**
   * Edits entry `from` and recomputes its hash and every later one with `hash`: what someone who
   * can write to the database does to hide an edit.
   */
  async function rewriteFrom(from: number, edit: Partial<AuditLogTable>, hash: (entry: Omit<AuditLogTable, 'hash'>) => string) {
    await withoutTriggers(async () => {
      const rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = rows.find((r) => Number(r.seq) === from - 1)?.hash ?? '0'.repeat(64);
      for (const row of rows.filter((r) => Number(r.seq) >= from)) {
        const { hash: _old, ...rest } = { ...row, ...(Number(row.seq) === from ? edit : {}), seq: Number(row.seq), prev_hash: prev };
        prev = hash(rest);
        await db()
          .updateTable('audit_log')
          .set({ ...rest, hash: prev })
          .where('seq', '=', rest.seq)
          .execute();
      }
    });
  }

  test('every write, sign-in and failed sign-in is an entry, each keyed, and the chain verifies', async () => {
    const actions = (await db().selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['user.create', 'user.create', 'user.create', 'auth.login', 'auth.login']);
    const head = await db().selectFrom('audit_log').select(['seq', 'hash', 'at']).where('seq', '=', 5).executeTakeFirstOrThrow();
    expect(await verify()).toEqual({
      ok: true,
      checked: 5,
      keyed: 5,
      unkeyed: 0,
      head: { seq: 5, hash: head.hash, at: head.at },
      firstBroken: null,
      problem: null,
      failures: [],
    });
    // Keyed: the stored hashes are not the plain SHA-256 anyone could recompute.
    const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    const { hash, ...rest } = { ...row, seq: 1 };
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(rest)).not.toBe(hash);
    expect(entryHash(rest, readAuditKey(t.ctx.config.keyFile))).toBe(hash);
  });

  test('the audit key lives in the private key file, survives master-key rotation, never reaches the database', async () => {
    const keyFile = t.ctx.config.keyFile;
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const audit = (JSON.parse(readFileSync(keyFile, 'utf8')) as { audit: string }).audit;
    expect(Buffer.from(audit, 'base64').length).toBe(32);
    await rotateMasterKey(t.ctx, SYSTEM);
    const after = JSON.parse(readFileSync(keyFile, 'utf8')) as { current: string; audit: string };
    expect(after.current).toBe('m2');
    expect(after.audit).toBe(audit);
    const stored = JSON.stringify(await db().selectFrom('audit_log').selectAll().execute());
    for (const spelling of [audit, Buffer.from(audit, 'base64').toString('hex')]) expect(stored).not.toContain(spelling);
    expect(await verify()).toMatchObject({ ok: true, keyed: await countRows(t.ctx, 'audit_log') });
  });

  test('the database refuses UPDATE and DELETE on the audit table', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db())).rejects.toThrow(/append-only/);
    expect(await countRows(t.ctx, 'audit_log')).toBe(5);
  });

  test('an edited entry is reported', async () => {
    await withoutTriggers(() => sql`UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = 3`.execute(db()));
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 3, problem: 'hash_mismatch', checked: 2 });
  });

  test('an edited entry whose own hash was recomputed with the key still breaks the chain after it', async () => {
    const key = readAuditKey(t.ctx.config.keyFile);
    await withoutTriggers(async () => {
      const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      const { hash: _old, ...rest } = { ...row, seq: 3, action: 'user.forged' };
      await db()
        .updateTable('audit_log')
        .set({ action: 'user.forged', hash: entryHash(rest, key) })
        .where('seq', '=', 3)
        .execute();
    });
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 4, problem: 'chain_break' });
  });

  test('an edit with every later hash recomputed as plain SHA-256 (the chain without its key) is reported', async () => {
    await rewriteFrom(3, { actor_label: 'someone-else' }, (entry) => entryHash(entry));
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 3, problem: 'unkeyed_after_keyed', checked: 2, keyed: 2 });
  });

  test('the whole log recomputed as plain SHA-256 from its first entry is reported', async () => {
    await rewriteFrom(1, { actor_label: 'someone-else' }, (entry) => entryHash(entry));
    const result = await verify();
    expect(result).toMatchObject({ ok: false, problem: 'head_unkeyed', checked: 5, keyed: 0, unkeyed: 5 });
    expect(result.failures.map((f) => f.problem)).toEqual(['head_unkeyed']);
  });

  test('an edit with every later hash recomputed as an HMAC under another key is reported', async () => {
    const other = createSecretKey(randomBytes(32));
    await rewriteFrom(3, { reason: 'edited' }, (entry) => entryHash(entry, other));
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 3, problem: 'hash_mismatch', checked: 2 });
  });

  test('a deleted entry is reported', async () => {
    await withoutTriggers(() => sql`DELETE FROM audit_log WHERE seq = 2`.execute(db()));
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 2, problem: 'sequence_gap' });
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
    expect(await verify()).toMatchObject({ ok: false, firstBroken: 2 });
  });

  test('every entry deleted (triggers dropped first) is reported, and still once the triggers are put back', async () => {
    await dropTriggers();
    await sql`DELETE FROM audit_log`.execute(db());
    const result = await verify();
    expect(result).toMatchObject({ ok: false, checked: 0, head: null });
    expect(result.failures.map((f) => f.problem)).toEqual(['log_too_short', 'triggers_missing']);
    expect(result.failures[0]?.message).toBe(
      'the audit log is empty, but the database holds 3 accounts, written with at least 3 entries: entries were deleted',
    );

    await makeAppendOnly(db() as unknown as Kysely<unknown>, dialect, 'audit_log');
    expect(await problems()).toEqual(['log_too_short']);
  });

  test('the newest entries cut off are reported against an anchor taken before', async () => {
    const anchor = await auditAnchor(t.ctx);
    expect(anchor.seq).toBe(5);
    expect(parseAnchor(formatAnchor(anchor))).toEqual(anchor);
    expect(formatAnchor(anchor)).toMatch(/^seq=5 hash=[0-9a-f]{64} at=\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    await recordAudit(t.ctx, SYSTEM, { action: 'test.after_anchor' });
    expect(await verify(anchor)).toMatchObject({ ok: true, head: { seq: 6 } });

    await withoutTriggers(() => sql`DELETE FROM audit_log WHERE seq >= 5`.execute(db()));
    // What is left is a valid chain: only the anchor shows that entries are gone.
    expect(await verify()).toMatchObject({ ok: true, checked: 4 });
    const result = await verify(anchor);
    expect(result).toMatchObject({ ok: false, firstBroken: 5, problem: 'anchor_missing' });
    expect(result.failures[0]?.message).toContain('the log ends at entry 4');

    expect(await problems({ ...anchor, seq: 4 })).toEqual(['anchor_mismatch']);
  });

  test('dropped, disabled or emptied append-only triggers are reported', async () => {
    if (dialect === 'sqlite') {
      await sql`DROP TRIGGER audit_log_no_delete`.execute(db());
      let result = await verify();
      expect(result).toMatchObject({ ok: false, problem: 'triggers_missing', checked: 5 });
      expect(result.failures[0]?.message).toContain('trigger audit_log_no_delete is missing');
      // Put back under the same name, doing nothing.
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END`.execute(db());
      result = await verify();
      expect(result.failures[0]?.message).toContain('trigger audit_log_no_delete no longer refuses DELETE');
      return;
    }
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db());
    let result = await verify();
    expect(result).toMatchObject({ ok: false, problem: 'triggers_missing', checked: 5 });
    expect(result.failures[0]?.message).toContain('trigger audit_log_no_change is disabled');
    await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db());
    result = await verify();
    expect(result.failures[0]?.message).toContain('trigger audit_log_no_truncate is missing');
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db());
    await sql`CREATE OR REPLACE FUNCTION mandat_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`.execute(
      db(),
    );
    result = await verify();
    expect(result.failures[0]?.message).toContain('trigger audit_log_no_change no longer refuses UPDATE and DELETE');
  });

  test('entries from before keying verify only as the first ones, and are counted', async () => {
    // A database written before the chain was keyed: plain SHA-256 throughout, no audit key yet.
    await rewriteFrom(1, {}, (entry) => entryHash(entry));
    const legacy = withKeyFile();
    expect(await verifyAudit(legacy)).toMatchObject({ ok: true, checked: 5, keyed: 0, unkeyed: 5 });
    // The first write after the upgrade adds an audit key to the key file and keys the chain from there.
    await recordAudit(legacy, SYSTEM, { action: 'test.after_upgrade' });
    expect(existsSync(legacy.config.keyFile)).toBe(true);
    expect(await verifyAudit(legacy)).toMatchObject({ ok: true, checked: 6, keyed: 1, unkeyed: 5 });
    expect((await auditAnchor(legacy)).seq).toBe(6);
  });

  test('a key file without the audit key the chain was written with is refused, not silently replaced', async () => {
    const lost = withKeyFile();
    await expect(recordAudit(lost, SYSTEM, { action: 'test.lost_key' })).rejects.toThrow(KeyringError);
    await expect(recordAudit(lost, SYSTEM, { action: 'test.lost_key' })).rejects.toThrow(
      /newest audit entry \(no\. 5\) was written with an audit key that the key file .* does not hold.*restore that key file/,
    );
    expect(existsSync(lost.config.keyFile)).toBe(false);
    expect(await countRows(t.ctx, 'audit_log')).toBe(5);
    // Verified without the key, keyed entries cannot be told from altered ones, and verify says why.
    const result = await verifyAudit(lost);
    expect(result).toMatchObject({ ok: false, firstBroken: 1, problem: 'hash_mismatch' });
    expect(result.failures[0]?.message).toContain('the key file holds no audit key');
  });

  test('a malformed audit key in the key file is refused without quoting it', async () => {
    const other = withKeyFile();
    writeFileSync(
      other.config.keyFile,
      JSON.stringify({ current: 'm1', keys: { m1: Buffer.alloc(32, 1).toString('base64') }, audit: 'c2hvcnQ=' }),
      {
        mode: 0o600,
      },
    );
    expect(() => readAuditKey(other.config.keyFile)).toThrow(/the audit key is not 32 bytes in base64/);
    expect(() => readAuditKey(other.config.keyFile)).not.toThrow(/c2hvcnQ/);
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
    expect(verify.json()).toMatchObject({ ok: true, checked: 7, keyed: 7, unkeyed: 0, head: { seq: 7 }, failures: [] });
  });
});
