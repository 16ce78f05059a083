import type { Selectable } from 'kysely';
import type { Alert } from '../../contracts/alerts.js';
import type { Classification, Locale } from '../../contracts/common.js';
import type { IncidentSummary } from '../../contracts/incidents.js';
import type { OperationFilter } from '../../contracts/operations.js';
import { findArea } from '../../data/mali/boundaries.js';
import { SECTOR_REGIONS, sectorOfRegion } from '../../data/situation.js';
import type { OperationTable } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { type Actor, can } from '../../platform/policy.js';
import { alertsOfPeriod, readableAlertIds } from '../alerts/alerts.service.js';
import { guardOf as incidentGuard, incidentsByRefWithShares } from '../incidents/incidents.read.js';
import { listIncidents } from '../incidents/incidents.service.js';
import { readableVerificationIds, verificationsOfPeriod } from '../operations/ceasefire.service.js';
import { isSecret } from '../operations/operations.policy.js';
import { operationRows, readableOperationIds } from '../operations/operations.service.js';

/**
 * What the map and the situation report read of other modules, always through the owning
 * service with the reader's own rights: operations by the log's rule (need-to-know until
 * completed), incidents by the read scope with shares, findings by their team's class and their
 * allegation's readability, alerts by the units they are addressed to.
 */

type OperationRow = Selectable<OperationTable>;

export interface Period {
  from: string;
  to: string;
}

const day = (instant: string) => instant.slice(0, 10);

/** A sector's filter, or none for the whole mission. */
const inSector = (sector: string | undefined, region: string | null | undefined) =>
  !sector || sector === 'mission' || (region !== null && region !== undefined && sectorOfRegion(region) === sector);

/**
 * Operations under way during the period (started before its end) and those completed in it,
 * latest planned start first: two reads bounded by the period (the operations under way now, the
 * ones whose actual end falls in the period), never the whole history of completed operations.
 */
export async function operationsOf(
  ctx: AppContext,
  actor: Actor | null,
  period: Period,
  filter: { sector?: string | undefined; unit?: string | undefined },
): Promise<{ row: OperationRow; units: string[] }[]> {
  const sector =
    filter.sector && filter.sector !== 'mission'
      ? { sector: [filter.sector as OperationFilter['sector'] extends (infer S)[] | undefined ? S : never] }
      : {};
  const found: { row: OperationRow; units: string[] }[] = [];
  const reads = [
    operationRows(ctx, actor, { status: ['under_way'], ...sector, to: day(period.to) }),
    operationRows(ctx, actor, { status: ['completed'], ...sector, endedFrom: period.from, endedTo: period.to }),
  ];
  for (const read of reads) {
    for await (const item of read) {
      const { row, units } = item;
      if (filter.unit && !units.includes(filter.unit) && row.unit_code !== filter.unit) continue;
      const started = row.actual_start ?? row.planned_start;
      if (row.status === 'under_way' && started <= period.to) found.push(item);
      if (row.status === 'completed' && row.actual_end !== null && row.actual_end >= period.from && row.actual_end <= period.to)
        found.push(item);
    }
  }
  return found.sort((a, b) =>
    a.row.planned_start !== b.row.planned_start ? (a.row.planned_start < b.row.planned_start ? 1 : -1) : a.row.id < b.row.id ? 1 : -1,
  );
}

/** The class an operation gives a report: restricted while it is need-to-know, its own once completed. */
export const operationClass = (row: OperationRow): Classification =>
  isSecret(row.status) ? 'restricted' : (row.classification as Classification);

/** Submitted, verified and closed incidents of the period's days (drafts and rejected reports are left out). */
export async function incidentsOf(
  ctx: AppContext,
  actor: Actor | null,
  period: Period,
  filter: { sector?: string | undefined; unit?: string | undefined },
): Promise<IncidentSummary[]> {
  const regions = filter.sector && filter.sector !== 'mission' ? [...(SECTOR_REGIONS[filter.sector] ?? [])] : undefined;
  const items: IncidentSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await listIncidents(ctx, actor, {
      from: day(period.from),
      to: day(period.to),
      status: ['submitted', 'verified', 'closed'],
      ...(regions ? { region: regions } : {}),
      ...(filter.unit ? { unit: [filter.unit] } : {}),
      sort: 'date_desc',
      limit: 200,
      ...(after ? { after } : {}),
    });
    items.push(...result.items);
    if (!result.next) break;
    after = result.next;
  }
  return items;
}

/** Findings visited or recorded in the period, in the sector of their allegation. */
export async function findingsOf(ctx: AppContext, actor: Actor, period: Period, sector: string | undefined, locale: Locale) {
  const { items: inPeriod } = await verificationsOfPeriod(ctx, actor, period, locale);
  if (!sector || sector === 'mission') return inPeriod;
  const incidents = await incidentsByRefWithShares(ctx.database.db, [...new Set(inPeriod.map((v) => v.incident.ref))]);
  const regions = new Map(incidents.map((f) => [f.row.ref, f.row.region]));
  return inPeriod.filter((v) => inSector(sector, regions.get(v.incident.ref)));
}

/** Alerts open now or raised in the period, addressed to the reader's units, in the sector of their area. */
export async function alertsOf(
  ctx: AppContext,
  actor: Actor,
  period: Period,
  filter: { sector?: string | undefined; unit?: string | undefined },
): Promise<Alert[]> {
  const alerts = await alertsOfPeriod(ctx, actor, period);
  return alerts.filter(
    (a) =>
      (a.status === 'open' || (a.raisedAt >= period.from && a.raisedAt <= period.to)) &&
      (!filter.unit || a.unit === filter.unit) &&
      inSector(filter.sector, findArea(a.area)?.regionIso),
  );
}

export type RecordRef = { type: 'operation' | 'incident' | 'verification' | 'alert'; id: string };

/**
 * Which of a report's records the reader may read now, each by its owner's rule: the report is
 * read only when every one is.
 */
export async function readsEvery(ctx: AppContext, actor: Actor | null, records: readonly RecordRef[]): Promise<boolean> {
  if (!actor) return false;
  const ofType = (type: RecordRef['type']) => records.filter((r) => r.type === type).map((r) => r.id);
  const operations = ofType('operation');
  if (operations.length > 0 && (await readableOperationIds(ctx, actor, operations)).size !== operations.length) return false;
  const refs = ofType('incident');
  if (refs.length > 0) {
    const found = await incidentsByRefWithShares(ctx.database.db, refs);
    if (found.length !== refs.length || !found.every((f) => can(actor, 'read', incidentGuard(f.row, f.shares)))) return false;
  }
  const findings = ofType('verification');
  if (findings.length > 0) {
    const readable = await readableVerificationIds(ctx, actor, findings);
    if (!findings.every((id) => readable.has(id))) return false;
  }
  const alerts = ofType('alert');
  if (alerts.length > 0) {
    const readable = await readableAlertIds(ctx, actor, alerts);
    if (!alerts.every((id) => readable.has(id))) return false;
  }
  return true;
}
