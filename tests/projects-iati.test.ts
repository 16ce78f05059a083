import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortfolioDashboard, Project, ProjectInput, ProjectMap } from '../src/contracts/projects.js';
import type { IndicatorDetail, Objective } from '../src/contracts/results.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { iatiAmount, xmlEscape } from '../src/modules/projects/projects.iati.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

/**
 * IATI publication and the portfolio's dashboard and map: the export is valid against the official
 * 2.03 schema (xmllint), holds the public projects from approval on and nothing else, names them in
 * French and English, and writes amounts exactly; the dashboard and the map count and place only
 * what the reader may read.
 */

const SCHEMA = join(import.meta.dirname, 'fixtures', 'iati-2.03', 'iati-activities-schema.xsd');
const dir = mkdtempSync(join(tmpdir(), 'mandat-iati-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmllint's verdict on a document against the IATI 2.03 schema: '' when valid, else its messages. */
function schemaErrors(xml: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.status === 0 ? '' : run.stderr;
}

/** An XPath expression's value over a document, by xmllint. */
function xpath(xml: string, expression: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' }).trim();
}

describe('IATI values', () => {
  test('amounts are written from minor units, exactly, never through a float', () => {
    expect(iatiAmount(4_500_000, 'USD')).toBe('45000.00');
    expect(iatiAmount(1_234_567, 'USD')).toBe('12345.67');
    expect(iatiAmount(10, 'EUR')).toBe('0.10');
    expect(iatiAmount(7, 'USD')).toBe('0.07');
    expect(iatiAmount(25_000_000, 'XOF')).toBe('25000000');
    // 0.1 + 0.2 in floats would not be 0.30; 2^53 − 1 cents stays exact.
    expect(iatiAmount(30, 'USD')).toBe('0.30');
    expect(iatiAmount(9_007_199_254_740_991, 'USD')).toBe('90071992547409.91');
  });
  test('text and attributes are escaped, and characters XML forbids are removed', () => {
    expect(xmlEscape(`Eau & <assainissement> "Ménaka" l'école\u0007`)).toBe(
      'Eau &amp; &lt;assainissement&gt; &quot;Ménaka&quot; l&apos;école',
    );
  });
  test('the schema copied with the tests is the one xmllint reads', () => {
    // The standard wants at least one activity (hence a 404 while nothing is published) and a version.
    expect(schemaErrors('<iati-activities version="2.03"/>')).toContain('Expected is ( iati-activity )');
    expect(schemaErrors('<iati-activities/>')).toContain('version');
  });
});

describe.each(DIALECTS)('IATI export, dashboard and map of the portfolio (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let police: Session;
  let partners: { id: string; name: string }[];
  const published: Project[] = [];
  const hidden: { project: Project; marker: string }[] = [];
  /** The QIP's results: a public objective with an entered and a computed indicator. */
  const results: { objective?: Objective; entered?: IndicatorDetail; computed?: IndicatorDetail } = {};
  /** Results that are never published, each with a marker in its titles. */
  const unpublishedResults: string[] = [];

  const propose = async (overrides: Partial<ProjectInput>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: officer.headers,
      payload: projectInput(overrides),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Project;
  };
  const move = async (session: Session, p: Project, action: string, comment = '') => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/transitions`,
      headers: session.headers,
      payload: { action, version: p.version, comment },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Project;
  };
  const transact = async (p: Project, kind: string, amountMinor: number, on: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/transactions`,
      headers: manager.headers,
      payload: { version: p.version, kind, on, amountMinor, note: 'Note interne SECRET-NOTE' },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Project;
  };
  const approved = async (overrides: Partial<ProjectInput>) =>
    move(manager, await move(officer, await propose(overrides), 'review'), 'approve');
  const iati = async (session: Session | null = null) => {
    const response = await t.app.inject({ url: '/api/projects/iati.xml', headers: session?.headers ?? {} });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    return response.body;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'system' });
    // Nothing published yet: no file, since the standard wants one activity at least; said in the reader's language.
    const none = await t.app.inject({ url: '/api/projects/iati.xml', headers: { 'accept-language': 'en' } });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'iati_nothing_published', detail: expect.stringContaining('No public project') });
    const as = async (unit: string, role: 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('CAD', 'officer');
    manager = await as('CAD', 'manager');
    police = await as('UNPOL', 'manager');
    partners = (await t.app.inject({ url: '/api/projects/vocabulary', headers: officer.headers })).json().partners;

    // Published: a public QIP in USD with partners, two places and its money, closed.
    let qip = await approved({
      classification: 'public',
      titleFr: 'Forage & château d’eau de Ménaka <IATI-QIP>',
      titleEn: 'Ménaka borehole & water tower <IATI-QIP>',
      descriptionFr: 'Description « française »',
      descriptionEn: 'English "description"',
      sector: '14030',
      partners: [
        { partner: partners[0]?.id ?? '', role: 'funding' },
        { partner: partners[1]?.id ?? '', role: 'implementing' },
      ],
      places: [{ place: 'Ménaka' }, { latitude: 16.2719, longitude: -0.0447 }],
      beneficiaries: { plannedPeople: 1200, plannedWomen: 640, reachedPeople: 1100, reachedWomen: 600 },
    });
    qip = await transact(qip, 'commitment', 4_500_000, '2020-10-01');
    qip = await transact(qip, 'disbursement', 1_234_567, '2020-10-15');
    qip = await move(manager, qip, 'start');
    qip = await move(officer, qip, 'finalise');
    qip = await move(manager, qip, 'close');
    published.push(qip);
    // Published: a public CVR project in francs CFA, ongoing, no English and no description.
    let cvr = await approved({
      classification: 'public',
      fund: 'cvr',
      titleFr: 'Emplois temporaires pour jeunes à Gao IATI-CVR',
      titleEn: '',
      descriptionFr: '',
      descriptionEn: '',
      currency: 'XOF',
      rateToUsd: '0.0017',
      budgetMinor: 25_000_000,
      places: [{ place: 'Gao' }],
      beneficiaries: { plannedPeople: 300, plannedWomen: 150, reachedPeople: 0, reachedWomen: 0 },
    });
    cvr = await transact(cvr, 'commitment', 20_000_000, '2020-09-15');
    cvr = await move(manager, cvr, 'start');
    published.push(cvr);
    // Published: public, approved then cancelled.
    published.push(
      await move(
        manager,
        await approved({ classification: 'public', titleFr: 'Projet annulé IATI-CANCELLED' }),
        'cancel',
        'Accès impossible',
      ),
    );

    // Never published: internal and restricted projects, however far along; public ones before approval.
    for (const classification of ['internal', 'restricted'] as const) {
      const marker = `HIDDEN-${classification}`;
      hidden.push({
        project: await move(manager, await approved({ classification, titleFr: marker, descriptionEn: marker }), 'start'),
        marker,
      });
    }
    hidden.push({ project: await propose({ classification: 'public', titleFr: 'HIDDEN-proposed' }), marker: 'HIDDEN-proposed' });
    hidden.push({
      project: await move(officer, await propose({ classification: 'public', titleFr: 'HIDDEN-reviewed' }), 'review'),
      marker: 'HIDDEN-reviewed',
    });
    const early = await propose({ classification: 'public', titleFr: 'HIDDEN-cancelled-early' });
    hidden.push({ project: await move(manager, early, 'cancel', 'Doublon'), marker: 'HIDDEN-cancelled-early' });

    // Results: indicators linked to the published QIP, and others that must never reach the file.
    const define = async <T>(url: string, payload: unknown, session = officer) => {
      const response = await t.app.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as T;
    };
    const objective = (titleFr: string, classification: string) =>
      define<Objective>('/api/results/objectives', { unit: 'CAD', titleFr, titleEn: `${titleFr} (EN)`, classification });
    const indicator = (objectiveId: string, body: Record<string, unknown>) =>
      define<IndicatorDetail>(`/api/results/objectives/${objectiveId}/indicators`, {
        titleFr: 'Indicateur',
        titleEn: 'Indicator',
        measure: 'count',
        periodStart: '2020-09-01',
        periodEnd: '2020-12-31',
        classification: 'public',
        ...body,
      });
    const water = await objective('Accès à l’eau à Ménaka', 'public');
    results.objective = water;
    results.entered = await indicator(water.id, {
      titleFr: 'Personnes desservies en eau',
      titleEn: 'People with water access',
      baseline: 200,
      baselinePeriod: '2020-08-31',
      target: 1200,
      projectId: qip.id,
    });
    await define(`/api/results/indicators/${results.entered.id}/values`, {
      value: 1100,
      period: '2020-T4',
      source: 'Rapport interne SOURCE-SECRET',
      women: 600,
      men: 500,
    });
    // Computed with a visitor's rights: the public QIPs only, never the internal and restricted ones.
    results.computed = await indicator(water.id, {
      titleFr: 'QIP enregistrés',
      titleEn: 'QIPs recorded',
      baseline: 0,
      baselinePeriod: '2019',
      target: 10,
      projectId: qip.id,
      rule: { kind: 'projects.fund_status', params: { fund: 'qip', amount: 'count' } },
    });
    for (const classification of ['internal', 'restricted'] as const) {
      const marker = `RESULT-HIDDEN-${classification}-indicator`;
      await indicator(water.id, { titleFr: marker, titleEn: marker, classification, projectId: qip.id });
      unpublishedResults.push(marker);
    }
    const internalObjective = await objective('RESULT-HIDDEN-internal-objective', 'internal');
    await indicator(internalObjective.id, { titleFr: 'RESULT-HIDDEN-under-internal', titleEn: 'x', projectId: qip.id });
    unpublishedResults.push('RESULT-HIDDEN-internal-objective', 'RESULT-HIDDEN-under-internal');
    // Public, but measuring a restricted project: that project is not published, nor its results.
    const restricted = hidden.find((h) => h.marker === 'HIDDEN-restricted')?.project as Project;
    await indicator(water.id, { titleFr: 'RESULT-HIDDEN-restricted-project', titleEn: 'x', projectId: restricted.id });
    unpublishedResults.push('RESULT-HIDDEN-restricted-project');
  });
  afterAll(async () => t?.close());

  test('the export validates against the IATI 2.03 schema and holds exactly the public projects from approval on', async () => {
    const xml = await iati();
    expect(schemaErrors(xml)).toBe('');
    expect(xpath(xml, 'count(//iati-activity)')).toBe(String(published.length));
    for (const p of published) expect(xml).toContain(`<iati-identifier>XX-MINUSMA-${p.id}</iati-identifier>`);
    for (const { project, marker } of hidden) {
      expect(xml).not.toContain(project.id);
      expect(xml).not.toContain(marker);
    }
    // Who recorded money, and its internal notes, are not published.
    expect(xml).not.toContain('SECRET-NOTE');
  });

  test('the same file for every reader: a member of the owning unit gets no more than an anonymous visitor', async () => {
    const strip = (xml: string) => xml.replace(/generated-datetime="[^"]*"/, '');
    expect(strip(await iati(manager))).toBe(strip(await iati()));
    expect(strip(await iati(police))).toBe(strip(await iati()));
  });

  test('titles and descriptions in French and English, escaped; status, dates, sector, places, partners', async () => {
    const xml = await iati();
    const [qip, cvr, cancelled] = published as [Project, Project, Project];
    const activity = (p: Project) => `//iati-activity[iati-identifier="XX-MINUSMA-${p.id}"]`;
    expect(xpath(xml, `string(${activity(qip)}/title/narrative[@xml:lang="fr"])`)).toBe('Forage & château d’eau de Ménaka <IATI-QIP>');
    expect(xpath(xml, `string(${activity(qip)}/title/narrative[@xml:lang="en"])`)).toBe('Ménaka borehole & water tower <IATI-QIP>');
    expect(xpath(xml, `string(${activity(qip)}/description/narrative[@xml:lang="en"])`)).toBe('English "description"');
    expect(xml).toContain('&lt;IATI-QIP&gt;');
    // No English title: French only; no description: the title stands for it.
    expect(xpath(xml, `count(${activity(cvr)}/title/narrative)`)).toBe('1');
    expect(xpath(xml, `string(${activity(cvr)}/description/narrative[@xml:lang="fr"])`)).toBe(
      'Emplois temporaires pour jeunes à Gao IATI-CVR',
    );
    expect(xpath(xml, `string(${activity(qip)}/activity-status/@code)`)).toBe('4');
    expect(xpath(xml, `string(${activity(cvr)}/activity-status/@code)`)).toBe('2');
    expect(xpath(xml, `string(${activity(cancelled)}/activity-status/@code)`)).toBe('5');
    expect(xpath(xml, `string(${activity(qip)}/activity-date[@type="1"]/@iso-date)`)).toBe('2020-09-01');
    expect(xpath(xml, `string(${activity(qip)}/activity-date[@type="3"]/@iso-date)`)).toBe('2020-12-31');
    expect(xpath(xml, `string(${activity(qip)}/sector[@vocabulary="1"]/@code)`)).toBe('14030');
    expect(xpath(xml, `string(${activity(qip)}/recipient-country/@code)`)).toBe('ML');
    expect(xpath(xml, `count(${activity(qip)}/location)`)).toBe('2');
    expect(xpath(xml, `string(${activity(qip)}/location[2]/point/pos)`)).toBe('16.27190 -0.04470');
    expect(xpath(xml, `string(${activity(qip)}/location[1]/exactness/@code)`)).toBe('2');
    expect(xpath(xml, `string(${activity(qip)}/location[2]/exactness/@code)`)).toBe('1');
    expect(xpath(xml, `string(${activity(qip)}/reporting-org/@ref)`)).toBe('XX-MINUSMA');
    // The mission accountable, then the partners by role: 1 funding, 4 implementing.
    expect(xpath(xml, `count(${activity(qip)}/participating-org)`)).toBe('3');
    expect(xpath(xml, `count(${activity(qip)}/participating-org[@role="1"])`)).toBe('1');
    expect(xpath(xml, `count(${activity(qip)}/participating-org[@role="4"])`)).toBe('1');
    expect(xpath(xml, `string(${activity(qip)}/participating-org[@role="2"]/@ref)`)).toBe('XX-MINUSMA');
  });

  test('budget and transactions: exact amounts in the project’s currency, dated; commitment 2, disbursement 3', async () => {
    const xml = await iati();
    const [qip, cvr] = published as [Project, Project];
    const activity = (p: Project) => `//iati-activity[iati-identifier="XX-MINUSMA-${p.id}"]`;
    expect(xpath(xml, `string(${activity(qip)}/@default-currency)`)).toBe('USD');
    expect(xpath(xml, `string(${activity(qip)}/budget/value)`)).toBe('45000.00');
    expect(xpath(xml, `string(${activity(qip)}/budget/value/@value-date)`)).toBe('2020-09-01');
    expect(xpath(xml, `string(${activity(qip)}/transaction[transaction-type/@code="2"]/value)`)).toBe('45000.00');
    expect(xpath(xml, `string(${activity(qip)}/transaction[transaction-type/@code="3"]/value)`)).toBe('12345.67');
    expect(xpath(xml, `string(${activity(qip)}/transaction[transaction-type/@code="3"]/value/@value-date)`)).toBe('2020-10-15');
    expect(xpath(xml, `string(${activity(qip)}/transaction[transaction-type/@code="3"]/transaction-date/@iso-date)`)).toBe('2020-10-15');
    expect(xpath(xml, `string(${activity(cvr)}/budget/value)`)).toBe('25000000');
    expect(xpath(xml, `string(${activity(cvr)}/budget/value/@currency)`)).toBe('XOF');
    expect(xpath(xml, `string(${activity(cvr)}/transaction/value)`)).toBe('20000000');
  });

  test('results: the public indicators linked to a project, with baseline, period, target and actual values, valid', async () => {
    const xml = await iati();
    expect(schemaErrors(xml)).toBe('');
    const [qip, cvr] = published as [Project, Project];
    const activity = (p: Project) => `//iati-activity[iati-identifier="XX-MINUSMA-${p.id}"]`;
    // One result per objective, in French and English; none for a project without linked indicators.
    expect(xpath(xml, `count(${activity(qip)}/result)`)).toBe('1');
    expect(xpath(xml, `count(${activity(cvr)}/result)`)).toBe('0');
    const result = `${activity(qip)}/result`;
    expect(xpath(xml, `string(${result}/@type)`)).toBe('9');
    expect(xpath(xml, `string(${result}/title/narrative[@xml:lang="fr"])`)).toBe('Accès à l’eau à Ménaka');
    expect(xpath(xml, `string(${result}/title/narrative[@xml:lang="en"])`)).toBe('Accès à l’eau à Ménaka (EN)');
    expect(xpath(xml, `count(${result}/indicator)`)).toBe('2');
    // Entered: its baseline dated, its period, target and latest value, by sex.
    const entered = `${result}/indicator[title/narrative[@xml:lang="en"]="People with water access"]`;
    expect(xpath(xml, `string(${entered}/@measure)`)).toBe('1');
    expect(xpath(xml, `string(${entered}/@ascending)`)).toBe('true');
    expect(xpath(xml, `string(${entered}/title/narrative[@xml:lang="fr"])`)).toBe('Personnes desservies en eau');
    expect(xpath(xml, `string(${entered}/baseline/@year)`)).toBe('2020');
    expect(xpath(xml, `string(${entered}/baseline/@iso-date)`)).toBe('2020-08-31');
    expect(xpath(xml, `string(${entered}/baseline/@value)`)).toBe('200');
    expect(xpath(xml, `string(${entered}/period/period-start/@iso-date)`)).toBe('2020-09-01');
    expect(xpath(xml, `string(${entered}/period/period-end/@iso-date)`)).toBe('2020-12-31');
    expect(xpath(xml, `string(${entered}/period/target/@value)`)).toBe('1200');
    expect(xpath(xml, `string(${entered}/period/actual[not(dimension)]/@value)`)).toBe('1100');
    expect(xpath(xml, `string(${entered}/period/actual[dimension/@value="female"]/@value)`)).toBe('600');
    expect(xpath(xml, `string(${entered}/period/actual[dimension/@value="male"]/@value)`)).toBe('500');
    // Computed with a visitor's rights: the five public QIPs, not the internal and restricted ones a member counts.
    const computed = `${result}/indicator[title/narrative[@xml:lang="en"]="QIPs recorded"]`;
    expect(xpath(xml, `string(${computed}/baseline/@year)`)).toBe('2019');
    expect(xpath(xml, `count(${computed}/baseline/@iso-date)`)).toBe('0');
    expect(xpath(xml, `string(${computed}/period/actual/@value)`)).toBe('5');
    const asMember = await t.app.inject({ url: `/api/results/indicators/${results.computed?.id}`, headers: manager.headers });
    expect((asMember.json() as IndicatorDetail).current?.value).toBe(7);
    // An entered value's source and author are not published.
    expect(xml).not.toContain('SOURCE-SECRET');
  });

  test('restricted or internal indicators, those of a non-public objective and those of an unpublished project never appear', async () => {
    const xml = await iati(manager);
    for (const marker of unpublishedResults) expect(xml).not.toContain(marker);
    // Only the two public indicators of the public objective are the QIP's results.
    expect(xpath(xml, 'count(//result/indicator)')).toBe('2');
  });

  test('an indicator measures only a project its definer may read; the link shows only to those who may read the project', async () => {
    const restricted = hidden.find((h) => h.marker === 'HIDDEN-restricted')?.project as Project;
    const goal = await t.app.inject({
      method: 'POST',
      url: '/api/results/objectives',
      headers: police.headers,
      payload: { unit: 'UNPOL', titleFr: 'Police', titleEn: 'Police', classification: 'public' },
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/results/objectives/${(goal.json() as Objective).id}/indicators`,
      headers: { ...police.headers, 'accept-language': 'en' },
      payload: {
        titleFr: 'x',
        titleEn: 'x',
        measure: 'count',
        periodStart: '2020-01-01',
        periodEnd: '2020-12-31',
        projectId: restricted.id,
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(refused.json())).toContain('Unknown or inaccessible project');
    const read = async (session: Session | null) =>
      (
        await t.app.inject({ url: `/api/results/indicators/${results.entered?.id}`, headers: session?.headers ?? {} })
      ).json() as IndicatorDetail;
    expect((await read(null)).project).toEqual({ id: published[0]?.id, title: 'Forage & château d’eau de Ménaka <IATI-QIP>' });
    expect((await read(manager)).project?.id).toBe(published[0]?.id);
  });

  test('each export is audited, anonymous or not', async () => {
    const before = await t.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'project.export')
      .executeTakeFirstOrThrow();
    await iati();
    const after = await t.ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'project.export')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  test('the dashboard counts by status, fund, unit and region, in exact USD, with people by sex, within the read scope', async () => {
    const get = async (session: Session | null, query = '') => {
      const response = await t.app.inject({ url: `/api/projects/dashboard${query}`, headers: session?.headers ?? {} });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as PortfolioDashboard;
    };
    const anonymous = await get(null);
    // Public projects only: the three published and the three public ones before or without approval.
    expect(anonymous.total.count).toBe(6);
    const closed = anonymous.byStatus.find((row) => row.status === 'closed');
    expect(closed).toMatchObject({ count: 1, committedUsdMinor: 4_500_000, disbursedUsdMinor: 1_234_567 });
    expect(closed?.beneficiaries).toEqual({ plannedPeople: 1200, plannedWomen: 640, reachedPeople: 1100, reachedWomen: 600 });
    // 20,000,000 XOF at 0.0017 = USD 34,000.00, exactly.
    expect(anonymous.byFund.find((row) => row.fund === 'cvr')).toMatchObject({
      count: 1,
      committedUsdMinor: 3_400_000,
      budgetUsdMinor: 4_250_000,
    });
    expect(anonymous.byUnit).toEqual([expect.objectContaining({ unit: 'CAD', count: 6 })]);
    // The QIP has a place in Ménaka and one in Gao (by its coordinates): it counts in both.
    const gao = anonymous.byRegion.find((row) => row.regionName === 'Gao');
    expect(gao).toMatchObject({
      count: 2,
      beneficiaries: { plannedPeople: 1500, plannedWomen: 790, reachedPeople: 1100, reachedWomen: 600 },
    });
    expect(anonymous.byRegion.find((row) => row.regionName === 'Ménaka')?.count).toBe(anonymous.total.count - 1);
    // Signed in: internal too; a member of the unit: restricted too.
    expect((await get(police)).total.count).toBe(7);
    expect((await get(manager)).total.count).toBe(8);
    // The portfolio's filter applies.
    const qips = await get(manager, '?fund=qip&status=closed,ongoing');
    expect(qips.total.count).toBe(3);
    expect(qips.byFund.map((row) => row.fund)).toEqual(['qip']);
  });

  test('the map places only the projects the reader may read, filtered like the portfolio', async () => {
    const get = async (session: Session | null, query = '', lang = 'fr') => {
      const response = await t.app.inject({
        url: `/api/projects/map${query}`,
        headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as ProjectMap;
    };
    const anonymous = await get(null);
    expect(anonymous.truncated).toBe(false);
    for (const { marker } of hidden.filter(
      (h) => !h.marker.includes('proposed') && !h.marker.includes('reviewed') && !h.marker.includes('early'),
    ))
      expect(JSON.stringify(anonymous)).not.toContain(marker);
    const qip = published[0] as Project;
    const places = anonymous.places.filter((p) => p.project === qip.id);
    expect(places).toHaveLength(2);
    expect(places[1]).toMatchObject({ place: null, latitude: 16.2719, longitude: -0.0447, status: 'closed', fund: 'qip' });
    expect((await get(null, '', 'en')).places.find((p) => p.project === qip.id)?.title).toBe('Ménaka borehole & water tower <IATI-QIP>');
    expect(JSON.stringify(await get(manager))).toContain('HIDDEN-restricted');
    expect(JSON.stringify(await get(police))).not.toContain('HIDDEN-restricted');
    expect(JSON.stringify(await get(police))).toContain('HIDDEN-internal');
    const cvr = await get(manager, '?fund=cvr');
    expect(new Set(cvr.places.map((p) => p.fund))).toEqual(new Set(['cvr']));
  });
});
