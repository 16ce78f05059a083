import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { IndicatorDetail, Objective } from '../src/contracts/results.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * The results framework's access matrix: for each kind of caller and each class, what a read
 * answers, and every `may` flag (the framework's units, an objective's, an indicator's) against
 * its write route — a true flag means the route accepts, a false one that it refuses. Binding a
 * fiche figure follows who may correct it.
 */

type Caller = 'anonymous' | 'viewer' | 'officer' | 'manager' | 'otherOfficer' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'officer', 'manager', 'otherOfficer', 'admin'];

const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

describe.each(DIALECTS)('results framework access (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    sessions.set('anonymous', null);
    const as = async (name: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], admin = false) =>
      sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, admin })).email));
    await as('viewer', [{ unit: 'FORCE', role: 'viewer' }]);
    await as('officer', [{ unit: 'FORCE', role: 'officer' }]);
    await as('manager', [{ unit: 'FORCE', role: 'manager' }]);
    await as('otherOfficer', [{ unit: 'CAD', role: 'officer' }]);
    await as('admin', [], true);
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { ...(sessions.get(caller)?.headers ?? {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const indicatorBody = (extra: Record<string, unknown> = {}) => ({
    titleFr: 'Indicateur',
    titleEn: 'Indicator',
    measure: 'count',
    periodStart: '2020-01-01',
    periodEnd: '2020-12-31',
    ...extra,
  });

  test.each(['public', 'internal', 'restricted'] as const)(
    'a %s objective: reads and every flag against its route',
    async (classification) => {
      const created = (
        await send('officer', 'POST', '/api/results/objectives', {
          unit: 'FORCE',
          titleFr: 'Objectif',
          titleEn: 'Objective',
          classification,
        })
      ).json() as Objective;
      const entered = (
        await send('officer', 'POST', `/api/results/objectives/${created.id}/indicators`, indicatorBody({ classification }))
      ).json() as IndicatorDetail;
      const computed = (
        await send(
          'officer',
          'POST',
          `/api/results/objectives/${created.id}/indicators`,
          indicatorBody({ classification, rule: { kind: 'strength.deployed', params: { category: 'military' } } }),
        )
      ).json() as IndicatorDetail;
      for (const caller of CALLERS) {
        const mayRead =
          classification === 'public' ||
          (caller !== 'anonymous' && (classification === 'internal' || ['viewer', 'officer', 'manager'].includes(caller)));
        const read = await send(caller, 'GET', `/api/results/objectives/${created.id}`);
        expect(read.statusCode, `${caller} reads`).toBe(mayRead ? 200 : 404);
        expect((await send(caller, 'GET', `/api/results/indicators/${entered.id}`)).statusCode).toBe(mayRead ? 200 : 404);
        const listed = ((await send(caller, 'GET', '/api/results')).json() as { objectives: Objective[] }).objectives.some(
          (o) => o.id === created.id,
        );
        expect(listed, `${caller} lists`).toBe(mayRead);
        const objective = mayRead ? (read.json() as Objective) : null;
        const detail = mayRead ? ((await send(caller, 'GET', `/api/results/indicators/${entered.id}`)).json() as IndicatorDetail) : null;
        const computedDetail = mayRead
          ? ((await send(caller, 'GET', `/api/results/indicators/${computed.id}`)).json() as IndicatorDetail)
          : null;
        // Each flag against its route.
        const addIndicator = await send(
          caller,
          'POST',
          `/api/results/objectives/${created.id}/indicators`,
          indicatorBody({ classification }),
        );
        expect(accepted(addIndicator), `${caller} adds an indicator`).toBe(objective?.may.addIndicator ?? false);
        const value = await send(caller, 'POST', `/api/results/indicators/${entered.id}/values`, {
          value: 1,
          period: '2020',
          source: 'Essai',
        });
        expect(accepted(value), `${caller} enters a value`).toBe(detail?.may.enterValue ?? false);
        const computedValue = await send(caller, 'POST', `/api/results/indicators/${computed.id}/values`, {
          value: 1,
          period: '2020',
          source: 'Essai',
        });
        expect(accepted(computedValue)).toBe(false);
        expect(computedDetail?.may.enterValue ?? false).toBe(false);
        const current = objective ? objective.version : 1;
        const patch = await send(caller, 'PATCH', `/api/results/objectives/${created.id}`, { version: current, code: caller.slice(0, 10) });
        expect(accepted(patch), `${caller} edits`).toBe(objective?.may.edit ?? false);
        expect(objective?.may.edit ?? false).toBe(['officer', 'manager'].includes(caller));
        const indicatorPatch = await send(caller, 'PATCH', `/api/results/indicators/${entered.id}`, {
          version: detail ? detail.version : 1,
          titleEn: `Indicator ${caller}`,
        });
        expect(accepted(indicatorPatch), `${caller} edits an indicator`).toBe(detail?.may.edit ?? false);
      }
    },
  );

  test('the framework says in which units a caller may define objectives, and the route agrees', async () => {
    for (const caller of CALLERS) {
      const { may } = (await send(caller, 'GET', '/api/results')).json() as { may: { defineIn: string[] } };
      for (const unit of ['FORCE', 'CAD']) {
        const response = await send(caller, 'POST', '/api/results/objectives', { unit, titleFr: 'O', titleEn: 'O' });
        expect(accepted(response), `${caller} defines in ${unit}`).toBe(may.defineIn.includes(unit));
      }
    }
  });

  test('binding a fiche figure: those who may correct it, nobody else', async () => {
    for (const caller of CALLERS) {
      const response = await send(caller, 'PUT', '/api/figures/force.strength.authorised/binding', {
        rule: { kind: 'strength.deployed', params: { category: 'military' } },
      });
      expect(accepted(response), `${caller} binds`).toBe(['officer', 'manager'].includes(caller));
      if (accepted(response)) expect((await send(caller, 'DELETE', '/api/figures/force.strength.authorised/binding')).statusCode).toBe(200);
    }
  });
});
