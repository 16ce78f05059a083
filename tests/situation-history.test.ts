import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { Operation, OperationInput, Verification } from '../src/contracts/operations.js';
import type { SitrepDetail, SitrepSummary, SituationMap } from '../src/contracts/situation.js';
import { insertAlert, insertRule } from '../src/modules/alerts/alerts.repository.js';
import { listAlerts } from '../src/modules/alerts/alerts.service.js';
import { readableVerificationIds, verificationsOfPeriod } from '../src/modules/operations/ceasefire.service.js';
import { operationRows } from '../src/modules/operations/operations.service.js';
import { mayReadClass } from '../src/modules/situation/situation.policy.js';
import { findSitrep, recordsOf } from '../src/modules/situation/situation.repository.js';
import type { Actor } from '../src/platform/policy.js';
import type { TestApp } from './helpers/app.js';
import { createTestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { buildOperationWorld, type OperationCaller, type OperationWorld, operationInput, operationReport } from './helpers/operations.js';

/**
 * The operational picture and the situation report once the mission has a history: a past
 * period's alerts are read by the period, not among the newest of the inbox, so a released report
 * stays readable by its readers however many alerts were raised since, and a report of a past day
 * holds that day's alerts; a reader outside an alert's unit is still refused the report. The map
 * of a day reads the operations completed that day and those under way, not the whole log.
 */

const MENAKA_CERCLE = 'MLI-ADM2-8926073B7794266';
const DAY = '2020-08-01';
const PERIOD = { from: `${DAY}T00:00:00.000Z`, to: `${DAY}T23:59:59.999Z` };
const RULE_NAME = 'Veille JOC Ménaka (historique)';

describe.each(DIALECTS)('situation over a history (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let oldAlert: string;
  let released: SitrepDetail;
  let endedThatDay: Operation;
  let endedDayBefore: Operation;
  let underWay: Operation;
  let finding: Verification;
  let restrictedFinding: Verification;

  const send = (caller: OperationCaller, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: w.sessions.get(caller)?.headers ?? {}, ...(payload ? { payload } : {}) });
  const actor = (caller: OperationCaller) => w.actors.get(caller) as Actor;

  /** Plans an operation as the JOC, orders it and starts it at `startedAt`, and completes it with `ended` if given. */
  const operation = async (overrides: Partial<OperationInput>, startedAt: string, ended?: { actualStart: string; actualEnd: string }) => {
    const step = async (caller: OperationCaller, url: string, payload: object, status = 200) => {
      const response = await send(caller, 'POST', url, payload);
      expect(response.statusCode, response.body).toBe(status);
      return response.json() as Operation;
    };
    let o = await step('joc', '/api/operations', operationInput(overrides), 201);
    o = await step('joc', `/api/operations/${o.id}/transitions`, { action: 'order', version: o.version });
    o = await step('forceOfficer', `/api/operations/${o.id}/transitions`, { action: 'start', version: o.version, at: startedAt });
    if (ended)
      o = await step('forceOfficer', `/api/operations/${o.id}/transitions`, {
        action: 'complete',
        version: o.version,
        report: { ...operationReport(), ...ended },
      });
    return o;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    const db = t.ctx.database.db;
    // An incident of the day recorded by the Force: the report is shared with the Force by its class.
    const draft = await send(
      'forceOfficer',
      'POST',
      '/api/incidents',
      incidentInput({ occurredOn: DAY, title: 'Attaque du jour (historique)' }),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const drafted = draft.json() as Incident;
    const submitted = await send('forceOfficer', 'POST', `/api/incidents/${drafted.ref}/transitions`, {
      action: 'submit',
      version: drafted.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const incident = await db.selectFrom('incidents').select('id').where('ref', '=', drafted.ref).executeTakeFirstOrThrow();
    // A ceasefire allegation of the day, verified twice that day: once for the mission, once restricted to the Force.
    const alleged = await send(
      'forceOfficer',
      'POST',
      '/api/incidents',
      incidentInput({ occurredOn: DAY, category: 'ceasefire_violation' }),
    );
    const allegation = alleged.json() as Incident;
    const submittedAllegation = await send('forceOfficer', 'POST', `/api/incidents/${allegation.ref}/transitions`, {
      action: 'submit',
      version: allegation.version,
    });
    expect(submittedAllegation.statusCode, submittedAllegation.body).toBe(200);
    const verify = async (classification: 'internal' | 'restricted') => {
      const response = await send('forceOfficer', 'POST', '/api/ceasefire/verifications', {
        incident: allegation.ref,
        unit: 'FORCE',
        classification,
        team: ['Observateur militaire 7'],
        visitedOn: DAY,
        place: 'Ménaka',
        evidence: 'Témoignages.',
        finding: 'inconclusive',
        standardOfProof: 'not_verified',
        party: null,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Verification;
    };
    finding = await verify('internal');
    restrictedFinding = await verify('restricted');
    // The JOC's rule and the alert it raised that day, already acknowledged (so not open now).
    const ruleId = randomUUID();
    oldAlert = randomUUID();
    const alert = (id: string, raisedAt: string) => ({
      id,
      rule_id: ruleId,
      unit_code: 'OSRSG',
      area: MENAKA_CERCLE,
      incident_id: incident.id,
      count: 1,
      window_from: DAY,
      window_to: DAY,
      raised_at: raisedAt,
      status: 'acknowledged',
      acted_by: actor('joc').id,
      acted_at: raisedAt,
      comment: null,
      escalated_from: null,
      version: 2,
    });
    await db.transaction().execute(async (trx) => {
      await insertRule(trx, {
        id: ruleId,
        unit_code: 'OSRSG',
        name: RULE_NAME,
        kind: 'threat_to_civilians',
        event_type: null,
        category: null,
        area: MENAKA_CERCLE,
        threshold: 1,
        window_days: 1,
        active: 0,
        created_by: actor('joc').id,
        created_at: PERIOD.from,
        updated_at: PERIOD.from,
        version: 1,
      });
      await insertAlert(trx, alert(oldAlert, `${DAY}T10:00:00.000Z`));
    });

    // The day's report, released while its alert is still among the newest.
    const created = await send('joc', 'POST', '/api/situation/sitreps', { sector: 'mission', ...PERIOD });
    expect(created.statusCode, created.body).toBe(201);
    const draftReport = created.json() as SitrepDetail;
    expect(draftReport.records.map((r) => `${r.type}:${r.id}`)).toEqual(
      expect.arrayContaining([`alert:${oldAlert}`, `incident:${drafted.ref}`, `verification:${finding.id}`]),
    );
    const release = await send('joc', 'POST', `/api/situation/sitreps/${draftReport.id}/release`, { version: draftReport.version });
    expect(release.statusCode, release.body).toBe(200);
    released = release.json() as SitrepDetail;

    // Then 600 alerts for the same unit, each newer than the day's, in one transaction.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 600; i++) {
        const raisedAt = new Date(Date.parse('2020-09-01T00:00:00.000Z') + i * 3600_000).toISOString();
        await insertAlert(trx, alert(randomUUID(), raisedAt));
      }
    });

    endedThatDay = await operation(
      { titleFr: 'Escorte terminée le jour même', plannedStart: '2020-07-31T05:00:00Z', plannedEnd: '2020-08-01T18:00:00Z' },
      '2020-07-31T06:00:00Z',
      {
        actualStart: '2020-07-31T06:00:00Z',
        actualEnd: `${DAY}T15:00:00Z`,
      },
    );
    endedDayBefore = await operation(
      { titleFr: 'Escorte terminée la veille', plannedStart: '2020-07-30T05:00:00Z', plannedEnd: '2020-07-31T18:00:00Z' },
      '2020-07-30T06:00:00Z',
      {
        actualStart: '2020-07-30T06:00:00Z',
        actualEnd: '2020-07-31T15:00:00Z',
      },
    );
    underWay = await operation(
      { titleFr: 'Patrouille en cours depuis une semaine', plannedStart: '2020-07-25T05:00:00Z', plannedEnd: '2020-08-10T18:00:00Z' },
      '2020-07-25T05:30:00Z',
    );
  }, 120_000);
  afterAll(async () => t?.close());

  test('the day’s alert has fallen out of the newest 500 of the inbox', async () => {
    const inbox = await listAlerts(t.ctx, actor('joc'));
    expect(inbox).toHaveLength(500);
    expect(inbox.map((a) => a.id)).not.toContain(oldAlert);
  });

  test('a released SITREP stays readable by its readers after 500+ newer alerts for their unit', async () => {
    for (const caller of ['joc', 'jocViewer'] as const) {
      const read = await send(caller, 'GET', `/api/situation/sitreps/${released.id}`);
      expect(read.statusCode, `${caller} ${read.body}`).toBe(200);
      expect((read.json() as SitrepDetail).records.map((r) => r.id)).toContain(oldAlert);
      const list = (await send(caller, 'GET', '/api/situation/sitreps')).json() as { items: SitrepSummary[] };
      expect(list.items.map((s) => s.id)).toContain(released.id);
      const pdf = await send(caller, 'GET', `/api/situation/sitreps/${released.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
    }
  });

  test('a reader outside the alert’s unit still cannot read the SITREP', async () => {
    // The Force reads the report's class (it holds a Force incident) and the incident, not the JOC's alert.
    const row = await findSitrep(t.ctx.database.db, released.id);
    expect(row && mayReadClass(actor('forceViewer'), row, await recordsOf(t.ctx.database.db, released.id))).toBe(true);
    for (const caller of ['forceViewer', 'forceOfficer', 'police', 'civilAffairs', 'admin', 'auditor'] as const) {
      for (const url of [`/api/situation/sitreps/${released.id}`, `/api/situation/sitreps/${released.id}/pdf`]) {
        const response = await send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBe(404);
        expect(response.body).not.toContain(RULE_NAME);
        expect(response.body).not.toContain(oldAlert);
      }
      const list = (await send(caller, 'GET', '/api/situation/sitreps')).json() as { items: SitrepSummary[] };
      expect(list.items.map((s) => s.id)).not.toContain(released.id);
    }
    const anonymous = await send('anonymous', 'GET', `/api/situation/sitreps/${released.id}`);
    expect(anonymous.statusCode).toBe(401);
  });

  test('a SITREP of a past day holds that day’s alerts when 500+ newer exist', async () => {
    const created = await send('joc', 'POST', '/api/situation/sitreps', { sector: 'mission', ...PERIOD });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json() as SitrepDetail;
    const alerts = report.records.filter((r) => r.type === 'alert').map((r) => r.id);
    expect(alerts).toEqual([oldAlert]);
    expect(report.sections.find((s) => s.key === 'alerts')?.text).toContain(RULE_NAME);
    const map = (await send('joc', 'GET', `/api/situation/map?day=${DAY}`)).json() as SituationMap;
    expect(map.alerts.map((a) => a.id)).toEqual([oldAlert]);
    // Outside the unit, the map of the day has none of the JOC's alerts.
    const forceMap = (await send('forceViewer', 'GET', `/api/situation/map?day=${DAY}`)).json() as SituationMap;
    expect(forceMap.alerts).toEqual([]);
  });

  test('the map of a day lists the operations completed that day and those under way, not those completed before', async () => {
    const map = await send('joc', 'GET', `/api/situation/map?day=${DAY}`);
    expect(map.statusCode, map.body).toBe(200);
    const ids = (map.json() as SituationMap).operations.map((o) => o.id);
    expect(ids).toContain(endedThatDay.id);
    expect(ids).toContain(underWay.id);
    expect(ids).not.toContain(endedDayBefore.id);
    // The day before, the other way round for the completed ones.
    const before = ((await send('joc', 'GET', '/api/situation/map?day=2020-07-31')).json() as SituationMap).operations.map((o) => o.id);
    expect(before).toContain(endedDayBefore.id);
    expect(before).not.toContain(endedThatDay.id);
    // The completed operations are read by their actual end: only the day's come back from the log.
    const read: string[] = [];
    for await (const { row } of operationRows(t.ctx, actor('joc'), { status: ['completed'], endedFrom: PERIOD.from, endedTo: PERIOD.to }))
      read.push(row.id);
    expect(read).toEqual([endedThatDay.id]);
    // Need-to-know is the log's: the Force's viewer (a unit taking part) sees them, Civil Affairs not the one under way.
    const cad = ((await send('civilAffairs', 'GET', `/api/situation/map?day=${DAY}`)).json() as SituationMap).operations.map((o) => o.id);
    expect(cad).not.toContain(underWay.id);
  });

  test('findings are read by the period they were visited or recorded in, and by id with the list’s rule', async () => {
    const ofDay = await verificationsOfPeriod(t.ctx, actor('forceViewer'), PERIOD, 'fr');
    expect(ofDay.items.map((v) => v.id).sort()).toEqual([finding.id, restrictedFinding.id].sort());
    // Recorded today, visited on the day: a day between holds neither.
    const between = await verificationsOfPeriod(
      t.ctx,
      actor('forceViewer'),
      { from: '2020-09-01T00:00:00.000Z', to: '2020-09-01T23:59:59.999Z' },
      'fr',
    );
    expect(between.items).toEqual([]);
    const ids = [finding.id, restrictedFinding.id];
    expect([...(await readableVerificationIds(t.ctx, actor('forceViewer'), ids))].sort()).toEqual([...ids].sort());
    // The restricted finding stays with the Force: not the JOC's, not UNPOL's, by period or by id.
    for (const caller of ['joc', 'police'] as const) {
      expect([...(await readableVerificationIds(t.ctx, actor(caller), ids))]).toEqual([finding.id]);
      expect((await verificationsOfPeriod(t.ctx, actor(caller), PERIOD, 'fr')).items.map((v) => v.id)).toEqual([finding.id]);
    }
  });
});
