import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SupportRequest } from '../src/contracts/support.js';
import { supportGuard } from '../src/modules/operations/movements.policy.js';
import { can } from '../src/platform/policy.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { supportInput } from './helpers/movements.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * Support to the Malian forces: the lifecycle requested → assessed (HRDDP) → approved → delivered,
 * refused and cancelled; the HRDDP rule (no approval without a completed check that is not
 * `refused`, with a clear error in French and English) and four eyes (the assessor is not the
 * recorder); who reads and writes; bad input refused with nothing written.
 */

describe.each(DIALECTS)('support to the Malian forces (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let rights: Session;
  let rightsViewer: Session;

  const send = (session: Session | null, url: string, payload: unknown, lang = 'fr') =>
    t.app.inject({ method: 'POST', url, headers: { ...(session?.headers ?? {}), 'accept-language': lang }, payload: payload as object });
  const as = (caller: OperationCaller) => w.sessions.get(caller) ?? null;
  const request = async (overrides: Parameters<typeof supportInput>[0] = {}, caller: OperationCaller = 'forceOfficer') => {
    const response = await send(as(caller), '/api/malian-support', supportInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as SupportRequest;
  };
  const ok = async (session: Session | null, url: string, payload: unknown) => {
    const response = await send(session, url, payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SupportRequest;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    rights = await signIn(t.app, (await buildUser(t.ctx, { name: 'hrddp', memberships: [{ unit: 'HRPD', role: 'officer' }] })).email);
    rightsViewer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'viewer' }] })).email);
  });
  afterAll(async () => t?.close());

  test('requested → HRDDP check → approved → delivered, each step with who and when', async () => {
    const op = await w.reach('ordered', { type: 'joint_operation', titleFr: 'Opération conjointe Gao' });
    let s = await request({ operation: op.id });
    expect(s).toMatchObject({ status: 'requested', hrddp: null, operation: { id: op.id, title: 'Opération conjointe Gao' } });
    expect(s.may).toEqual({ hrddp: false, approve: false, refuse: false, deliver: false, cancel: true });
    s = await ok(rights, `/api/malian-support/${s.id}/hrddp`, {
      version: 1,
      outcome: 'mitigation',
      measures: 'Présence d’un observateur des droits de l’homme.',
    });
    expect(s).toMatchObject({ status: 'assessed', hrddp: { outcome: 'mitigation', by: { name: 'hrddp' } } });
    s = await ok(as('joc'), `/api/malian-support/${s.id}/transitions`, { action: 'approve', version: s.version, comment: 'Avec mesures' });
    expect(s).toMatchObject({ status: 'approved', decision: { by: { name: 'joc' } }, decisionComment: 'Avec mesures' });
    const noOutcome = await send(as('forceOfficer'), `/api/malian-support/${s.id}/transitions`, { action: 'deliver', version: s.version });
    expect(noOutcome.statusCode).toBe(400);
    s = await ok(as('forceOfficer'), `/api/malian-support/${s.id}/transitions`, {
      action: 'deliver',
      version: s.version,
      outcome: 'Deux blessés évacués par hélicoptère le 3 mai.',
    });
    expect(s).toMatchObject({
      status: 'delivered',
      closed: { by: { name: 'forceOfficer' } },
      deliveryOutcome: 'Deux blessés évacués par hélicoptère le 3 mai.',
    });
    expect(s.may).toEqual({ hrddp: false, approve: false, refuse: false, deliver: false, cancel: false });
    // A reader who may not read the operation sees the request without it.
    const forRights = (await t.app.inject({ url: `/api/malian-support/${s.id}`, headers: rights.headers })).json();
    expect(forRights.operation).toBeNull();
  });

  test('no approval without a completed HRDDP check that is not refused; the assessor is not the recorder', async () => {
    const s = await request();
    const early = await send(as('joc'), `/api/malian-support/${s.id}/transitions`, { action: 'approve', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'hrddp_required' });
    expect(early.json().title).toContain('PDDDH');
    const earlyEn = await send(as('joc'), `/api/malian-support/${s.id}/transitions`, { action: 'approve', version: 1 }, 'en');
    expect(earlyEn.json().title).toBe(
      'Support cannot be approved without the prior human rights due diligence policy (HRDDP) check: have it recorded first.',
    );
    // Four eyes: the JOC officer who records a request may not assess it.
    const own = await request({ unit: 'OSRSG' }, 'joc');
    const self = await send(as('joc'), `/api/malian-support/${own.id}/hrddp`, { version: 1, outcome: 'no_risk' }, 'en');
    expect(self.statusCode).toBe(403);
    expect(self.json().title).toContain('someone other than the person who recorded');
    // Mitigation without measures; an assessor outside the division and the JOC.
    expect((await send(rights, `/api/malian-support/${s.id}/hrddp`, { version: 1, outcome: 'mitigation' })).json().errors).toEqual([
      { path: 'measures', message: 'Des mesures d’atténuation sont requises : décrivez-les.' },
    ]);
    expect((await send(rightsViewer, `/api/malian-support/${s.id}/hrddp`, { version: 1, outcome: 'no_risk' })).statusCode).toBe(403);
    expect((await send(as('forceOfficer'), `/api/malian-support/${s.id}/hrddp`, { version: 1, outcome: 'no_risk' })).statusCode).toBe(403);
    const assessed = await ok(rights, `/api/malian-support/${s.id}/hrddp`, {
      version: 1,
      outcome: 'refused',
      measures: 'Allégations graves contre l’unité.',
    });
    const refusedRule = await send(as('joc'), `/api/malian-support/${s.id}/transitions`, { action: 'approve', version: assessed.version });
    expect(refusedRule.statusCode).toBe(409);
    expect(refusedRule.json().code).toBe('hrddp_refused');
    expect(assessed.may.approve).toBe(false);
    const refused = await ok(as('joc'), `/api/malian-support/${s.id}/transitions`, {
      action: 'refuse',
      version: assessed.version,
      comment: 'PDDDH',
    });
    expect(refused).toMatchObject({ status: 'refused', decision: { by: { name: 'joc' } } });
    expect((await send(rights, `/api/malian-support/${s.id}/hrddp`, { version: refused.version, outcome: 'no_risk' })).statusCode).toBe(
      409,
    );
    // Only the JOC decides; the handling unit cancels.
    const other = await request();
    const checked = await ok(rights, `/api/malian-support/${other.id}/hrddp`, { version: 1, outcome: 'no_risk' });
    expect(
      (await send(as('forceOfficer'), `/api/malian-support/${other.id}/transitions`, { action: 'approve', version: checked.version }))
        .statusCode,
    ).toBe(403);
    const cancelled = await ok(as('forceOfficer'), `/api/malian-support/${other.id}/transitions`, {
      action: 'cancel',
      version: checked.version,
      comment: 'Plus nécessaire',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', deliveryOutcome: 'Plus nécessaire' });
    expect(
      (
        await send(as('forceOfficer'), `/api/malian-support/${other.id}/transitions`, {
          action: 'deliver',
          version: cancelled.version,
          outcome: 'x',
        })
      ).statusCode,
    ).toBe(409);
  });

  test('read by the handling unit, the JOC and the Human Rights Division; nobody else', async () => {
    const s = await request({ description: 'Carburant pour le poste de Ber', kind: 'fuel', unit: 'UNPOL' }, 'police');
    const readers: OperationCaller[] = ['joc', 'jocViewer', 'police'];
    for (const caller of ['anonymous', ...Object.keys(OPERATION_CALLERS)] as OperationCaller[]) {
      const list = await w.get(caller, '/api/malian-support');
      const detail = await w.get(caller, `/api/malian-support/${s.id}`);
      if (caller === 'anonymous') {
        expect([list.statusCode, detail.statusCode]).toEqual([401, 401]);
        continue;
      }
      const reads = readers.includes(caller);
      expect(detail.statusCode, caller).toBe(reads ? 200 : 404);
      expect(
        list.json().items.some((i: SupportRequest) => i.id === s.id),
        caller,
      ).toBe(reads);
      expect(can(w.actors.get(caller) ?? null, 'read', supportGuard({ unit_code: 'UNPOL' })), caller).toBe(reads);
      if (!['joc', 'forceOfficer', 'police'].includes(caller)) {
        expect((await send(as(caller), '/api/malian-support', supportInput())).statusCode, caller).toBe(403);
      }
    }
    expect((await t.app.inject({ url: `/api/malian-support/${s.id}`, headers: rightsViewer.headers })).statusCode).toBe(200);
    // UNPOL records for itself, not for the Force.
    expect((await send(as('police'), '/api/malian-support', supportInput({ unit: 'FORCE' }))).statusCode).toBe(403);
    const filtered = (await w.get('joc', '/api/malian-support?status=requested&from=2020-05-01&to=2020-05-31')).json();
    expect(filtered.items.every((i: SupportRequest) => i.status === 'requested')).toBe(true);
  });

  test('bad input is refused field by field, in the reader’s language, with nothing written', async () => {
    const before = await Promise.all([countRows(t.ctx, 'support_requests'), countRows(t.ctx, 'audit_log')]);
    const bad = await send(
      as('forceOfficer'),
      '/api/malian-support',
      supportInput({ where: { place: null, point: [2.35, 48.85] }, neededTo: '2020-05-01', operation: crypto.randomUUID() }),
      'en',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['where.point', 'neededTo', 'operation']);
    expect(bad.json().errors[2].message).toBe('No readable operation has this identifier.');
    expect((await send(as('forceOfficer'), '/api/malian-support', { ...supportInput(), kind: 'tanks' })).statusCode).toBe(400);
    expect((await send(as('forceOfficer'), '/api/malian-support', { ...supportInput(), description: '' })).statusCode).toBe(400);
    expect(await Promise.all([countRows(t.ctx, 'support_requests'), countRows(t.ctx, 'audit_log')])).toEqual(before);
  });
});
