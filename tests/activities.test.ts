import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Activity, ActivityInput, ActivitySummary, ActivityTotals } from '../src/contracts/activities.js';
import { participantTotals } from '../src/modules/activities/activities.service.js';
import { activityInput } from './helpers/activities.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

describe.each(DIALECTS)('activities and trainings (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let viewer: Session;
  let other: Session;
  let cadOfficer: Session;
  let officerId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') => {
      const user = await buildUser(t.ctx, { memberships: [{ unit, role }] });
      return { user, session: await signIn(t.app, user.email) };
    };
    const o = await as('HRPD', 'officer');
    officer = o.session;
    officerId = o.user.id;
    manager = (await as('HRPD', 'manager')).session;
    viewer = (await as('HRPD', 'viewer')).session;
    other = (await as('UNPOL', 'manager')).session;
    cadOfficer = (await as('CAD', 'officer')).session;
  });
  afterAll(async () => t?.close());

  const post = (session: Session, url: string, payload: unknown, lang = 'fr') =>
    t.app.inject({ method: 'POST', url, headers: { ...session.headers, 'accept-language': lang }, payload: payload as object });
  const record = async (overrides: Partial<ActivityInput> = {}, session: Session = officer) => {
    const response = await post(session, '/api/activities', activityInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Activity;
  };
  const nothingWritten = async (work: () => Promise<void>) => {
    const before = [
      await countRows(t.ctx, 'activities'),
      await countRows(t.ctx, 'activity_age_bands'),
      await countRows(t.ctx, 'audit_log'),
    ];
    await work();
    expect([
      await countRows(t.ctx, 'activities'),
      await countRows(t.ctx, 'activity_age_bands'),
      await countRows(t.ctx, 'audit_log'),
    ]).toEqual(before);
  };

  test('an officer records a training with participants by sex and age group, located in its region', async () => {
    const a = await record({
      participants: {
        total: 25,
        women: 8,
        men: 17,
        children: 0,
        adults: 25,
        bands: [
          { band: '18_24', women: 3, men: 5 },
          { band: '25_35', women: 5, men: 12 },
        ],
      },
    });
    expect(a.participants).toMatchObject({ total: 25, women: 8, men: 17, children: 0, adults: 25 });
    expect(a.participants.bands.map((b) => [b.band, b.women, b.men])).toEqual([
      ['18_24', 3, 5],
      ['25_35', 5, 12],
    ]);
    expect(a.place.regionName).toMatch(/Mopti/);
    expect(a.topicName).toBe('Droits de l’homme');
    expect(a.categoryName).toBe('Forces de défense et de sécurité');
    expect(a.may.edit).toBe(false);
    const asManager = await t.app.inject({ url: `/api/activities/${a.id}`, headers: manager.headers });
    expect(asManager.json().may.edit).toBe(true);
  });

  test('coordinates must fall inside Mali; a place must be in the gazetteer', async () => {
    await record({ place: { place: 'Village près de Gao', latitude: 16.27, longitude: -0.04 } });
    await nothingWritten(async () => {
      const outside = await post(officer, '/api/activities', activityInput({ place: { latitude: 48.85, longitude: 2.35 } }));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().errors).toEqual([{ path: 'place.latitude', message: expect.stringContaining('hors du Mali') }]);
      const unknown = await post(officer, '/api/activities', activityInput({ place: { place: 'Atlantis' } }), 'en');
      expect(unknown.json().errors).toEqual([{ path: 'place.place', message: 'Place not in the gazetteer.' }]);
    });
  });

  test('participants’ parts must add up and never be negative, in French and English, and nothing is written', async () => {
    await nothingWritten(async () => {
      const sex = await post(
        officer,
        '/api/activities',
        activityInput({ participants: { total: 30, women: 8, men: 17, children: 0, adults: 25 } }),
      );
      expect(sex.statusCode).toBe(400);
      expect(sex.headers['content-type']).toContain('application/problem+json');
      expect(sex.json().errors).toEqual([
        { path: 'participants.total', message: 'Le total ne correspond pas à la somme des femmes et des hommes.' },
      ]);
      const age = await post(
        officer,
        '/api/activities',
        activityInput({ participants: { women: 8, men: 17, children: 5, adults: 25 } }),
        'en',
      );
      expect(age.json().errors).toEqual([
        { path: 'participants.adults', message: 'Children (under 18) and adults must make the same total as women and men.' },
      ]);
      const negative = await post(
        officer,
        '/api/activities',
        activityInput({ participants: { women: -1, men: 17, children: 0, adults: 16 } }),
        'en',
      );
      expect(negative.statusCode).toBe(400);
      expect(negative.json().errors).toEqual([{ path: 'participants.women', message: 'Must be greater than or equal to 0.' }]);
      const bands = await post(
        officer,
        '/api/activities',
        activityInput({
          participants: { women: 8, men: 17, children: 0, adults: 25, bands: [{ band: '18_24', women: 7, men: 17 }] },
        }),
        'en',
      );
      expect(bands.json().errors).toEqual([
        { path: 'participants.bands', message: 'The women of the age bands do not add up to the number of women.' },
      ]);
      const children = await post(
        officer,
        '/api/activities',
        activityInput({
          participants: {
            women: 10,
            men: 10,
            children: 6,
            adults: 14,
            bands: [
              { band: '12_17', women: 2, men: 2 },
              { band: '18_24', women: 8, men: 8 },
            ],
          },
        }),
      );
      expect(children.json().errors).toEqual([
        { path: 'participants.bands', message: 'Les tranches de moins de 18 ans ne font pas le nombre d’enfants.' },
      ]);
      const dates = await post(officer, '/api/activities', activityInput({ startDate: '2020-03-12', endDate: '2020-03-10' }));
      expect(dates.json().errors).toEqual([{ path: 'endDate', message: expect.any(String) }]);
      const vocabulary = await post(officer, '/api/activities', activityInput({ category: 'astronauts' }), 'en');
      expect(vocabulary.json().errors[0].path).toBe('category');
    });
  });

  test('a linked project must exist and be readable by the recorder', async () => {
    const project = await post(cadOfficer, '/api/projects', projectInput({ fund: 'cvr', titleFr: 'Projet CVR Mopti' }));
    expect(project.statusCode, project.body).toBe(201);
    const restricted = await post(cadOfficer, '/api/projects', projectInput({ fund: 'cvr', classification: 'restricted' }));
    const linked = await record({ project: project.json().id });
    expect(linked.project).toEqual({ id: project.json().id, title: 'Projet CVR Mopti' });
    await nothingWritten(async () => {
      for (const id of [restricted.json().id, '00000000-0000-4000-8000-000000000000']) {
        const response = await post(officer, '/api/activities', activityInput({ project: id }), 'en');
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ path: 'project', message: 'Unknown or inaccessible project.' }]);
      }
    });
  });

  test('who records and who corrects: the unit’s officers record, its managers correct', async () => {
    await nothingWritten(async () => {
      expect((await post(viewer, '/api/activities', activityInput())).statusCode).toBe(403);
      expect((await post(other, '/api/activities', activityInput())).statusCode).toBe(403);
    });
    const a = await record();
    const put = (session: Session, version: number, overrides: Partial<ActivityInput>) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/activities/${a.id}`,
        headers: session.headers,
        payload: { version, activity: activityInput(overrides) },
      });
    expect((await put(officer, a.version, { title: 'Autre' })).statusCode).toBe(403);
    expect((await put(other, a.version, { title: 'Autre' })).statusCode).toBe(403);
    const fixed = await put(manager, a.version, { participants: { women: 9, men: 17, children: 0, adults: 26 } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().participants.women).toBe(9);
    expect((await put(manager, a.version, { title: 'Encore' })).statusCode).toBe(409);
    const history = await t.app.inject({ url: `/api/activities/${a.id}/history`, headers: viewer.headers });
    expect(history.json().entries[0].changes).toMatchObject({ women: { from: 8, to: 9 }, adults: { from: 25, to: 26 } });
  });

  test('a series records the same activity at several dates and places, all or nothing', async () => {
    const { unit, classification, type, topic, title, targetGroup, category, facilitators, notes } = activityInput({
      type: 'risk_education',
      topic: 'explosive_risk',
      title: 'Éducation aux risques des engins explosifs',
      category: 'general_public',
    });
    const common = { unit, classification, type, topic, title, targetGroup, category, facilitators, notes };
    const occurrence = (day: string, place: string, women: number, men: number, children: number) => ({
      startDate: day,
      endDate: day,
      place: { place },
      participants: { women, men, children, adults: women + men - children },
    });
    await nothingWritten(async () => {
      const wrong = await post(
        officer,
        '/api/activities/series',
        {
          activity: common,
          occurrences: [
            occurrence('2020-05-01', 'Gao', 40, 35, 30),
            { ...occurrence('2020-05-02', 'Ansongo', 20, 20, 10), participants: { women: 20, men: 20, children: 50, adults: 0 } },
          ],
        },
        'en',
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([
        { path: 'occurrences.1.participants.adults', message: 'Children (under 18) and adults must make the same total as women and men.' },
      ]);
      expect(
        (await post(viewer, '/api/activities/series', { activity: common, occurrences: [occurrence('2020-05-01', 'Gao', 1, 1, 0)] }))
          .statusCode,
      ).toBe(403);
    });
    const response = await post(officer, '/api/activities/series', {
      activity: common,
      occurrences: [
        occurrence('2020-05-01', 'Gao', 40, 35, 30),
        occurrence('2020-05-02', 'Ansongo', 20, 20, 10),
        occurrence('2020-05-03', 'Bourem', 15, 10, 5),
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const { series, ids } = response.json() as { series: string; ids: string[] };
    expect(ids).toHaveLength(3);
    const list = await t.app.inject({ url: '/api/activities?type=risk_education&limit=200', headers: viewer.headers });
    const items = list.json().items as ActivitySummary[];
    expect(items.filter((i) => i.series === series).map((i) => [i.startDate, i.place, i.total])).toEqual([
      ['2020-05-03', 'Bourem', 25],
      ['2020-05-02', 'Ansongo', 40],
      ['2020-05-01', 'Gao', 75],
    ]);
    const totals = (
      await t.app.inject({ url: '/api/activities/totals?type=risk_education', headers: viewer.headers })
    ).json() as ActivityTotals;
    expect(totals.total).toEqual({ activities: 3, total: 140, women: 75, men: 65, children: 45, adults: 95 });
  });

  test('the CSV import writes every row or none, with a report naming line, column and value', async () => {
    const header = 'type;thème;titre;début;fin;lieu;catégorie;femmes;hommes;enfants;adultes\n';
    const good = [
      'Atelier;Protection de l’enfance;Atelier CAAC;2020-06-01;2020-06-02;Kidal;Société civile;12;8;0;20',
      'workshop;child_protection;Atelier CAAC 2;2020-06-05;;Tessalit;civil_society;5;5;0;10',
    ];
    const send = (csv: string, lang = 'fr', session = officer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/activities/import?unit=HRPD',
        headers: { ...session.headers, 'content-type': 'text/csv', 'accept-language': lang },
        payload: csv,
      });
    await nothingWritten(async () => {
      const bad = await send(
        `${header}${good.join('\n')}\nworkshop;child_protection;Atelier;2020-06-07;;Nulle-Part;civil_society;5;-2;0;3\nworkshop;child_protection;Atelier;2020-06-08;;Kidal;civil_society;5;5;4;4\n`,
        'en',
      );
      expect(bad.statusCode).toBe(422);
      const report = bad.json();
      expect(report.imported).toBe(0);
      expect(report.rows).toBe(4);
      expect(report.errors).toEqual([
        { line: 4, column: 'men', value: '-2', message: 'Must be greater than or equal to 0.' },
        { line: 5, column: 'adults', value: '4', message: 'Children (under 18) and adults must make the same total as women and men.' },
      ]);
      const place = await send(`${header}workshop;child_protection;Atelier;2020-06-07;;Nulle-Part;civil_society;5;5;0;10\n`);
      expect(place.json().errors).toEqual([
        { line: 2, column: 'place', value: 'Nulle-Part', message: 'Lieu inconnu du répertoire des localités.' },
      ]);
      const columns = await send('type;couleur\nworkshop;bleu\n');
      expect(columns.json().errors[0]).toMatchObject({ line: 1, column: 'couleur' });
      expect((await send(`${header}${good[0]}\n`, 'fr', viewer)).statusCode).toBe(403);
    });
    const ok = await send(`${header}${good.join('\n')}\n`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 2, rows: 2, errors: [] });
    const totals = (
      await t.app.inject({ url: '/api/activities/totals?topic=child_protection&type=workshop', headers: viewer.headers })
    ).json();
    expect(totals.total).toMatchObject({ activities: 2, total: 30, women: 17, men: 13 });
  });

  test('the CSV export holds the filter’s activities in the import’s layout, and reads back', async () => {
    const csv = await t.app.inject({ url: '/api/activities/export.csv?topic=child_protection', headers: viewer.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      'id,unit,classification,type,topic,title,start,end,place,latitude,longitude,region,target_group,category,women,men,children,adults,total,facilitators,project,notes',
    );
    expect(lines).toHaveLength(3);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/activities/import?unit=HRPD',
      headers: { ...officer.headers, 'content-type': 'text/csv' },
      payload: csv.body,
    });
    expect(again.json()).toEqual({ imported: 2, rows: 2, errors: [] });
  });

  test('filters by unit, category, period and region; totals by sex', async () => {
    await record({
      unit: 'HRPD',
      startDate: '2021-01-10',
      endDate: '2021-01-10',
      category: 'magistrates',
      participants: { women: 3, men: 7, children: 0, adults: 10 },
    });
    const get = async (query: string) =>
      (await t.app.inject({ url: `/api/activities?${query}&limit=200`, headers: viewer.headers })).json().items as ActivitySummary[];
    expect((await get('category=magistrates')).map((i) => i.startDate)).toEqual(['2021-01-10']);
    expect((await get('from=2021-01-01&to=2021-12-31')).every((i) => i.startDate.startsWith('2021'))).toBe(true);
    const all = await get('unit=HRPD');
    const regions = new Set(all.map((i) => i.region));
    for (const region of regions) expect((await get(`region=${region}`)).every((i) => i.region === region)).toBe(true);
    expect(await get('unit=UNPOL')).toEqual([]);
    const bad = await t.app.inject({ url: '/api/activities?type=party', headers: viewer.headers });
    expect(bad.statusCode).toBe(400);
  });

  test('the read function counts participants by sex for a filter, with the activities counted', async () => {
    const actor = { id: officerId, label: 'x', admin: false, auditor: false, memberships: new Map([['HRPD', 'officer' as const]]) };
    const sums = await participantTotals(t.ctx, actor, {
      unit: ['HRPD'],
      type: ['risk_education'],
      topic: ['explosive_risk'],
      from: '2020-05-01',
      to: '2020-05-02',
    });
    expect(sums).toMatchObject({ total: 115, women: 60, men: 55, children: 40, adults: 75 });
    expect(sums.activities).toHaveLength(2);
    const none = await participantTotals(t.ctx, null, { unit: ['HRPD'] });
    expect(none).toEqual({ total: 0, women: 0, men: 0, children: 0, adults: 0, activities: [] });
  });
});
