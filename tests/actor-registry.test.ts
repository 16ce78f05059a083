import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ActorRegistry, Incident, IncidentVocabulary } from '../src/contracts/incidents.js';
import type { HistoryEntry } from '../src/contracts/organisation.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

type Caller = 'anonymous' | 'forceOfficer' | 'forceManager' | 'osrsgManager' | 'hrpdManager' | 'admin' | 'auditor';

/** Who keeps the registry, written from SECURITY.md and not from the policy code. */
const KEEPERS: Caller[] = ['forceManager', 'osrsgManager', 'admin'];
const CALLERS: Caller[] = ['anonymous', 'forceOfficer', 'forceManager', 'osrsgManager', 'hrpdManager', 'admin', 'auditor'];

describe.each(DIALECTS)('the actor registry (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], extra = {}) =>
      signIn(t.app, (await buildUser(t.ctx, { memberships, ...extra })).email);
    sessions.set('anonymous', null);
    sessions.set('forceOfficer', await as([{ unit: 'FORCE', role: 'officer' }]));
    sessions.set('forceManager', await as([{ unit: 'FORCE', role: 'manager' }]));
    sessions.set('osrsgManager', await as([{ unit: 'OSRSG', role: 'manager' }]));
    sessions.set('hrpdManager', await as([{ unit: 'HRPD', role: 'manager' }]));
    sessions.set('admin', await as([], { admin: true }));
    sessions.set('auditor', await as([], { auditor: true }));
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: sessions.get(caller)?.headers ?? {}, ...(payload ? { payload } : {}) });
  const registry = async (caller: Caller = 'forceOfficer') => (await send(caller, 'GET', '/api/actors/registry')).json() as ActorRegistry;
  const entry = async (code: string) => (await registry()).actors.find((a) => a.code === code);
  const auditOf = (action: string, code: string) =>
    t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('record_id', '=', code).execute();

  test('the default registry has Wagner Group and the Africa Corps, with their sources, and ACLED’s spellings as aliases', async () => {
    const wagner = await entry('wagner_group');
    expect(wagner).toMatchObject({ nameEn: 'Wagner Group', type: 8, status: 'active', aliases: expect.arrayContaining(['Wagner']) });
    expect(wagner?.source).toContain('AP, 6 June 2025');
    expect((await entry('africa_corps'))?.source).toContain('Russian Ministry of Defence');
    expect((await entry('jnim'))?.aliases).toContain('JNIM: Group for Support of Islam and Muslims');
    expect((await registry('forceOfficer')).may.keep).toBe(false);
    expect((await registry('forceManager')).may.keep).toBe(true);
  });

  test('access matrix: every write of the registry, as every kind of caller', async () => {
    const table: string[] = [];
    for (const caller of CALLERS) {
      const code = `probe_${caller.toLowerCase()}`;
      const expected = caller === 'anonymous' ? 401 : KEEPERS.includes(caller) ? 'ok' : 403;
      const add = await send(caller, 'POST', '/api/actors', { code, nameFr: `Sonde ${caller}`, nameEn: `Probe ${caller}`, type: 3 });
      const target = KEEPERS.includes(caller) ? code : 'dan_na_ambassagou';
      const alias = await send(caller, 'POST', `/api/actors/${target}/aliases`, { alias: `Alias ${caller}` });
      const retire = await send(caller, 'POST', `/api/actors/${target}/status`, { status: 'retired' });
      const merge = await send(caller, 'POST', `/api/actors/${target}/merge`, { into: 'unidentified_armed_group' });
      for (const [name, response] of Object.entries({ add, alias, retire, merge })) {
        const ok = expected === 'ok' ? response.statusCode < 300 : response.statusCode === expected;
        if (!ok) table.push(`${caller} ${name}: ${response.statusCode}, expected ${expected}`);
      }
      expect((await send(caller, 'GET', '/api/actors/registry')).statusCode).toBe(caller === 'anonymous' ? 401 : 200);
    }
    expect(table).toEqual([]);
    expect((await entry('dan_na_ambassagou'))?.status).toBe('active');
  });

  test('add and alias: audited; an alias is one actor’s only', async () => {
    const added = await send('osrsgManager', 'POST', '/api/actors', {
      nameFr: 'Front de libération du Macina',
      nameEn: 'Macina Liberation Front',
      type: 2,
      source: 'Katiba Macina, part of JNIM since 2017',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ code: 'macina_liberation_front', status: 'active' });
    expect(await auditOf('actor.create', 'macina_liberation_front')).toHaveLength(1);
    expect((await send('osrsgManager', 'POST', '/api/actors/macina_liberation_front/aliases', { alias: 'Katiba Macina' })).statusCode).toBe(
      204,
    );
    expect(await auditOf('actor.alias', 'macina_liberation_front')).toHaveLength(1);
    const taken = await send('osrsgManager', 'POST', '/api/actors/jnim/aliases', { alias: 'katiba macina' });
    expect(taken.statusCode).toBe(409);
    expect((await entry('macina_liberation_front'))?.aliases).toEqual(['Katiba Macina']);
  });

  test('merge: incidents move to the survivor, the duplicate stays as a redirect, its names become aliases', async () => {
    await send('forceManager', 'POST', '/api/actors', {
      code: 'flm_duplicate',
      nameFr: 'FLM (doublon)',
      nameEn: 'FLM (duplicate)',
      type: 2,
    });
    const made = await send(
      'forceOfficer',
      'POST',
      '/api/incidents',
      incidentInput({
        actors: [
          { actor: 'flm_duplicate', role: 'actor1' },
          { actor: 'civilians', role: 'actor2' },
          { actor: 'macina_liberation_front', role: 'associated1' },
          { actor: 'flm_duplicate', role: 'associated1' },
        ],
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const ref = (made.json() as Incident).ref;
    const merged = await send('forceManager', 'POST', '/api/actors/flm_duplicate/merge', { into: 'macina_liberation_front' });
    expect(merged.statusCode, merged.body).toBe(204);
    const incident = (await send('forceOfficer', 'GET', `/api/incidents/${ref}`)).json() as Incident;
    expect(incident.actors.map((a) => `${a.role}:${a.actor}`).sort()).toEqual([
      'actor1:macina_liberation_front',
      'actor2:civilians',
      'associated1:macina_liberation_front',
    ]);
    expect(await entry('flm_duplicate')).toMatchObject({ status: 'merged', mergedInto: 'macina_liberation_front' });
    expect((await entry('macina_liberation_front'))?.aliases).toEqual(expect.arrayContaining(['FLM (doublon)', 'FLM (duplicate)']));
    expect((await entry('macina_liberation_front'))?.incidents).toBe(1);
    expect(await auditOf('actor.merge', 'flm_duplicate')).toMatchObject([{ details: expect.stringContaining('macina_liberation_front') }]);
    // The incident's history says its actors changed, with the merge, as an edit would; an edit begun before it meets a conflict.
    expect(incident.version).toBe((made.json() as Incident).version + 1);
    const history = (await send('forceOfficer', 'GET', `/api/incidents/${ref}/history`)).json() as { entries: HistoryEntry[] };
    expect(history.entries[0]).toMatchObject({
      version: incident.version,
      changes: {
        actors: {
          from: 'actor1:flm_duplicate actor2:civilians associated1:flm_duplicate associated1:macina_liberation_front',
          to: 'actor1:macina_liberation_front actor2:civilians associated1:macina_liberation_front',
        },
      },
    });
    const [mergeAudit] = await auditOf('actor.merge', 'flm_duplicate');
    const written = await t.ctx.database.db
      .selectFrom('record_history')
      .select('actor_id')
      .where('record_type', '=', 'incident')
      .where('version', '=', incident.version)
      .where('record_id', '=', t.ctx.database.db.selectFrom('incidents').select('id').where('ref', '=', ref))
      .executeTakeFirst();
    expect(written?.actor_id).toBe(mergeAudit?.actor_id);
    const stale = await send('forceOfficer', 'PUT', `/api/incidents/${ref}`, {
      version: (made.json() as Incident).version,
      incident: incidentInput({ title: 'Commencé avant la fusion', actors: [{ actor: 'macina_liberation_front', role: 'actor1' }] }),
    });
    expect(stale.statusCode).toBe(409);
    const vocabulary = (await send('forceOfficer', 'GET', '/api/incidents/vocabulary')).json() as IncidentVocabulary;
    expect(vocabulary.actors.some((a) => a.code === 'flm_duplicate')).toBe(false);
    expect((await send('forceManager', 'POST', '/api/actors/flm_duplicate/status', { status: 'retired' })).statusCode).toBe(409);
  });

  test('retire: kept on old incidents (which stay editable), refused on new ones; and back in service', async () => {
    const made = (
      await send('forceOfficer', 'POST', '/api/incidents', incidentInput({ actors: [{ actor: 'g5_sahel', role: 'actor1' }] }))
    ).json() as Incident;
    expect((await send('admin', 'POST', '/api/actors/g5_sahel/status', { status: 'retired' })).statusCode).toBe(204);
    expect(await auditOf('actor.retire', 'g5_sahel')).toHaveLength(1);
    const vocabulary = (await send('forceOfficer', 'GET', '/api/incidents/vocabulary')).json() as IncidentVocabulary;
    expect(vocabulary.actors.find((a) => a.code === 'g5_sahel')?.status).toBe('retired');
    const refused = await send(
      'forceOfficer',
      'POST',
      '/api/incidents',
      incidentInput({ actors: [{ actor: 'g5_sahel', role: 'actor1' }] }),
    );
    expect(refused.statusCode).toBe(400);
    const edited = await send('forceOfficer', 'PUT', `/api/incidents/${made.ref}`, {
      version: made.version,
      incident: incidentInput({ title: 'Toujours avec le G5 Sahel', actors: [{ actor: 'g5_sahel', role: 'actor1' }] }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await entry('g5_sahel'))?.status).toBe('retired');
    expect((await send('admin', 'POST', '/api/actors/g5_sahel/status', { status: 'active' })).statusCode).toBe(204);
    expect(await auditOf('actor.reinstate', 'g5_sahel')).toHaveLength(1);
  });
});
