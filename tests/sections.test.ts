import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Classification } from '../src/contracts/common.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { searchKey } from '../src/platform/text.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';

const SYSTEM = { id: null, label: 'test' };

describe.each(DIALECTS)('sections of the mission (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, SYSTEM, { book: buildFactbook() });
    officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    viewer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  test('a section is readable without an account, with texts, partners, contacts, places and cited resolutions', async () => {
    const response = await get('/api/sections/FORCE');
    expect(response.statusCode).toBe(200);
    const section = response.json();
    expect(section.title).toBe('FORCE');
    expect(section.places).toEqual(['Gao', 'Ménaka']);
    expect(section.locations).toEqual([
      { name: 'Gao', region: 'Gao', cercle: 'Gao', lat: expect.any(Number), lon: expect.any(Number) },
      { name: 'Ménaka', region: 'Ménaka', cercle: 'Ménaka', lat: expect.any(Number), lon: expect.any(Number) },
    ]);
    expect(section.texts.map((x: { kind: string }) => x.kind)).toEqual(['mandate', 'task', 'figures']);
    expect(section.texts[0]).toMatchObject({
      body: 'En application de la résolution 2531 (2020), la Force protège les civils à Ménaka.',
      resolutions: [2531],
    });
    expect(section.texts[2].resolutions).toEqual([2480]);
    expect(section.partners).toEqual([expect.objectContaining({ abbreviation: 'CMA', units: ['FORCE'] })]);
    expect((await get('/api/sections/HRPD')).json().contacts).toEqual([expect.objectContaining({ value: '80333', kind: 'hotline' })]);
    expect((await get('/api/sections')).json().sections.map((s: { unit: string }) => s.unit)).toEqual(['FORCE', 'HRPD']);
  });

  test('an unknown section is a 404', async () => {
    expect((await get('/api/sections/UNMAS')).statusCode).toBe(404);
  });

  test.each([
    ['menaka', 'Ménaka'],
    ['MÉNAKA', 'Ménaka'],
    ['reintegration', 'réintégration'],
    ['securite', 'sécurité'],
    ['cessez-le-feu', 'cessez-le-feu'],
    ['azawad', 'Azawad'],
    ['80333', '80333'],
  ])('search ignores accents and case: %s finds %s', async (q, expected) => {
    const response = await get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(200);
    const text = JSON.stringify(response.json().hits);
    expect(text).toContain(expected);
  });

  test('search treats LIKE wildcards and quotes as plain characters', async () => {
    for (const q of ['%%', "'; DROP TABLE users; --", '__', 'a\\']) {
      const response = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBeLessThan(500);
    }
    expect((await get('/api/search?q=%25%25')).json().hits).toEqual([]);
    expect(await countRows(t.ctx, 'users')).toBeGreaterThan(0);
  });

  /** A text or contact that only signed-in readers see: changed directly, without a proposal. */
  const internalText = async (unit: string, body: string) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await t.ctx.database.db
      .insertInto('section_texts')
      .values({
        id,
        unit_code: unit,
        kind: 'task',
        heading: null,
        bullet: 0,
        body,
        search_key: searchKey(body),
        sort_order: 50,
        classification: 'internal',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    return { id, body, version: 1 };
  };

  test('an officer of the section edits an internal text; a stale version is a 409; the history shows who changed what', async () => {
    const publicTask = (await get('/api/sections/FORCE')).json().texts[1];
    const direct = await t.app.inject({
      method: 'PATCH',
      url: `/api/sections/FORCE/texts/${publicTask.id}`,
      headers: officer.headers,
      payload: { version: publicTask.version, body: 'Directement' },
    });
    expect(direct.statusCode).toBe(403);
    expect(direct.json().code).toBe('proposal_required');
    const task = await internalText('FORCE', 'Soutenir le cantonnement à Gao.');
    const edit = (session: Session, body: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/sections/FORCE/texts/${task.id}`, headers: session.headers, payload: body });

    expect((await edit(viewer, { version: task.version, body: 'x' })).statusCode).toBe(403);
    const response = await edit(officer, { version: task.version, body: 'Soutenir le cantonnement, le DDR et la réintégration à Kidal.' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: task.version + 1,
      body: 'Soutenir le cantonnement, le DDR et la réintégration à Kidal.',
    });
    const stale = await edit(officer, { version: task.version, body: 'Écrasement' });
    expect(stale.statusCode).toBe(409);

    const history = await get(`/api/sections/FORCE/texts/${task.id}/history`, officer.headers);
    expect(history.json().entries).toEqual([
      expect.objectContaining({
        version: task.version + 1,
        changes: { body: { from: task.body, to: 'Soutenir le cantonnement, le DDR et la réintégration à Kidal.' } },
        words: {
          body: [
            { op: 'same', text: 'Soutenir le cantonnement' },
            { op: 'added', text: ', le DDR et la réintégration' },
            { op: 'same', text: ' à ' },
            { op: 'removed', text: 'Gao' },
            { op: 'added', text: 'Kidal' },
            { op: 'same', text: '.' },
          ],
        },
      }),
    ]);
    expect(JSON.stringify((await get('/api/search?q=kidal', officer.headers)).json().hits)).toContain('Kidal');
    expect((await get('/api/search?q=kidal')).json().hits).toEqual([]);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id'])
      .where('action', '=', 'section_text.update')
      .execute();
    expect(audit).toEqual([{ action: 'section_text.update', record_id: task.id }]);
  });

  test('editing a text through another unit’s path is a 404, and bad input writes nothing', async () => {
    const task = (await get('/api/sections/FORCE')).json().texts[0];
    const wrongUnit = await t.app.inject({
      method: 'PATCH',
      url: `/api/sections/HRPD/texts/${task.id}`,
      headers: officer.headers,
      payload: { version: task.version, body: 'x' },
    });
    expect(wrongUnit.statusCode).toBe(404);
    for (const payload of [{ version: task.version, body: '' }, { version: task.version, unit: 'HRPD' }, { body: 'sans version' }]) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/sections/FORCE/texts/${task.id}`,
        headers: officer.headers,
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
    expect((await get('/api/sections/FORCE')).json().texts[0]).toEqual(task);
  });

  test('an officer of the owning unit corrects an internal contact, with history; others may not', async () => {
    const hrpd = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'officer' }] })).email);
    const published = (await get('/api/sections/HRPD')).json().contacts[0];
    const direct = await t.app.inject({
      method: 'PATCH',
      url: `/api/sections/HRPD/contacts/${published.id}`,
      headers: hrpd.headers,
      payload: { version: published.version, value: '80 333' },
    });
    expect(direct.json().code).toBe('proposal_required');
    const id = randomUUID();
    await t.ctx.database.db
      .insertInto('contacts')
      .values({
        id,
        unit_code: 'HRPD',
        kind: 'hotline',
        label: 'Ligne interne',
        value: '80333',
        place: 'Bamako',
        classification: 'internal',
        search_key: searchKey('Ligne interne 80333 Bamako'),
        sort_order: 50,
      })
      .execute();
    const contact = { id, version: 1 };
    const url = `/api/sections/HRPD/contacts/${contact.id}`;
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: officer.headers, payload: { version: contact.version, value: '80 333' } }))
        .statusCode,
    ).toBe(403);
    const response = await t.app.inject({
      method: 'PATCH',
      url,
      headers: hrpd.headers,
      payload: { version: contact.version, value: '80 333', place: 'Ménaka' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ value: '80 333', place: 'Ménaka', version: contact.version + 1 });
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: hrpd.headers, payload: { version: contact.version, value: 'x' } })).statusCode,
    ).toBe(409);
    const history = (await get(`${url}/history`, hrpd.headers)).json().entries;
    expect(history[0].changes).toEqual({ value: { from: '80333', to: '80 333' }, place: { from: 'Bamako', to: 'Ménaka' } });
    expect(JSON.stringify((await get('/api/search?q=menaka', hrpd.headers)).json().hits)).toContain('80 333');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/sections/FORCE/contacts/${contact.id}`,
          headers: hrpd.headers,
          payload: { version: 2, value: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });

  test('reseeding without --replace keeps the edits', async () => {
    expect(await seedFactbook(t.ctx, SYSTEM, { book: buildFactbook() })).toBe(false);
  });
});

/**
 * Canary crawl: texts of every class with a unique marker; every read surface, as every kind of
 * caller; a marker may only be seen where the policy lets that caller read that class.
 */
describe.each(DIALECTS)('confidentiality of section content on every read surface (%s)', (dialect) => {
  let t: TestApp;
  const sessions: Record<string, Session | null> = {};
  const ids: Record<Classification, string> = { public: '', internal: '', restricted: '', confidential: '' };
  const EXPECTED: Record<string, Classification[]> = {
    anonymous: ['public'],
    'signed in, no unit': ['public', 'internal'],
    admin: ['public', 'internal'],
    auditor: ['public', 'internal'],
    'viewer of HRPD': ['public', 'internal', 'restricted'],
    'officer of HRPD': ['public', 'internal', 'restricted'],
    'manager of HRPD': ['public', 'internal', 'restricted', 'confidential'],
    'manager of FORCE': ['public', 'internal'],
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, SYSTEM, { book: buildFactbook() });
    const now = new Date().toISOString();
    for (const classification of Object.keys(ids) as Classification[]) {
      const id = randomUUID();
      ids[classification] = id;
      const body = `Note de travail canari-${classification} sur Tombouctou`;
      await t.ctx.database.db
        .insertInto('section_texts')
        .values({
          id,
          unit_code: 'HRPD',
          kind: 'context',
          heading: null,
          bullet: 0,
          body,
          search_key: searchKey(body),
          sort_order: 100,
          classification,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await t.ctx.database.db
        .insertInto('contacts')
        .values({
          id: randomUUID(),
          unit_code: 'HRPD',
          kind: 'phone',
          label: `Contact canari-${classification}`,
          value: '00 00',
          place: null,
          classification,
          search_key: searchKey(`contact canari-${classification}`),
          sort_order: 100,
        })
        .execute();
      await t.ctx.database.db
        .insertInto('figures')
        .values({
          key: `canari-${classification}`,
          unit_code: 'HRPD',
          label_fr: `canari-${classification}`,
          label_en: `canari-${classification}`,
          value: 1,
          measure: 'count',
          period: null,
          scope: '{}',
          page: null,
          quote: null,
          classification,
          sort_order: 100,
        })
        .execute();
    }
    const make = async (name: string, overrides: Parameters<typeof buildUser>[1]) => {
      sessions[name] = await signIn(t.app, (await buildUser(t.ctx, overrides)).email);
    };
    sessions.anonymous = null;
    await make('signed in, no unit', {});
    await make('admin', { admin: true });
    await make('auditor', { auditor: true });
    await make('viewer of HRPD', { memberships: [{ unit: 'HRPD', role: 'viewer' }] });
    await make('officer of HRPD', { memberships: [{ unit: 'HRPD', role: 'officer' }] });
    await make('manager of HRPD', { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    await make('manager of FORCE', { memberships: [{ unit: 'FORCE', role: 'manager' }] });
  });
  afterAll(async () => t?.close());

  test.each(Object.keys(EXPECTED))('%s sees exactly the classes it may read', async (who) => {
    const headers = sessions[who]?.headers ?? {};
    const surfaces = [
      '/api/sections/HRPD',
      '/api/search?q=canari',
      '/api/search?q=tombouctou',
      '/api/figures',
      '/api/figures?unit=HRPD',
      ...Object.values(ids).map((id) => `/api/sections/HRPD/texts/${id}/history`),
      ...Object.keys(ids).map((classification) => `/api/figures/canari-${classification}/history`),
    ];
    const seen = new Set<string>();
    for (const url of surfaces) {
      const response = await t.app.inject({ url, headers });
      expect(response.statusCode, url).toBeLessThan(500);
      for (const match of response.body.matchAll(/canari-(public|internal|restricted|confidential)/g)) seen.add(match[1] ?? '');
    }
    expect([...seen].sort()).toEqual([...(EXPECTED[who] ?? [])].sort());

    // Unreadable texts are indistinguishable from missing ones.
    for (const [classification, id] of Object.entries(ids)) {
      if (who === 'anonymous') continue;
      const status = (await t.app.inject({ url: `/api/sections/HRPD/texts/${id}/history`, headers })).statusCode;
      expect(status, classification).toBe(EXPECTED[who]?.includes(classification as Classification) ? 200 : 404);
      const missing = (await t.app.inject({ url: `/api/sections/HRPD/texts/${randomUUID()}/history`, headers })).statusCode;
      expect(missing).toBe(404);
    }
  });
});
