import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import {
  OPERATION_TRANSITIONS,
  type Operation,
  type OperationCounts,
  type OperationFilter,
  type OperationGeometry,
  type OperationInputParsed,
  type OperationMap,
  type OperationStatus,
  type OperationSummary,
  type OperationTransitionBody,
  type OperationType,
  type OperationVocabulary,
  SECRET_STATUSES,
} from '../../contracts/operations.js';
import { findArea, locate } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { OPERATION_TYPE_TERMS, operationVocabularyTerms, SECTOR_TERMS, termName } from '../../data/vocab/operations.js';
import type { Db, Trx } from '../../db/database.js';
import type { OperationTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff } from '../../platform/history.js';
import { type Actor, can, memberUnits, readScope } from '../../platform/policy.js';
import type { Submission } from '../../platform/submissions.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { guardOf as incidentGuard, incidentsByRefWithShares, incidentsWithShares } from '../incidents/incidents.read.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { allowedTransitions, guardOf, JOC_UNITS, mayEditOperation, mayOnOperation, mayPlan } from './operations.policy.js';
import {
  type Cursor,
  countsBy,
  findReadable,
  insertIncidentLinks,
  insertOperation,
  insertStep,
  listPage,
  type OperationReader,
  type OperationRow,
  type OperationRowFilter,
  operationRelations,
  readableIds,
  replaceUnits,
  unitsOf,
  updateOperationIfVersion,
  withGeometry,
} from './operations.repository.js';

const RECORD_TYPE = 'operation';

/** What `actor` reads of the log, for the repository's SQL. */
export function readerOf(actor: Actor | null): OperationReader {
  return { scope: readScope(actor), memberOf: memberUnits(actor), jocUnits: JOC_UNITS, secretStatuses: SECRET_STATUSES };
}

// ---- Geometry -------------------------------------------------------------------------------

type Position = [number, number];

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Twice the signed area of a closed ring (shoelace). */
function ringArea(ring: readonly Position[]): number {
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    area += x1 * y2 - x2 * y1;
  }
  return area;
}

function orientation(p: Position, q: Position, r: Position): number {
  const v = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]);
  return v === 0 ? 0 : v > 0 ? 1 : -1;
}

/** Whether segments p1p2 and q1q2 cross properly (touching ends do not count). */
function crosses(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  return o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0;
}

/** Whether a closed ring's edges cross each other (a figure of eight). */
function selfIntersects(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing vertex
      if (crosses(ring[i] as Position, ring[i + 1] as Position, ring[j] as Position, ring[j + 1] as Position)) return true;
    }
  }
  return false;
}

/**
 * Checks a route or area: a line of at least two distinct points; a polygon of one closed ring of
 * at least four positions, three distinct vertices, an area, and no crossing edges; every vertex
 * inside Mali's shipped boundaries. Returns the regions its vertices fall in.
 */
export function checkGeometry(geometry: OperationGeometry): { regions: string[]; errors: FieldRuleError[] } {
  const errors: FieldRuleError[] = [];
  const regions = new Set<string>();
  const vertices: { at: (string | number)[]; p: Position }[] =
    geometry.type === 'LineString'
      ? geometry.coordinates.map((p, i) => ({ at: ['geometry', 'coordinates', i], p }))
      : (geometry.coordinates[0] ?? []).map((p, i) => ({ at: ['geometry', 'coordinates', 0, i], p }));
  for (const { at, p } of vertices) {
    const hit = locate(p[1], p[0]);
    if (!hit) errors.push({ path: at, message: 'vertex_outside_mali' });
    else regions.add(hit.region.id);
  }
  const distinct = new Set(vertices.map((v) => `${v.p[0]} ${v.p[1]}`)).size;
  if (geometry.type === 'LineString') {
    if (geometry.coordinates.length < 2) errors.push({ path: ['geometry', 'coordinates'], message: 'line_points' });
    else if (distinct < 2) errors.push({ path: ['geometry', 'coordinates'], message: 'geometry_degenerate' });
  } else {
    const ring = geometry.coordinates[0] ?? [];
    if (ring.length < 4) errors.push({ path: ['geometry', 'coordinates', 0], message: 'ring_points' });
    else if (!same(ring[0] as Position, ring[ring.length - 1] as Position))
      errors.push({ path: ['geometry', 'coordinates', 0], message: 'ring_open' });
    else if (distinct < 3 || ringArea(ring) === 0) errors.push({ path: ['geometry', 'coordinates', 0], message: 'geometry_degenerate' });
    else if (selfIntersects(ring)) errors.push({ path: ['geometry', 'coordinates', 0], message: 'ring_self_intersects' });
  }
  return { regions: [...regions].sort(), errors };
}

// ---- Input --------------------------------------------------------------------------------

type Values = Pick<
  OperationTable,
  | 'type'
  | 'unit_code'
  | 'classification'
  | 'title_fr'
  | 'title_en'
  | 'orders'
  | 'sector'
  | 'places'
  | 'geometry'
  | 'regions'
  | 'planned_start'
  | 'planned_end'
  | 'women'
  | 'men'
  | 'engagement_teams'
  | 'vehicles'
>;

function resolve(input: OperationInputParsed): { values: Values; units: string[]; errors: FieldRuleError[] } {
  const errors: FieldRuleError[] = [];
  const units = [...new Set(input.units)];
  if (units.length !== input.units.length) errors.push({ path: ['units'], message: 'units_twice' });
  if (!units.includes(input.unit)) errors.push({ path: ['unit'], message: 'lead_unit_taking_part' });
  if (input.plannedEnd < input.plannedStart) errors.push({ path: ['plannedEnd'], message: 'end_before_start' });
  const places = gazetteer();
  input.places.forEach((p, i) => {
    if (!places.has(p)) errors.push({ path: ['places', i], message: 'unknown_place' });
  });
  let regions: string[] = [];
  if (input.geometry) {
    const checked = checkGeometry(input.geometry);
    regions = checked.regions;
    errors.push(...checked.errors);
  }
  return {
    units,
    errors,
    values: {
      type: input.type,
      unit_code: input.unit,
      classification: input.classification,
      title_fr: input.titleFr,
      title_en: input.titleEn,
      orders: input.orders,
      sector: input.sector,
      places: JSON.stringify(input.places),
      geometry: input.geometry ? JSON.stringify(input.geometry) : null,
      regions: JSON.stringify(regions),
      planned_start: input.plannedStart,
      planned_end: input.plannedEnd,
      women: input.women,
      men: input.men,
      engagement_teams: input.engagementTeams,
      vehicles: input.vehicles,
    },
  };
}

async function requireOpenUnits(trx: Trx, units: readonly string[]): Promise<void> {
  for (const unit of units) await requireOpenUnit(trx, unit);
}

async function readable(db: Db | Trx, actor: Actor | null, id: string): Promise<{ row: OperationRow; units: string[] } | null> {
  const row = await findReadable(db, id, readerOf(actor));
  if (!row) return null;
  const units = (await unitsOf(db, [id])).get(id) ?? [];
  // The SQL filter and the policy agree (tests/operations.test.ts); both are asked.
  return can(actor, 'read', guardOf(row, units)) ? { row, units } : null;
}

// ---- Writes -------------------------------------------------------------------------------

export async function planOperation(ctx: AppContext, actor: Actor, input: OperationInputParsed, locale: Locale): Promise<Operation> {
  if (!mayPlan(actor, input.unit)) throw new AppError(403, 'forbidden');
  const { values, units, errors } = resolve(input);
  throwFieldErrors(errors);
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnits(trx, units);
    const at = ctx.now().toISOString();
    await insertOperation(
      trx,
      {
        ...values,
        id,
        status: 'planned',
        actual_start: null,
        actual_end: null,
        outcome: '',
        observations: '',
        created_by: actor.id,
        created_by_label: actor.label,
        created_at: at,
        updated_at: at,
        version: 1,
      },
      units,
    );
    await insertStep(trx, {
      id: randomUUID(),
      operation_id: id,
      from_status: null,
      to_status: 'planned',
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment: '',
    });
    return {
      result: undefined,
      audit: { action: 'operation.plan', recordType: RECORD_TYPE, recordId: id, details: { type: input.type, unit: input.unit } },
    };
  });
  return getOperation(ctx, actor, id, locale);
}

const HISTORY_FIELDS = [
  'type',
  'unit_code',
  'classification',
  'title_fr',
  'title_en',
  'orders',
  'sector',
  'places',
  'geometry',
  'planned_start',
  'planned_end',
  'women',
  'men',
  'engagement_teams',
  'vehicles',
] as const;

export async function updateOperation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: OperationInputParsed,
  locale: Locale,
): Promise<Operation> {
  const found = await readable(ctx.database.db, actor, id);
  if (!found) throw notFound();
  const { row } = found;
  if (row.status !== 'planned' && row.status !== 'ordered') throw new AppError(409, 'operation_frozen');
  if (!mayEditOperation(actor, row, found.units) || !mayPlan(actor, input.unit)) throw new AppError(403, 'forbidden');
  const { values, units, errors } = resolve(input);
  throwFieldErrors(errors);
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnits(trx, units);
    const at = ctx.now().toISOString();
    const changes = diff(
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, row[f]])),
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, values[f]])),
    );
    if (found.units.join(',') !== units.toSorted().join(','))
      changes.units = { from: found.units.join(','), to: units.toSorted().join(',') };
    if (!(await updateOperationIfVersion(trx, id, version, { ...values, updated_at: at }))) throw versionConflict();
    await replaceUnits(trx, id, units);
    await appendHistory(trx, { recordType: RECORD_TYPE, recordId: id, version: version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'operation.update', recordType: RECORD_TYPE, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getOperation(ctx, actor, id, locale);
}

/**
 * A move of the lifecycle. Completing takes the report: actual times, personnel, outcome and the
 * incidents met or produced, each of which the reporter must be able to read.
 */
export async function transitionOperation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: OperationTransitionBody,
  locale: Locale,
  /** The device's key for this move (a report written in the field): taken with it, once. */
  submission?: Submission,
): Promise<Operation> {
  const db = ctx.database.db;
  const found = await readable(db, actor, id);
  if (!found) throw notFound();
  const { row, units } = found;
  const move = OPERATION_TRANSITIONS[body.action];
  if (!(move.from as readonly string[]).includes(row.status)) throw new AppError(409, 'operation_transition_not_allowed');
  if (!allowedTransitions(actor, row, units).includes(body.action)) throw new AppError(403, 'forbidden');
  const at = ctx.now().toISOString();
  const values: Partial<OperationTable> = { status: move.to, updated_at: at };
  const links: { incident_id: string; relation: string }[] = [];
  if (body.action === 'cancel' && body.comment === '') throwFieldErrors([{ path: ['comment'], message: 'comment_required' }]);
  if (body.action === 'start') values.actual_start = body.at ?? at;
  if (body.action === 'complete') {
    const report = body.report;
    if (!report) throwFieldErrors([{ path: ['report'], message: 'report_required' }]);
    else {
      const errors: FieldRuleError[] = [];
      if (report.actualEnd < report.actualStart) errors.push({ path: ['report', 'actualEnd'], message: 'end_before_start' });
      if (report.actualEnd > at) errors.push({ path: ['report', 'actualEnd'], message: 'in_future' });
      const refs = [...new Set(report.incidents.map((l) => l.ref))];
      const found = await incidentsByRefWithShares(db, refs);
      const readableRefs = new Map(
        found.filter((f) => can(actor, 'read', incidentGuard(f.row, f.shares))).map((f) => [f.row.ref, f.row.id]),
      );
      const seen = new Set<string>();
      report.incidents.forEach((link, i) => {
        const incident = readableRefs.get(link.ref);
        // An incident the reporter may not read is reported as unknown: its existence is not disclosed.
        if (!incident) errors.push({ path: ['report', 'incidents', i, 'ref'], message: 'incident_unknown' });
        else if (seen.has(incident)) errors.push({ path: ['report', 'incidents', i, 'ref'], message: 'incident_twice' });
        else {
          seen.add(incident);
          links.push({ incident_id: incident, relation: link.relation });
        }
      });
      throwFieldErrors(errors);
      Object.assign(values, {
        actual_start: report.actualStart,
        actual_end: report.actualEnd,
        women: report.women,
        men: report.men,
        engagement_teams: report.engagementTeams,
        vehicles: report.vehicles,
        outcome: report.outcome,
        observations: report.observations,
      });
    }
  }
  await auditedTransaction(
    ctx,
    actor,
    async (trx) => {
      if (!(await updateOperationIfVersion(trx, id, body.version, values))) throw versionConflict();
      await insertIncidentLinks(
        trx,
        links.map((l) => ({ ...l, operation_id: id })),
      );
      await insertStep(trx, {
        id: randomUUID(),
        operation_id: id,
        from_status: row.status,
        to_status: move.to,
        actor_id: actor.id,
        actor_label: actor.label,
        at,
        comment: body.comment,
      });
      return {
        result: undefined,
        audit: {
          action: `operation.${body.action}`,
          recordType: RECORD_TYPE,
          recordId: id,
          details: { from: row.status, to: move.to, ...(links.length > 0 ? { incidents: links.length } : {}) },
        },
      };
    },
    submission,
  );
  return getOperation(ctx, actor, id, locale);
}

// ---- Reads --------------------------------------------------------------------------------

const title = (row: Pick<OperationRow, 'title_fr' | 'title_en'>, locale: Locale) =>
  locale === 'en' && row.title_en !== '' ? row.title_en : row.title_fr;

export async function getOperation(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Operation> {
  const db = ctx.database.db;
  const found = await readable(db, actor, id);
  if (!found) throw notFound();
  const { row, units } = found;
  const rel = await operationRelations(db, id);
  const incidents = await incidentsWithShares(
    db,
    rel.incidents.map((l) => l.incident_id),
  );
  const visible = new Map(incidents.filter((f) => can(actor, 'read', incidentGuard(f.row, f.shares))).map((f) => [f.row.id, f.row]));
  const ids = [row.created_by, ...rel.steps.map((s) => s.actor_id)];
  const names = new Map((await userNames(ctx, [...new Set(ids)])).map((u) => [u.id, u.name]));
  const person = (pid: string, label: string) => ({ id: pid, name: names.get(pid) || label });
  return {
    id: row.id,
    type: row.type as OperationType,
    typeName: termName(OPERATION_TYPE_TERMS, row.type, locale),
    status: row.status as OperationStatus,
    unit: row.unit_code,
    units,
    classification: row.classification as Operation['classification'],
    titleFr: row.title_fr,
    titleEn: row.title_en,
    orders: row.orders,
    sector: row.sector as Operation['sector'],
    sectorName: termName(SECTOR_TERMS, row.sector, locale),
    places: JSON.parse(row.places) as string[],
    geometry: row.geometry ? (JSON.parse(row.geometry) as OperationGeometry) : null,
    regions: (JSON.parse(row.regions) as string[]).map((r) => findArea(r)?.name ?? r),
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    actualStart: row.actual_start,
    actualEnd: row.actual_end,
    women: row.women,
    men: row.men,
    engagementTeams: row.engagement_teams,
    vehicles: row.vehicles,
    outcome: row.outcome,
    observations: row.observations,
    incidents: rel.incidents.flatMap((l) => {
      const incident = visible.get(l.incident_id);
      return incident
        ? [
            {
              id: incident.id,
              ref: incident.ref,
              title: incident.title,
              occurredOn: incident.occurred_on,
              relation: l.relation as 'met' | 'produced',
            },
          ]
        : [];
    }),
    steps: rel.steps.map((s) => ({
      from: s.from_status as OperationStatus | null,
      to: s.to_status as OperationStatus,
      by: person(s.actor_id, s.actor_label),
      at: s.at,
      comment: s.comment,
    })),
    createdBy: person(row.created_by, row.created_by_label),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    may: mayOnOperation(actor, row, units),
  };
}

function encodeCursor(row: OperationRow): string {
  return Buffer.from(JSON.stringify([row.planned_start, row.id])).toString('base64url');
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return [parsed[0], parsed[1]];
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'invalid_cursor');
}

/** The log the reader may see, filtered in SQL, one keyset page at a time. */
export async function listOperations(
  ctx: AppContext,
  actor: Actor | null,
  query: OperationFilter & { limit: number; after?: string | undefined },
  locale: Locale,
): Promise<{ items: OperationSummary[]; next: string | null }> {
  const db = ctx.database.db;
  const rows = await listPage(db, query, readerOf(actor), query.limit + 1, decodeCursor(query.after));
  const page = rows.slice(0, query.limit);
  const units = await unitsOf(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      type: row.type as OperationType,
      typeName: termName(OPERATION_TYPE_TERMS, row.type, locale),
      status: row.status as OperationStatus,
      unit: row.unit_code,
      units: units.get(row.id) ?? [],
      sector: row.sector as OperationSummary['sector'],
      title: title(row, locale),
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      classification: row.classification as OperationSummary['classification'],
    })),
    next: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function operationCounts(ctx: AppContext, actor: Actor | null, filter: OperationFilter): Promise<OperationCounts> {
  const groups = await countsBy(ctx.database.db, filter, readerOf(actor));
  const byStatus = new Map<OperationStatus, number>();
  const byType = new Map<OperationType, number>();
  let total = 0;
  for (const g of groups) {
    total += g.n;
    byStatus.set(g.status as OperationStatus, (byStatus.get(g.status as OperationStatus) ?? 0) + g.n);
    byType.set(g.type as OperationType, (byType.get(g.type as OperationType) ?? 0) + g.n);
  }
  return {
    total,
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
    byType: [...byType].map(([type, count]) => ({ type, count })),
  };
}

const MAP_LIMIT = 2000;

export async function operationMap(ctx: AppContext, actor: Actor | null, filter: OperationFilter, locale: Locale): Promise<OperationMap> {
  const rows = await withGeometry(ctx.database.db, filter, readerOf(actor), MAP_LIMIT);
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      geometry: JSON.parse(row.geometry ?? 'null') as OperationGeometry,
      properties: {
        title: title(row, locale),
        type: row.type as OperationType,
        status: row.status as OperationStatus,
        unit: row.unit_code,
      },
    })),
  };
}

/** Every operation of the filter the reader may see, page after page, for the CSV export and the situation picture. */
export async function* operationRows(ctx: AppContext, actor: Actor | null, filter: OperationRowFilter) {
  const db = ctx.database.db;
  let after: Cursor | null = null;
  for (;;) {
    const rows = await listPage(db, filter, readerOf(actor), 500, after);
    const units = await unitsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) yield { row, units: units.get(row.id) ?? [] };
    const last = rows.at(-1);
    if (rows.length < 500 || !last) return;
    after = [last.planned_start, last.id];
  }
}

export function recordOperationExport(ctx: AppContext, actor: Actor, filter: OperationFilter): Promise<void> {
  return recordAudit(ctx, actor, {
    action: 'operation.export',
    recordType: RECORD_TYPE,
    details: { format: 'csv', filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
}

export function operationVocabulary(locale: Locale): OperationVocabulary {
  return { ...operationVocabularyTerms(locale), places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')) };
}

/** Which of `ids` the reader may read now, by the log's rule (the situation report's need-to-know check). */
export async function readableOperationIds(ctx: AppContext, actor: Actor | null, ids: readonly string[]): Promise<Set<string>> {
  return readableIds(ctx.database.db, [...new Set(ids)], readerOf(actor));
}
