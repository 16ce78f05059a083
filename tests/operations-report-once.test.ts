import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation } from '../src/contracts/operations.js';
import { createTestApp, type Session, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildOperationWorld, type OperationWorld, operationReport } from './helpers/operations.js';

/**
 * A report written in the field reaches the server once: sent again with the same
 * `Idempotency-Key` (its first answer lost, the outbox retried, two tabs sent together), it is
 * answered with the operation that first send completed — one completion, one audit entry — while
 * a stale version from another change is still a 409, and a key is never good for another operation.
 */
describe.each(DIALECTS)('an operation report sent again with its key (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    officer = w.sessions.get('forceOfficer') as Session;
  });
  afterAll(async () => t?.close());

  const complete = (o: Pick<Operation, 'id' | 'version'>, key: string | undefined, report = operationReport(), lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/operations/${o.id}/transitions`,
      headers: { ...officer.headers, 'accept-language': lang, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: { action: 'complete', version: o.version, report },
    });
  const completions = async (id: string) => ({
    steps: (
      await t.ctx.database.db
        .selectFrom('operation_steps')
        .select('id')
        .where('operation_id', '=', id)
        .where('to_status', '=', 'completed')
        .execute()
    ).length,
    audit: (
      await t.ctx.database.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'operation.complete')
        .where('record_id', '=', id)
        .execute()
    ).length,
  });

  test('the same report sent twice completes the operation once and answers both sends with it', async () => {
    const o = await w.reach('under_way');
    const key = randomUUID();
    const first = await complete(o, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const done: Operation = first.json();
    expect(done).toMatchObject({ status: 'completed', actualEnd: '2020-07-21T17:10:00Z', men: 25 });

    // The first answer was lost: the device sends the same report, with the version it started from.
    const again = await complete(o, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(done);
    expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });
  });

  test('sent twice at the same moment: one completion, both answered with it', async () => {
    const o = await w.reach('under_way');
    const key = randomUUID();
    const answers = await Promise.all([complete(o, key), complete(o, key)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => (a.json() as Operation).status)).toEqual(['completed', 'completed']);
    expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });
  });

  test('without the key, or with another one, the repeat meets the completed operation: 409', async () => {
    const o = await w.reach('under_way');
    expect((await complete(o, randomUUID())).statusCode).toBe(200);
    const other = await complete(o, randomUUID(), operationReport(), 'en');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'operation_transition_not_allowed' });
    expect((await complete(o, undefined)).statusCode).toBe(409);
    expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });
  });

  test('the operation changed meanwhile (started by another unit, or cancelled by the JOC): the queued report is refused, nothing written', async () => {
    // The report was written against the operation as ordered; UNPOL, taking part, started it meanwhile.
    const o = await w.reach('ordered');
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/operations/${o.id}/transitions`,
      headers: w.sessions.get('police')?.headers ?? {},
      payload: { action: 'start', version: o.version },
    });
    expect(started.statusCode, started.body).toBe(200);
    const key = randomUUID();
    const stale = await complete(o, key, operationReport(), 'en');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    expect(await completions(o.id)).toEqual({ steps: 0, audit: 0 });
    // The key was not taken by the refused send: fixed with the current version, the same key completes it.
    const current = (started.json() as Operation).version;
    const fixed = await complete({ id: o.id, version: current }, key);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });

    // Cancelled by the JOC while the report waited on the device.
    const cancelledBefore = await w.reach('under_way');
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/operations/${cancelledBefore.id}/transitions`,
      headers: w.sessions.get('joc')?.headers ?? {},
      payload: { action: 'cancel', version: cancelledBefore.version, comment: 'Axe fermé' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const late = await complete(cancelledBefore, randomUUID(), operationReport(), 'fr');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'operation_transition_not_allowed',
      detail: 'Cette étape n’est pas possible dans l’état actuel de l’opération : rechargez-la.',
    });
    expect(await completions(cancelledBefore.id)).toEqual({ steps: 0, audit: 0 });
  });

  test('a refused report takes no key; a key is good for one operation only', async () => {
    const o = await w.reach('under_way');
    const key = randomUUID();
    const bad = await complete(o, key, { ...operationReport(), actualEnd: '2020-07-19T00:00:00Z' });
    expect(bad.statusCode).toBe(400);
    const kept = await t.ctx.database.db.selectFrom('submission_keys').select('key').where('key', '=', key).execute();
    expect(kept).toEqual([]);
    expect((await complete(o, key)).statusCode).toBe(200);

    const another = await w.reach('under_way');
    const reused = await complete(another, key, operationReport(), 'en');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      code: 'submission_key_other_record',
      detail: 'This submission key was already used for another record: the device must generate a new one.',
    });
    expect(await completions(another.id)).toEqual({ steps: 0, audit: 0 });
    // A malformed key is refused before anything is read.
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/operations/${another.id}/transitions`,
      headers: { ...(w.sessions.get('joc')?.headers ?? {}), 'idempotency-key': 'bad key!' },
      payload: { action: 'cancel', version: another.version, comment: 'Axe fermé' },
    });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json()).toMatchObject({ code: 'submission_key_invalid' });
  });
});
