import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { HotlineCall, ProtectionCase } from '../src/contracts/protection.js';
import type { Worklist } from '../src/contracts/worklist.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { hotlineCall, humanRightsCase } from './helpers/protection.js';

/**
 * The worklist per kind of account: what waits for each, and nothing any of them could not open.
 * A JOC analyst (Force officer) records incidents; the Force's section chief (manager) verifies
 * them; a hotline operator takes calls for the human-rights queue; a human-rights officer works
 * that queue and a case with a late verification; an unrelated officer sees nothing of it.
 */
describe.each(DIALECTS)('worklist (%s)', (dialect) => {
  let t: TestApp;
  const s = {} as Record<
    'analyst' | 'chief' | 'operator' | 'hrOfficer' | 'hrColleague' | 'hrManager' | 'hrNoFactor' | 'unrelated',
    Session
  >;
  let draft: Incident;
  let submitted: Incident;
  let chiefOwn: Incident;
  let call: HotlineCall;
  let hrCase: ProtectionCase;

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload ? { payload } : {}) });
  const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const worklist = (session: Session) => ok<Worklist>(session, 'GET', '/api/worklist');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (memberships: { unit: string; role: 'viewer' | 'operator' | 'officer' | 'manager' }[], secondFactor?: boolean) =>
      signIn(t.app, (await buildUser(t.ctx, { memberships, ...(secondFactor === undefined ? {} : { secondFactor }) })).email);
    s.analyst = await as([{ unit: 'FORCE', role: 'officer' }]);
    s.chief = await as([{ unit: 'FORCE', role: 'manager' }]);
    s.operator = await as([{ unit: 'HRPD', role: 'operator' }]);
    s.hrOfficer = await as([{ unit: 'HRPD', role: 'officer' }]);
    s.hrColleague = await as([{ unit: 'HRPD', role: 'officer' }]);
    s.hrManager = await as([{ unit: 'HRPD', role: 'manager' }]);
    s.hrNoFactor = await as([{ unit: 'HRPD', role: 'officer' }], false);
    s.unrelated = await as([{ unit: 'UNPOL', role: 'officer' }]);

    // The Force follows all of Mali for threats to civilians.
    await ok(s.chief, 'POST', '/api/alert-rules', {
      unit: 'FORCE',
      name: 'Menace sur des civils',
      kind: 'threat_to_civilians',
      windowDays: 1,
    });
    await ok(s.chief, 'PUT', '/api/alert-subscriptions/FORCE', { areas: ['MLI'] });

    draft = await ok<Incident>(s.analyst, 'POST', '/api/incidents', incidentInput({ title: 'Brouillon de l’analyste' }));
    const second = await ok<Incident>(
      s.analyst,
      'POST',
      '/api/incidents',
      incidentInput({ title: 'Attaque soumise', threatToCivilians: true }),
    );
    submitted = await ok<Incident>(s.analyst, 'POST', `/api/incidents/${second.ref}/transitions`, {
      action: 'submit',
      version: second.version,
    });
    const own = await ok<Incident>(s.chief, 'POST', '/api/incidents', incidentInput({ title: 'Soumis par le chef' }));
    chiefOwn = await ok<Incident>(s.chief, 'POST', `/api/incidents/${own.ref}/transitions`, { action: 'submit', version: own.version });

    call = await ok<HotlineCall>(s.operator, 'POST', '/api/protection/calls', hotlineCall());
    hrCase = await ok<ProtectionCase>(s.hrOfficer, 'POST', '/api/protection/cases', humanRightsCase());
    const victim = await ok<{ pseudonym: string }>(s.hrOfficer, 'POST', `/api/protection/cases/${hrCase.ref}/persons`, {
      role: 'victim',
      sex: 'female',
      age: 14,
    });
    // Occurred in the first quarter of 2020 and not verified since: verified now, it would be late.
    await ok(s.hrOfficer, 'POST', `/api/protection/cases/${hrCase.ref}/acts`, {
      victim: victim.pseudonym,
      party: 'jnim',
      violation: 'killing',
      occurredOn: '2020-03-02',
      region: 'ML-5',
    });
  }, 120_000);
  afterAll(async () => t?.close());

  test('a visitor has no worklist', async () => {
    expect((await send(null, 'GET', '/api/worklist')).statusCode).toBe(401);
  });

  test('the JOC analyst: their draft and the alert their unit may act on; nothing to verify', async () => {
    const list = await worklist(s.analyst);
    expect(list.drafts.items.map((i) => i.ref)).toEqual([draft.ref]);
    expect(list.drafts.items[0]?.title).toBe('Brouillon de l’analyste');
    expect(list.toVerify.total).toBe(0);
    expect(list.alerts.total).toBe(1);
    expect(list.alerts.items[0]).toMatchObject({ unit: 'FORCE', ruleName: 'Menace sur des civils' });
    expect(list.calls.total + list.cases.total).toBe(0);
    expect(list.secondFactorNeeded).toBe(false);
    expect(list.total).toBe(2);
  });

  test('the section chief: the incidents others submitted in their unit to verify, not their own (four eyes)', async () => {
    const list = await worklist(s.chief);
    expect(list.toVerify.items.map((i) => i.ref)).toEqual([submitted.ref]);
    expect(JSON.stringify(list)).not.toContain(chiefOwn.ref);
    expect(list.drafts.total).toBe(0);
    expect(list.alerts.total).toBe(1);
    expect(list.total).toBe(2);
  });

  test('the human-rights officer: the call in their queue and their case, next step and late verification', async () => {
    const list = await worklist(s.hrOfficer);
    expect(list.calls.items).toEqual([
      { ref: call.ref, line: 'ddhp_gao', concern: 'human_rights', receivedAt: call.receivedAt, routedTo: 'HRPD' },
    ]);
    expect(list.cases.items).toEqual([
      expect.objectContaining({ ref: hrCase.ref, programme: 'human_rights', status: 'documented', next: ['verify'], lateVerifications: 1 }),
    ]);
    expect(list.total).toBe(2);
    // References only: never what the caller said or what the case says.
    const body = JSON.stringify(list);
    expect(body).not.toContain('arrestations');
    expect(body).not.toContain('commerçants');
    // Reading references of confidential records is audited.
    const audited = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', '=', 'worklist.read').execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  test('the unit’s manager sees the case with a late verification; a colleague off its team sees the queue only', async () => {
    const manager = await worklist(s.hrManager);
    expect(manager.cases.items.map((c) => c.ref)).toEqual([hrCase.ref]);
    expect(manager.calls.total).toBe(1);
    const colleague = await worklist(s.hrColleague);
    expect(colleague.cases.total).toBe(0);
    expect(colleague.calls.total).toBe(1);
    expect(JSON.stringify(colleague)).not.toContain(hrCase.ref);
  });

  test('the hotline operator is told of no queue and no case: intake is the receiving unit’s', async () => {
    const list = await worklist(s.operator);
    expect(list.calls.total + list.cases.total + list.toVerify.total + list.alerts.total).toBe(0);
    expect(JSON.stringify(list)).not.toContain(call.ref);
    expect(JSON.stringify(list)).not.toContain(hrCase.ref);
  });

  test('without a second factor, confidential parts stay empty and the page says why', async () => {
    const list = await worklist(s.hrNoFactor);
    expect(list.calls.total + list.cases.total).toBe(0);
    expect(list.secondFactorNeeded).toBe(true);
  });

  test('an unrelated officer sees nothing of other units: no incident, alert, call or case', async () => {
    const list = await worklist(s.unrelated);
    expect(list.total).toBe(0);
    const body = JSON.stringify(list);
    for (const ref of [draft.ref, submitted.ref, chiefOwn.ref, call.ref, hrCase.ref]) expect(body).not.toContain(ref);
    expect(list.secondFactorNeeded).toBe(false);
  });

  test('verifying the incident takes it off the chief’s list', async () => {
    const current = await ok<Incident>(s.chief, 'GET', `/api/incidents/${submitted.ref}`);
    await ok(s.chief, 'POST', `/api/incidents/${submitted.ref}/transitions`, { action: 'verify', version: current.version });
    expect((await worklist(s.chief)).toVerify.total).toBe(0);
  });
});
