import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { Operation, OperationGeometry, OperationInput } from '../src/contracts/operations.js';
import { checkGeometry } from '../src/modules/operations/operations.service.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { AREA_GAO, operationInput, operationReport, ROUTE_GAO_MENAKA } from './helpers/operations.js';

const messages = (g: OperationGeometry) => checkGeometry(g).errors.map((e) => `${e.path.join('.')} ${e.message}`);

describe('route and area checks', () => {
  test('a line of two or more points inside Mali, with the regions it crosses', () => {
    const checked = checkGeometry({ type: 'LineString', coordinates: ROUTE_GAO_MENAKA });
    expect(checked.errors).toEqual([]);
    expect(checked.regions).toEqual(['ML-7', 'ML-9']);
    expect(messages({ type: 'LineString', coordinates: [[-0.04, 16.27]] })).toEqual(['geometry.coordinates line_points']);
    expect(
      messages({
        type: 'LineString',
        coordinates: [
          [-0.04, 16.27],
          [-0.04, 16.27],
        ],
      }),
    ).toEqual(['geometry.coordinates geometry_degenerate']);
  });
  test('a polygon is one closed ring of at least four points, with an area and no crossing sides', () => {
    expect(checkGeometry({ type: 'Polygon', coordinates: [AREA_GAO] }).errors).toEqual([]);
    expect(messages({ type: 'Polygon', coordinates: [AREA_GAO.slice(0, 4)] })).toEqual(['geometry.coordinates.0 ring_open']);
    expect(messages({ type: 'Polygon', coordinates: [[...AREA_GAO.slice(0, 2), AREA_GAO[0] as [number, number]]] })).toEqual([
      'geometry.coordinates.0 ring_points',
    ]);
    // A figure of eight: its sides cross.
    const bowtie: [number, number][] = [
      [-0.1, 16.2],
      [0.05, 16.35],
      [0.05, 16.2],
      [-0.1, 16.35],
      [-0.1, 16.2],
    ];
    expect(messages({ type: 'Polygon', coordinates: [bowtie] })).toEqual(['geometry.coordinates.0 ring_self_intersects']);
    // Three points on one line: no area.
    const flat: [number, number][] = [
      [-0.1, 16.2],
      [0, 16.2],
      [0.05, 16.2],
      [-0.1, 16.2],
    ];
    expect(messages({ type: 'Polygon', coordinates: [flat] })).toEqual(['geometry.coordinates.0 geometry_degenerate']);
  });
  test('every vertex inside Mali: the one outside is named', () => {
    // Niamey (Niger) as the route's second point; latitude and longitude swapped for the third.
    const line: [number, number][] = [
      [-0.04472, 16.27167],
      [2.1098, 13.5116],
      [15.91985, 2.39609],
    ];
    expect(messages({ type: 'LineString', coordinates: line })).toEqual([
      'geometry.coordinates.1 vertex_outside_mali',
      'geometry.coordinates.2 vertex_outside_mali',
    ]);
  });
});

describe.each(DIALECTS)('operations log (%s)', (dialect) => {
  let t: TestApp;
  let joc: Session;
  let jocViewer: Session;
  let force: Session;
  let police: Session;
  let policeViewer: Session;
  let civil: Session;
  let incident: Incident;
  let civilIncident: Incident;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    joc = await as('OSRSG', 'officer');
    jocViewer = await as('OSRSG', 'viewer');
    force = await as('FORCE', 'officer');
    police = await as('UNPOL', 'officer');
    policeViewer = await as('UNPOL', 'viewer');
    civil = await as('CAD', 'manager');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: force.headers,
      payload: incidentInput({
        title: 'Engin explosif près d’Ansongo',
        classification: 'internal',
        location: { place: 'Ansongo', precision: 'near' },
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    incident = created.json();
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.ref}/transitions`,
      headers: force.headers,
      payload: { action: 'submit', version: incident.version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const restricted = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: civil.headers,
      payload: incidentInput({ title: 'Incident des affaires civiles', unit: 'CAD', classification: 'restricted' }),
    });
    expect(restricted.statusCode, restricted.body).toBe(201);
    civilIncident = restricted.json();
  });
  afterAll(async () => t?.close());

  const plan = (session: Session, overrides: Partial<OperationInput> = {}, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/operations',
      headers: { ...session.headers, 'accept-language': lang },
      payload: operationInput(overrides),
    });
  const planned = async (session: Session = joc, overrides: Partial<OperationInput> = {}) => {
    const response = await plan(session, overrides);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Operation;
  };
  const move = (session: Session, o: Pick<Operation, 'id' | 'version'>, action: string, extra: object = {}, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/operations/${o.id}/transitions`,
      headers: { ...session.headers, 'accept-language': lang },
      payload: { action, version: o.version, ...extra },
    });
  const moved = async (session: Session, o: Operation, action: string, extra: object = {}) => {
    const response = await move(session, o, action, extra);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Operation;
  };
  const counts = async () =>
    Promise.all(
      (['operations', 'operation_units', 'operation_steps', 'operation_incidents', 'audit_log'] as const).map((table) =>
        countRows(t.ctx, table),
      ),
    );

  test('planned by the JOC, ordered by the JOC, started and completed with a report by a unit taking part, each step with who and when', async () => {
    let o = await planned(joc);
    expect(o).toMatchObject({ status: 'planned', unit: 'FORCE', units: ['FORCE', 'UNPOL'], typeName: 'Patrouille motorisée' });
    expect(o.regions).toEqual(['Gao', 'Ménaka']);
    expect(o.geometry?.type).toBe('LineString');
    expect(o.may).toEqual({ edit: true, order: true, start: false, complete: false, cancel: true });

    // Only the JOC orders; a unit taking part starts only what is ordered.
    expect((await move(force, o, 'order')).statusCode).toBe(403);
    expect((await move(police, o, 'start')).statusCode).toBe(409);
    o = await moved(joc, o, 'order');
    expect(o.status).toBe('ordered');
    // Another unit learns nothing of it: not found.
    expect((await move(civil, o, 'start')).statusCode).toBe(404);
    // A viewer of a unit taking part reads it but does not move it.
    expect((await move(policeViewer, o, 'start')).statusCode).toBe(403);
    expect((await move(joc, o, 'start')).statusCode).toBe(403);
    o = await moved(police, o, 'start', { at: '2020-07-20T05:30:00Z' });
    expect(o).toMatchObject({ status: 'under_way', actualStart: '2020-07-20T05:30:00Z' });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/operations/${o.id}`,
          headers: joc.headers,
          payload: { version: o.version, operation: operationInput() },
        })
      ).statusCode,
    ).toBe(409);

    // Completing takes a report.
    const before = await counts();
    const bare = await move(police, o, 'complete', {}, 'en');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toEqual([{ path: 'report', message: 'The report is required to complete the operation.' }]);
    // An incident the reporter may not read is unknown; a malformed reference is refused by its form.
    const hidden = await move(police, o, 'complete', {
      report: operationReport([
        { ref: civilIncident.ref, relation: 'met' },
        { ref: 'MLI-2020-9', relation: 'met' },
      ]),
    });
    expect(hidden.statusCode).toBe(400);
    const early = await move(police, o, 'complete', {
      report: { ...operationReport([{ ref: civilIncident.ref, relation: 'met' }]), actualEnd: '2020-07-19T00:00:00Z' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([
      { path: 'report.actualEnd', message: 'La date de fin ne peut pas précéder la date de début.' },
      { path: 'report.incidents.0.ref', message: 'Aucun incident lisible ne porte cette référence.' },
    ]);
    expect(await counts()).toEqual(before);

    o = await moved(police, o, 'complete', { report: operationReport([{ ref: incident.ref, relation: 'met' }]) });
    expect(o).toMatchObject({ status: 'completed', actualEnd: '2020-07-21T17:10:00Z', men: 25, women: 4 });
    expect(o.outcome).toContain('Ansongo');
    expect(o.incidents).toEqual([
      { id: expect.any(String), ref: incident.ref, title: incident.title, occurredOn: incident.occurredOn, relation: 'met' },
    ]);
    expect(o.steps.map((s) => [s.from, s.to])).toEqual([
      [null, 'planned'],
      ['planned', 'ordered'],
      ['ordered', 'under_way'],
      ['under_way', 'completed'],
    ]);
    expect(o.steps.every((s) => s.by.id !== null && s.at !== '')).toBe(true);
    expect(new Set(o.steps.map((s) => s.by.id)).size).toBe(2);
    expect(o.may).toEqual({ edit: false, order: false, start: false, complete: false, cancel: false });
    // Completed: frozen, never cancelled.
    expect((await move(joc, o, 'cancel', { comment: 'Trop tard' })).statusCode).toBe(409);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'operation')
      .where('record_id', '=', o.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['operation.plan', 'operation.order', 'operation.start', 'operation.complete']);
  });

  test('cancelling is the JOC’s, with a reason; the leading unit plans its own operations, another unit does not', async () => {
    const o = await planned(force, { type: 'foot_patrol', geometry: { type: 'Polygon', coordinates: [AREA_GAO] } });
    expect(o.may.order).toBe(false);
    expect((await move(force, o, 'cancel', { comment: 'Annulée' })).statusCode).toBe(403);
    const silent = await move(joc, o, 'cancel');
    expect(silent.statusCode).toBe(400);
    const cancelled = await moved(joc, o, 'cancel', { comment: 'Itinéraire impraticable' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.steps.at(-1)?.comment).toBe('Itinéraire impraticable');
    expect((await plan(civil)).statusCode).toBe(403);
    expect((await plan(jocViewer)).statusCode).toBe(403);
    expect((await plan(police)).statusCode).toBe(403);
  });

  test('the plan changes while planned or ordered, by those who may plan it, against its version', async () => {
    const o = await planned(joc);
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/operations/${o.id}`,
      headers: joc.headers,
      payload: { version: o.version, operation: operationInput({ vehicles: 12, units: ['FORCE'] }) },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ vehicles: 12, units: ['FORCE'], version: 2 });
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/operations/${o.id}`,
      headers: joc.headers,
      payload: { version: o.version, operation: operationInput() },
    });
    expect(stale.statusCode).toBe(409);
    // UNPOL no longer takes part: the plan is no longer theirs to read.
    expect((await t.app.inject({ url: `/api/operations/${o.id}`, headers: police.headers })).statusCode).toBe(404);
  });

  test('a vertex outside Mali is refused with a clear message in French and English, and nothing is written', async () => {
    const before = await counts();
    const geometry = {
      type: 'LineString' as const,
      coordinates: [ROUTE_GAO_MENAKA[0] as [number, number], [2.1098, 13.5116] as [number, number]],
    };
    const fr = await plan(joc, { geometry }, 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().errors).toEqual([
      {
        path: 'geometry.coordinates.1',
        message:
          'Ce point du tracé est hors du Mali : chaque point d’un itinéraire ou d’une zone doit être au Mali (longitude puis latitude, degrés décimaux, WGS84).',
      },
    ]);
    const en = await plan(joc, { geometry }, 'en');
    expect(en.json().errors[0].message).toBe(
      'This point of the route is outside Mali: every point of a route or area must be in Mali (longitude then latitude, decimal degrees, WGS84).',
    );
    const open = await plan(joc, { geometry: { type: 'Polygon', coordinates: [AREA_GAO.slice(0, 4)] } }, 'en');
    expect(open.json().errors).toEqual([
      { path: 'geometry.coordinates.0', message: 'The area is not closed: its last point must be the same as the first.' },
    ]);
    expect(await counts()).toEqual(before);
  });

  test('bad input is refused field by field, in the reader’s language, with nothing half-written', async () => {
    const before = await counts();
    const response = await plan(
      joc,
      { unit: 'FORCE', units: ['UNPOL', 'UNPOL'], places: ['Atlantide'], plannedEnd: '2020-07-19T00:00:00Z' },
      'en',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'units', message: 'A unit appears twice among the units taking part.' },
      { path: 'unit', message: 'The unit leading the operation must be among the units taking part.' },
      { path: 'plannedEnd', message: 'The end date may not precede the start date.' },
      { path: 'places.0', message: 'Place not in the gazetteer.' },
    ]);
    const malformed = await plan(joc, { type: 'picnic' as never, classification: 'public' as never, units: [] }, 'fr');
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['classification', 'type', 'units']);
    // A unit that does not exist: the transaction is rolled back.
    const unknown = await plan(joc, { unit: 'NOWHERE', units: ['NOWHERE'] });
    expect(unknown.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknown.statusCode).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  test('the list filters by type, status, unit and period; counts and the CSV export follow the same filter', async () => {
    const air = await planned(joc, {
      type: 'air_patrol',
      units: ['FORCE'],
      plannedStart: '2021-03-01T06:00:00Z',
      plannedEnd: '2021-03-01T09:00:00Z',
    });
    const list = (
      await t.app.inject({ url: '/api/operations?type=air_patrol&from=2021-03-01&to=2021-03-01', headers: joc.headers })
    ).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([air.id]);
    const none = (await t.app.inject({ url: '/api/operations?type=air_patrol&unit=UNPOL', headers: joc.headers })).json();
    expect(none.items).toEqual([]);
    const byStatus = (await t.app.inject({ url: '/api/operations?status=completed', headers: joc.headers })).json();
    expect(byStatus.items.every((i: { status: string }) => i.status === 'completed')).toBe(true);
    const counted = (await t.app.inject({ url: '/api/operations/counts?type=air_patrol', headers: joc.headers })).json();
    expect(counted).toEqual({ total: 1, byStatus: [{ status: 'planned', count: 1 }], byType: [{ type: 'air_patrol', count: 1 }] });
    const csv = await t.app.inject({ url: '/api/operations/export.csv?type=air_patrol&lang=en', headers: joc.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(air.id);
    expect(csv.body).toContain('Air patrol');
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);
    const map = (await t.app.inject({ url: '/api/operations/map?type=air_patrol', headers: joc.headers })).json();
    expect(map.features.map((f: { id: string }) => f.id)).toEqual([air.id]);
    const search = (await t.app.inject({ url: '/api/operations?q=m%C3%A9naka%20gao', headers: joc.headers })).json();
    expect(search.items.length).toBeGreaterThan(0);
  });
});
