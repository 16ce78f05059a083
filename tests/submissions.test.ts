import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import { AppError } from '../src/platform/errors.js';
import { submitOnce } from '../src/platform/submissions.js';
import { activityInput } from './helpers/activities.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * Exactly once: a record sent with the device's key (`Idempotency-Key`) is made once per account,
 * however often and however concurrently the send is repeated; a refused send takes no key.
 */
describe.each(DIALECTS)('records sent again with their key (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let other: Session;
  let officerId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, {
      memberships: [
        { unit: 'FORCE', role: 'officer' },
        { unit: 'HRPD', role: 'officer' },
      ],
    });
    officerId = user.id;
    officer = await signIn(t.app, user.email);
    other = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
  });
  afterAll(async () => t?.close());

  const send = (session: Session, key: string | undefined, overrides = {}, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { ...session.headers, 'accept-language': lang, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: incidentInput(overrides),
    });
  const audited = async () =>
    (await t.ctx.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'incident.create').execute()).length;

  test('the same send repeated makes one incident and answers each time with it', async () => {
    const key = randomUUID();
    const before = { incidents: await countRows(t.ctx, 'incidents'), audit: await audited() };
    const first = await send(officer, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await send(officer, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const made: Incident = first.json();
    expect(made.ref).toMatch(/^MLI-/);
    expect(again.json()).toEqual(made);
    expect(await countRows(t.ctx, 'incidents')).toBe(before.incidents + 1);
    expect(await audited()).toBe(before.audit + 1);
  });

  test('sends of one key at the same moment still make one incident', async () => {
    const key = randomUUID();
    const before = await countRows(t.ctx, 'incidents');
    const answers = await Promise.all([send(officer, key), send(officer, key), send(officer, key)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => (a.json() as Incident).ref)).size).toBe(1);
    expect(await countRows(t.ctx, 'incidents')).toBe(before + 1);
  });

  test('a key is the account’s own: another account sending the same key makes its own incident', async () => {
    const key = randomUUID();
    const mine: Incident = (await send(officer, key)).json();
    const theirs = await send(other, key);
    expect(theirs.statusCode).toBe(201);
    expect((theirs.json() as Incident).ref).not.toBe(mine.ref);
  });

  test('a refused send takes no key: corrected, the same key makes the incident', async () => {
    const key = randomUUID();
    const before = await countRows(t.ctx, 'incidents');
    const refused = await send(officer, key, { latitude: 48.85, longitude: 2.35 });
    expect(refused.statusCode).toBe(400);
    expect(await countRows(t.ctx, 'incidents')).toBe(before);
    const corrected = await send(officer, key);
    expect(corrected.statusCode).toBe(201);
    expect(await countRows(t.ctx, 'incidents')).toBe(before + 1);
  });

  test('a malformed key is refused in the reader’s language and nothing is made', async () => {
    const before = await countRows(t.ctx, 'incidents');
    for (const [key, lang, message] of [
      ['short', 'fr', 'Clé d’envoi invalide'],
      ['a key with spaces in it', 'en', 'Invalid submission key'],
      ['x'.repeat(101), 'en', 'Invalid submission key'],
    ] as const) {
      const response = await send(officer, key, {}, lang);
      expect(response.statusCode, key).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(message);
    }
    expect(await countRows(t.ctx, 'incidents')).toBe(before);
  });

  test('a strength snapshot sent again with its key is answered with the snapshot, not refused as existing', async () => {
    const key = randomUUID();
    const body = { asOf: '2020-11-30', category: 'military', authorised: 13289, deployed: 12600 };
    const post = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/strength', headers, payload: body });
    const before = await countRows(t.ctx, 'strength_snapshots');
    const answers = await Promise.all([
      post({ ...officer.headers, 'idempotency-key': key }),
      post({ ...officer.headers, 'idempotency-key': key }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect(answers[0]?.json()).toEqual(answers[1]?.json());
    expect(await countRows(t.ctx, 'strength_snapshots')).toBe(before + 1);
    // Without the key, the same snapshot sent again is what it always was: a 409.
    expect((await post(officer.headers)).statusCode).toBe(409);
  });

  test('an activity sent twice with its key is recorded once', async () => {
    const key = randomUUID();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: { ...officer.headers, 'idempotency-key': key },
        payload: activityInput(),
      });
    const before = await countRows(t.ctx, 'activities');
    const first = await post();
    expect(first.statusCode).toBe(201);
    const again = await post();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await countRows(t.ctx, 'activities')).toBe(before + 1);
  });

  test('a key already used for another kind of record is refused, not replayed as the wrong record', async () => {
    const key = randomUUID();
    expect((await send(officer, key)).statusCode).toBe(201);
    const actor = { id: officerId, label: 'officer' };
    const attempt = submitOnce(
      t.ctx,
      actor,
      { key, kind: 'strength.create' },
      async () => 'made',
      async () => 'replayed',
    );
    await expect(attempt).rejects.toEqual(new AppError(422, 'submission_key_reused'));
  });
});
