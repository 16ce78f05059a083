import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import { activityInput } from './helpers/activities.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * The time a record was entered on a device that sent it later (`Mandat-Entered-At`, with its
 * `Idempotency-Key`): kept with the key for every kind of record and on the incident, the first
 * send's time for a repeated send, never later than the server's clock; a malformed time is
 * refused in the reader's language and nothing is made.
 */
describe.each(DIALECTS)('the time a record was entered, sent with its key (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, {
      memberships: [
        { unit: 'FORCE', role: 'officer' },
        { unit: 'HRPD', role: 'officer' },
      ],
    });
    officer = await signIn(t.app, user.email);
  });
  afterAll(async () => t?.close());

  const send = (headers: Record<string, string>, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { ...officer.headers, 'accept-language': lang, ...headers },
      payload: incidentInput(),
    });
  const keyRow = (key: string) =>
    t.ctx.database.db.selectFrom('submission_keys').select(['entered_at', 'record_id']).where('key', '=', key).executeTakeFirst();
  const creation = async (recordId: string) => {
    const row = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'incident.create')
      .where('record_id', '=', recordId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.details ?? '{}') as Record<string, unknown>;
  };

  test('an incident sent from the outbox keeps the time it was entered, on the incident, its key and its audit entry', async () => {
    const key = randomUUID();
    const made = await send({ 'idempotency-key': key, 'mandat-entered-at': '2026-11-27T08:15:30+02:00' });
    expect(made.statusCode).toBe(201);
    const incident: Incident = made.json();
    expect(incident.enteredAt).toBe('2026-11-27T06:15:30.000Z');
    expect(incident.createdAt > (incident.enteredAt ?? '')).toBe(true);
    const read = await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.ref}`, headers: officer.headers });
    expect((read.json() as Incident).enteredAt).toBe('2026-11-27T06:15:30.000Z');
    const row = await keyRow(key);
    expect(row?.entered_at).toBe('2026-11-27T06:15:30.000Z');
    expect(await creation(row?.record_id ?? '')).toEqual({ ref: incident.ref, enteredAt: '2026-11-27T06:15:30.000Z' });
  });

  test('entered online, or sent without a key, an incident has no time of entry of its own', async () => {
    const online: Incident = (await send({})).json();
    expect(online.enteredAt).toBeNull();
    // Without a key the header is not read, whatever it holds: the record was not kept to be sent later.
    for (const time of ['2026-11-27T06:15:30Z', 'hier']) {
      const unkeyed = await send({ 'mandat-entered-at': time });
      expect(unkeyed.statusCode, time).toBe(201);
      expect((unkeyed.json() as Incident).enteredAt, time).toBeNull();
    }
    const keyed = randomUUID();
    const withoutTime: Incident = (await send({ 'idempotency-key': keyed })).json();
    expect(withoutTime.enteredAt).toBeNull();
    expect((await keyRow(keyed))?.entered_at).toBeNull();
    expect(await creation((await keyRow(keyed))?.record_id ?? '')).toEqual({ ref: withoutTime.ref });
  });

  test('a repeated send answers with the time of the first, not its own', async () => {
    const key = randomUUID();
    const first: Incident = (await send({ 'idempotency-key': key, 'mandat-entered-at': '2026-11-27T05:00:00Z' })).json();
    const again = await send({ 'idempotency-key': key, 'mandat-entered-at': '2026-11-27T05:45:00Z' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as Incident).enteredAt).toBe('2026-11-27T05:00:00.000Z');
    expect(again.json()).toEqual(first);
    expect((await keyRow(key))?.entered_at).toBe('2026-11-27T05:00:00.000Z');
  });

  test('a device whose clock runs ahead cannot date a record after it arrived: the time is the server’s', async () => {
    const clock = t.ctx.now;
    const server = new Date(Math.floor(clock().getTime() / 1000) * 1000);
    const at = (ms: number) => new Date(server.getTime() + ms).toISOString();
    t.ctx.now = () => server;
    try {
      const key = randomUUID();
      const made = await send({ 'idempotency-key': key, 'mandat-entered-at': at(2 * 3600_000) });
      expect(made.statusCode).toBe(201);
      const incident: Incident = made.json();
      expect(incident.enteredAt).toBe(server.toISOString());
      expect(incident.createdAt).toBe(server.toISOString());
      expect((await keyRow(key))?.entered_at).toBe(server.toISOString());
      // A time before the server's stays as the device said.
      const earlier: Incident = (await send({ 'idempotency-key': randomUUID(), 'mandat-entered-at': at(-60_000) })).json();
      expect(earlier.enteredAt).toBe(at(-60_000));
    } finally {
      t.ctx.now = clock;
    }
  });

  test('a malformed time is refused in the reader’s language and nothing is made, not even the key', async () => {
    const before = {
      incidents: await countRows(t.ctx, 'incidents'),
      keys: await countRows(t.ctx, 'submission_keys'),
      audit: await countRows(t.ctx, 'audit_log'),
    };
    const keys: string[] = [];
    for (const [time, lang, message] of [
      ['hier', 'fr', 'Heure de saisie invalide (en-tête Mandat-Entered-At)'],
      ['2026-11-27T08:15:30', 'fr', 'Heure de saisie invalide'],
      ['2026-12-07', 'en', 'Invalid time of entry (Mandat-Entered-At header)'],
      ['2026-13-40T08:15:30Z', 'en', 'Invalid time of entry'],
      ['1765094130000', 'en', 'Invalid time of entry'],
    ] as const) {
      const key = randomUUID();
      keys.push(key);
      const response = await send({ 'idempotency-key': key, 'mandat-entered-at': time }, lang);
      expect(response.statusCode, time).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.json() as { code: string }).code, time).toBe('entered_at_invalid');
      expect(JSON.stringify(response.json()), time).toContain(message);
    }
    expect(await countRows(t.ctx, 'incidents')).toBe(before.incidents);
    expect(await countRows(t.ctx, 'submission_keys')).toBe(before.keys);
    expect(await countRows(t.ctx, 'audit_log')).toBe(before.audit);
    // Corrected, the same key makes the incident.
    const corrected = await send({ 'idempotency-key': keys[0] ?? '', 'mandat-entered-at': '2026-11-27T06:00:00Z' });
    expect(corrected.statusCode).toBe(201);
  });

  test('an activity and a strength snapshot keep the time with their key', async () => {
    const activityKey = randomUUID();
    const activity = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: { ...officer.headers, 'idempotency-key': activityKey, 'mandat-entered-at': '2026-11-26T17:20:00Z' },
      payload: activityInput(),
    });
    expect(activity.statusCode).toBe(201);
    expect((await keyRow(activityKey))?.entered_at).toBe('2026-11-26T17:20:00.000Z');

    const strengthKey = randomUUID();
    const snapshot = await t.app.inject({
      method: 'POST',
      url: '/api/strength',
      headers: { ...officer.headers, 'idempotency-key': strengthKey, 'mandat-entered-at': '2026-11-26T18:05:00-01:00' },
      payload: { asOf: '2020-10-31', category: 'military', authorised: 13289, deployed: 12600 },
    });
    expect(snapshot.statusCode).toBe(201);
    expect((await keyRow(strengthKey))?.entered_at).toBe('2026-11-26T19:05:00.000Z');
  });
});
