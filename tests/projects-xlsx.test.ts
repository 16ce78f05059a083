import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Project } from '../src/contracts/projects.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { columnName, dateSerial, xlsxWorkbook, xmlText } from '../src/platform/xlsx.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

type Cell = { type: string | null; style: string | null; value: string };

/** The cells of the workbook's sheet by reference (A1, B2…), inline strings read as text. */
function cellsOf(bytes: Uint8Array): { parts: string[]; cells: Map<string, Cell>; rows: number } {
  const files = unzipSync(bytes);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
  const cells = new Map<string, Cell>();
  for (const match of sheet.matchAll(/<c r="([A-Z]+\d+)"(?: t="(\w+)")?(?: s="(\d+)")?>(.*?)<\/c>/g)) {
    const [, ref, type, style, inner] = match;
    const value = type === 'inlineStr' ? /<t[^>]*>(.*?)<\/t>/.exec(inner ?? '')?.[1] : /<v>(.*?)<\/v>/.exec(inner ?? '')?.[1];
    cells.set(ref ?? '', { type: type ?? null, style: style ?? null, value: value ?? '' });
  }
  return { parts: Object.keys(files).sort(), cells, rows: (sheet.match(/<row /g) ?? []).length };
}

describe('the XLSX writer', () => {
  test('column letters, spreadsheet dates, escaped text without the characters XML forbids', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(dateSerial('1900-03-01')).toBe(61);
    expect(dateSerial('2020-09-01')).toBe(44075);
    expect(dateSerial('2020-02-30')).toBeNull();
    expect(xmlText('a<b>&"c"\u0001\u0008\uFFFE\uD800d\te')).toBe('a&lt;b&gt;&amp;&quot;c&quot;d\te');
    const { parts, cells } = cellsOf(
      xlsxWorkbook('Feuille', ['Titre'], [[{ kind: 'text', value: 'x\u0000<y>' }], [{ kind: 'decimal', value: '1e5', digits: 2 }]]),
    );
    expect(parts).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(cells.get('A2')?.value).toBe('x&lt;y&gt;');
    // Anything that is not a plain decimal is written as text, never as a guessed number.
    expect(cells.get('A3')?.type).toBe('inlineStr');
  });
});

describe.each(DIALECTS)('portfolio XLSX export (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let other: Session;
  let open: Project;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'system' });
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('CAD', 'officer');
    other = await as('SRS', 'manager');
    const propose = async (session: Session, overrides: Parameters<typeof projectInput>[0]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: session.headers,
        payload: projectInput(overrides),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Project;
    };
    open = await propose(officer, { titleFr: 'Marché de Ménaka <XLSX> & cie', classification: 'public' });
    await propose(other, { unit: 'SRS', fund: 'pbf', classification: 'restricted', titleFr: 'Projet restreint SRS XLSX' });
    await propose(officer, {
      titleFr: 'Forage de Ménaka en francs CFA',
      currency: 'XOF',
      rateToUsd: '0.0017',
      budgetMinor: 25_000_000,
    });
  });
  afterAll(async () => t?.close());

  const download = async (session: Session | null, query: string) => {
    const response = await t.app.inject({ url: `/api/projects/export.xlsx?${query}`, headers: session?.headers ?? {} });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toContain('projects.xlsx');
    return cellsOf(response.rawPayload);
  };

  test('the CSV’s columns with French or English headers, amounts as exact numbers, dates as dates, audited', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    const fr = await download(officer, 'unit=CAD&lang=fr');
    expect(await countRows(t.ctx, 'audit_log')).toBe(before + 1);
    expect(fr.cells.get('A1')?.value).toBe('Identifiant');
    expect(fr.cells.get('F1')?.value).toBe('Titre (français)');
    expect(fr.cells.get('S1')?.value).toBe('Budget (USD)');
    expect(fr.cells.get('Y1')?.value).toBe('dont femmes (atteintes)');
    const csv = await t.app.inject({ url: '/api/projects/export.csv?unit=CAD', headers: officer.headers });
    const csvHeader =
      csv.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0]
        ?.split(',') ?? [];
    expect(csvHeader).toHaveLength(25);
    expect(fr.cells.has('Y1') && !fr.cells.has('Z1')).toBe(true);

    const row = [...fr.cells.entries()].find(([ref, c]) => ref.startsWith('A') && c.value === open.id)?.[0].slice(1);
    expect(row).toBeDefined();
    const at = (column: string) => fr.cells.get(`${column}${row}`);
    expect(at('F')?.value).toBe('Marché de Ménaka &lt;XLSX&gt; &amp; cie');
    expect(at('B')?.value).toBe('Projet à impact rapide (QIP)');
    // Budget in USD: a number with two decimals, computed from minor units, in the money format.
    expect(at('S')).toEqual({ type: null, style: '3', value: '45000.00' });
    expect(at('P')).toEqual({ type: null, style: '3', value: '45000.00' });
    // Planned start 2020-09-01 as a real date (days since 1899-12-30) in the date format.
    expect(at('I')).toEqual({ type: null, style: '2', value: '44075' });
    expect(at('V')).toEqual({ type: null, style: '4', value: '1200' });
    // No actual start: an empty cell, not an empty string.
    expect(at('K')).toBeUndefined();

    const xof = [...fr.cells.entries()]
      .find(([ref, c]) => ref.startsWith('F') && c.value === 'Forage de Ménaka en francs CFA')?.[0]
      .slice(1);
    expect(fr.cells.get(`P${xof}`)).toEqual({ type: null, style: '4', value: '25000000' });
    expect(fr.cells.get(`S${xof}`)?.value).toBe('42500.00');
    expect(fr.cells.get(`N${xof}`)?.value).toBe('0.0017');

    const en = await download(officer, 'unit=CAD&lang=en');
    expect(en.cells.get('A1')?.value).toBe('Identifier');
    expect(en.cells.get('F1')?.value).toBe('Title (French)');
    expect(en.cells.get('S1')?.value).toBe('Budget (USD)');
    expect([...en.cells.values()].some((c) => c.value === 'Quick-impact project (QIP)')).toBe(true);
  });

  test('the reader’s projects only: a restricted project is absent for an outsider and the anonymous', async () => {
    const titles = (x: ReturnType<typeof cellsOf>) => [...x.cells.values()].map((c) => c.value);
    expect(titles(await download(other, 'fund=pbf'))).toContain('Projet restreint SRS XLSX');
    expect(titles(await download(officer, 'fund=pbf'))).not.toContain('Projet restreint SRS XLSX');
    const anonymous = await download(null, '');
    expect(titles(anonymous)).not.toContain('Projet restreint SRS XLSX');
    expect(titles(anonymous)).toContain('Marché de Ménaka &lt;XLSX&gt; &amp; cie');
    expect((await download(officer, 'fund=mine_action')).rows).toBe(1);
  });
});
