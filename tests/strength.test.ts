import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('personnel strength (%s)', (dialect) => {
  let t: TestApp;
  let forceOfficer: Session;
  let forceViewer: Session;
  let policeOfficer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    forceOfficer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    forceViewer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
    policeOfficer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'officer' }] })).email);
  });
  afterAll(async () => t?.close());

  const count = async () => (await t.app.inject({ url: '/api/strength', headers: forceOfficer.headers })).json().snapshots.length as number;
  const importCsv = (csv: string, mode: 'all' | 'valid', session = forceOfficer, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/strength/import?mode=${mode}`,
      headers: { ...session.headers, 'content-type': 'text/csv', 'accept-language': lang },
      payload: csv,
    });

  test('the fact book’s strength is loaded, with shares computed', async () => {
    const { rows } = (await t.app.inject({ url: '/api/strength/summary' })).json();
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          category: 'military',
          asOf: '2020-07-31',
          authorised: 13289,
          deployed: 12362,
          deployedShare: 93.02,
          women: 459,
          womenShare: 3.71,
        },
        expect.objectContaining({ category: 'police', authorised: 1920, deployed: 1691, deployedShare: 88.07 }),
      ]),
    );
  });

  test('the 27 police-contributing countries are listed with their names', async () => {
    const fr = (await t.app.inject({ url: '/api/strength/contributors' })).json().contributors;
    expect(fr).toHaveLength(27);
    expect(fr.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Allemagne', 'Sénégal', 'Tchad']));
    const en = (await t.app.inject({ url: '/api/strength/contributors', headers: { 'accept-language': 'en' } })).json().contributors;
    expect(en.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Germany', 'Senegal', 'Chad']));
  });

  test('an officer of the owning unit records a snapshot; others may not; a second one for the same key is a 409', async () => {
    const body = { asOf: '2020-10-31', category: 'military', authorised: 13289, deployed: 12500 };
    expect((await t.app.inject({ method: 'POST', url: '/api/strength', headers: forceViewer.headers, payload: body })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/strength', headers: policeOfficer.headers, payload: body })).statusCode).toBe(
      403,
    );
    const created = await t.app.inject({ method: 'POST', url: '/api/strength', headers: forceOfficer.headers, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ unit: 'FORCE', classification: 'internal', sex: 'all', country: null, version: 1 });
    const again = await t.app.inject({ method: 'POST', url: '/api/strength', headers: forceOfficer.headers, payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('strength_exists');
  });

  test('bad entries are refused with field errors and write nothing', async () => {
    const before = await count();
    for (const payload of [
      { asOf: '2020-13-45', category: 'military', deployed: 1 },
      { asOf: '2020-10-31', category: 'army', deployed: 1 },
      { asOf: '2020-10-31', category: 'military', deployed: -3 },
      { asOf: '2020-10-31', category: 'military', deployed: 1.5 },
      { asOf: '2020-10-31', category: 'military', country: 'france', deployed: 1 },
      { asOf: '2020-10-31', category: 'military', unit: 'UNPOL', deployed: 1 },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/strength', headers: forceOfficer.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/strength',
      headers: forceOfficer.headers,
      payload: { asOf: '2020-11-30', category: 'military' },
    });
    expect(empty.json().code).toBe('strength_empty');
    expect(await count()).toBe(before);
  });

  const GOOD = [
    '\uFEFFdate;catégorie;pays;sexe;lieu;autorisés;déployés',
    '2020-12-31;military;;all;;13 289;12 401',
    '2020-12-31;military;SEN;all;;;1 012',
    '2020-12-31;military;;female;;;470',
  ];

  test('a CSV with an error imports nothing by default, and says which line and column, in French', async () => {
    const before = await count();
    const response = await importCsv([...GOOD, '2020-12-31;armée;;all;;;5', '2020-12-31;military;;all;Gao;;x'].join('\r\n'), 'all');
    expect(response.statusCode).toBe(422);
    const report = response.json();
    expect(report).toMatchObject({ imported: 0, rows: 5 });
    expect(report.errors).toEqual([
      { line: 5, column: 'category', message: expect.stringMatching(/^Valeur non autorisée/) },
      { line: 6, column: 'deployed', message: expect.stringMatching(/^Type de valeur incorrect/) },
    ]);
    expect(await count()).toBe(before);
  });

  test('on request, the valid rows are imported and the others reported; a re-import updates', async () => {
    const before = await count();
    const response = await importCsv([...GOOD, '2020-12-31;military;;all;;;-1'].join('\n'), 'valid', forceOfficer, 'en');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      imported: 3,
      created: 3,
      updated: 0,
      errors: [{ line: 5, column: 'deployed', message: 'Must be greater than or equal to 0.' }],
    });
    expect(await count()).toBe(before + 3);
    const again = await importCsv(GOOD.join('\n').replace('12 401', '12 402'), 'all');
    expect(again.json()).toMatchObject({ imported: 3, created: 0, updated: 3, errors: [] });
    expect(await count()).toBe(before + 3);
    const { rows } = (await t.app.inject({ url: '/api/strength/summary', headers: forceOfficer.headers })).json();
    expect(rows.find((r: { category: string }) => r.category === 'military')).toMatchObject({
      asOf: '2020-12-31',
      deployed: 12402,
      women: 470,
    });
  });

  test('rows of another unit’s category, duplicates and unknown columns are reported', async () => {
    const other = await importCsv('date,category,deployed\n2021-01-31,police,1700\n2021-01-31,military,1\n2021-01-31,military,2', 'all');
    expect(other.json().errors).toEqual([
      { line: 2, column: 'category', message: 'Vous ne pouvez pas enregistrer les effectifs de cette catégorie (unité UNPOL).' },
      { line: 4, column: null, message: 'Doublon de la ligne 3 (même date, catégorie, pays, sexe et lieu).' },
    ]);
    const french = await importCsv('date;catégorie;sexe;déployés\n2021-02-28;Militaires;Femmes;480', 'all');
    expect(french.json()).toMatchObject({ imported: 1, errors: [] });
    const columns = await importCsv('date,category,effectif\n2021-01-31,military,1', 'all');
    expect(columns.json().errors[0]).toMatchObject({ line: 1, column: 'effectif' });
    const broken = await importCsv('date,category\n"2021-01-31,military', 'all');
    expect(broken.statusCode).toBe(422);
  });

  test('internal snapshots stay out of anonymous lists, summaries and charts', async () => {
    const anonymous = (await t.app.inject({ url: '/api/strength' })).json().snapshots;
    expect(anonymous.every((s: { classification: string }) => s.classification === 'public')).toBe(true);
    const summary = (await t.app.inject({ url: '/api/strength/summary' })).json().rows;
    expect(summary.find((r: { category: string }) => r.category === 'military').asOf).toBe('2020-07-31');
    const chart = await t.app.inject({ url: '/api/strength/chart.svg?category=military' });
    expect(chart.body).toContain('31 juil. 2020');
    expect(chart.body).not.toContain('31 déc. 2020');
    const staffChart = await t.app.inject({ url: '/api/strength/chart.svg?category=military', headers: forceViewer.headers });
    expect(staffChart.body).toContain('31 déc. 2020');
  });
});
