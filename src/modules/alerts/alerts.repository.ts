import type { Selectable } from 'kysely';
import { ALERT_STATUSES } from '../../contracts/alerts.js';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { AlertRuleTable, AlertSubscriptionTable, AlertTable } from '../../db/schema.js';

type Executor = Db | Trx;
type Rule = Selectable<AlertRuleTable>;
type AlertRow = Selectable<AlertTable>;

// ---------------------------------------------------------------------------------------------
// Rules

export function activeRules(db: Executor): Promise<Rule[]> {
  return db.selectFrom('alert_rules').selectAll().where('active', '=', 1).execute();
}

/** Every rule, by unit then name. */
export function listRuleRows(db: Executor): Promise<Rule[]> {
  return db.selectFrom('alert_rules').selectAll().orderBy('unit_code').orderBy('name').execute();
}

export function findRule(db: Executor, id: string): Promise<Rule | undefined> {
  return db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRules(db: Executor, ids: readonly string[]): Promise<Rule[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('alert_rules').selectAll().where('id', 'in', ids).execute();
}

export async function insertRule(trx: Trx, row: Rule): Promise<void> {
  await trx.insertInto('alert_rules').values(row).execute();
}

/** Updates a rule if its version is still `version`; false when someone else changed it first. */
export async function updateRuleIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<AlertRuleTable, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'alert_rules', id, version, values);
}

// ---------------------------------------------------------------------------------------------
// Area subscriptions

/** The units subscribed to any of these areas, once per subscription. */
export async function unitsSubscribedTo(db: Executor, areas: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('alert_subscriptions').select('unit_code').where('area', 'in', areas).execute();
  return rows.map((r) => r.unit_code);
}

export function subscriptionsOf(db: Executor, units: readonly string[]): Promise<AlertSubscriptionTable[]> {
  if (units.length === 0) return Promise.resolve([]);
  return db.selectFrom('alert_subscriptions').selectAll().where('unit_code', 'in', units).execute();
}

/** Replaces the areas a unit is subscribed to. */
export async function replaceSubscriptions(trx: Trx, unit: string, areas: readonly string[], at: string): Promise<void> {
  await trx.deleteFrom('alert_subscriptions').where('unit_code', '=', unit).execute();
  if (areas.length > 0)
    await trx
      .insertInto('alert_subscriptions')
      .values(areas.map((area) => ({ unit_code: unit, area, created_at: at })))
      .execute();
}

// ---------------------------------------------------------------------------------------------
// Alerts

/** Whether the unit already has an open alert of this rule for this area whose window ends on or after `windowFrom`. */
export async function hasOpenAlertInWindow(db: Executor, ruleId: string, unit: string, area: string, windowFrom: string): Promise<boolean> {
  const row = await db
    .selectFrom('alerts')
    .select('id')
    .where('rule_id', '=', ruleId)
    .where('unit_code', '=', unit)
    .where('area', '=', area)
    .where('status', '=', 'open')
    .where('window_to', '>=', windowFrom)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the unit already has an open alert of this rule for this area about this incident. */
export async function hasOpenAlertForIncident(
  db: Executor,
  ruleId: string,
  unit: string,
  area: string,
  incidentId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('alerts')
    .select('id')
    .where('rule_id', '=', ruleId)
    .where('unit_code', '=', unit)
    .where('area', '=', area)
    .where('status', '=', 'open')
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAlert(trx: Trx, row: AlertRow): Promise<void> {
  await trx.insertInto('alerts').values(row).execute();
}

export function findAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The alerts addressed to these units, newest first. */
export function alertsOfUnits(db: Executor, units: readonly string[], status: string | undefined, limit: number): Promise<AlertRow[]> {
  let query = db.selectFrom('alerts').selectAll().where('unit_code', 'in', units);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('raised_at', 'desc').orderBy('id').limit(limit).execute();
}

/**
 * The alerts addressed to these units that are open or were raised between `from` and `to`
 * (instants, inclusive), newest first. Both read the inbox index (unit, status, raised time): the
 * open ones by unit and status; the period's by unit, every status and the raising time, so
 * that a past period is read by its bounds whatever was raised since.
 */
export async function alertsOfUnitsInPeriod(db: Executor, units: readonly string[], from: string, to: string): Promise<AlertRow[]> {
  if (units.length === 0) return [];
  const [open, raised] = await Promise.all([
    db.selectFrom('alerts').selectAll().where('unit_code', 'in', units).where('status', '=', 'open').execute(),
    db
      .selectFrom('alerts')
      .selectAll()
      .where('unit_code', 'in', units)
      .where('status', 'in', ALERT_STATUSES)
      .where('raised_at', '>=', from)
      .where('raised_at', '<=', to)
      .execute(),
  ]);
  const byId = new Map([...open, ...raised].map((r) => [r.id, r]));
  return [...byId.values()].sort((a, b) => (a.raised_at < b.raised_at ? 1 : a.raised_at > b.raised_at ? -1 : a.id < b.id ? -1 : 1));
}

/** Which of these alerts are addressed to one of these units. */
export async function alertIdsOfUnits(db: Executor, ids: readonly string[], units: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (units.length === 0) return found;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('alerts')
      .select('id')
      .where('id', 'in', unique.slice(i, i + 500))
      .where('unit_code', 'in', units)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Updates an alert if its version is still `version`; false when someone else acted on it first. */
export async function updateAlertIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<AlertTable, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'alerts', id, version, values);
}
