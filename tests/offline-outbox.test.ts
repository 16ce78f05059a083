import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { type OutboxDatabase, openOutboxDatabase } from '../web/src/offline/db.js';
import { formPathOf } from '../web/src/offline/kinds.js';
import { backOff, Outbox, type Transport } from '../web/src/offline/outbox.js';

/**
 * The web app's outbox in Node, on fake-indexeddb: records sealed at rest under a non-extractable
 * key per account, sent once each with their key, retried with back-off on network errors and 5xx,
 * kept with the server's message on a refusal, kept whole on a 401, never read by another account.
 * (No database: nothing here runs on SQLite or PostgreSQL.)
 */

let db: OutboxDatabase;
let clock: Date;
const now = () => clock;

beforeEach(() => {
  db = openOutboxDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  clock = new Date('2026-12-07T10:00:00.000Z');
});

function incident(title: string) {
  return { input: { title }, draft: { title } };
}

/** A server answering each request by what `answer` returns or throws, recording what it was sent. */
function server(answer: (body: { title: string }, key: string) => unknown) {
  const calls: { path: string; key: string; enteredAt: string; title: string }[] = [];
  const transport: Transport = async (request, key, enteredAt) => {
    const body = request.body as { title: string };
    calls.push({ path: request.path, key, enteredAt, title: body.title });
    return answer(body, key);
  };
  return { calls, transport };
}

const httpError = (status: number, code: string, detail: string, errors: { path: string; message: string }[] = []) =>
  Object.assign(new Error(detail), { status, problem: { code, title: detail, detail, errors, status } });

describe('outbox', () => {
  test('records are sealed at rest under a non-extractable key of the account', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    await outbox.add('incident', incident('Attaque près de Ménaka'), 'Attaque près de Ménaka');
    const [stored] = await db.records.toArray();
    expect(stored?.account).toBe('account-a');
    expect(stored?.state).toBe('waiting');
    const bytes = new TextDecoder().decode(stored?.sealed.data);
    expect(bytes).not.toContain('Ménaka');
    expect(JSON.stringify(stored)).not.toContain('Ménaka');
    const key = await db.keys.get('account-a');
    expect(key?.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key?.key as CryptoKey)).rejects.toThrow();
    const [record] = await outbox.list();
    expect(record?.summary).toBe('Attaque près de Ménaka');
    expect(record?.enteredAt).toBe('2026-12-07T10:00:00.000Z');
  });

  test('each record is sent once with its own key; a second flush sends nothing', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    for (const title of ['un', 'deux', 'trois']) await outbox.add('incident', incident(title), title);
    const { calls, transport } = server((body) => ({ ref: body.title }));
    const result = await outbox.flush(transport);
    expect(result.sent.map((s) => s.record.summary).sort()).toEqual(['deux', 'trois', 'un']);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.key)).size).toBe(3);
    expect(calls.every((c) => c.path === '/api/incidents')).toBe(true);
    expect(await outbox.count()).toBe(0);
    await outbox.flush(transport);
    expect(calls).toHaveLength(3);
  });

  test('a network error or a 5xx waits with back-off and never blocks the others', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    await outbox.add('incident', incident('coupé'), 'coupé');
    await outbox.add('incident', incident('erreur'), 'erreur');
    await outbox.add('incident', incident('bon'), 'bon');
    const { transport } = server((body) => {
      if (body.title === 'coupé') throw new TypeError('Failed to fetch');
      if (body.title === 'erreur') throw httpError(503, 'unavailable', 'Service indisponible');
      return { ref: 'MLI-1' };
    });
    const result = await outbox.flush(transport);
    expect(result.sent).toHaveLength(1);
    expect(result.retrying).toBe(2);
    // Entered at the same instant of the frozen clock: their order is the keys', so sorted here.
    const left = (await outbox.list()).sort((a, b) => a.summary.localeCompare(b.summary));
    expect(left.map((r) => [r.summary, r.state, r.attempts])).toEqual([
      ['coupé', 'waiting', 1],
      ['erreur', 'waiting', 1],
    ]);
    expect(left[0]?.nextAttemptAt).toBe('2026-12-07T10:00:02.000Z');
    // Not due yet: nothing is sent; due: sent again, and each failure doubles the wait.
    const again = server(() => {
      throw new TypeError('Failed to fetch');
    });
    await outbox.flush(again.transport);
    expect(again.calls).toHaveLength(0);
    clock = new Date('2026-12-07T10:00:02.000Z');
    await outbox.flush(again.transport);
    expect(again.calls).toHaveLength(2);
    expect((await outbox.list())[0]?.nextAttemptAt).toBe('2026-12-07T10:00:06.000Z');
    expect([1, 2, 3, 10, 20].map(backOff)).toEqual([2_000, 4_000, 8_000, 300_000, 300_000]);
  });

  test('once the server answers again, every waiting record is due at once, whatever its back-off', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    await outbox.add('incident', incident('un'), 'un');
    await outbox.add('incident', incident('deux'), 'deux');
    const down = server(() => {
      throw new TypeError('Failed to fetch');
    });
    for (const at of ['10:00:00', '10:00:02', '10:00:06', '10:00:14', '10:00:30']) {
      clock = new Date(`2026-12-07T${at}.000Z`);
      await outbox.flush(down.transport);
    }
    expect((await outbox.nextDue())?.toISOString()).toBe('2026-12-07T10:01:02.000Z');
    // Another account's records keep their own back-off.
    const other = new Outbox(db, 'account-b', now);
    await other.add('incident', incident('autre'), 'autre');
    await other.flush(down.transport);
    await outbox.dueNow();
    expect((await outbox.nextDue())?.toISOString()).toBe('2026-12-07T10:00:30.000Z');
    expect((await other.nextDue())?.toISOString()).toBe('2026-12-07T10:00:32.000Z');
    const up = server(() => ({ ref: 'MLI-1' }));
    expect((await outbox.flush(up.transport)).sent).toHaveLength(2);
    expect(up.calls.map((call) => call.title).sort()).toEqual(['deux', 'un']);
    // Sent a minute later, each still says when it was entered, for the server to keep.
    expect(up.calls.map((call) => call.enteredAt)).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T10:00:00.000Z']);
  });

  test('each send carries the time its record was entered, not the time it is sent', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    await outbox.add('incident', incident('un'), 'un');
    clock = new Date('2026-12-07T10:20:00.000Z');
    await outbox.add('incident', incident('deux'), 'deux');
    clock = new Date('2026-12-07T13:45:00.000Z');
    const { calls, transport } = server(() => ({ ref: 'MLI-1' }));
    await outbox.flush(transport);
    expect(calls.map((call) => [call.title, call.enteredAt]).sort()).toEqual([
      ['deux', '2026-12-07T10:20:00.000Z'],
      ['un', '2026-12-07T10:00:00.000Z'],
    ]);
  });

  test('a refusal keeps the record with the server message until it is fixed or discarded', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    const record = await outbox.add('incident', incident('hors du Mali'), 'hors du Mali');
    const refusing = server(() => {
      throw httpError(422, 'validation_failed', 'Données invalides', [{ path: 'location.latitude', message: 'Hors du Mali' }]);
    });
    const result = await outbox.flush(refusing.transport);
    expect(result.refused).toBe(1);
    const [refused] = await outbox.list();
    expect(refused?.state).toBe('refused');
    expect(refused?.problem).toEqual({
      status: 422,
      code: 'validation_failed',
      message: 'Données invalides',
      errors: [{ path: 'location.latitude', message: 'Hors du Mali' }],
    });
    // A refused record is not sent again by itself.
    clock = new Date('2026-12-07T11:00:00.000Z');
    await outbox.flush(refusing.transport);
    expect(refusing.calls).toHaveLength(1);
    // Fixed: sent again at once, with the same key and the time it was first entered.
    await outbox.replace(record.key, incident('à Ménaka'), 'à Ménaka');
    const accepting = server(() => ({ ref: 'MLI-1' }));
    await outbox.flush(accepting.transport);
    expect(accepting.calls).toEqual([
      { path: '/api/incidents', key: record.key, enteredAt: '2026-12-07T10:00:00.000Z', title: 'à Ménaka' },
    ]);
    expect(await outbox.count()).toBe(0);
    // Discarded.
    const other = await outbox.add('incident', incident('doublon'), 'doublon');
    await outbox.flush(refusing.transport);
    await outbox.discard(other.key);
    expect(await outbox.count()).toBe(0);
  });

  test('a 401 stops the round and keeps everything', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    for (const title of ['un', 'deux', 'trois', 'quatre', 'cinq', 'six']) await outbox.add('incident', incident(title), title);
    const { calls, transport } = server(() => {
      throw httpError(401, 'unauthenticated', 'Session expirée');
    });
    const result = await outbox.flush(transport);
    expect(result.unauthenticated).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(4);
    const left = await outbox.list();
    expect(left).toHaveLength(6);
    expect(left.every((r) => r.state === 'waiting' && r.attempts === 0)).toBe(true);
  });

  test('another account neither sees, sends nor discards them', async () => {
    const a = new Outbox(db, 'account-a', now);
    const b = new Outbox(db, 'account-b', now);
    const record = await a.add('incident', incident('de A'), 'de A');
    expect(await b.list()).toEqual([]);
    expect(await b.count()).toBe(0);
    expect(await b.get(record.key)).toBeUndefined();
    const { calls, transport } = server(() => ({}));
    await b.flush(transport);
    await b.discard(record.key);
    await b.clear();
    expect(calls).toHaveLength(0);
    expect(await a.count()).toBe(1);
    // Under B's key, A's ciphertext does not open.
    const stored = await db.records.get(record.key);
    const keyB = (await db.keys.get('account-b'))?.key as CryptoKey;
    await expect(
      crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: stored?.sealed.iv as Uint8Array<ArrayBuffer> },
        keyB,
        stored?.sealed.data as ArrayBuffer,
      ),
    ).rejects.toThrow();
  });

  test('two flushes at once send each record once; a send left by a closed tab is taken up again', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    for (const title of ['un', 'deux', 'trois']) await outbox.add('incident', incident(title), title);
    const { calls, transport } = server(() => ({}));
    await Promise.all([outbox.flush(transport), new Outbox(db, 'account-a', now).flush(transport)]);
    expect(calls).toHaveLength(3);
    const record = await outbox.add('incident', incident('abandonné'), 'abandonné');
    await db.records.update(record.key, { state: 'sending', sendingSince: clock.toISOString() });
    await outbox.flush(transport);
    expect(calls).toHaveLength(3);
    // Taken up 20 s after its send began, and the engine's timer is set for then.
    expect((await outbox.nextDue())?.toISOString()).toBe('2026-12-07T10:00:20.000Z');
    clock = new Date('2026-12-07T10:00:20.000Z');
    await outbox.flush(transport);
    expect(calls).toHaveLength(4);
  });

  test('an offline edit is sent as a PUT with its version, without a key header', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    await outbox.add('incident.edit', { ref: 'MLI-2020-000001', version: 3, base: {}, draft: {}, input: { title: 'x' } }, 'x');
    const requests: unknown[] = [];
    await outbox.flush(async (request) => {
      requests.push(request);
      return {};
    });
    expect(requests).toEqual([
      { method: 'PUT', path: '/api/incidents/MLI-2020-000001', body: { version: 3, incident: { title: 'x' } }, idempotent: false },
    ]);
  });

  test('a patrol report is sent as the complete transition with its version and its key; a 409 keeps it with its form', async () => {
    const outbox = new Outbox(db, 'account-a', now);
    const id = '0b0a4a52-3f7e-4b8e-9d55-1f6c2f4e9a10';
    const report = { actualStart: '2020-07-20T05:30:00Z', actualEnd: '2020-07-21T17:10:00Z', outcome: 'Axe reconnu.' };
    const kept = await outbox.add(
      'operation.report',
      { operationId: id, version: 4, report, draft: { outcome: 'Axe reconnu.' } },
      'Patrouille',
    );
    const sent: { request: unknown; key: string }[] = [];
    await outbox.flush(async (request, key) => {
      sent.push({ request, key });
      throw httpError(409, 'operation_transition_not_allowed', 'Cette étape n’est pas possible.');
    });
    expect(sent).toEqual([
      {
        request: {
          method: 'POST',
          path: `/api/operations/${id}/transitions`,
          body: { action: 'complete', version: 4, report },
          idempotent: true,
        },
        key: kept.key,
      },
    ]);
    const [refused] = await outbox.list();
    expect(refused).toMatchObject({ state: 'refused', problem: { status: 409, message: 'Cette étape n’est pas possible.' } });
    expect(formPathOf('operation.report', refused?.payload, kept.key)).toBe(`/operations/${id}?outbox=${kept.key}`);
  });
});
