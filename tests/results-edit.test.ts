import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Project } from '../src/contracts/projects.js';
import type { IndicatorDetail, Objective } from '../src/contracts/results.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

/**
 * Changing an indicator: titles, unit of measure, baseline, target, period and the project it
 * measures, against the version read (409 otherwise), with the record's history and the audit
 * log; bad input is refused as problem+json in the reader's language and changes nothing.
 */
describe.each(DIALECTS)('changing an indicator (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let viewer: Session;
  let outsider: Session;
  let objective: Objective;
  let project: Project;
  let restrictedElsewhere: Project;

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(session: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const indicator = (body: Record<string, unknown> = {}) =>
    ok<IndicatorDetail>(officer, 'POST', `/api/results/objectives/${objective.id}/indicators`, {
      titleFr: 'Jeunes formés',
      titleEn: 'Young people trained',
      measure: 'count',
      baseline: 0,
      target: 100,
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      ...body,
    });
  const stored = async (id: string) =>
    t.ctx.database.db.selectFrom('result_indicators').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('CAD', 'officer');
    manager = await as('CAD', 'manager');
    viewer = await as('CAD', 'viewer');
    outsider = await as('UNPOL', 'manager');
    objective = await ok<Objective>(officer, 'POST', '/api/results/objectives', {
      unit: 'CAD',
      titleFr: 'Réduire la violence communautaire',
      titleEn: 'Reduce community violence',
    });
    project = await ok<Project>(officer, 'POST', '/api/projects', projectInput({ fund: 'cvr', titleFr: 'Projet CVR de Gao' }));
    restrictedElsewhere = await ok<Project>(
      outsider,
      'POST',
      '/api/projects',
      projectInput({ unit: 'UNPOL', classification: 'restricted', titleFr: 'Projet de la police' }),
    );
  });
  afterAll(async () => t?.close());

  test('titles, unit of measure, baseline, target, period and project change together, with history and audit', async () => {
    const created = await indicator();
    expect(created).toMatchObject({ version: 1, project: null });
    const changed = await ok<IndicatorDetail>(manager, 'PATCH', `/api/results/indicators/${created.id}`, {
      version: 1,
      titleFr: 'Jeunes formés aux métiers',
      titleEn: 'Young people trained in trades',
      measure: 'number',
      baseline: 10,
      baselinePeriod: '2019',
      target: 250,
      periodStart: '2020-03-01',
      periodEnd: '2021-02-28',
      projectId: project.id,
    });
    expect(changed).toMatchObject({
      version: 2,
      title: 'Jeunes formés aux métiers',
      titleEn: 'Young people trained in trades',
      measure: 'number',
      baseline: 10,
      baselinePeriod: '2019',
      target: 250,
      periodStart: '2020-03-01',
      periodEnd: '2021-02-28',
      project: { id: project.id, title: 'Projet CVR de Gao' },
    });
    // Only what is given changes; the project link is removed with null.
    const unlinked = await ok<IndicatorDetail>(officer, 'PATCH', `/api/results/indicators/${created.id}`, { version: 2, projectId: null });
    expect(unlinked).toMatchObject({ version: 3, project: null, target: 250, title: 'Jeunes formés aux métiers' });
    const history = await t.ctx.database.db
      .selectFrom('record_history')
      .selectAll()
      .where('record_type', '=', 'result_indicator')
      .where('record_id', '=', created.id)
      .orderBy('version')
      .execute();
    expect(history.map((h) => h.version)).toEqual([2, 3]);
    expect(JSON.parse(history[0]?.changes ?? '{}')).toMatchObject({
      title_fr: { from: 'Jeunes formés', to: 'Jeunes formés aux métiers' },
      target: { from: 100, to: 250 },
      project_id: { from: null, to: project.id },
    });
    expect(JSON.parse(history[1]?.changes ?? '{}')).toEqual({ project_id: { from: project.id, to: null } });
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'result_indicator.update')
      .where('record_id', '=', created.id)
      .execute();
    expect(audit).toHaveLength(2);
  });

  test('a stale version is a 409 conflict in the reader’s language, and the other person’s change stays', async () => {
    const created = await indicator();
    await ok(manager, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, target: 150 });
    const stale = await send(officer, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, target: 175 }, 'en');
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'version_conflict', detail: expect.stringContaining('Someone else changed') });
    expect(await stored(created.id)).toMatchObject({ version: 2, target: 150 });
  });

  test('bad input is refused per field, as problem+json, and nothing is half-written', async () => {
    const created = await indicator({ projectId: project.id });
    const computed = await indicator({ rule: { kind: 'projects.fund_status', params: { fund: 'cvr', amount: 'count' } } });
    const before = { indicators: await countRows(t.ctx, 'result_indicators'), history: await countRows(t.ctx, 'record_history') };
    const refused = async (id: string, payload: Record<string, unknown>, field: string, words: string, session = officer) => {
      const response = await send(session, 'PATCH', `/api/results/indicators/${id}`, payload, 'en');
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json()), field).toContain(field);
      expect(JSON.stringify(response.json())).toContain(words);
    };
    // The end before the start, also against the stored start.
    await refused(created.id, { version: 1, periodStart: '2021-01-01', titleFr: 'Changé' }, 'periodEnd', 'cannot come before');
    // A computed indicator is in the unit of its rule.
    await refused(computed.id, { version: 1, measure: 'percent', titleFr: 'Changé' }, 'measure', 'unit of its rule');
    // A project the editor may not read, and one that does not exist.
    await refused(created.id, { version: 1, projectId: restrictedElsewhere.id, titleFr: 'Changé' }, 'projectId', 'Unknown or inaccessible');
    await refused(created.id, { version: 1, projectId: crypto.randomUUID() }, 'projectId', 'Unknown or inaccessible');
    // Schema: an empty title, a negative target, an unknown field.
    const bad = await send(officer, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, titleFr: ' ', target: -1 }, 'fr');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await send(officer, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, rule: null })).statusCode).toBe(400);
    expect(await stored(created.id)).toMatchObject({ version: 1, title_fr: 'Jeunes formés', project_id: project.id });
    expect(await stored(computed.id)).toMatchObject({ version: 1, measure: 'count' });
    expect({ indicators: await countRows(t.ctx, 'result_indicators'), history: await countRows(t.ctx, 'record_history') }).toEqual(before);
    // A computed indicator's other fields change.
    expect(await ok<IndicatorDetail>(officer, 'PATCH', `/api/results/indicators/${computed.id}`, { version: 1, target: 3 })).toMatchObject({
      version: 2,
      target: 3,
      mode: 'computed',
    });
  });

  test('only those who may define the unit’s results change its indicators', async () => {
    const created = await indicator();
    expect((await send(viewer, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, target: 1 })).statusCode).toBe(403);
    expect((await send(outsider, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, target: 1 })).statusCode).toBe(403);
    expect((await send(null, 'PATCH', `/api/results/indicators/${created.id}`, { version: 1, target: 1 })).statusCode).toBe(401);
    expect((await send(officer, 'PATCH', `/api/results/indicators/${crypto.randomUUID()}`, { version: 1, target: 1 })).statusCode).toBe(
      404,
    );
    expect(await stored(created.id)).toMatchObject({ version: 1, target: 100 });
  });
});
