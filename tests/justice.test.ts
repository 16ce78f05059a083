import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FacilityDetail, JusticeDashboard } from '../src/contracts/justice.js';
import { functionalShare, latestAssessments } from '../src/modules/justice/justice.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

describe('shares of functional facilities', () => {
  test('functional or partly functional over assessed, one decimal', () => {
    expect(functionalShare(['functional', 'partly_functional', 'not_functional'], 5)).toEqual({
      facilities: 5,
      assessed: 3,
      functional: 1,
      partlyFunctional: 1,
      notFunctional: 1,
      share: 66.7,
    });
    expect(functionalShare([], 2).share).toBeNull();
  });

  test('the latest assessment is the latest date, then the latest recorded that day', () => {
    const rows = [
      { id: 'a', facility_id: 'f', assessed_on: '2020-05-01', recorded_at: '2020-06-01T00:00:00.000Z' },
      { id: 'b', facility_id: 'f', assessed_on: '2020-03-01', recorded_at: '2020-07-01T00:00:00.000Z' },
      { id: 'c', facility_id: 'f', assessed_on: '2020-05-01', recorded_at: '2020-06-02T00:00:00.000Z' },
    ];
    expect(latestAssessments(rows).get('f')?.id).toBe('c');
  });
});

describe.each(DIALECTS)('justice and corrections (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let viewer: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('JCS', 'officer');
    manager = await as('JCS', 'manager');
    viewer = await as('JCS', 'viewer');
    outsider = await as('FORCE', 'officer');
  });
  afterAll(async () => t?.close());

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const facility = async (body: Record<string, unknown>) => {
    const response = await send(officer, 'POST', '/api/justice/facilities', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as FacilityDetail;
  };
  const assess = async (id: string, assessedOn: string, status: string, session = officer) => {
    const response = await send(session, 'POST', `/api/justice/facilities/${id}/assessments`, {
      assessedOn,
      status,
      staff: [{ role: 'magistrate', women: 1, men: 2 }],
      source: 'Mission d’évaluation JCS',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as FacilityDetail;
  };
  const dashboard = async (session: Session | null = officer) =>
    (await send(session, 'GET', '/api/justice/dashboard')).json() as JusticeDashboard;

  test('shares come from each facility’s latest assessment, beside the fact book’s 14/23 and 11/17', async () => {
    const gao = await facility({ kind: 'court_first_instance', name: 'TGI de Gao', jurisdiction: 'Cercle de Gao', place: 'Gao' });
    expect(gao).toMatchObject({ category: 'court', kindName: 'Tribunal de grande instance', regionName: 'Gao', latest: null });
    const kidal = await facility({ kind: 'court_instance', name: 'Tribunal d’instance de Kidal', place: 'Kidal' });
    const prison = await facility({
      kind: 'prison_remand',
      name: 'Maison d’arrêt de Mopti',
      latitude: 14.49,
      longitude: -4.19,
      computerised: true,
      computerisedSince: '2019-06-01',
    });
    expect(prison).toMatchObject({ category: 'prison', computerised: true, computerisedSince: '2019-06-01' });
    expect(prison.cercle).not.toBeNull();

    await assess(gao.id, '2020-03-01', 'not_functional');
    await assess(kidal.id, '2020-03-01', 'partly_functional');
    await assess(prison.id, '2020-03-01', 'functional');
    let d = await dashboard();
    expect(d.courts).toMatchObject({ facilities: 2, assessed: 2, functional: 0, partlyFunctional: 1, notFunctional: 1, share: 50 });
    expect(d.prisons).toMatchObject({ facilities: 1, assessed: 1, share: 100 });
    expect(d.sourced.courts).toMatchObject({ functional: 14, total: 23, share: 60.9 });
    expect(d.sourced.prisons).toMatchObject({ functional: 11, total: 17, share: 64.7 });
    expect(d.sourced.computerised).toMatchObject({ value: 7 });
    expect(d.computerised).toBe(1);

    // A new assessment of Gao changes the share: only the latest counts.
    const after = await assess(gao.id, '2020-09-15', 'functional');
    d = await dashboard();
    expect(d.courts).toMatchObject({ assessed: 2, functional: 1, partlyFunctional: 1, notFunctional: 0, share: 100 });
    expect(after.latest).toEqual({ assessedOn: '2020-09-15', status: 'functional' });

    // An older assessment entered later is history, not the latest.
    const back = await assess(gao.id, '2020-01-10', 'not_functional');
    expect(back.latest).toEqual({ assessedOn: '2020-09-15', status: 'functional' });
    expect((await dashboard()).courts.share).toBe(100);

    // History per facility: every assessment, newest first, the current one marked.
    expect(back.assessments.map((a) => [a.assessedOn, a.status, a.current])).toEqual([
      ['2020-09-15', 'functional', true],
      ['2020-03-01', 'not_functional', false],
      ['2020-01-10', 'not_functional', false],
    ]);
    expect(back.assessments[0]?.staff).toEqual([{ role: 'magistrate', roleName: 'Magistrats', women: 1, men: 2 }]);

    // Filters on the list.
    const list = async (query: string) =>
      ((await send(viewer, 'GET', `/api/justice/facilities${query}`)).json() as { facilities: { name: string }[] }).facilities.map(
        (f) => f.name,
      );
    expect(await list('?category=prison')).toEqual(['Maison d’arrêt de Mopti']);
    expect(await list('?status=partly_functional')).toEqual(['Tribunal d’instance de Kidal']);

    // A manager corrects an assessment; the correction is in its history and moves the share.
    const current = after.assessments[0];
    if (!current) throw new Error('no assessment');
    const denied = await send(officer, 'PUT', `/api/justice/assessments/${current.id}`, {
      assessedOn: '2020-09-15',
      status: 'not_functional',
      source: 'x',
      version: current.version,
    });
    expect(denied.statusCode).toBe(403);
    const corrected = await send(manager, 'PUT', `/api/justice/assessments/${current.id}`, {
      assessedOn: '2020-09-15',
      status: 'not_functional',
      source: 'Rapport corrigé',
      version: current.version,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await dashboard()).courts.share).toBe(50);
    const history = (await send(viewer, 'GET', `/api/justice/assessments/${current.id}/history`)).json() as {
      entries: { changes: Record<string, unknown> }[];
    };
    expect(Object.keys(history.entries[0]?.changes ?? {})).toEqual(expect.arrayContaining(['status', 'source']));
    const stale = await send(manager, 'PUT', `/api/justice/assessments/${current.id}`, {
      assessedOn: '2020-09-15',
      status: 'functional',
      source: 'x',
      version: current.version,
    });
    expect(stale.statusCode).toBe(409);

    // The CSV export carries the latest status in the reader's language.
    const csv = await send(viewer, 'GET', '/api/justice/facilities.csv?lang=en');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Latest status');
    expect(csv.body).toContain('Remand and correctional centre');
  });

  test('prison population and the share of pre-trial detainees, exact inside, suppressed for the public', async () => {
    const prison = await facility({ kind: 'prison', name: 'Prison de Tombouctou', place: 'Tombouctou', classification: 'public' });
    const count = async (countedOn: string, women: number, men: number, pretrialWomen: number, pretrialMen: number) => {
      const response = await send(officer, 'POST', `/api/justice/facilities/${prison.id}/population`, {
        countedOn,
        women,
        men,
        pretrialWomen,
        pretrialMen,
        source: 'Registre du greffe',
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as FacilityDetail;
    };
    await count('2020-01-31', 2, 60, 1, 30);
    const detail = await count('2020-06-30', 3, 97, 2, 58);
    expect(detail.population[0]).toMatchObject({ countedOn: '2020-06-30', total: 100, pretrial: 60, pretrialShare: 60 });
    expect(detail.population).toHaveLength(2);
    const inside = await dashboard(viewer);
    // Only the latest count per prison is summed.
    expect(inside.population).toMatchObject({ women: 3, men: 97, pretrialWomen: 2, pretrialMen: 58, total: 100, suppressed: false });

    const outside = await dashboard(null);
    expect(outside.population.suppressed).toBe(true);
    expect(outside.population.women).toBeNull();
    expect(outside.population.pretrialWomen).toBeNull();
    // The public sees the public prison only, and no small count of women.
    const publicDetail = (await send(null, 'GET', `/api/justice/facilities/${prison.id}`)).json() as FacilityDetail;
    expect(publicDetail.population[0]?.women).toBeNull();
    expect(outside.prisons.facilities).toBe(1);
  });

  test('bad input is refused in French and in English, and nothing is written', async () => {
    const before = await countRows(t.ctx, 'justice_facilities');
    const outside = await send(officer, 'POST', '/api/justice/facilities', {
      kind: 'court_military',
      name: 'X',
      latitude: 48.85,
      longitude: 2.35,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(outside.json())).toContain('hors du Mali');
    const court = await send(
      officer,
      'POST',
      '/api/justice/facilities',
      { kind: 'court_appeal', name: 'Cour d’appel de Mopti', place: 'Mopti', computerised: true },
      'en',
    );
    expect(court.statusCode).toBe(400);
    expect(JSON.stringify(court.json())).toContain('concerns prisons only');
    const nowhere = await send(officer, 'POST', '/api/justice/facilities', { kind: 'court_appeal', name: 'Sans lieu' }, 'en');
    expect(nowhere.statusCode).toBe(400);
    expect((await send(viewer, 'POST', '/api/justice/facilities', { kind: 'court_appeal', name: 'Y', place: 'Mopti' })).statusCode).toBe(
      403,
    );
    expect((await send(outsider, 'POST', '/api/justice/facilities', { kind: 'court_appeal', name: 'Y', place: 'Mopti' })).statusCode).toBe(
      403,
    );
    expect(await countRows(t.ctx, 'justice_facilities')).toBe(before);

    const prison = await facility({ kind: 'prison', name: 'Prison de Ménaka', place: 'Ménaka' });
    const court2 = await facility({ kind: 'court_peace_extended', name: 'JPCE de Ménaka', place: 'Ménaka' });
    const assessments = await countRows(t.ctx, 'justice_assessments');
    const population = await countRows(t.ctx, 'justice_population');
    const twice = await send(officer, 'POST', `/api/justice/facilities/${court2.id}/assessments`, {
      assessedOn: '2020-02-01',
      status: 'functional',
      staff: [
        { role: 'registrar', women: 0, men: 1 },
        { role: 'registrar', women: 1, men: 0 },
      ],
      source: 'S',
    });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json())).toContain('deux fois');
    const future = await send(
      officer,
      'POST',
      `/api/justice/facilities/${court2.id}/assessments`,
      { assessedOn: '2999-01-01', status: 'functional', source: 'S' },
      'en',
    );
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json())).toContain('later than today');
    const unknownStatus = await send(officer, 'POST', `/api/justice/facilities/${court2.id}/assessments`, {
      assessedOn: '2020-02-01',
      status: 'closed',
      source: 'S',
    });
    expect(unknownStatus.statusCode).toBe(400);
    const exceeds = await send(
      officer,
      'POST',
      `/api/justice/facilities/${prison.id}/population`,
      { countedOn: '2020-02-01', women: 1, men: 10, pretrialWomen: 2, pretrialMen: 3, source: 'S' },
      'en',
    );
    expect(exceeds.statusCode).toBe(400);
    expect(JSON.stringify(exceeds.json())).toContain('cannot exceed');
    const onCourt = await send(officer, 'POST', `/api/justice/facilities/${court2.id}/population`, {
      countedOn: '2020-02-01',
      women: 1,
      men: 10,
      pretrialWomen: 0,
      pretrialMen: 3,
      source: 'S',
    });
    expect(onCourt.statusCode).toBe(409);
    expect(JSON.stringify(onCourt.json())).toContain('prisons');
    expect(await countRows(t.ctx, 'justice_assessments')).toBe(assessments);
    expect(await countRows(t.ctx, 'justice_population')).toBe(population);
  });

  test('incidents in a prison: linked from the log, shown only to those who may read them', async () => {
    const prison = await facility({ kind: 'prison', name: 'Prison de Gao', place: 'Gao', classification: 'public' });
    const jcsIncident = await send(
      officer,
      'POST',
      '/api/incidents',
      incidentInput({ title: 'Mutinerie à la prison', classification: 'internal', unit: 'JCS' }),
    );
    expect(jcsIncident.statusCode, jcsIncident.body).toBe(201);
    const restricted = await send(
      outsider,
      'POST',
      '/api/incidents',
      incidentInput({ title: 'Évasion signalée par la Force', classification: 'restricted' }),
    );
    expect(restricted.statusCode, restricted.body).toBe(201);
    const restrictedRef = (restricted.json() as { ref: string }).ref;

    // The officer cannot link an incident they may not read: it does not exist for them.
    const hidden = await send(officer, 'POST', `/api/justice/facilities/${prison.id}/incidents`, { ref: restrictedRef });
    expect(hidden.statusCode).toBe(400);
    const linked = await send(officer, 'POST', `/api/justice/facilities/${prison.id}/incidents`, {
      ref: (jcsIncident.json() as { ref: string }).ref,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect((linked.json() as FacilityDetail).incidents.map((i) => i.title)).toEqual(['Mutinerie à la prison']);
    const again = await send(officer, 'POST', `/api/justice/facilities/${prison.id}/incidents`, {
      ref: (jcsIncident.json() as { ref: string }).ref,
    });
    expect(again.statusCode).toBe(409);
    // The prison is public, the incident internal: a visitor sees the prison, not the incident.
    const visitor = (await send(null, 'GET', `/api/justice/facilities/${prison.id}`)).json() as FacilityDetail;
    expect(visitor.name).toBe('Prison de Gao');
    expect(visitor.incidents).toEqual([]);
    expect(visitor.may).toEqual({ edit: false, assess: false, count: false, link: false });
  });
});
