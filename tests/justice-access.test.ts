import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FacilityDetail, JusticeDashboard } from '../src/contracts/justice.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Who reads and writes justice and corrections' records, as a matrix: every route of the module
 * for every kind of caller, and each `may` flag of a facility checked against its write route. The
 * section's officers record and assess, its managers correct; facilities and what is computed from
 * them are internal unless marked public.
 */

type Caller = 'anonymous' | 'reader' | 'officer' | 'manager' | 'otherManager' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'reader', 'officer', 'manager', 'otherManager', 'admin'];
const RECORDERS: Caller[] = ['officer', 'manager'];
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

describe.each(DIALECTS)('justice and corrections access (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sessions.set('anonymous', null);
    const as = async (name: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], admin = false) =>
      sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, admin })).email));
    await as('reader', [{ unit: 'JCS', role: 'viewer' }]);
    await as('officer', [{ unit: 'JCS', role: 'officer' }]);
    await as('manager', [{ unit: 'JCS', role: 'manager' }]);
    await as('otherManager', [{ unit: 'FORCE', role: 'manager' }]);
    await as('admin', [], true);
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: sessions.get(caller)?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newFacility = async (classification: 'public' | 'internal', kind = 'prison') => {
    serial += 1;
    const response = await send('officer', 'POST', '/api/justice/facilities', {
      kind,
      name: `Établissement ${classification} ${serial}`,
      place: 'Gao',
      classification,
    });
    expect(response.statusCode, response.body).toBe(201);
    const facility = response.json() as FacilityDetail;
    const assessed = await send('officer', 'POST', `/api/justice/facilities/${facility.id}/assessments`, {
      assessedOn: '2020-04-01',
      status: 'functional',
      source: 'Visite',
    });
    expect(assessed.statusCode).toBe(201);
    return assessed.json() as FacilityDetail;
  };

  test('reading: internal facilities for members of the mission, public ones for everyone', async () => {
    const internal = await newFacility('internal');
    const open = await newFacility('public');
    for (const caller of CALLERS) {
      const internalRead = await send(caller, 'GET', `/api/justice/facilities/${internal.id}`);
      expect(internalRead.statusCode, caller).toBe(caller === 'anonymous' ? 404 : 200);
      expect((await send(caller, 'GET', `/api/justice/facilities/${internal.id}/history`)).statusCode, caller).toBe(
        caller === 'anonymous' ? 404 : 200,
      );
      const assessment = internal.assessments[0]?.id;
      expect((await send(caller, 'GET', `/api/justice/assessments/${assessment}/history`)).statusCode, caller).toBe(
        caller === 'anonymous' ? 404 : 200,
      );
      expect((await send(caller, 'GET', `/api/justice/facilities/${open.id}`)).statusCode, caller).toBe(200);
      const names = ((await send(caller, 'GET', '/api/justice/facilities')).json() as { facilities: { id: string }[] }).facilities.map(
        (f) => f.id,
      );
      expect(names.includes(internal.id), caller).toBe(caller !== 'anonymous');
      expect(names.includes(open.id), caller).toBe(true);
      const csv = await send(caller, 'GET', '/api/justice/facilities.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.includes(internal.name), caller).toBe(caller !== 'anonymous');
      const dashboard = (await send(caller, 'GET', '/api/justice/dashboard')).json() as JusticeDashboard;
      // The computed shares count only what the caller may read.
      const prisons = ((await send(caller, 'GET', '/api/justice/facilities?category=prison')).json() as { facilities: unknown[] })
        .facilities.length;
      expect(dashboard.prisons.facilities, caller).toBe(prisons);
      expect(dashboard.population.suppressed, caller).toBe(caller === 'anonymous');
    }
  });

  test('writing: each route as every caller, and each may flag agrees with its route', async () => {
    for (const caller of CALLERS) {
      const facility = await newFacility('internal');
      const created = await send(caller, 'POST', '/api/justice/facilities', {
        kind: 'court_military',
        name: `TM ${caller}`,
        place: 'Kidal',
      });
      expect(created.statusCode, caller).toBe(caller === 'anonymous' ? 401 : RECORDERS.includes(caller) ? 201 : 403);
      const list = (await send(caller, 'GET', '/api/justice/facilities')).json() as { may: { create: boolean } };
      expect(list.may.create, caller).toBe(RECORDERS.includes(caller));

      const seen =
        caller === 'anonymous' ? null : ((await send(caller, 'GET', `/api/justice/facilities/${facility.id}`)).json() as FacilityDetail);
      const may = seen?.may ?? { edit: false, assess: false, count: false, link: false };
      const assessmentMay = seen?.assessments[0]?.may.correct ?? false;

      const assess = await send(caller, 'POST', `/api/justice/facilities/${facility.id}/assessments`, {
        assessedOn: '2020-05-01',
        status: 'partly_functional',
        source: 'Visite',
      });
      expect(accepted(assess), caller).toBe(may.assess);
      expect(may.assess, caller).toBe(RECORDERS.includes(caller));

      const count = await send(caller, 'POST', `/api/justice/facilities/${facility.id}/population`, {
        countedOn: '2020-05-01',
        women: 4,
        men: 40,
        pretrialWomen: 2,
        pretrialMen: 20,
        source: 'Registre',
      });
      expect(accepted(count), caller).toBe(may.count);

      const current = facility.assessments[0];
      if (!current) throw new Error('no assessment');
      const correct = await send(caller, 'PUT', `/api/justice/assessments/${current.id}`, {
        assessedOn: current.assessedOn,
        status: 'not_functional',
        source: 'Correction',
        version: current.version,
      });
      expect(accepted(correct), caller).toBe(assessmentMay);
      expect(assessmentMay, caller).toBe(caller === 'manager');

      const edit = await send(caller, 'PATCH', `/api/justice/facilities/${facility.id}`, {
        kind: 'prison',
        name: `${facility.name} (corrigé)`,
        place: 'Gao',
        version: facility.version,
      });
      expect(accepted(edit), caller).toBe(may.edit);
      expect(may.edit, caller).toBe(caller === 'manager');
      if (caller === 'anonymous') for (const r of [assess, count, correct, edit]) expect(r.statusCode).toBe(401);
    }
  });
});
