import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

describe.each(DIALECTS)('incident log (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let secondOfficer: Session;
  let manager: Session;
  let police: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('FORCE', 'officer');
    secondOfficer = await as('FORCE', 'officer');
    manager = await as('FORCE', 'manager');
    police = await as('UNPOL', 'officer');
    viewer = await as('FORCE', 'viewer');
  });
  afterAll(async () => t?.close());

  const create = async (session: Session, overrides = {}, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { ...session.headers, 'accept-language': lang },
      payload: incidentInput(overrides),
    });
  const move = (session: Session, incident: Pick<Incident, 'ref' | 'version'>, action: string, comment = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.ref}/transitions`,
      headers: session.headers,
      payload: { action, version: incident.version, comment },
    });

  test('an officer records an incident: a draft with a stable reference, its place resolved from the gazetteer', async () => {
    const response = await create(officer);
    expect(response.statusCode).toBe(201);
    const incident: Incident = response.json();
    expect(incident.ref).toMatch(/^MLI-\d{4}-\d{6}$/);
    expect(incident.status).toBe('draft');
    expect(incident.location).toMatchObject({
      region: 'ML-9',
      regionName: 'Ménaka',
      cercleName: 'Ménaka',
      place: 'Ménaka',
      precision: 'near',
    });
    expect(incident.killed).toEqual({ low: 3, best: 4, high: 6 });
    expect(incident.injured).toEqual({ low: 1, best: 2, high: 2 });
    expect(incident.actors.map((a) => a.name)).toEqual(['État islamique au Grand Sahara (EIGS)', 'Civils']);
    expect(incident.steps).toEqual([expect.objectContaining({ from: null, to: 'draft' })]);
    expect(incident.may).toEqual({ edit: true, attach: true, submit: true, verify: false, reject: false, close: false, reopen: false });
  });

  test('references are consecutive and never reused', async () => {
    const a: Incident = (await create(officer)).json();
    const b: Incident = (await create(officer)).json();
    const number = (ref: string) => Number(ref.slice(-6));
    expect(number(b.ref)).toBe(number(a.ref) + 1);
  });

  test('draft → submitted → verified → closed, each step with who, when and comment; verification needs a second person', async () => {
    let incident: Incident = (await create(officer)).json();
    // A draft is the unit's working copy: another unit does not see it.
    expect((await t.app.inject({ url: `/api/incidents/${incident.ref}`, headers: police.headers })).statusCode).toBe(404);

    expect((await move(viewer, incident, 'submit')).statusCode).toBe(403);
    incident = (await move(officer, incident, 'submit')).json();
    expect(incident.status).toBe('submitted');
    expect((await t.app.inject({ url: `/api/incidents/${incident.ref}`, headers: police.headers })).statusCode).toBe(200);

    expect((await move(officer, incident, 'verify')).statusCode).toBe(403);
    const self = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: manager.headers, payload: incidentInput() });
    let own: Incident = self.json();
    own = (await move(manager, own, 'submit')).json();
    const fourEyes = await move(manager, own, 'verify');
    expect(fourEyes.statusCode).toBe(403);
    expect(fourEyes.json().code).toBe('four_eyes');

    incident = (await move(manager, incident, 'verify', 'Confirmé par la patrouille')).json();
    expect(incident.status).toBe('verified');
    expect(incident.may).toMatchObject({ submit: false, verify: false, reject: false, close: true, reopen: false });
    incident = (await move(manager, incident, 'close')).json();
    expect(incident.steps.map((s) => s.to)).toEqual(['draft', 'submitted', 'verified', 'closed']);
    expect(incident.steps[2]).toMatchObject({ from: 'submitted', comment: 'Confirmé par la patrouille' });
    expect(incident.steps[2]?.by?.name).toBeTruthy();

    const again = await move(manager, incident, 'verify');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('transition_not_allowed');
  });

  test('a rejection needs a comment and can be reopened', async () => {
    let incident: Incident = (await create(officer)).json();
    incident = (await move(officer, incident, 'submit')).json();
    const bare = await move(manager, incident, 'reject');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toEqual([{ path: 'comment', message: 'Un commentaire est obligatoire pour cette étape.' }]);
    incident = (await move(manager, incident, 'reject', 'Doublon de MLI-2020-000001')).json();
    expect(incident.status).toBe('rejected');
    incident = (await move(manager, incident, 'reopen', 'Pas un doublon')).json();
    expect(incident.status).toBe('draft');
  });

  test('two people editing the same version: the second gets a 409 and nothing of theirs is written', async () => {
    const incident: Incident = (await create(officer)).json();
    const edit = (session: Session, title: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/incidents/${incident.ref}`,
        headers: session.headers,
        payload: { version: incident.version, incident: incidentInput({ title }) },
      });
    const first = await edit(officer, 'Première correction');
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(incident.version + 1);
    const second = await edit(secondOfficer, 'Seconde correction');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
    const now: Incident = (await t.app.inject({ url: `/api/incidents/${incident.ref}`, headers: officer.headers })).json();
    expect(now.title).toBe('Première correction');
    const history = (await t.app.inject({ url: `/api/incidents/${incident.ref}/history`, headers: officer.headers })).json();
    expect(history.entries[0].changes.title).toEqual({ from: incident.title, to: 'Première correction' });
  });

  test.each([
    [
      'low ≤ best ≤ high',
      { casualties: { civilians: { killed: { low: 5, best: 3, high: 6 } } } },
      'casualties.civilians.killed.best',
      'basse ≤ meilleure ≤ haute',
    ],
    [
      'women within civilians',
      { casualties: { civilians: { killed: { low: 1, best: 1, high: 1 } }, women: { killed: { low: 2, best: 2, high: 2 } } } },
      'casualties.women.killed',
      'civils',
    ],
    ['coordinates in Mali', { location: { latitude: 14.69, longitude: -17.44, precision: 'exact' } }, 'location.latitude', 'hors du Mali'],
    ['both coordinates', { location: { latitude: 15.9, precision: 'exact' } }, 'location.longitude', 'latitude et la longitude'],
    ['a known place', { location: { place: 'Atlantis', precision: 'near' } }, 'location.place', 'répertoire'],
    ['an event type of the vocabulary', { eventType: 'tea_party' }, 'eventType', 'vocabulaire'],
    ['a sub-type of that event type', { subEventType: 'armed_clash' }, 'subEventType', 'vocabulaire'],
    ['a mission category', { category: 'gossip' }, 'category', 'vocabulaire'],
    ['a registered actor', { actors: [{ actor: 'nobody', role: 'actor1' }] }, 'actors.0.actor', 'répertoire des acteurs'],
    [
      'one actor 1',
      {
        actors: [
          { actor: 'cma', role: 'actor1' },
          { actor: 'fama', role: 'actor1' },
        ],
      },
      'actors.1.role',
      'acteur 1',
    ],
    ['sharing only when restricted', { sharedWith: ['UNPOL'] }, 'sharedWith', 'restreinte'],
    ['a date', { occurredOn: '2020-02-30' }, 'occurredOn', ''],
    ['no unknown field', { colour: 'red' }, '', 'colour'],
  ])('refuses an incident without %s, in French, writing nothing', async (_name, overrides, path, words) => {
    const before = await countRows(t.ctx, 'incidents');
    const auditBefore = await countRows(t.ctx, 'audit_log');
    const response = await create(officer, overrides);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const error = response.json().errors.find((e: { path: string }) => e.path === path);
    expect(error, JSON.stringify(response.json().errors)).toBeDefined();
    expect(error.message).toContain(words);
    expect(await countRows(t.ctx, 'incidents')).toBe(before);
    expect(await countRows(t.ctx, 'audit_log')).toBe(auditBefore);
  });

  test('validation messages come in English too', async () => {
    const response = await create(officer, { location: { latitude: 48.85, longitude: 2.35, precision: 'exact' } }, 'en');
    expect(response.json().errors[0].message).toContain('outside Mali');
  });

  test('coordinates decide the region and cercle; a stated region that disagrees is refused', async () => {
    const ok: Incident = (await create(officer, { location: { latitude: 16.7666, longitude: -3.0026, precision: 'exact' } })).json();
    expect(ok.location).toMatchObject({ region: 'ML-6', regionName: 'Tombouctou', precision: 'exact' });
    const wrong = await create(officer, { location: { latitude: 16.7666, longitude: -3.0026, region: 'ML-9', precision: 'exact' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('location.region');
  });

  test('only officers and managers of the owning unit record its incidents', async () => {
    expect((await create(viewer)).statusCode).toBe(403);
    expect((await create(police)).statusCode).toBe(403);
    expect((await create(police, { unit: 'UNPOL' })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/incidents', payload: incidentInput() })).statusCode).toBe(401);
  });

  test('list: filters, sorting and keyset pagination that visits every row once', async () => {
    const tag = `lot${dialect}`;
    for (let day = 1; day <= 7; day += 1) {
      const created: Incident = (
        await create(officer, {
          occurredOn: `2021-03-0${day}`,
          tags: [tag],
          casualties: { civilians: { killed: { low: day, best: day, high: day } } },
        })
      ).json();
      await move(officer, created, 'submit');
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const query: string = `/api/incidents?q=${tag}&limit=3${next ? `&after=${next}` : ''}`;
      const page = (await t.app.inject({ url: query, headers: officer.headers })).json();
      seen.push(...page.items.map((i: { occurredOn: string }) => i.occurredOn));
      next = page.next;
    } while (next);
    expect(seen).toEqual(['2021-03-07', '2021-03-06', '2021-03-05', '2021-03-04', '2021-03-03', '2021-03-02', '2021-03-01']);

    const heavy = (await t.app.inject({ url: `/api/incidents?q=${tag}&minKilled=5&sort=killed_desc`, headers: officer.headers })).json();
    expect(heavy.items.map((i: { killedBest: number }) => i.killedBest)).toEqual([7, 6, 5]);
    const period = (await t.app.inject({ url: `/api/incidents?q=${tag}&from=2021-03-02&to=2021-03-03`, headers: officer.headers })).json();
    expect(period.items).toHaveLength(2);
    const region = (await t.app.inject({ url: `/api/incidents?q=${tag}&region=ML-6`, headers: officer.headers })).json();
    expect(region.items).toHaveLength(0);
    const actor = (await t.app.inject({ url: `/api/incidents?q=${tag}&actor=isgs&status=submitted`, headers: officer.headers })).json();
    expect(actor.items).toHaveLength(7);
    const accents = (await t.app.inject({ url: `/api/incidents?q=MENAKA ${tag}&limit=1`, headers: officer.headers })).json();
    expect(accents.items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/incidents?after=garbage', headers: officer.headers })).statusCode).toBe(400);
  });

  test('free text goes through the full-text index: every word, as a prefix, accents ignored, kept in step with edits', async () => {
    const incident: Incident = (await create(officer, { title: 'Embuscade sur l’axe Anéfis–Kidal', tags: [`ftx${dialect}`] })).json();
    const refs = async (q: string) =>
      (await t.app.inject({ url: `/api/incidents?q=${encodeURIComponent(q)}`, headers: officer.headers }))
        .json()
        .items.map((i: { ref: string }) => i.ref);
    expect(await refs(`ANEFIS ftx${dialect}`)).toEqual([incident.ref]);
    expect(await refs(`anéf ftx${dialect}`)).toEqual([incident.ref]);
    expect(await refs(`anefis ftx${dialect} tessalit`)).toEqual([]);
    await t.app.inject({
      method: 'PUT',
      url: `/api/incidents/${incident.ref}`,
      headers: officer.headers,
      payload: { version: incident.version, incident: incidentInput({ title: 'Embuscade à Tessalit', tags: [`ftx${dialect}`] }) },
    });
    expect(await refs(`anefis ftx${dialect}`)).toEqual([]);
    expect(await refs(`tessalit ftx${dialect}`)).toEqual([incident.ref]);
    expect(await refs('"*)(:&|!')).toEqual([]);
  });

  test('statistics keep candidates and verified apart, over time, by region × type and by cercle', async () => {
    const filter = 'from=2019-01-01&to=2019-12-31';
    let a: Incident = (await create(officer, { occurredOn: '2019-05-02' })).json();
    let b: Incident = (await create(officer, { occurredOn: '2019-05-20', location: { place: 'Gao', precision: 'near' } })).json();
    await create(officer, { occurredOn: '2019-07-01' });
    a = (await move(officer, a, 'submit')).json();
    b = (await move(officer, b, 'submit')).json();
    await move(manager, b, 'verify');
    const stats = (await t.app.inject({ url: `/api/incidents/stats?${filter}`, headers: officer.headers })).json();
    expect(stats.byStatus).toMatchObject({ draft: 1, submitted: 1, verified: 1 });
    expect(stats.killed).toEqual({ candidate: 4, verified: 4, other: 4 });
    expect(stats.timeline).toEqual([
      { period: '2019-05', candidate: 1, verified: 1, other: 0 },
      { period: '2019-06', candidate: 0, verified: 0, other: 0 },
      { period: '2019-07', candidate: 0, verified: 0, other: 1 },
    ]);
    expect(stats.byRegionType).toEqual(
      expect.arrayContaining([
        { region: 'ML-9', eventType: 'violence_against_civilians', candidate: 1, verified: 0, other: 1 },
        { region: 'ML-7', eventType: 'violence_against_civilians', candidate: 0, verified: 1, other: 0 },
      ]),
    );
    const weekly = (
      await t.app.inject({ url: `/api/incidents/stats?${filter}&interval=week&status=submitted,verified`, headers: officer.headers })
    ).json();
    expect(weekly.timeline[0]).toEqual({ period: '2019-04-29', candidate: 1, verified: 0, other: 0 });
    expect(weekly.timeline.at(-1)).toEqual({ period: '2019-05-20', candidate: 0, verified: 1, other: 0 });
    const map = (await t.app.inject({ url: `/api/incidents/map?${filter}&zoom=8`, headers: officer.headers })).json();
    expect(map.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3);
    expect(map.clusters.find((c: { count: number }) => c.count === 1)?.ref).toMatch(/^MLI-/);
    expect(map.byCercle.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3);
  });

  test('the vocabulary comes in the reader’s language', async () => {
    const fr = (await t.app.inject({ url: '/api/incidents/vocabulary' })).json();
    expect(fr.eventTypes.find((e: { code: string }) => e.code === 'battles').label).toBe('Combats');
    expect(fr.categories.map((c: { label: string }) => c.label)).toContain('Violation du cessez-le-feu');
    expect(fr.regions).toHaveLength(10);
    expect(fr.cercles).toHaveLength(50);
    const en = (await t.app.inject({ url: '/api/incidents/vocabulary', headers: { 'accept-language': 'en' } })).json();
    expect(en.eventTypes.find((e: { code: string }) => e.code === 'battles').label).toBe('Battles');
  });
});
