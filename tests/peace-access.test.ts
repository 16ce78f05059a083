import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CsaSessionDetail, ProvisionDetail } from '../src/contracts/peace.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Who reads and writes the peace process's records. Each `may` flag of a provision, a score and a
 * CSA session is checked against its write route for every kind of caller; and a canary crawl
 * plants unique markers in restricted records and walks every read route of the module as every
 * caller: a marker is seen only by members of the keeping unit.
 */

type Caller = 'anonymous' | 'reader' | 'author' | 'officer' | 'manager' | 'otherManager' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'reader', 'author', 'officer', 'manager', 'otherManager', 'admin'];
const MEMBERS_OF_MED: Caller[] = ['reader', 'author', 'officer', 'manager'];
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

describe.each(DIALECTS)('peace process access (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sessions.set('anonymous', null);
    const as = async (name: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], admin = false) =>
      sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, admin })).email));
    await as('reader', [{ unit: 'MED', role: 'viewer' }]);
    await as('author', [{ unit: 'MED', role: 'officer' }]);
    await as('officer', [{ unit: 'MED', role: 'officer' }]);
    await as('manager', [{ unit: 'MED', role: 'manager' }]);
    await as('otherManager', [{ unit: 'PAD', role: 'manager' }]);
    await as('admin', [], true);
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: sessions.get(caller)?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newProvision = async (classification: 'public' | 'internal' | 'restricted', marker = 'texte') => {
    serial += 1;
    const response = await send('author', 'POST', '/api/peace/provisions', {
      code: `ACC-${serial}`,
      pillar: 'defence_security',
      chapter: 'Chapitre d’essai',
      textFr: marker,
      classification,
    });
    expect(response.statusCode).toBe(201);
    const provision = response.json() as ProvisionDetail;
    const scored = await send('author', 'POST', `/api/peace/provisions/${provision.id}/scores`, {
      period: '2020',
      score: 1,
      evidence: marker,
    });
    return scored.json() as ProvisionDetail;
  };
  const newSession = async (classification: 'public' | 'internal' | 'restricted', marker = 'Bamako') => {
    const response = await send('author', 'POST', '/api/peace/sessions', {
      body: 'justice_reconciliation',
      heldOn: '2020-05-05',
      place: marker,
      agenda: marker,
      attendance: [{ delegation: marker, women: 1, men: 1 }],
      classification,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as CsaSessionDetail;
  };

  test.each(['internal', 'restricted'] as const)(
    'every flag of a %s provision, score and session agrees with its write route',
    async (classification) => {
      const seen = new Map<string, Set<boolean>>();
      const note = (flag: string, value: boolean) => seen.set(flag, (seen.get(flag) ?? new Set()).add(value));
      for (const caller of CALLERS) {
        const provision = await newProvision(classification);
        const session = await newSession(classification);
        const read = await send(caller, 'GET', `/api/peace/provisions/${provision.id}`);
        const readable = read.statusCode === 200;
        const expectedReadable = classification === 'internal' ? caller !== 'anonymous' : MEMBERS_OF_MED.includes(caller);
        expect(readable, `${caller} reads a ${classification} provision`).toBe(expectedReadable);
        const may = readable ? (read.json() as ProvisionDetail).may : { edit: false, score: false };
        const scoreId = provision.scores[0]?.id;
        const validate = readable ? ((read.json() as ProvisionDetail).scores[0]?.may.validate ?? false) : false;
        const sessionRead = await send(caller, 'GET', `/api/peace/sessions/${session.id}`);
        const sessionMay = sessionRead.statusCode === 200 ? (sessionRead.json() as CsaSessionDetail).may : { edit: false, decide: false };

        const checks: [string, boolean, LightMyRequestResponse][] = [
          [
            'provision.edit',
            may.edit,
            await send(caller, 'PATCH', `/api/peace/provisions/${provision.id}`, { version: provision.version, responsible: caller }),
          ],
          [
            'provision.score',
            may.score,
            await send(caller, 'POST', `/api/peace/provisions/${provision.id}/scores`, { period: '2021', score: 2, evidence: caller }),
          ],
          ['score.validate', validate, await send(caller, 'POST', `/api/peace/scores/${scoreId}/validate`)],
          [
            'session.edit',
            sessionMay.edit,
            await send(caller, 'PATCH', `/api/peace/sessions/${session.id}`, { version: session.version, chair: caller }),
          ],
          [
            'session.decide',
            sessionMay.decide,
            await send(caller, 'POST', `/api/peace/sessions/${session.id}/decisions`, { text: caller }),
          ],
        ];
        for (const [flag, value, response] of checks) {
          note(flag, value);
          expect(accepted(response), `${caller}: ${flag} is ${value}: ${response.statusCode} ${response.body}`).toBe(value);
          if (!value) expect([401, 403, 404, 409]).toContain(response.statusCode);
        }
      }
      expect([...seen].filter(([, values]) => values.size < 2).map(([flag]) => flag)).toEqual([]);
    },
  );

  test('the audit log names a provision and a session only to an auditor who may read them', async () => {
    const provision = await newProvision('restricted');
    const session = await newSession('restricted', 'Kidal-AUDIT-5c1e');
    const auditorAs = async (memberships: { unit: string; role: 'viewer' }[]) =>
      signIn(t.app, (await buildUser(t.ctx, { memberships, auditor: true })).email);
    const labelsFor = async (auditor: Session, recordType: string) => {
      const response = await t.app.inject({ url: `/api/audit?recordType=${recordType}&limit=200`, headers: auditor.headers });
      expect(response.statusCode, response.body).toBe(200);
      return new Map(
        (response.json().entries as { recordId: string; recordLabel: string | null }[]).map((e) => [e.recordId, e.recordLabel]),
      );
    };
    const outsider = await auditorAs([]);
    const member = await auditorAs([{ unit: 'MED', role: 'viewer' }]);
    expect((await labelsFor(member, 'peace_provision')).get(provision.id)).toBe(`${provision.code} — Chapitre d’essai`);
    expect((await labelsFor(member, 'csa_session')).get(session.id)).toContain('Kidal-AUDIT-5c1e');
    expect((await labelsFor(outsider, 'peace_provision')).get(provision.id)).toBeNull();
    expect((await labelsFor(outsider, 'csa_session')).get(session.id)).toBeNull();
  });

  test('canary crawl: markers of restricted records appear only to members of the keeping unit, and of internal ones to no anonymous visitor', async () => {
    const restricted = 'CANARY-RESTRICTED-7f3a';
    const internal = 'CANARY-INTERNAL-91bc';
    const provision = await newProvision('restricted', restricted);
    const session = await newSession('restricted', restricted);
    const internalProvision = await newProvision('internal', internal);
    const internalSession = await newSession('internal', internal);
    const urls = [
      '/api/peace/provisions',
      '/api/peace/provisions?pillar=defence_security',
      `/api/peace/provisions/${provision.id}`,
      `/api/peace/provisions/${provision.id}/history`,
      `/api/peace/provisions/${internalProvision.id}`,
      '/api/peace/dashboard',
      '/api/peace/dashboard.csv',
      '/api/peace/sessions',
      `/api/peace/sessions/${session.id}`,
      `/api/peace/sessions/${session.id}/history`,
      `/api/peace/sessions/${internalSession.id}`,
      '/api/peace/participation',
    ];
    const leaks: string[] = [];
    const seenBy = new Set<Caller>();
    for (const caller of CALLERS) {
      for (const url of urls) {
        const body = (await send(caller, 'GET', url)).body;
        if (body.includes(restricted)) {
          seenBy.add(caller);
          if (!MEMBERS_OF_MED.includes(caller)) leaks.push(`${caller} ${url}: restricted marker`);
        }
        if (body.includes(internal) && caller === 'anonymous') leaks.push(`${caller} ${url}: internal marker`);
      }
    }
    expect(leaks).toEqual([]);
    expect([...seenBy].sort()).toEqual([...MEMBERS_OF_MED].sort());
    // A restricted session's attendance counts nowhere outside the unit, not even in the totals.
    const outside = (await send('otherManager', 'GET', '/api/peace/participation')).json();
    const inside = (await send('reader', 'GET', '/api/peace/participation')).json();
    expect(inside.overall.total - outside.overall.total).toBeGreaterThanOrEqual(2);
  });
});
