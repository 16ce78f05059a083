import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Project, ProjectImportReport, ProjectSummary } from '../src/contracts/projects.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { parseAmount } from '../src/modules/projects/projects.import.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

/**
 * Importing an existing portfolio from CSV: the export's columns, one project per line, checked as
 * a proposal is (the QIP rule, women within people, places in Mali), all rows or none, with a
 * report naming each bad row's line, column and rule in French or English.
 */

const HEADER =
  'fund,title_fr,title_en,sector,place,latitude,longitude,planned_start,planned_end,currency,rate_to_usd,rate_date,budget,planned_people,planned_women';

test('amounts are read into minor units exactly, with at most the currency’s decimals', () => {
  expect(parseAmount('45000.00', 'USD')).toBe(4_500_000);
  expect(parseAmount('45 000,5', 'USD')).toBe(4_500_050);
  expect(parseAmount('0.1', 'EUR')).toBe(10);
  expect(parseAmount('25000000', 'XOF')).toBe(25_000_000);
  expect(parseAmount('25000000,5', 'XOF')).toBeNull();
  expect(parseAmount('1.005', 'USD')).toBeNull();
  expect(parseAmount('-3', 'USD')).toBeNull();
});

describe.each(DIALECTS)('portfolio import (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let police: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'system' });
    officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'CAD', role: 'officer' }] })).email);
    police = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'manager' }] })).email);
  });
  afterAll(async () => t?.close());

  const post = (session: Session, csv: string, query = 'unit=CAD', lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/import?${query}`,
      headers: { ...session.headers, 'content-type': 'text/csv', 'accept-language': lang },
      payload: csv,
    });

  test('a good file: every row a proposed project of the unit, amounts exact, funds by code or name', async () => {
    const csv = [
      HEADER,
      'qip,Forage de Tessit,Tessit borehole,14030,Ménaka,,,2020-09-01,2020-12-31,USD,1,2020-09-01,"45 000,00",1200,640',
      'Réduction de la violence communautaire (CVR),Emplois à Gao,,15220,,16.2719,-0.0447,2020-09-01,2021-08-31,XOF,0.0017,2020-09-01,25000000,300,150',
    ].join('\n');
    const response = await post(officer, csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ imported: 2, rows: 2, errors: [] });
    const list = (await t.app.inject({ url: '/api/projects?limit=50', headers: officer.headers })).json().items as ProjectSummary[];
    const tessit = list.find((p) => p.title === 'Forage de Tessit');
    expect(tessit).toMatchObject({ fund: 'qip', unit: 'CAD', status: 'proposed', budget: { minor: 4_500_000, currency: 'USD' } });
    const gao = list.find((p) => p.title === 'Emplois à Gao');
    expect(gao).toMatchObject({ fund: 'cvr', budget: { minor: 25_000_000, currency: 'XOF', usdMinor: 4_250_000 } });
    const detail = (await t.app.inject({ url: `/api/projects/${gao?.id}`, headers: officer.headers })).json() as Project;
    expect(detail.places).toEqual([expect.objectContaining({ latitude: 16.2719, longitude: -0.0447, regionName: 'Gao' })]);
    expect(detail.steps.map((s) => s.to)).toEqual(['proposed']);
  });

  test('a bad row refuses the whole file: each error by line, column and rule, in English, nothing written', async () => {
    const before = await countRows(t.ctx, 'projects');
    const audit = await countRows(t.ctx, 'audit_log');
    const csv = [
      HEADER,
      'qip,Bon projet,,14030,Ménaka,,,2020-09-01,2020-12-31,USD,1,2020-09-01,45000,10,5',
      'qip,Trop cher,,14030,Ménaka,,,2020-09-01,2020-12-31,USD,1,2020-09-01,60000,10,5',
      'cvr,Trop de femmes,,14030,Atlantis,,,2020-09-01,2020-12-31,USD,1,2020-09-01,1000,10,50',
      'cvr,Montant faux,,14030,Ménaka,,,2020-09-01,2020-12-31,USD,1,2020-09-01,12.345,10,5',
      'cvr,Hors du Mali,,14030,,48.85,2.35,2020-09-01,2020-12-31,USD,1,2020-09-01,1000,10,5',
    ].join('\n');
    const response = await post(officer, csv, 'unit=CAD', 'en');
    expect(response.statusCode).toBe(422);
    const report = response.json() as ProjectImportReport;
    expect(report.imported).toBe(0);
    expect(report.rows).toBe(5);
    expect(report.errors).toEqual([
      { line: 3, column: 'budget', message: expect.stringContaining('QIP rule') },
      { line: 4, column: 'planned_women', message: expect.stringContaining('women') },
      { line: 4, column: 'place', message: expect.stringContaining('gazetteer') },
      { line: 5, column: 'budget', message: expect.stringContaining('at most 2 decimal') },
      { line: 6, column: 'latitude', message: expect.stringContaining('Mali') },
    ]);
    expect(await countRows(t.ctx, 'projects')).toBe(before);
    expect(await countRows(t.ctx, 'audit_log')).toBe(audit);
  });

  test('a unit one does not write for is refused row by row; unknown and missing columns are named', async () => {
    const row = 'qip,Projet,,14030,Ménaka,,,2020-09-01,2020-12-31,USD,1,2020-09-01,45000,10,5';
    const other = await post(police, [HEADER, row].join('\n'), 'unit=CAD');
    expect(other.statusCode).toBe(422);
    expect(other.json().errors).toEqual([{ line: 2, column: 'unit', message: expect.stringContaining('CAD') }]);
    const unknown = await post(officer, `${HEADER},couleur\n${row},bleu`);
    expect(unknown.json().errors).toEqual([
      { line: 1, column: 'couleur', message: expect.stringContaining('Colonnes inconnues : couleur') },
    ]);
    const missing = await post(officer, 'fund,title_fr\nqip,Projet');
    expect(missing.json().errors[0].message).toContain('sector');
    expect((await post(officer, '')).statusCode).toBe(422);
  });

  test('the portfolio’s own CSV export reads back as new proposals', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: officer.headers,
      payload: projectInput({
        fund: 'pbf',
        titleFr: 'Dialogue =intercommunautaire',
        currency: 'EUR',
        rateToUsd: '1.185',
        budgetMinor: 1_234_510,
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const separator of ['comma', 'semicolon']) {
      const csv = (await t.app.inject({ url: `/api/projects/export.csv?fund=pbf&separator=${separator}`, headers: officer.headers })).body;
      const before = await countRows(t.ctx, 'projects');
      const response = await post(officer, csv);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().imported).toBeGreaterThanOrEqual(1);
      expect(await countRows(t.ctx, 'projects')).toBe(before + response.json().imported);
    }
    const list = (await t.app.inject({ url: '/api/projects?fund=pbf&limit=50', headers: officer.headers })).json()
      .items as ProjectSummary[];
    // The formula-looking title keeps its text, without the export's apostrophe; the amount is exact.
    expect(list.filter((p) => p.title === 'Dialogue =intercommunautaire').length).toBeGreaterThanOrEqual(3);
    for (const p of list) expect(p.budget).toMatchObject({ minor: 1_234_510, currency: 'EUR' });
  });
});
