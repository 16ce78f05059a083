import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Figure } from '../src/contracts/organisation.js';
import type { IndicatorDetail, Objective } from '../src/contracts/results.js';
import { FactsheetPdfs } from '../src/modules/factsheet/factsheet.cache.js';
import { factsheetDocument } from '../src/modules/factsheet/factsheet.document.js';
import { buildFactsheet } from '../src/modules/factsheet/factsheet.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { publicDataVersion } from '../src/platform/public-data.js';
import { activityInput } from './helpers/activities.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildDdrWorld, ddrRegistration, TO_INTEGRATION, walk } from './helpers/ddr.js';
import { incidentInput } from './helpers/incidents.js';
import { projectInput } from './helpers/projects.js';

describe.each(DIALECTS)('the results framework (%s)', (dialect) => {
  let t: TestApp;
  let forceOfficer: Session;
  let forceManager: Session;
  let forceViewer: Session;
  let cadOfficer: Session;
  let missionManager: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    forceOfficer = await as('FORCE', 'officer');
    forceManager = await as('FORCE', 'manager');
    forceViewer = await as('FORCE', 'viewer');
    cadOfficer = await as('CAD', 'officer');
    missionManager = await as('MISSION', 'manager');
    outsider = await as('HRPD', 'officer');
  });
  afterAll(async () => t?.close());

  const send = (
    session: Session | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    lang = 'fr',
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const objective = (session: Session, unit: string, titleFr = 'Protéger les civils', classification = 'internal') =>
    ok<Objective>(session, 'POST', '/api/results/objectives', {
      unit,
      code: '1',
      titleFr,
      titleEn: `${titleFr} (EN)`,
      classification,
    });
  const indicator = (session: Session, objectiveId: string, body: Record<string, unknown>) =>
    ok<IndicatorDetail>(session, 'POST', `/api/results/objectives/${objectiveId}/indicators`, {
      titleFr: 'Indicateur',
      titleEn: 'Indicator',
      measure: 'count',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      ...body,
    });
  const figure = async (key: string, session: Session | null = null, lang = 'fr') => {
    const { figures } = (await send(session, 'GET', '/api/figures', undefined, lang)).json() as { figures: Figure[] };
    const found = figures.find((f) => f.key === key);
    if (!found) throw new Error(`no figure ${key}`);
    return found;
  };

  test('a unit’s officers define its objectives and indicators; others may not; the mission has its own', async () => {
    const own = await objective(forceOfficer, 'FORCE');
    expect(own).toMatchObject({ unit: 'FORCE', title: 'Protéger les civils', may: { edit: true, addIndicator: true }, indicators: [] });
    expect((await send(forceViewer, 'POST', '/api/results/objectives', { unit: 'FORCE', titleFr: 'x', titleEn: 'x' })).statusCode).toBe(
      403,
    );
    expect((await send(outsider, 'POST', '/api/results/objectives', { unit: 'FORCE', titleFr: 'x', titleEn: 'x' })).statusCode).toBe(403);
    expect((await send(null, 'POST', '/api/results/objectives', { unit: 'FORCE', titleFr: 'x', titleEn: 'x' })).statusCode).toBe(401);
    expect(
      (
        await send(outsider, 'POST', `/api/results/objectives/${own.id}/indicators`, {
          titleFr: 'x',
          titleEn: 'x',
          measure: 'count',
          periodStart: '2020-01-01',
          periodEnd: '2020-12-31',
        })
      ).statusCode,
    ).toBe(403);
    const mission = await objective(missionManager, 'MISSION', 'Appuyer la mise en œuvre de l’Accord');
    expect(mission.unit).toBe('MISSION');
    // Reads follow the class: internal for accounts, nothing for a visitor.
    const anonymous = await ok<{ objectives: Objective[] }>(null, 'GET', '/api/results');
    expect(anonymous.objectives.map((o) => o.id)).not.toContain(own.id);
    expect((await send(null, 'GET', `/api/results/objectives/${own.id}`)).statusCode).toBe(404);
    const read = await ok<Objective>(outsider, 'GET', `/api/results/objectives/${own.id}`);
    expect(read.may).toEqual({ edit: false, addIndicator: false });
    const changed = await ok<Objective>(forceManager, 'PATCH', `/api/results/objectives/${own.id}`, {
      version: 1,
      titleEn: 'Protect civilians',
    });
    expect(changed.version).toBe(2);
    expect((await ok<Objective>(outsider, 'GET', `/api/results/objectives/${own.id}`)).title).toBe('Protéger les civils');
    expect((await send(forceManager, 'PATCH', `/api/results/objectives/${own.id}`, { version: 1, code: '2' })).statusCode).toBe(409);
  });

  test('an entered indicator: values with period, source, evidence, author, by sex; progress against target', async () => {
    const o = await objective(forceOfficer, 'FORCE', 'Former les forces de défense');
    const ind = await indicator(forceOfficer, o.id, {
      titleFr: 'Militaires formés',
      titleEn: 'Soldiers trained',
      baseline: 100,
      target: 500,
    });
    expect(ind).toMatchObject({ mode: 'entered', current: null, progress: null, derivation: null, may: { edit: true, enterValue: true } });
    const entered = await ok<IndicatorDetail>(forceOfficer, 'POST', `/api/results/indicators/${ind.id}/values`, {
      value: 300,
      period: '2020-T3',
      source: 'Rapport de formation',
      evidence: 'Listes de présence',
      women: 40,
      men: 260,
    });
    expect(entered.current).toEqual({ value: 300, women: 40, men: 260, period: '2020-T3' });
    expect(entered.progress).toBe(50);
    expect(entered.values[0]).toMatchObject({ value: 300, source: 'Rapport de formation', evidence: 'Listes de présence' });
    expect(entered.values[0]?.author).toBeTruthy();
    // Bad input, in the reader's language, and nothing written.
    const before = await countRows(t.ctx, 'result_values');
    const fr = await send(forceOfficer, 'POST', `/api/results/indicators/${ind.id}/values`, {
      value: 10.5,
      period: '2020',
      source: 's',
      women: 9,
      men: 9,
    });
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(fr.json())).toContain('Un effectif est un nombre entier.');
    expect(JSON.stringify(fr.json())).toContain('Femmes et hommes ne peuvent pas dépasser le total.');
    const en = await send(
      forceOfficer,
      'POST',
      `/api/results/indicators/${ind.id}/values`,
      { value: 10, period: '2020', source: 's', women: 9, men: 9 },
      'en',
    );
    expect(JSON.stringify(en.json())).toContain('Women and men cannot exceed the total.');
    expect(await countRows(t.ctx, 'result_values')).toBe(before);
    expect(
      (await send(forceViewer, 'POST', `/api/results/indicators/${ind.id}/values`, { value: 1, period: '2020', source: 's' })).statusCode,
    ).toBe(403);
    const order = await send(
      forceOfficer,
      'POST',
      `/api/results/objectives/${o.id}/indicators`,
      { titleFr: 'x', titleEn: 'x', measure: 'count', periodStart: '2020-12-31', periodEnd: '2020-01-01' },
      'en',
    );
    expect(JSON.stringify(order.json())).toContain('The end of the period cannot come before its start.');
  });

  test('rule kinds are listed with their parameters; an unknown kind or a bad parameter is refused in French and English', async () => {
    const { kinds } = await ok<{ kinds: { kind: string; measure: string }[] }>(null, 'GET', '/api/results/rule-kinds');
    expect(kinds.map((k) => k.kind)).toEqual([
      'strength.deployed',
      'strength.deployed_share',
      'projects.fund_status',
      'ddr.integrated',
      'incidents.count',
      'activities.participants',
    ]);
    const o = await objective(forceOfficer, 'FORCE', 'Règles');
    const unknown = await send(forceOfficer, 'POST', `/api/results/objectives/${o.id}/indicators`, {
      titleFr: 'x',
      titleEn: 'x',
      measure: 'count',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      rule: { kind: 'nope', params: {} },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('Règle de calcul inconnue');
    const bad = await send(
      forceOfficer,
      'POST',
      `/api/results/objectives/${o.id}/indicators`,
      {
        titleFr: 'x',
        titleEn: 'x',
        measure: 'count',
        periodStart: '2020-01-01',
        periodEnd: '2020-12-31',
        rule: { kind: 'strength.deployed', params: { category: 'pirates' } },
      },
      'en',
    );
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('Invalid or missing rule parameter.');
  });

  test('deployed and deployed ÷ authorised strength from the strength service, women and men, with the snapshots behind', async () => {
    const o = await objective(forceOfficer, 'FORCE', 'Effectifs');
    const deployed = await indicator(forceOfficer, o.id, {
      rule: { kind: 'strength.deployed', params: { category: 'military' } },
      periodEnd: '2020-07-31',
    });
    expect(deployed.current).toEqual({ value: 12362, women: 459, men: 11903, period: '2020-07-31' });
    expect(deployed.derivation?.rule).toContain('Effectif déployé des militaires (Force)');
    expect(deployed.derivation?.records.map((r) => r.type)).toEqual(['strength_snapshot', 'strength_snapshot']);
    expect(deployed.derivation?.records[0]?.href).toBe('/effectifs');
    const share = await indicator(forceOfficer, o.id, {
      rule: { kind: 'strength.deployed_share', params: { category: 'military' } },
      measure: 'count',
      target: 95,
      baseline: 90,
    });
    // A computed indicator takes its rule's unit.
    expect(share.measure).toBe('percent');
    expect(share.current?.value).toBe(93.02);
    expect(share.progress).toBe(60.4);
    expect(share.derivation?.steps[0]?.replace(/\u00a0/g, ' ')).toBe('12 362 ÷ 13 289 × 100 = 93,02 %');
    const en = await ok<IndicatorDetail>(outsider, 'GET', `/api/results/indicators/${share.id}`);
    expect(en.may).toEqual({ edit: false, enterValue: false });
    const english = (await send(outsider, 'GET', `/api/results/indicators/${share.id}`, undefined, 'en')).json() as IndicatorDetail;
    expect(english.derivation?.rule).toContain('Deployed ÷ authorised strength of military personnel (Force)');
    // A computed indicator takes no entered value.
    const entered = await send(forceOfficer, 'POST', `/api/results/indicators/${share.id}/values`, {
      value: 1,
      period: '2020',
      source: 's',
    });
    expect(entered.statusCode).toBe(409);
    expect(entered.json().code).toBe('indicator_computed');
  });

  test('projects of a fund by status: count and USD amounts from the projects service, only the readable ones listed', async () => {
    const o = await objective(cadOfficer, 'CAD', 'Projets à impact rapide');
    const p1 = await ok<{ id: string }>(cadOfficer, 'POST', '/api/projects', projectInput({ budgetMinor: 4_500_050 }));
    const p2 = await ok<{ id: string }>(
      cadOfficer,
      'POST',
      '/api/projects',
      projectInput({ budgetMinor: 2_000_000, classification: 'restricted' }),
    );
    const count = await indicator(cadOfficer, o.id, {
      rule: { kind: 'projects.fund_status', params: { fund: 'qip', statuses: ['proposed'] } },
    });
    expect(count.current?.value).toBe(2);
    expect(count.derivation?.records.map((r) => r.id).sort()).toEqual([p1.id, p2.id].sort());
    const budget = await indicator(cadOfficer, o.id, { rule: { kind: 'projects.fund_status', params: { fund: 'qip', amount: 'budget' } } });
    expect(budget.measure).toBe('usd');
    expect(budget.current?.value).toBe(65_001);
    // A reader of another unit sees only the internal project, behind and in the value.
    const other = await ok<IndicatorDetail>(outsider, 'GET', `/api/results/indicators/${count.id}`);
    expect(other.current?.value).toBe(1);
    expect(other.derivation?.records.map((r) => r.id)).toEqual([p1.id]);
    expect(JSON.stringify(other)).not.toContain(p2.id);
  });

  test('DDR persons integrated: aggregates by sex, never identities', async () => {
    const world = await buildDdrWorld(t);
    const woman = await world.ok(
      'ddrOfficer',
      'POST',
      '/api/ddr/persons',
      ddrRegistration({ name: 'Fatoumata Walet Ahmed' }, { sex: 'female' }),
    );
    await walk(world, 'ddrOfficer', woman, TO_INTEGRATION);
    const man = await world.ok(
      'ddrOfficer',
      'POST',
      '/api/ddr/persons',
      ddrRegistration({ name: 'Ibrahim Ag Mohamed', birthDate: '1980-01-01' }),
    );
    await walk(world, 'ddrOfficer', man, TO_INTEGRATION);
    const o = await objective(missionManager, 'MISSION', 'Réintégration');
    const ind = await indicator(missionManager, o.id, { rule: { kind: 'ddr.integrated', params: {} } });
    expect(ind.current).toMatchObject({ value: 2, women: 1, men: 1 });
    expect(ind.derivation?.records).toEqual([]);
    expect(JSON.stringify(ind)).not.toContain('Fatoumata');
    expect(JSON.stringify(ind)).not.toContain(woman.code);
  });

  test('incidents of a type in a period from the incident log, only those the reader may read', async () => {
    const submitted = async (input: ReturnType<typeof incidentInput>) => {
      const draft = await ok<{ ref: string; version: number }>(forceOfficer, 'POST', '/api/incidents', input);
      await ok(forceOfficer, 'POST', `/api/incidents/${draft.ref}/transitions`, { action: 'submit', version: draft.version, comment: '' });
      return draft;
    };
    const mine = await submitted(incidentInput({ occurredOn: '2020-03-02' }));
    const secret = await submitted(incidentInput({ occurredOn: '2020-03-03', classification: 'restricted' }));
    await ok(forceOfficer, 'POST', '/api/incidents', incidentInput({ occurredOn: '2019-03-03' }));
    const o = await objective(forceOfficer, 'FORCE', 'Incidents', 'public');
    const ind = await indicator(forceOfficer, o.id, {
      classification: 'public',
      periodStart: '2020-01-01',
      periodEnd: '2020-06-30',
      rule: { kind: 'incidents.count', params: { eventType: 'violence_against_civilians', verifiedOnly: false } },
    });
    expect(ind.current?.value).toBe(2);
    expect(ind.derivation?.records.map((r) => r.id).sort()).toEqual([mine.ref, secret.ref].sort());
    const other = await ok<IndicatorDetail>(outsider, 'GET', `/api/results/indicators/${ind.id}`);
    expect(other.current?.value).toBe(1);
    expect(JSON.stringify(other)).not.toContain(secret.ref);
    // A visitor reads a public indicator, but none of the internal incidents behind it.
    const visitor = await ok<IndicatorDetail>(null, 'GET', `/api/results/indicators/${ind.id}`);
    expect(visitor.current?.value).toBe(0);
    expect(visitor.derivation?.records).toEqual([]);
  });

  test('participants of a unit’s trainings in a period, by sex, from the activities the reader may read', async () => {
    await ok(outsider, 'POST', '/api/activities', activityInput({ startDate: '2020-03-10', endDate: '2020-03-12' }));
    await ok(
      outsider,
      'POST',
      '/api/activities',
      activityInput({
        startDate: '2020-04-02',
        endDate: '2020-04-02',
        classification: 'restricted',
        participants: { women: 5, men: 5, children: 0, adults: 10 },
      }),
    );
    await ok(outsider, 'POST', '/api/activities', activityInput({ startDate: '2019-11-02', endDate: '2019-11-02' }));
    const o = await objective(outsider, 'HRPD', 'Formations');
    const ind = await indicator(outsider, o.id, {
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      rule: { kind: 'activities.participants', params: { unit: 'HRPD', type: 'training', topic: 'human_rights' } },
    });
    expect(ind.current).toMatchObject({ value: 35, women: 13, men: 22 });
    expect(ind.derivation?.records).toHaveLength(2);
    // Another unit's officer counts only what it may read: the restricted training stays out.
    const other = await ok<IndicatorDetail>(forceOfficer, 'GET', `/api/results/indicators/${ind.id}`);
    expect(other.current).toMatchObject({ value: 25, women: 8, men: 17 });
    expect(other.derivation?.records).toHaveLength(1);
  });

  test('restricted objectives, indicators and values stay with their unit: a crawl of every read route finds no marker', async () => {
    const marker = 'CANARY-RESULTS-7Q';
    const o = await objective(forceOfficer, 'FORCE', `Objectif ${marker}`, 'restricted');
    const ind = await indicator(forceOfficer, o.id, { titleFr: `Indicateur ${marker}`, titleEn: marker, classification: 'restricted' });
    await ok(forceOfficer, 'POST', `/api/results/indicators/${ind.id}/values`, { value: 3, period: '2020', source: `Source ${marker}` });
    const urls = [
      '/api/results',
      '/api/results?unit=FORCE',
      `/api/results/objectives/${o.id}`,
      `/api/results/indicators/${ind.id}`,
      '/api/results/bindings',
    ];
    for (const reader of [null, outsider, cadOfficer, missionManager]) {
      for (const url of urls) {
        const response = await send(reader, 'GET', url);
        expect(response.body, `${url}`).not.toContain(marker);
      }
    }
    expect((await ok<IndicatorDetail>(forceViewer, 'GET', `/api/results/indicators/${ind.id}`)).values[0]?.source).toBe(`Source ${marker}`);
    expect(
      (await send(outsider, 'POST', `/api/results/indicators/${ind.id}/values`, { value: 1, period: '2020', source: 's' })).statusCode,
    ).toBe(404);
  });

  test('one source of truth: a strength snapshot moves the fiche’s bound figure, the PDF model and the public data version', async () => {
    const key = 'force.strength.deployed';
    expect(await figure(key)).toMatchObject({ value: 12362, binding: null, warnings: [] });
    // Not bound: a new public snapshot leaves the sourced figure, but the fiche says they disagree.
    const v0 = await publicDataVersion(t.ctx);
    await ok(forceOfficer, 'POST', '/api/strength', {
      asOf: '2020-10-31',
      category: 'military',
      authorised: 13289,
      deployed: 12600,
      classification: 'public',
    });
    expect(await publicDataVersion(t.ctx)).not.toBe(v0);
    const unbound = await figure(key);
    expect(unbound.value).toBe(12362);
    expect(unbound.warnings.map((w) => w.code)).toEqual(['records_differ']);
    expect(unbound.warnings[0]?.message.replace(/\u00a0/g, ' ')).toContain('Les enregistrements de Mandat donnent 12 600');
    expect((await figure(key, null, 'en')).warnings[0]?.message).toContain('The records in Mandat give 12,600');
    // Only the figure's correctors bind it; a derived figure is never bound.
    expect(
      (
        await send(outsider, 'PUT', `/api/figures/${key}/binding`, {
          rule: { kind: 'strength.deployed', params: { category: 'military' } },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(forceOfficer, 'PUT', '/api/figures/force.strength.deployed.share_of_authorised/binding', {
          rule: { kind: 'strength.deployed_share', params: { category: 'military' } },
        })
      ).statusCode,
    ).toBe(400);
    const mismatch = await send(
      forceOfficer,
      'PUT',
      `/api/figures/${key}/binding`,
      { rule: { kind: 'strength.deployed_share', params: { category: 'military' } } },
      'en',
    );
    expect(JSON.stringify(mismatch.json())).toContain('not in the same unit');
    // Bound to an indicator computed from strength.
    const o = await objective(forceOfficer, 'FORCE', 'Effectifs de la Force', 'public');
    const ind = await indicator(forceOfficer, o.id, {
      classification: 'public',
      rule: { kind: 'strength.deployed', params: { category: 'military' } },
    });
    const v1 = await publicDataVersion(t.ctx);
    const bound = await ok<{ figure: string; indicatorId: string }>(forceOfficer, 'PUT', `/api/figures/${key}/binding`, {
      indicatorId: ind.id,
    });
    expect(bound).toMatchObject({ figure: key, indicatorId: ind.id });
    expect(await publicDataVersion(t.ctx)).not.toBe(v1);
    const shown = await figure(key);
    expect(shown).toMatchObject({ value: 12600, period: '2020-10-31', warnings: [] });
    expect(shown.binding).toMatchObject({ sourcedValue: 12362, indicatorId: ind.id, asOf: '2020-10-31' });
    // The share computed from it follows, against the fact book's stated share.
    expect((await figure('force.strength.deployed.share_of_authorised')).value).toBe(94.82);
    // The fiche and its PDF model, built with a visitor's rights.
    const sheet = await buildFactsheet(t.ctx, 'fr', 'FORCE');
    const section = sheet.sections[0];
    expect(JSON.stringify(sheet.strength)).toContain('12600');
    expect(section?.figures.find((f) => f.key === key)?.value).toBe(12600);
    const pdfs = new FactsheetPdfs(t.ctx, { render: async (s) => Buffer.from(JSON.stringify(s.strength)) });
    expect((await pdfs.pdf('fr', 'FORCE')).toString()).toContain('12600');
    // The PDF says, under the bound figure and no other, that it is computed from Mandat's records.
    const said = (text: string) => (JSON.stringify(factsheetDocument(sheet)).match(new RegExp(text, 'g')) ?? []).length;
    expect(said('Calculé à partir des enregistrements de Mandat')).toBe(1);
    expect(JSON.stringify(factsheetDocument(await buildFactsheet(t.ctx, 'en', 'FORCE')))).toContain('Computed from Mandat’s records');
    // Editing a bound figure by hand is refused, clearly, in both languages; its labels stay editable.
    const current = await figure(key, forceOfficer);
    const edit = await send(forceOfficer, 'PATCH', `/api/figures/${key}`, { version: current.version, value: 12400 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toContain('calculé à partir des enregistrements de Mandat');
    const editEn = await send(forceOfficer, 'PATCH', `/api/figures/${key}`, { version: current.version, value: 12400 }, 'en');
    expect(editEn.json().detail).toContain('computed from the records in Mandat');
    // A newer snapshot moves the figure, the version and a PDF built afterwards.
    const v2 = await publicDataVersion(t.ctx);
    await ok(forceOfficer, 'POST', '/api/strength', {
      asOf: '2020-11-30',
      category: 'military',
      authorised: 13289,
      deployed: 12700,
      classification: 'public',
    });
    expect(await publicDataVersion(t.ctx)).not.toBe(v2);
    expect((await figure(key)).value).toBe(12700);
    expect((await pdfs.pdf('fr', 'FORCE')).toString()).toContain('12700');
    // An internal snapshot counts for accounts, not on the public fiche.
    await ok(forceOfficer, 'POST', '/api/strength', {
      asOf: '2020-12-31',
      category: 'military',
      authorised: 13289,
      deployed: 12800,
      classification: 'internal',
    });
    expect((await figure(key)).value).toBe(12700);
    expect((await figure(key, outsider)).value).toBe(12800);
    // Unbound, the figure is its sourced value again, with the disagreement said.
    await ok(forceOfficer, 'DELETE', `/api/figures/${key}/binding`);
    expect(await figure(key)).toMatchObject({ value: 12362, binding: null });
    expect((await figure(key)).warnings.map((w) => w.code)).toEqual(['records_differ']);
  });

  test('a figure bound directly to a rule over projects; the public data moves with a project write only while bound', async () => {
    const key = 'cad.projects.qip.sponsored';
    const v0 = await publicDataVersion(t.ctx);
    await ok(cadOfficer, 'POST', '/api/projects', projectInput({ classification: 'public' }));
    expect(await publicDataVersion(t.ctx)).toBe(v0);
    const cadManager = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'CAD', role: 'manager' }] })).email);
    await ok(cadManager, 'PUT', `/api/figures/${key}/binding`, { rule: { kind: 'projects.fund_status', params: { fund: 'qip' } } });
    const bound = await figure(key);
    expect(bound.value).toBe(1);
    expect(bound.binding?.sourcedValue).toBe(46);
    expect(bound.binding?.rule).toContain('Nombre de projets du fonds qip');
    const v1 = await publicDataVersion(t.ctx);
    await ok(cadOfficer, 'POST', '/api/projects', projectInput({ classification: 'public' }));
    expect(await publicDataVersion(t.ctx)).not.toBe(v1);
    expect((await figure(key)).value).toBe(2);
    const { bindings } = await ok<{ bindings: { figure: string }[] }>(null, 'GET', '/api/results/bindings');
    expect(bindings.map((b) => b.figure)).toContain(key);
    await ok(cadManager, 'DELETE', `/api/figures/${key}/binding`);
  });
});
