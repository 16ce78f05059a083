import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElectionsOverview, ElectoralEvent, ElectoralRequest, RequestInput } from '../src/contracts/elections.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * Electoral support: a request's lifecycle (requested → accepted or declined → delivered), who may
 * move it, bad input in the reader's language with nothing written, civic-education sessions with
 * participants by sex, and the incidents linked to an electoral event, shown only to those who
 * may read them.
 */

type Caller = 'anonymous' | 'viewer' | 'officer' | 'manager' | 'outsider' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'officer', 'manager', 'outsider', 'admin'];

function requestInput(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    requestedOn: '2026-06-01',
    authority: 'Ministère de l’Administration territoriale et de la Décentralisation',
    kind: 'both',
    description: 'Acheminement des kits électoraux vers le Nord et escorte des convois',
    neededBy: '2026-07-01',
    origin: 'Bamako',
    destinations: ['Gao', 'Tombouctou', 'Kidal'],
    requestedKg: 42_500,
    ...overrides,
  };
}

describe.each(DIALECTS)('electoral support (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sessions.set('anonymous', null);
    const as = async (name: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], admin = false) =>
      sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, admin })).email));
    await as('viewer', [{ unit: 'EAD', role: 'viewer' }]);
    await as('officer', [{ unit: 'EAD', role: 'officer' }]);
    await as('manager', [{ unit: 'EAD', role: 'manager' }]);
    await as('outsider', [{ unit: 'CAD', role: 'officer' }]);
    await as('admin', [], true);
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(sessions.get(caller)?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(caller: Caller, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
    const response = await send(caller, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  };

  test('a request is accepted by a manager, then delivered with the material moved and the security provided', async () => {
    const event = await ok<ElectoralEvent>('officer', 'POST', '/api/elections/events', {
      kind: 'polling',
      title: 'Premier tour de l’élection présidentielle',
      startsOn: '2026-07-05',
    });
    const request = await ok<ElectoralRequest>('officer', 'POST', '/api/elections/requests', requestInput({ eventId: event.id }));
    expect(request).toMatchObject({
      status: 'requested',
      destinations: ['Gao', 'Tombouctou', 'Kidal'],
      requestedKg: 42_500,
      delivery: null,
    });
    expect(request.may).toEqual({ decide: false, deliver: false });
    const delivery = {
      deliveredOn: '2026-06-28',
      deliveredKg: 41_000,
      flights: 6,
      convoys: 2,
      escorts: 4,
      patrols: 12,
      securityPlan: 'Escorte FORCE',
      version: 1,
    };
    // Not before it is accepted, and only a manager decides.
    expect((await send('manager', 'POST', `/api/elections/requests/${request.id}/delivery`, delivery)).statusCode).toBe(409);
    expect(
      (await send('officer', 'POST', `/api/elections/requests/${request.id}/decision`, { decision: 'accepted', version: 1 })).statusCode,
    ).toBe(403);
    expect((await ok<ElectoralRequest>('manager', 'GET', `/api/elections/requests/${request.id}`)).may).toEqual({
      decide: true,
      deliver: false,
    });
    const accepted = await ok<ElectoralRequest>('manager', 'POST', `/api/elections/requests/${request.id}/decision`, {
      decision: 'accepted',
      note: 'Moyens aériens disponibles',
      version: 1,
    });
    expect(accepted).toMatchObject({ status: 'accepted', decisionNote: 'Moyens aériens disponibles' });
    expect(accepted.decidedBy).toBeTruthy();
    expect(
      (await send('manager', 'POST', `/api/elections/requests/${request.id}/decision`, { decision: 'declined', version: 2 })).statusCode,
    ).toBe(409);
    expect((await ok<ElectoralRequest>('officer', 'GET', `/api/elections/requests/${request.id}`)).may).toEqual({
      decide: false,
      deliver: true,
    });
    expect((await send('officer', 'POST', `/api/elections/requests/${request.id}/delivery`, { ...delivery, version: 1 })).statusCode).toBe(
      409,
    );
    const delivered = await ok<ElectoralRequest>('officer', 'POST', `/api/elections/requests/${request.id}/delivery`, {
      ...delivery,
      version: 2,
    });
    expect(delivered.status).toBe('delivered');
    expect(delivered.delivery).toMatchObject({ deliveredKg: 41_000, flights: 6, convoys: 2, escorts: 4, patrols: 12 });
    expect(delivered.may).toEqual({ decide: false, deliver: false });
    expect((await send('officer', 'POST', `/api/elections/requests/${request.id}/delivery`, { ...delivery, version: 3 })).statusCode).toBe(
      409,
    );

    const declined = await ok<ElectoralRequest>('officer', 'POST', '/api/elections/requests', requestInput({ kind: 'security' }));
    const refused = await ok<ElectoralRequest>('manager', 'POST', `/api/elections/requests/${declined.id}/decision`, {
      decision: 'declined',
      version: 1,
    });
    expect(refused.status).toBe('declined');
    expect((await send('manager', 'POST', `/api/elections/requests/${declined.id}/delivery`, { ...delivery, version: 2 })).statusCode).toBe(
      409,
    );
  });

  test('who may write: Electoral Affairs officers and managers; internal records read by any member, never anonymously', async () => {
    for (const caller of CALLERS) {
      const created = await send(caller, 'POST', '/api/elections/requests', requestInput());
      const writer = caller === 'officer' || caller === 'manager';
      expect(created.statusCode < 300, `${caller} creates`).toBe(writer);
      if (!writer) expect([401, 403]).toContain(created.statusCode);
      const overview = await send(caller, 'GET', '/api/elections');
      expect(overview.statusCode).toBe(caller === 'anonymous' ? 401 : 200);
      if (overview.statusCode === 200) expect((overview.json() as ElectionsOverview).may.create).toBe(writer);
    }
    const restricted = await ok<ElectoralRequest>(
      'officer',
      'POST',
      '/api/elections/requests',
      requestInput({ classification: 'restricted', authority: 'AUTORITE-RESTREINTE' }),
    );
    expect((await send('outsider', 'GET', `/api/elections/requests/${restricted.id}`)).statusCode).toBe(404);
    expect((await send('outsider', 'GET', '/api/elections')).body).not.toContain('AUTORITE-RESTREINTE');
    expect((await send('viewer', 'GET', '/api/elections')).body).toContain('AUTORITE-RESTREINTE');
  });

  test('civic-education sessions count participants by sex', async () => {
    const civic = await send('officer', 'POST', '/api/elections/civic', {
      heldOn: '2026-06-10',
      place: 'Mopti',
      topic: 'Le vote, un droit',
      women: 48,
      men: 31,
    });
    expect(civic.statusCode, civic.body).toBe(204);
    const overview = await ok<ElectionsOverview>('viewer', 'GET', '/api/elections');
    expect(overview.civic[0]).toMatchObject({ place: 'Mopti', women: 48, men: 31 });
  });

  test('an incident linked to an electoral event shows only to those who may read the incident', async () => {
    const joc = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    const create = async (classification: 'internal' | 'restricted', title: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: joc.headers,
        payload: incidentInput({ classification, title }),
      });
      expect(r.statusCode, r.body).toBe(201);
      const submitted = await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${r.json().ref}/transitions`,
        headers: joc.headers,
        payload: { action: 'submit', version: r.json().version },
      });
      expect(submitted.statusCode, submitted.body).toBeLessThan(300);
      return r.json().ref as string;
    };
    const open = await create('internal', 'Bureau de vote attaqué INCIDENT-OUVERT');
    const hidden = await create('restricted', 'Menaces contre des assesseurs INCIDENT-RESTREINT');
    const event = await ok<ElectoralEvent>('officer', 'POST', '/api/elections/events', {
      kind: 'campaign',
      title: 'Campagne',
      startsOn: '2026-06-20',
      endsOn: '2026-07-03',
    });
    expect((await send('officer', 'POST', `/api/elections/events/${event.id}/incidents`, { incidentRef: open })).statusCode).toBe(204);
    // The officer cannot read the restricted incident: it cannot be linked, and the answer tells nothing.
    const refused = await send('officer', 'POST', `/api/elections/events/${event.id}/incidents`, { incidentRef: hidden }, 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toBe('Unknown or inaccessible incident: check its reference (form MLI-2026-000123).');
    // A FORCE member who is also an electoral officer links it; EAD's viewer still does not see it.
    const both = await signIn(
      t.app,
      (
        await buildUser(t.ctx, {
          memberships: [
            { unit: 'FORCE', role: 'viewer' },
            { unit: 'EAD', role: 'officer' },
          ],
        })
      ).email,
    );
    const linked = await t.app.inject({
      method: 'POST',
      url: `/api/elections/events/${event.id}/incidents`,
      headers: both.headers,
      payload: { incidentRef: hidden },
    });
    expect(linked.statusCode, linked.body).toBe(204);
    const viewer = await ok<ElectionsOverview>('viewer', 'GET', '/api/elections');
    expect(viewer.incidents.map((i) => i.ref)).toEqual([open]);
    const insider = (await t.app.inject({ url: '/api/elections', headers: both.headers })).json() as ElectionsOverview;
    expect(insider.incidents.map((i) => i.ref).sort()).toEqual([open, hidden].sort());
  });

  test('bad input is a problem+json in the reader’s language, and nothing is written', async () => {
    const before = await countRows(t.ctx, 'electoral_requests');
    const bad = { ...requestInput(), requestedOn: 'hier', kind: 'money', requestedKg: 1.5 };
    const fr = await send('officer', 'POST', '/api/elections/requests', bad, 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().title).toBe('La requête contient des données invalides.');
    expect(fr.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['requestedOn', 'kind', 'requestedKg']));
    expect((await send('officer', 'POST', '/api/elections/requests', bad, 'en')).json().title).toBe('The request contains invalid data.');
    expect(await countRows(t.ctx, 'electoral_requests')).toBe(before);

    const request = await ok<ElectoralRequest>('officer', 'POST', '/api/elections/requests', requestInput());
    await ok('manager', 'POST', `/api/elections/requests/${request.id}/decision`, { decision: 'accepted', version: 1 });
    const empty = { deliveredOn: '2026-06-20', version: 2 };
    const frEmpty = await send('officer', 'POST', `/api/elections/requests/${request.id}/delivery`, empty, 'fr');
    expect(frEmpty.statusCode).toBe(400);
    expect(frEmpty.json().errors).toContainEqual({
      path: 'deliveredKg',
      message: 'Indiquez ce qui a été livré : matériel (kg), escortes, patrouilles ou plan de sécurité.',
    });
    const enEmpty = await send('officer', 'POST', `/api/elections/requests/${request.id}/delivery`, empty, 'en');
    expect(enEmpty.json().errors).toContainEqual({
      path: 'deliveredKg',
      message: 'Say what was delivered: material (kg), escorts, patrols or a security plan.',
    });
    const early = await send(
      'officer',
      'POST',
      `/api/elections/requests/${request.id}/delivery`,
      { deliveredOn: '2026-05-01', escorts: 2, version: 2 },
      'fr',
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toBe('La livraison ne peut pas précéder la demande.');
    expect((await ok<ElectoralRequest>('officer', 'GET', `/api/elections/requests/${request.id}`)).status).toBe('accepted');
    const backwards = await send(
      'officer',
      'POST',
      '/api/elections/events',
      { kind: 'campaign', title: 'x', startsOn: '2026-07-01', endsOn: '2026-06-01' },
      'en',
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().detail).toBe('The milestone ends before it starts.');
  });
});
