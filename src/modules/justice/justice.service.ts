import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  type Assessment,
  type assessmentInputSchema,
  type assessmentUpdateSchema,
  categoryOf,
  FACILITY_KINDS,
  type Facility,
  type FacilityDetail,
  type FacilityKind,
  type FacilityStatus,
  type facilityFilterSchema,
  type facilityInputSchema,
  type facilityUpdateSchema,
  type incidentLinkInputSchema,
  JUSTICE_UNIT,
  type JusticeVocabulary,
  type populationInputSchema,
  STAFF_ROLES,
  STATUSES,
} from '../../contracts/justice.js';
import { findArea, locate, regions } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { KIND_NAMES, ROLE_NAMES, STATUS_NAMES } from '../../data/vocab/justice.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { guardOf as incidentGuard, incidentIdsByRef, incidentsWithShares } from '../incidents/incidents.read.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { countTable, latestAssessments, populationCells, published, SEXES } from './justice.figures.js';
import { guardOf, mayCorrect, mayCreateFacility, mayRecord } from './justice.policy.js';
import {
  type AssessmentRow,
  type FacilityRow,
  findAssessment,
  findFacilities,
  findFacility,
  insertAssessment,
  insertFacility,
  insertIncidentLink,
  insertPopulation,
  listAssessmentRows,
  listFacilityRows,
  listIncidentLinks,
  listPopulationRows,
  type PopulationRow,
  updateAssessmentIfVersion,
  updateFacilityIfVersion,
} from './justice.repository.js';

export { functionalShare, latestAssessments } from './justice.figures.js';

/**
 * Justice and corrections: courts and prisons with their place on the map; dated status
 * assessments, every one kept, the latest of each facility counted in the shares of functional
 * courts and prisons, beside the fact book's figures; the computerised prison-data system; prison
 * population with its pre-trial detainees by sex; incidents in prisons linked to the incident log.
 * What counts people is published to the public with small-cell suppression.
 */

const FACILITY = 'justice_facility';
const ASSESSMENT = 'justice_assessment';
const POPULATION = 'justice_population';

type FacilityInput = z.output<typeof facilityInputSchema>;
type FacilityUpdate = z.output<typeof facilityUpdateSchema>;
type AssessmentInput = z.output<typeof assessmentInputSchema>;
type AssessmentUpdate = z.output<typeof assessmentUpdateSchema>;
type PopulationInput = z.output<typeof populationInputSchema>;
export type FacilityFilter = z.output<typeof facilityFilterSchema>;

interface StaffEntry {
  role: string;
  women: number;
  men: number;
}

export function justiceVocabulary(locale: Locale): JusticeVocabulary {
  return {
    kinds: FACILITY_KINDS.map((code) => ({ code, category: categoryOf(code), name: KIND_NAMES[code][locale] })),
    statuses: STATUSES.map((code) => ({ code, name: STATUS_NAMES[code][locale] })),
    roles: STAFF_ROLES.map((code) => ({ code, name: ROLE_NAMES[code]?.[locale] ?? code })),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
    regions: regions().map((r) => ({ id: r.id, name: r.name })),
  };
}

function presentFacility(row: FacilityRow, latest: AssessmentRow | undefined, locale: Locale): Facility {
  const kind = row.kind as FacilityKind;
  return {
    id: row.id,
    kind,
    kindName: KIND_NAMES[kind]?.[locale] ?? row.kind,
    category: categoryOf(row.kind),
    name: row.name,
    jurisdiction: row.jurisdiction,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    region: row.region,
    regionName: findArea(row.region)?.name ?? row.region,
    cercle: row.cercle,
    cercleName: row.cercle ? (findArea(row.cercle)?.name ?? row.cercle) : null,
    computerised: row.computerised === 1,
    computerisedSince: row.computerised_since,
    classification: row.classification as Facility['classification'],
    version: row.version,
    latest: latest ? { assessedOn: latest.assessed_on, status: latest.status as FacilityStatus } : null,
  };
}

function matches(facility: Facility, filter: FacilityFilter): boolean {
  if (filter.category && facility.category !== filter.category) return false;
  if (filter.kind && facility.kind !== filter.kind) return false;
  if (filter.region && facility.region !== filter.region) return false;
  if (filter.status === 'unassessed') return facility.latest === null;
  if (filter.status && facility.latest?.status !== filter.status) return false;
  return true;
}

export async function readableFacilities(
  ctx: AppContext,
  actor: Actor | null,
  filter: FacilityFilter,
  locale: Locale,
): Promise<Facility[]> {
  const scope = readScope(actor);
  const [rows, assessments] = await Promise.all([listFacilityRows(ctx.database.db, scope), listAssessmentRows(ctx.database.db, scope)]);
  const latest = latestAssessments(assessments);
  return rows.map((row) => presentFacility(row, latest.get(row.id), locale)).filter((f) => matches(f, filter));
}

export async function listFacilities(ctx: AppContext, actor: Actor | null, filter: FacilityFilter, locale: Locale) {
  return { facilities: await readableFacilities(ctx, actor, filter, locale), may: { create: mayCreateFacility(actor) } };
}

async function readableFacility(ctx: AppContext, actor: Actor | null, id: string): Promise<FacilityRow> {
  const row = await findFacility(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

function presentStaff(ctx: AppContext, staff: readonly StaffEntry[], locale: Locale, suppress: boolean): Assessment['staff'] {
  if (staff.length === 0) return [];
  const roles = staff.map((s) => s.role);
  const table = countTable(
    ctx,
    roles,
    SEXES,
    (role, sex) => {
      const entry = staff.find((s) => s.role === role);
      return entry ? (sex === 'women' ? entry.women : entry.men) : 0;
    },
    suppress,
  );
  return staff.map((s) => ({
    role: s.role as Assessment['staff'][number]['role'],
    roleName: ROLE_NAMES[s.role]?.[locale] ?? s.role,
    women: table.cell(s.role, 'women'),
    men: table.cell(s.role, 'men'),
  }));
}

export async function getFacility(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<FacilityDetail> {
  const row = await readableFacility(ctx, actor, id);
  const scope = readScope(actor);
  const [assessments, counts, links] = await Promise.all([
    listAssessmentRows(ctx.database.db, scope, id),
    listPopulationRows(ctx.database.db, scope, id),
    listIncidentLinks(ctx.database.db, id),
  ]);
  const latest = latestAssessments(assessments).get(id);
  const suppress = published(actor);
  const correct = mayCorrect(actor, row);
  const record = mayRecord(actor, row);
  const prison = categoryOf(row.kind) === 'prison';
  // Only the incidents the reader may read in the incident log.
  const incidents = (await incidentsWithShares(ctx.database.db, [...links.map((l) => l.incident_id)]))
    .filter(({ row: incident, shares }) => can(actor, 'read', incidentGuard(incident, shares)))
    .map(({ row: incident }) => ({ id: incident.id, ref: incident.ref, title: incident.title, occurredOn: incident.occurred_on }))
    .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
  return {
    ...presentFacility(row, latest, locale),
    assessments: assessments
      .map((a) => ({
        id: a.id,
        assessedOn: a.assessed_on,
        status: a.status as FacilityStatus,
        staff: presentStaff(ctx, JSON.parse(a.staff) as StaffEntry[], locale, suppress),
        source: a.source,
        note: a.note,
        authorLabel: a.author_label,
        recordedAt: a.recorded_at,
        version: a.version,
        current: a.id === latest?.id,
        may: { correct },
      }))
      .reverse(),
    population: counts
      .map((c) => ({
        id: c.id,
        countedOn: c.counted_on,
        ...populationCells(ctx, [c], suppress),
        source: c.source,
        authorLabel: c.author_label,
        recordedAt: c.recorded_at,
      }))
      .reverse(),
    incidents,
    may: { edit: correct, assess: record, count: record && prison, link: record && prison },
  };
}

/** The facility's place: a place of the gazetteer, or coordinates inside Mali; its region and cercle. */
function resolvePlace(input: FacilityInput, errors: FieldRuleError[]) {
  if (input.latitude !== null && input.longitude !== null) {
    const hit = locate(input.latitude, input.longitude);
    if (!hit) errors.push({ path: ['latitude'], message: 'outside_mali' });
    else return { latitude: input.latitude, longitude: input.longitude, region: hit.region.id, cercle: hit.cercle.id };
  } else if (input.latitude !== null || input.longitude !== null) {
    errors.push({ path: [input.latitude === null ? 'latitude' : 'longitude'], message: 'coordinates_pair' });
  } else if (input.place) {
    const known = gazetteer().get(input.place);
    const region = known && findArea(known.regionIso);
    if (!known || !region) errors.push({ path: ['place'], message: 'unknown_place' });
    else if (known.lat !== null && known.lon !== null) {
      const hit = locate(known.lat, known.lon);
      return { latitude: known.lat, longitude: known.lon, region: hit?.region.id ?? region.id, cercle: hit?.cercle.id ?? null };
    } else {
      const [lon, lat] = region.centroid;
      return { latitude: lat, longitude: lon, region: region.id, cercle: null };
    }
  } else errors.push({ path: ['place'], message: 'location_required' });
  return null;
}

function facilityValues(input: FacilityInput) {
  const errors: FieldRuleError[] = [];
  const place = resolvePlace(input, errors);
  const prison = categoryOf(input.kind) === 'prison';
  if (input.computerised && !prison) errors.push({ path: ['computerised'], message: 'justice_computerised_court' });
  if (input.computerisedSince !== null && !input.computerised)
    errors.push({ path: ['computerisedSince'], message: 'justice_since_without_system' });
  throwFieldErrors(errors);
  if (!place) throw new AppError(400, 'validation');
  return {
    kind: input.kind,
    name: input.name,
    jurisdiction: input.jurisdiction,
    place: input.place,
    ...place,
    computerised: input.computerised ? 1 : 0,
    computerised_since: input.computerised ? input.computerisedSince : null,
    classification: input.classification,
  };
}

export async function createFacility(ctx: AppContext, actor: Actor, input: FacilityInput, locale: Locale): Promise<FacilityDetail> {
  if (!mayCreateFacility(actor)) throw forbidden();
  const values = facilityValues(input);
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, JUSTICE_UNIT);
    const now = ctx.now().toISOString();
    await insertFacility(trx, {
      id,
      ...values,
      unit_code: JUSTICE_UNIT,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    return {
      result: undefined,
      audit: { action: 'justice.facility.create', recordType: FACILITY, recordId: id, details: { kind: input.kind, name: input.name } },
    };
  });
  return getFacility(ctx, actor, id, locale);
}

/** A manager of the section corrects a facility; a stale version is a 409. */
export async function updateFacility(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: FacilityUpdate,
  locale: Locale,
): Promise<FacilityDetail> {
  const row = await readableFacility(ctx, actor, id);
  if (!mayCorrect(actor, row)) throw forbidden();
  const next = facilityValues(body);
  const changes = diff(row as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    if (categoryOf(next.kind) !== categoryOf(row.kind)) {
      const [counts, links] = await Promise.all([listPopulationRows(trx, readScope(actor), id), listIncidentLinks(trx, id)]);
      if (counts.length > 0 || links.length > 0) throw new AppError(409, 'justice_category_fixed');
    }
    const at = ctx.now().toISOString();
    if (!(await updateFacilityIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: FACILITY, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'justice.facility.update', recordType: FACILITY, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getFacility(ctx, actor, id, locale);
}

export async function facilityHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableFacility(ctx, actor, id);
  return readHistory(ctx.database.db, FACILITY, id);
}

// ---------------------------------------------------------------------------------------------
// Assessments, population, incidents

function notAfterToday(ctx: AppContext, date: string, path: string, errors: FieldRuleError[]): void {
  if (date > ctx.now().toISOString().slice(0, 10)) errors.push({ path: [path], message: 'justice_future_date' });
}

function assessmentErrors(ctx: AppContext, input: AssessmentInput): FieldRuleError[] {
  const errors: FieldRuleError[] = [];
  notAfterToday(ctx, input.assessedOn, 'assessedOn', errors);
  const seen = new Set<string>();
  input.staff.forEach((s, i) => {
    if (seen.has(s.role)) errors.push({ path: ['staff', i, 'role'], message: 'justice_role_twice' });
    seen.add(s.role);
  });
  return errors;
}

const staffJson = (staff: AssessmentInput['staff']) => JSON.stringify(staff.map((s) => ({ role: s.role, women: s.women, men: s.men })));

/** Records a dated assessment; earlier ones stay as the facility's history. */
export async function assessFacility(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AssessmentInput,
  locale: Locale,
): Promise<FacilityDetail> {
  const row = await readableFacility(ctx, actor, id);
  if (!mayRecord(actor, row)) throw forbidden();
  throwFieldErrors(assessmentErrors(ctx, input));
  await auditedTransaction(ctx, actor, async (trx) => {
    const previous = await listAssessmentRows(trx, readScope(actor), id);
    // Recorded strictly after every earlier assessment, so "latest recorded" is never a tie.
    const last = previous.reduce<string | undefined>(
      (max, a) => (max === undefined || a.recorded_at > max ? a.recorded_at : max),
      undefined,
    );
    let at = ctx.now();
    if (last && at.toISOString() <= last) at = new Date(Date.parse(last) + 1);
    const assessment: AssessmentRow = {
      id: randomUUID(),
      facility_id: id,
      assessed_on: input.assessedOn,
      status: input.status,
      staff: staffJson(input.staff),
      source: input.source,
      note: input.note,
      author_id: actor.id,
      author_label: actor.label,
      recorded_at: at.toISOString(),
      updated_at: at.toISOString(),
      version: 1,
    };
    await insertAssessment(trx, assessment);
    return {
      result: undefined,
      audit: {
        action: 'justice.assessment.create',
        recordType: ASSESSMENT,
        recordId: assessment.id,
        details: { facility: id, assessedOn: input.assessedOn, status: input.status },
      },
    };
  });
  return getFacility(ctx, actor, id, locale);
}

/** A manager of the section corrects an assessment; the change is kept in its history. */
export async function correctAssessment(
  ctx: AppContext,
  actor: Actor,
  assessmentId: string,
  body: AssessmentUpdate,
  locale: Locale,
): Promise<FacilityDetail> {
  const assessment = await findAssessment(ctx.database.db, assessmentId);
  if (!assessment) throw notFound();
  const row = await readableFacility(ctx, actor, assessment.facility_id);
  if (!mayCorrect(actor, row)) throw forbidden();
  throwFieldErrors(assessmentErrors(ctx, body));
  const next = { assessed_on: body.assessedOn, status: body.status, staff: staffJson(body.staff), source: body.source, note: body.note };
  const changes = diff(assessment as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateAssessmentIfVersion(trx, assessmentId, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: ASSESSMENT, recordId: assessmentId, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: {
        action: 'justice.assessment.update',
        recordType: ASSESSMENT,
        recordId: assessmentId,
        details: { facility: row.id, fields: Object.keys(changes) },
      },
    };
  });
  return getFacility(ctx, actor, row.id, locale);
}

export async function assessmentHistory(ctx: AppContext, actor: Actor | null, assessmentId: string) {
  const assessment = await findAssessment(ctx.database.db, assessmentId);
  if (!assessment) throw notFound();
  await readableFacility(ctx, actor, assessment.facility_id);
  return readHistory(ctx.database.db, ASSESSMENT, assessmentId);
}

function requirePrison(row: FacilityRow): void {
  if (categoryOf(row.kind) !== 'prison') throw new AppError(409, 'justice_not_prison');
}

/** A dated count of a prison's population, with its pre-trial detainees by sex. */
export async function countPopulation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PopulationInput,
  locale: Locale,
): Promise<FacilityDetail> {
  const row = await readableFacility(ctx, actor, id);
  if (!mayRecord(actor, row)) throw forbidden();
  requirePrison(row);
  const errors: FieldRuleError[] = [];
  notAfterToday(ctx, input.countedOn, 'countedOn', errors);
  if (input.pretrialWomen > input.women) errors.push({ path: ['pretrialWomen'], message: 'justice_pretrial_exceeds' });
  if (input.pretrialMen > input.men) errors.push({ path: ['pretrialMen'], message: 'justice_pretrial_exceeds' });
  throwFieldErrors(errors);
  await auditedTransaction(ctx, actor, async (trx) => {
    const count: PopulationRow = {
      id: randomUUID(),
      facility_id: id,
      counted_on: input.countedOn,
      women: input.women,
      men: input.men,
      pretrial_women: input.pretrialWomen,
      pretrial_men: input.pretrialMen,
      source: input.source,
      author_id: actor.id,
      author_label: actor.label,
      recorded_at: ctx.now().toISOString(),
    };
    await insertPopulation(trx, count);
    return {
      result: undefined,
      audit: {
        action: 'justice.population.create',
        recordType: POPULATION,
        recordId: count.id,
        details: { facility: id, countedOn: input.countedOn },
      },
    };
  });
  return getFacility(ctx, actor, id, locale);
}

/** Links an incident of the log, one the recorder may read, to a prison. */
export async function linkIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof incidentLinkInputSchema>,
  locale: Locale,
): Promise<FacilityDetail> {
  const row = await readableFacility(ctx, actor, id);
  if (!mayRecord(actor, row)) throw forbidden();
  requirePrison(row);
  const [known] = await incidentIdsByRef(ctx.database.db, [input.ref.toUpperCase()]);
  const [found] = known ? await incidentsWithShares(ctx.database.db, [known.id]) : [];
  if (!found || !can(actor, 'read', incidentGuard(found.row, found.shares))) {
    throwFieldErrors([{ path: ['ref'], message: 'justice_incident_unknown' }]);
    return getFacility(ctx, actor, id, locale);
  }
  const incidentId = found.row.id;
  await auditedTransaction(ctx, actor, async (trx) => {
    const linked = await insertIncidentLink(trx, {
      facility_id: id,
      incident_id: incidentId,
      linked_by: actor.id,
      linked_at: ctx.now().toISOString(),
    });
    if (!linked) throw new AppError(409, 'justice_incident_linked');
    return {
      result: undefined,
      audit: { action: 'justice.incident.link', recordType: FACILITY, recordId: id, details: { incident: incidentId, ref: found.row.ref } },
    };
  });
  return getFacility(ctx, actor, id, locale);
}

export async function readableFacilityNames(ctx: AppContext, reader: Actor, ids: string[]): Promise<Map<string, string>> {
  const rows = await findFacilities(ctx.database.db, ids);
  return new Map(rows.filter((row) => can(reader, 'read', guardOf(row))).map((row) => [row.id, row.name]));
}
