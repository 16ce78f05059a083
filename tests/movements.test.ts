import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { Movement, MovementCounts, MovementInput } from '../src/contracts/movements.js';
import { movementGuard } from '../src/modules/operations/movements.policy.js';
import { can } from '../src/platform/policy.js';
import { countRows, createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { movementInput } from './helpers/movements.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * Ceasefire movement control: a notification approved and a declaration refused by the Force's
 * ceasefire staff, with who and when; a movement observed without notification linked to an
 * incident; counts by group and period; who reads and writes (the Force and the JOC only, never an
 * outsider, an administrator or anonymous); bad input refused in the reader's language with
 * nothing written.
 */

describe.each(DIALECTS)('ceasefire movements (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let incident: Incident;

  const post = (caller: OperationCaller, url: string, payload: unknown, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(w.sessions.get(caller)?.headers ?? {}), 'accept-language': lang },
      payload: payload as object,
    });
  const record = async (overrides: Partial<MovementInput> = {}, caller: OperationCaller = 'forceOfficer') => {
    const response = await post(caller, '/api/ceasefire/movements', movementInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Movement;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    const created = await post(
      'forceOfficer',
      '/api/incidents',
      incidentInput({ category: 'ceasefire_violation', occurredOn: '2020-03-12' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    incident = created.json() as Incident;
  });
  afterAll(async () => t?.close());

  test('a notification approved, a declaration refused, each once, with who and when', async () => {
    const notified = await record();
    expect(notified).toMatchObject({
      status: 'notified',
      group: 'cma',
      from: { place: 'Kidal' },
      to: { place: 'Aguelhok' },
      decidedBy: null,
    });
    expect(notified.groupName).toContain('CMA');
    expect(notified.may.decide).toBe(true);
    const approved = await post('joc', `/api/ceasefire/movements/${notified.id}/decision`, {
      decision: 'approve',
      version: 1,
      comment: 'Conforme',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { name: 'joc' }, decisionComment: 'Conforme', version: 2 });
    expect(approved.json().decidedAt).toBeTruthy();
    const again = await post('joc', `/api/ceasefire/movements/${notified.id}/decision`, { decision: 'refuse', version: 2 }, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toContain('Only a notified movement');
    const stale = await record();
    expect((await post('joc', `/api/ceasefire/movements/${stale.id}/decision`, { decision: 'approve', version: 7 })).statusCode).toBe(409);

    const declaration = await record({
      kind: 'declaration',
      group: 'plateforme',
      to: null,
      from: { place: null, point: [0.05, 16.3] },
      personnel: 0,
      vehicles: 0,
      weapons: [
        { kind: 'heavy_weapons', count: 2 },
        { kind: 'small_arms', count: 120 },
      ],
    });
    expect(declaration).toMatchObject({ kind: 'declaration', status: 'notified', to: null, from: { place: null, point: [0.05, 16.3] } });
    const refused = await post('forceOfficer', `/api/ceasefire/movements/${declaration.id}/decision`, { decision: 'refuse', version: 1 });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', decidedBy: { name: 'forceOfficer' } });
  });

  test('a movement observed without notification, linked to an incident; no decision on it', async () => {
    const observed = await record({
      kind: 'observed',
      group: 'plateforme',
      startsAt: '2020-03-12T09:00:00Z',
      endsAt: null,
      incident: incident.ref,
    });
    expect(observed).toMatchObject({ kind: 'observed', status: 'observed', incident: { ref: incident.ref }, may: { decide: false } });
    expect((await post('joc', `/api/ceasefire/movements/${observed.id}/decision`, { decision: 'approve', version: 1 })).statusCode).toBe(
      409,
    );
    const detail = await w.get('jocViewer', `/api/ceasefire/movements/${observed.id}`);
    expect(detail.statusCode).toBe(200);
  });

  test('counts by group and period: notified, approved, refused, observed without notification', async () => {
    await record({ group: 'cma', startsAt: '2020-04-02T06:00:00Z', endsAt: null });
    await record({ kind: 'observed', group: 'cma', startsAt: '2020-04-03T06:00:00Z', endsAt: null });
    const march = (await w.get('forceViewer', '/api/ceasefire/movements/counts?from=2020-03-01&to=2020-03-31')).json() as MovementCounts;
    const of = (c: MovementCounts, group: string) => c.groups.find((g) => g.group === group);
    expect(of(march, 'cma')).toMatchObject({ notified: 2, approved: 1, refused: 0, observed: 0 });
    expect(of(march, 'plateforme')).toMatchObject({ notified: 1, approved: 0, refused: 1, observed: 1 });
    const april = (await w.get('forceViewer', '/api/ceasefire/movements/counts?from=2020-04-01&to=2020-04-30')).json() as MovementCounts;
    expect(april.groups).toEqual([
      { group: 'cma', name: expect.stringContaining('CMA'), notified: 1, approved: 0, refused: 0, observed: 1 },
    ]);
    const byGroup = (await w.get('joc', '/api/ceasefire/movements?group=plateforme&status=refused')).json();
    expect(byGroup.items.map((m: Movement) => m.kind)).toEqual(['declaration']);
    const period = (await w.get('joc', '/api/ceasefire/movements?from=2020-04-03&to=2020-04-03')).json();
    expect(period.items.map((m: Movement) => m.kind)).toEqual(['observed']);
  });

  test('read by the Force and the JOC only; written by their officers; the SQL and the policy agree', async () => {
    const m = await record({ notes: 'Lecture restreinte' });
    for (const caller of ['anonymous', ...Object.keys(OPERATION_CALLERS)] as OperationCaller[]) {
      const reads = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer'].includes(caller);
      const list = await w.get(caller, '/api/ceasefire/movements');
      const detail = await w.get(caller, `/api/ceasefire/movements/${m.id}`);
      const counts = await w.get(caller, '/api/ceasefire/movements/counts');
      if (caller === 'anonymous') {
        expect([list.statusCode, detail.statusCode, counts.statusCode]).toEqual([401, 401, 401]);
        continue;
      }
      expect(detail.statusCode, caller).toBe(reads ? 200 : 404);
      expect(list.json().items.length > 0, caller).toBe(reads);
      expect(counts.json().groups.length > 0, caller).toBe(reads);
      expect(can(w.actors.get(caller) ?? null, 'read', movementGuard({ unit_code: 'FORCE' })), caller).toBe(reads);
      const writes = caller === 'joc' || caller === 'forceOfficer';
      if (!writes) {
        expect((await post(caller, '/api/ceasefire/movements', movementInput())).statusCode, caller).toBe(403);
        const decide = await post(caller, `/api/ceasefire/movements/${m.id}/decision`, { decision: 'approve', version: 1 });
        expect(decide.statusCode, caller).toBe(reads ? 403 : 404);
      }
    }
    // The JOC records for its own unit, not for the Force.
    expect((await post('joc', '/api/ceasefire/movements', movementInput({ unit: 'OSRSG' }))).statusCode).toBe(201);
    expect((await post('joc', '/api/ceasefire/movements', movementInput({ unit: 'FORCE' }))).statusCode).toBe(403);
  });

  test('bad input is refused field by field, in the reader’s language, with nothing written', async () => {
    const before = await Promise.all([countRows(t.ctx, 'ceasefire_movements'), countRows(t.ctx, 'audit_log')]);
    const bad = await post(
      'forceOfficer',
      '/api/ceasefire/movements',
      movementInput({
        group: 'civilians',
        from: { place: 'Kidal', point: [1.4, 18.4] },
        to: { place: null, point: [2.35, 48.85] },
        endsAt: '2020-03-01T00:00:00Z',
        incident: incident.ref,
      }),
      'en',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { path: 'group', message: 'Unknown group: choose a signatory armed group of the actor registry.' },
      { path: 'from', message: 'Give either a place of the gazetteer or coordinates (one of the two).' },
      { path: 'to.point', message: 'This point is outside Mali (longitude then latitude, decimal degrees, WGS84).' },
      { path: 'endsAt', message: expect.any(String) },
      { path: 'incident', message: 'Only a movement observed without notification is linked to a verification or an incident.' },
    ]);
    const declaration = await post(
      'forceOfficer',
      '/api/ceasefire/movements',
      movementInput({ kind: 'declaration', to: null, weapons: [] }),
    );
    expect(declaration.json().errors.map((e: { path: string }) => e.path)).toEqual(['weapons']);
    const noDestination = await post('forceOfficer', '/api/ceasefire/movements', movementInput({ to: null }));
    expect(noDestination.json().errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    const place = await post('forceOfficer', '/api/ceasefire/movements', movementInput({ from: { place: 'Paris', point: null } }));
    expect(place.json().errors).toEqual([{ path: 'from.place', message: 'Lieu inconnu du répertoire des localités.' }]);
    expect((await post('forceOfficer', '/api/ceasefire/movements', { ...movementInput(), kind: 'parade' })).statusCode).toBe(400);
    expect(await Promise.all([countRows(t.ctx, 'ceasefire_movements'), countRows(t.ctx, 'audit_log')])).toEqual(before);
  });
});
