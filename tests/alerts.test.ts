import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Alert } from '../src/contracts/alerts.js';
import type { Incident } from '../src/contracts/incidents.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

const MENAKA_CERCLE = 'MLI-ADM2-8926073B7794266';

describe.each(DIALECTS)('early-warning alerts (%s)', (dialect) => {
  let t: TestApp;
  let forceManager: Session;
  let forceOfficer: Session;
  let forceViewer: Session;
  let cadManager: Session;
  let police: Session;

  // Each test starts from a fresh database: none relies on what another left behind.
  beforeEach(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    forceManager = await as('FORCE', 'manager');
    forceOfficer = await as('FORCE', 'officer');
    forceViewer = await as('FORCE', 'viewer');
    cadManager = await as('CAD', 'manager');
    police = await as('UNPOL', 'officer');
  });
  afterEach(async () => t?.close());

  const post = (session: Session, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') =>
    t.app.inject({ method, url, headers: session.headers, payload });
  const inbox = async (session: Session): Promise<Alert[]> =>
    (await t.app.inject({ url: '/api/alerts', headers: session.headers })).json().alerts;
  const submitted = async (overrides = {}): Promise<Incident> => {
    const draft: Incident = (await post(forceOfficer, '/api/incidents', incidentInput(overrides))).json();
    const response = await post(forceOfficer, `/api/incidents/${draft.ref}/transitions`, { action: 'submit', version: draft.version });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const THRESHOLD_RULE = {
    unit: 'FORCE',
    name: 'Attaques à Ménaka',
    kind: 'threshold',
    eventType: 'violence_against_civilians',
    area: MENAKA_CERCLE,
    threshold: 2,
    windowDays: 7,
  };
  const THREAT_RULE = { unit: 'CAD', name: 'Menace sur des civils', kind: 'threat_to_civilians', windowDays: 1 };

  /** Force watches Ménaka (two attacks on civilians in 7 days), Civil Affairs any threat to civilians in Mali. */
  async function watchers(): Promise<void> {
    for (const [session, url, payload, method] of [
      [forceManager, '/api/alert-rules', THRESHOLD_RULE, 'POST'],
      [cadManager, '/api/alert-rules', THREAT_RULE, 'POST'],
      [forceManager, '/api/alert-subscriptions/FORCE', { areas: ['ML-9'] }, 'PUT'],
      [cadManager, '/api/alert-subscriptions/CAD', { areas: ['MLI'] }, 'PUT'],
    ] as const) {
      const response = await post(session, url, payload, method);
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
  }

  test('the cercle of Ménaka has the id the rules use', async () => {
    const vocabulary = (await t.app.inject({ url: '/api/incidents/vocabulary' })).json();
    expect(vocabulary.cercles.find((c: { label: string }) => c.label === 'Ménaka').code).toBe(MENAKA_CERCLE);
  });

  test('only a unit’s managers set its rules and subscriptions, with checked values', async () => {
    const rule = THRESHOLD_RULE;
    expect((await post(forceOfficer, '/api/alert-rules', rule)).statusCode).toBe(403);
    const bad = await post(forceManager, '/api/alert-rules', { ...rule, area: 'ML-99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('area');
    const created = await post(forceManager, '/api/alert-rules', rule);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ areaName: 'Ménaka', mayEdit: true });
    expect((await post(cadManager, '/api/alert-rules', THREAT_RULE)).statusCode).toBe(201);

    expect((await post(forceOfficer, '/api/alert-subscriptions/FORCE', { areas: ['ML-9'] }, 'PUT')).statusCode).toBe(403);
    expect((await post(forceManager, '/api/alert-subscriptions/FORCE', { areas: ['ML-9'] }, 'PUT')).statusCode).toBe(200);
    expect((await post(cadManager, '/api/alert-subscriptions/CAD', { areas: ['MLI'] }, 'PUT')).statusCode).toBe(200);
    const unknown = await post(cadManager, '/api/alert-subscriptions/CAD', { areas: ['Atlantis'] }, 'PUT');
    expect(unknown.statusCode).toBe(400);
  });

  test('N incidents of a type in a cercle within D days raise one alert per subscribed unit, audited', async () => {
    await watchers();
    await submitted({ occurredOn: '2020-08-01' });
    expect(await inbox(forceViewer)).toEqual([]);
    // Outside the 7-day window: still no alert.
    await submitted({ occurredOn: '2020-08-20' });
    expect(await inbox(forceViewer)).toEqual([]);
    const second = await submitted({ occurredOn: '2020-08-03' });
    const alerts = await inbox(forceViewer);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      unit: 'FORCE',
      areaName: 'Ménaka',
      count: 2,
      windowFrom: '2020-07-28',
      windowTo: '2020-08-03',
      status: 'open',
      incident: { ref: second.ref },
      mayAct: false,
    });
    // A third one while the alert is open does not repeat it.
    await submitted({ occurredOn: '2020-08-04' });
    expect(await inbox(forceViewer)).toHaveLength(1);
    expect(await inbox(police)).toEqual([]);
    const raised = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', '=', 'alert.raise').execute();
    expect(raised.length).toBeGreaterThanOrEqual(1);
  });

  test('a threat to civilians alerts the units watching the area, never about what they may not read', async () => {
    await watchers();
    await submitted({ threatToCivilians: true, classification: 'restricted', location: { place: 'Gao', precision: 'near' } });
    expect((await inbox(cadManager)).filter((a) => a.rule.kind === 'threat_to_civilians')).toEqual([]);
    const visible = await submitted({ threatToCivilians: true, location: { place: 'Gao', precision: 'near' } });
    const alerts = (await inbox(cadManager)).filter((a) => a.rule.kind === 'threat_to_civilians');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.incident?.ref).toBe(visible.ref);
  });

  test('acknowledge and escalate: members who may act, versioned, audited; the escalation reaches the other unit', async () => {
    await watchers();
    await submitted({ occurredOn: '2020-08-01' });
    await submitted({ occurredOn: '2020-08-03' });
    const [alert] = await inbox(forceOfficer);
    if (!alert) throw new Error('no alert');
    expect((await post(forceViewer, `/api/alerts/${alert.id}/actions`, { action: 'acknowledge', version: alert.version })).statusCode).toBe(
      403,
    );
    expect((await post(police, `/api/alerts/${alert.id}/actions`, { action: 'acknowledge', version: alert.version })).statusCode).toBe(404);
    const missingComment = await post(forceOfficer, `/api/alerts/${alert.id}/actions`, {
      action: 'escalate',
      version: alert.version,
      to: 'UNPOL',
    });
    expect(missingComment.statusCode).toBe(400);
    const escalated = await post(forceOfficer, `/api/alerts/${alert.id}/actions`, {
      action: 'escalate',
      version: alert.version,
      to: 'UNPOL',
      comment: 'Patrouille conjointe demandée',
    });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json()).toMatchObject({ status: 'escalated', comment: 'Patrouille conjointe demandée' });
    const stale = await post(forceOfficer, `/api/alerts/${alert.id}/actions`, { action: 'acknowledge', version: alert.version });
    expect(stale.statusCode).toBe(409);
    const forwarded = await inbox(police);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]).toMatchObject({ unit: 'UNPOL', status: 'open', escalatedFrom: alert.id, mayAct: true });
    const acknowledged = await post(police, `/api/alerts/${forwarded[0]?.id}/actions`, {
      action: 'acknowledge',
      version: 1,
      comment: 'Reçu',
    });
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged' });
    const actions = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'alert.%').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['alert.raise', 'alert.escalate', 'alert.acknowledge']));
  });
});
