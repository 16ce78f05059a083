import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type Alert, type AlertRule, type alertRuleInputSchema, WHOLE_COUNTRY } from '../../contracts/alerts.js';
import type { IncidentFilter } from '../../contracts/incidents.js';
import { findArea } from '../../data/mali/boundaries.js';
import { findEventType, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { Trx } from '../../db/database.js';
import { LOCK_KEYS, lockForTransaction } from '../../db/helpers/locks.js';
import type { AlertRuleTable, AlertTable, IncidentTable } from '../../db/schema.js';
import type { AuditEvent } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { countVisibleIncidents, guardOf, incidentsWithShares } from '../incidents/incidents.read.js';
import { type Notice, notifyAfterCommit } from '../notifications/notifications.service.js';
import { openUnitCodes } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import {
  activeRules,
  alertIdsOfUnits,
  alertsOfUnits,
  alertsOfUnitsInPeriod,
  findAlert,
  findRule,
  findRules,
  hasOpenAlertForIncident,
  hasOpenAlertInWindow,
  insertAlert,
  insertRule,
  listRuleRows,
  replaceSubscriptions,
  subscriptionsOf,
  unitsSubscribedTo,
  updateAlertIfVersion,
  updateRuleIfVersion,
} from './alerts.repository.js';

type Rule = Selectable<AlertRuleTable>;
type Row = Selectable<IncidentTable>;
type RuleInput = ReturnType<typeof alertRuleInputSchema.parse>;

/** A member of `unit` with the least rights: what the unit as a whole may read. */
function memberOf(unit: string): Actor {
  return { id: '', label: unit, admin: false, auditor: false, memberships: new Map([[unit, 'viewer']]) };
}

function isManager(actor: Actor, unit: string): boolean {
  return actor.memberships.get(unit) === 'manager';
}

function areaName(code: string | null): string | null {
  if (code === null) return null;
  if (code === WHOLE_COUNTRY) return 'Mali';
  return findArea(code)?.name ?? code;
}

function isRegion(code: string): boolean {
  return findArea(code)?.regionIso === code;
}

function covers(area: string | null, row: Row): boolean {
  return area === null || area === WHOLE_COUNTRY || area === row.region || area === row.cercle;
}

function matches(rule: Rule, row: Row): boolean {
  if (!covers(rule.area, row)) return false;
  if (rule.event_type !== null && rule.event_type !== row.event_type) return false;
  if (rule.category !== null && rule.category !== row.category) return false;
  return rule.kind !== 'threat_to_civilians' || row.threat_to_civilians === 1;
}

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * Evaluates the active rules against an incident that has just been submitted or verified, in
 * the caller's transaction. Each subscribed unit is alerted only about what its members may
 * read, and counts only what they may read. Returns the audit entries of the alerts raised.
 */
export async function raiseAlerts(trx: Trx, ctx: AppContext, row: Row, shares: readonly string[]): Promise<AuditEvent[]> {
  const rules = (await activeRules(trx)).filter((r) => matches(r, row));
  if (rules.length === 0) return [];
  // Two incidents submitted at once (in two server processes on PostgreSQL) would each miss the
  // other's alert: the second waits here until the first commits, then sees it.
  await lockForTransaction(trx, ctx.database.dialect, LOCK_KEYS.alerts);
  const areas = [WHOLE_COUNTRY, row.region, ...(row.cercle ? [row.cercle] : [])];
  const subscribers = [...new Set(await unitsSubscribedTo(trx, areas))];
  const events: AuditEvent[] = [];
  const now = ctx.now().toISOString();
  for (const rule of rules) {
    const area = rule.area ?? row.cercle ?? row.region;
    const windowFrom = daysBefore(row.occurred_on, rule.window_days - 1);
    for (const unit of subscribers) {
      const member = memberOf(unit);
      if (!can(member, 'read', guardOf(row, shares))) continue;
      let count = 1;
      if (rule.kind === 'threshold') {
        const filter: IncidentFilter = {
          from: windowFrom,
          to: row.occurred_on,
          status: ['submitted', 'verified', 'closed'],
          ...(isRegion(area) ? { region: [area] } : { cercle: [area] }),
          ...(rule.event_type ? { eventType: [rule.event_type] } : {}),
          ...(rule.category ? { category: [rule.category] } : {}),
        };
        count = await countVisibleIncidents(trx, ctx.database.dialect, filter, readScope(member));
        if (count < rule.threshold) continue;
      }
      // One open alert per rule, unit and area at a time (per incident for threats to civilians).
      const duplicate =
        rule.kind === 'threshold'
          ? await hasOpenAlertInWindow(trx, rule.id, unit, area, windowFrom)
          : await hasOpenAlertForIncident(trx, rule.id, unit, area, row.id);
      if (duplicate) continue;
      const id = randomUUID();
      await insertAlert(trx, {
        id,
        rule_id: rule.id,
        unit_code: unit,
        area,
        incident_id: row.id,
        count,
        window_from: windowFrom,
        window_to: row.occurred_on,
        raised_at: now,
        status: 'open',
        acted_by: null,
        acted_at: null,
        comment: null,
        escalated_from: null,
        version: 1,
      });
      events.push({ action: 'alert.raise', recordType: 'alert', recordId: id, details: { rule: rule.id, unit, area, count } });
    }
  }
  return events;
}

/** The units to tell of the alerts whose audit entries `raiseAlerts` returned, once each. */
export function alertNotices(events: readonly AuditEvent[]): Notice[] {
  const units = new Set(events.filter((e) => e.action === 'alert.raise').map((e) => String(e.details?.unit ?? '')));
  units.delete('');
  return [...units].map((unit) => ({ kind: 'alert_raised', unit }));
}

function checkRule(input: RuleInput): void {
  const issues: FieldRuleError[] = [];
  const custom = (path: string, message: string) => issues.push({ path: [path], message });
  if (input.eventType !== null && !findEventType(input.eventType)) custom('eventType', 'vocabulary');
  if (input.category !== null && !MISSION_CATEGORIES.some((c) => c.code === input.category)) custom('category', 'vocabulary');
  if (input.area !== null && !findArea(input.area)) custom('area', 'unknown_area');
  throwFieldErrors(issues);
}

function presentRule(actor: Actor | null, rule: Rule): AlertRule {
  return {
    id: rule.id,
    unit: rule.unit_code,
    name: rule.name,
    kind: rule.kind as AlertRule['kind'],
    eventType: rule.event_type,
    category: rule.category,
    area: rule.area,
    areaName: areaName(rule.area),
    threshold: rule.threshold,
    windowDays: rule.window_days,
    active: rule.active === 1,
    version: rule.version,
    mayEdit: actor !== null && isManager(actor, rule.unit_code),
  };
}

/** Rules are mission-wide working information: every signed-in member may read them. */
export async function listRules(ctx: AppContext, actor: Actor): Promise<AlertRule[]> {
  const rules = await listRuleRows(ctx.database.db);
  return rules.map((r) => presentRule(actor, r));
}

function ruleValues(input: RuleInput) {
  return {
    unit_code: input.unit,
    name: input.name,
    kind: input.kind,
    event_type: input.eventType,
    category: input.category,
    area: input.area,
    threshold: input.kind === 'threshold' ? input.threshold : 1,
    window_days: input.windowDays,
    active: input.active ? 1 : 0,
  };
}

export async function createRule(ctx: AppContext, actor: Actor, input: RuleInput): Promise<AlertRule> {
  if (!isManager(actor, input.unit)) throw new AppError(403, 'forbidden');
  checkRule(input);
  return auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const row: Rule = { id: randomUUID(), ...ruleValues(input), created_by: actor.id, created_at: at, updated_at: at, version: 1 };
    await insertRule(trx, row);
    return { result: presentRule(actor, row), audit: { action: 'alert_rule.create', recordType: 'alert_rule', recordId: row.id } };
  });
}

export async function updateRule(ctx: AppContext, actor: Actor, id: string, version: number, input: RuleInput): Promise<AlertRule> {
  const existing = await findRule(ctx.database.db, id);
  if (!existing) throw notFound();
  if (!isManager(actor, existing.unit_code) || !isManager(actor, input.unit)) throw new AppError(403, 'forbidden');
  checkRule(input);
  return auditedTransaction(ctx, actor, async (trx) => {
    const values = { ...ruleValues(input), updated_at: ctx.now().toISOString() };
    if (!(await updateRuleIfVersion(trx, id, version, values))) throw versionConflict();
    return {
      result: presentRule(actor, { ...existing, ...values, version: version + 1 }),
      audit: { action: 'alert_rule.update', recordType: 'alert_rule', recordId: id },
    };
  });
}

export async function listSubscriptions(ctx: AppContext, actor: Actor) {
  const units = [...actor.memberships.keys()];
  const rows = await subscriptionsOf(ctx.database.db, units);
  return {
    subscriptions: units.sort().map((unit) => ({
      unit,
      areas: rows.filter((r) => r.unit_code === unit).map((r) => ({ code: r.area, name: areaName(r.area) ?? r.area })),
      mayEdit: isManager(actor, unit),
    })),
  };
}

/** A unit's managers choose the areas it is alerted about. */
export async function setSubscriptions(ctx: AppContext, actor: Actor, unit: string, areas: readonly string[]) {
  if (!isManager(actor, unit)) throw new AppError(403, 'forbidden');
  const unknown = areas.findIndex((a) => a !== WHOLE_COUNTRY && !findArea(a));
  if (unknown >= 0) throwFieldErrors([{ path: ['areas', unknown], message: 'unknown_area' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const unique = [...new Set(areas)];
    await replaceSubscriptions(trx, unit, unique, ctx.now().toISOString());
    return {
      result: undefined,
      audit: { action: 'alert_subscription.set', recordType: 'unit', recordId: unit, details: { areas: unique } },
    };
  });
  return listSubscriptions(ctx, actor);
}

async function presentAlerts(ctx: AppContext, actor: Actor, rows: Selectable<AlertTable>[]): Promise<Alert[]> {
  const db = ctx.database.db;
  if (rows.length === 0) return [];
  const rules = await findRules(db, [...new Set(rows.map((r) => r.rule_id))]);
  const incidents = await incidentsWithShares(db, [...new Set(rows.map((r) => r.incident_id))]);
  const names = await userNames(
    ctx,
    rows.flatMap((r) => (r.acted_by ? [r.acted_by] : [])),
  );
  return rows.map((row) => {
    const rule = rules.find((r) => r.id === row.rule_id);
    const found = incidents.find((i) => i.row.id === row.incident_id);
    const incident = found?.row;
    const readable = found && can(actor, 'read', guardOf(found.row, found.shares));
    const role = actor.memberships.get(row.unit_code);
    return {
      id: row.id,
      rule: {
        id: row.rule_id,
        name: rule?.name ?? '',
        kind: (rule?.kind ?? 'threshold') as Alert['rule']['kind'],
        threshold: rule?.threshold ?? 1,
        windowDays: rule?.window_days ?? 1,
      },
      unit: row.unit_code,
      area: row.area,
      areaName: areaName(row.area) ?? row.area,
      incident: readable && incident ? { ref: incident.ref, title: incident.title } : null,
      count: row.count,
      windowFrom: row.window_from,
      windowTo: row.window_to,
      raisedAt: row.raised_at,
      status: row.status as Alert['status'],
      actedBy: names.find((n) => n.id === row.acted_by)?.name ?? null,
      actedAt: row.acted_at,
      comment: row.comment,
      escalatedFrom: row.escalated_from,
      version: row.version,
      mayAct: role === 'officer' || role === 'manager',
    };
  });
}

/** The inbox: alerts addressed to the units the reader belongs to, newest first. */
export async function listAlerts(ctx: AppContext, actor: Actor, status?: string): Promise<Alert[]> {
  const units = [...actor.memberships.keys()];
  if (units.length === 0) return [];
  const rows = await alertsOfUnits(ctx.database.db, units, status, 500);
  return presentAlerts(ctx, actor, rows);
}

/**
 * For the situation picture and report: the alerts addressed to the reader's units (the inbox's
 * rule) that are open now or were raised in the period, newest first, however many came since.
 */
export async function alertsOfPeriod(ctx: AppContext, actor: Actor, period: { from: string; to: string }): Promise<Alert[]> {
  const units = [...actor.memberships.keys()];
  if (units.length === 0) return [];
  const rows = await alertsOfUnitsInPeriod(ctx.database.db, units, period.from, period.to);
  return presentAlerts(ctx, actor, rows);
}

/** Which of `ids` the reader may read now, by the inbox's rule: addressed to a unit they belong to. */
export function readableAlertIds(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  return alertIdsOfUnits(ctx.database.db, ids, [...actor.memberships.keys()]);
}

export async function actOnAlert(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { action: 'acknowledge'; version: number; comment: string } | { action: 'escalate'; version: number; comment: string; to: string },
): Promise<Alert> {
  const db = ctx.database.db;
  const alert = await findAlert(db, id);
  if (!alert || !actor.memberships.has(alert.unit_code)) throw notFound();
  const role = actor.memberships.get(alert.unit_code);
  if (role !== 'officer' && role !== 'manager') throw new AppError(403, 'forbidden');
  if (alert.status === 'escalated' || (body.action === 'acknowledge' && alert.status !== 'open')) {
    throw new AppError(409, 'alert_closed');
  }
  if (body.action === 'escalate') {
    if (!(await openUnitCodes(db, [body.to])).has(body.to) || body.to === alert.unit_code) {
      throwFieldErrors([{ path: ['to'], message: 'unknown_unit' }]);
    }
    const [incident] = await incidentsWithShares(db, [alert.incident_id]);
    if (!incident) throw new Error(`alert ${id} names no incident`);
    if (!can(memberOf(body.to), 'read', guardOf(incident.row, incident.shares))) {
      throw new AppError(422, 'escalation_not_readable', { unit: body.to });
    }
  }
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const status = body.action === 'acknowledge' ? 'acknowledged' : 'escalated';
    if (!(await updateAlertIfVersion(trx, id, body.version, { status, acted_by: actor.id, acted_at: at, comment: body.comment || null })))
      throw versionConflict();
    const audit: AuditEvent[] = [{ action: `alert.${body.action}`, recordType: 'alert', recordId: id }];
    if (body.action === 'escalate') {
      const copy = randomUUID();
      await insertAlert(trx, {
        ...alert,
        id: copy,
        unit_code: body.to,
        raised_at: at,
        status: 'open',
        acted_by: null,
        acted_at: null,
        comment: null,
        escalated_from: id,
        version: 1,
      });
      audit.push({ action: 'alert.raise', recordType: 'alert', recordId: copy, details: { escalatedFrom: id, unit: body.to } });
    }
    return { result: undefined, audit };
  });
  if (body.action === 'escalate') notifyAfterCommit(ctx, [{ kind: 'alert_raised', unit: body.to }]);
  const updated = await findAlert(db, id);
  if (!updated) throw new Error(`alert ${id} vanished`);
  const [presented] = await presentAlerts(ctx, actor, [updated]);
  if (!presented) throw notFound();
  return presented;
}
