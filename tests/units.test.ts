import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Unit } from '../src/contracts/units.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/** Administrators manage the mission's units: create, rename, place, close; codes never change. */
describe.each(DIALECTS)('units administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { admin: true });
    adminId = user.id;
    admin = await signIn(t.app, user.email);
  });
  afterEach(async () => t?.close());

  const create = (payload: object, session = admin) =>
    t.app.inject({ method: 'POST', url: '/api/units', headers: session.headers, payload });
  const patch = (code: string, payload: object, session = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/units/${code}`, headers: session.headers, payload });
  const close = (code: string, version: number, how: 'close' | 'reopen' = 'close') =>
    t.app.inject({ method: 'POST', url: `/api/units/${code}/${how}`, headers: admin.headers, payload: { version } });
  const units = async (): Promise<Unit[]> => (await t.app.inject({ url: '/api/units' })).json().units;
  const unit = async (code: string): Promise<Unit | undefined> => (await units()).find((u) => u.code === code);
  const audit = (action: string, code: string) =>
    t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('record_id', '=', code).execute();

  const JOC = {
    code: 'JOC',
    parentCode: 'MISSION',
    kind: 'unit',
    nameFr: 'Centre d’opérations conjoint',
    nameEn: 'Joint Operations Centre',
    abbreviationFr: 'JOC',
    abbreviationEn: 'JOC',
  };

  test('an administrator creates a unit; everyone sees it at once, open, not loaded, audited', async () => {
    const created = await create(JOC);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...JOC, closedAt: null, loaded: false, confidential: false, version: 1 });
    expect(await unit('JOC')).toMatchObject({ code: 'JOC', nameEn: 'Joint Operations Centre' });
    expect((await unit('MISSION'))?.loaded).toBe(true);
    expect((await unit('HRPD'))?.confidential).toBe(true);
    const [entry] = await audit('unit.create', 'JOC');
    expect(entry).toMatchObject({ actor_id: adminId, record_type: 'unit', decision: 'allow' });
  });

  test('a code is used once, and only administrators manage units', async () => {
    expect((await create(JOC)).statusCode).toBe(201);
    const again = await create({ ...JOC, nameFr: 'Autre' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('unit_code_taken');
    const loaded = await create({ ...JOC, code: 'FORCE' });
    expect(loaded.json().code).toBe('unit_code_taken');
    const manager = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] });
    const refused = await create({ ...JOC, code: 'JMAC' }, await signIn(t.app, manager.email));
    expect(refused.statusCode).toBe(403);
    expect(await unit('JMAC')).toBeUndefined();
  });

  test('bad input is answered in the caller’s language, field by field', async () => {
    const fr = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin.headers, 'accept-language': 'fr' },
      payload: { ...JOC, code: 'joc', nameFr: '' },
    });
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(fr.json())).toContain('Code d’unité invalide');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin.headers, 'accept-language': 'en' },
      payload: { ...JOC, parentCode: 'NOWHERE' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({ code: 'unknown_unit', detail: 'Unknown unit: NOWHERE.' });
  });

  test('renaming keeps the code; the code cannot be changed', async () => {
    const renamed = await patch('FORCE', { version: 1, nameFr: 'Force de la MINUSMA', nameEn: 'MINUSMA Force' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ code: 'FORCE', nameFr: 'Force de la MINUSMA', nameEn: 'MINUSMA Force', version: 2 });
    const recoded = await patch('FORCE', { version: 2, code: 'FORCES' });
    expect(recoded.statusCode).toBe(400);
    expect((await unit('FORCE'))?.nameEn).toBe('MINUSMA Force');
    expect(await unit('FORCES')).toBeUndefined();
    const stale = await patch('FORCE', { version: 1, nameEn: 'Old' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const [entry] = await audit('unit.update', 'FORCE');
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ fields: ['name_fr', 'name_en'] });
  });

  test('the fact book’s units stay: start-up neither undoes a rename nor removes a unit', async () => {
    await create(JOC);
    await patch('FORCE', { version: 1, nameEn: 'MINUSMA Force' });
    await loadReferenceUnits(t.ctx);
    expect((await unit('FORCE'))?.nameEn).toBe('MINUSMA Force');
    expect((await unit('FORCE'))?.nameFr).toBe('Force');
    expect(await unit('JOC')).toBeDefined();
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/units/FORCE', headers: admin.headers });
    expect(deleted.statusCode).toBe(404);
    expect(await unit('FORCE')).toBeDefined();
  });

  test('a unit moves in the tree, never under itself or below itself; the mission stays the root', async () => {
    await create(JOC);
    const moved = await patch('JOC', { version: 1, parentCode: 'FORCE' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentCode).toBe('FORCE');
    const [entry] = await audit('unit.move', 'JOC');
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ fields: ['parent_code'], parent: { from: 'MISSION', to: 'FORCE' } });

    // Under itself, and under a unit below it (CPU sits under CIVIL).
    for (const [code, version, parentCode] of [
      ['JOC', 2, 'JOC'],
      ['CIVIL', 1, 'CPU'],
    ] as const) {
      const cycle = await patch(code, { version, parentCode });
      expect(cycle.statusCode).toBe(409);
      expect(cycle.json().code).toBe('unit_cycle');
    }
    const root = await patch('MISSION', { version: 1, parentCode: 'FORCE' });
    expect(root.json().code).toBe('unit_root');
    expect((await unit('CIVIL'))?.parentCode).toBe('MISSION');
  });

  test('a closed unit keeps its records and members readable and takes no new incident or member', async () => {
    await create(JOC);
    const member = await buildUser(t.ctx, { memberships: [{ unit: 'JOC', role: 'officer' }] });
    const memberSession = await signIn(t.app, member.email);
    const before = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: memberSession.headers,
      payload: incidentInput({ unit: 'JOC', classification: 'restricted' }),
    });
    expect(before.statusCode).toBe(201);
    const ref = before.json().ref as string;
    const me = async () => (await t.app.inject({ url: '/api/auth/me', headers: memberSession.headers })).json();
    expect((await me()).may.createIncidentIn).toEqual(['JOC']);

    const closed = await close('JOC', 1);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).toBeTruthy();
    expect((await audit('unit.close', 'JOC')).length).toBe(1);

    expect((await t.app.inject({ url: `/api/incidents/${ref}`, headers: memberSession.headers })).statusCode).toBe(200);
    expect((await me()).memberships).toEqual([{ unit: 'JOC', role: 'officer' }]);
    expect((await me()).may.createIncidentIn).toEqual([]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: memberSession.headers,
      payload: incidentInput({ unit: 'JOC', classification: 'restricted' }),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('unit_closed');

    const newcomer = await buildUser(t.ctx);
    const join = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${newcomer.id}`,
      headers: admin.headers,
      payload: { version: newcomer.version, memberships: [{ unit: 'JOC', role: 'viewer' }] },
    });
    expect(join.statusCode).toBe(409);
    expect(join.json().code).toBe('unit_closed');
    const stays = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${member.id}`,
      headers: admin.headers,
      payload: {
        version: member.version,
        memberships: [
          { unit: 'JOC', role: 'viewer' },
          { unit: 'FORCE', role: 'viewer' },
        ],
      },
    });
    expect(stays.statusCode).toBe(200);
    const created = await create({ ...JOC, code: 'JOC-CELL', parentCode: 'JOC' });
    expect(created.json().code).toBe('unit_closed');

    const reopened = await close('JOC', 2, 'reopen');
    expect(reopened.json().closedAt).toBeNull();
    expect((await audit('unit.reopen', 'JOC')).length).toBe(1);
  });

  test('a unit closes only once the units under it are closed; the mission never closes', async () => {
    const parent = await close('CIVIL', 1);
    expect(parent.statusCode).toBe(409);
    expect(parent.json().code).toBe('unit_open_children');
    expect((await close('MISSION', 1)).json().code).toBe('unit_root');
  });

  test('a confidential unit keeps its approval rule, and a closed one takes no approved member', async () => {
    const colleague = await buildUser(t.ctx, { admin: true, secondFactor: true });
    const colleagueSession = await signIn(t.app, colleague.email);
    const officer = await buildUser(t.ctx);
    const renamed = await patch('CPU', { version: 1, nameEn: 'Child Protection Section' });
    expect(renamed.json().confidential).toBe(true);
    const asked = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${officer.id}`,
      headers: admin.headers,
      payload: { version: officer.version, memberships: [{ unit: 'CPU', role: 'officer' }] },
    });
    expect(asked.json()).toMatchObject({ memberships: [], pendingMemberships: [{ unit: 'CPU', role: 'officer' }] });
    const [request] = (await t.app.inject({ url: '/api/membership-requests', headers: colleagueSession.headers })).json().requests;
    expect((await close('CPU', 2)).statusCode).toBe(200);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/membership-requests/${request.id}`,
      headers: colleagueSession.headers,
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().code).toBe('unit_closed');
  });
});
