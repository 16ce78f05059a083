import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ACTIVITY_TYPES,
  type Activity,
  type ActivityFilter,
  type ActivityInputParsed,
  type ActivitySummary,
  type ActivityTotals,
  type ActivityType,
  type ActivityVocabulary,
  type activityCommonInputSchema,
  type activityOccurrenceInputSchema,
  type ParticipantSums,
} from '../../contracts/activities.js';
import type { Locale } from '../../contracts/common.js';
import { findArea, locate } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import {
  ACTIVITY_AGE_BANDS,
  ACTIVITY_CATEGORIES,
  ACTIVITY_TOPICS,
  ACTIVITY_TYPE_TERMS,
  activityTermName,
} from '../../data/vocab/activities.js';
import type { ActivityTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import type { Submission } from '../../platform/submissions.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { readableProjectTitles } from '../projects/projects.service.js';
import { userNames } from '../users/users.service.js';
import { activityUnitsOf, guardOf, mayCreateActivity, mayEditActivity, mayOnActivity } from './activities.policy.js';
import {
  type ActivityBandRow,
  type ActivityRow,
  activityBands,
  type Cursor,
  findActivities,
  findActivity,
  insertActivity,
  listPage,
  replaceBands,
  sumsByType,
  updateActivityIfVersion,
} from './activities.repository.js';

export { participantTotals } from './activities.read.js';

const RECORD_TYPE = 'activity';

type Common = z.output<typeof activityCommonInputSchema>;
type Occurrence = z.output<typeof activityOccurrenceInputSchema>;
type Values = Omit<ActivityTable, 'id' | 'series_id' | 'created_by' | 'created_by_label' | 'created_at' | 'updated_at' | 'version'>;

/** A checked activity: its stored values and bands, or the fields that break a rule. */
export interface Checked {
  values: Values;
  bands: ActivityBandRow[];
  errors: FieldRuleError[];
}

/**
 * The rules of one occurrence (when, where, who came): the end not before the start, a place of
 * the gazetteer or coordinates inside Mali, and participants whose parts add up: women + men and
 * children + adults make the same total, and finer age bands, when given, add up to both.
 */
function checkOccurrence(o: Occurrence): {
  errors: FieldRuleError[];
  bands: ActivityBandRow[];
  place: Pick<Values, 'place' | 'latitude' | 'longitude' | 'region'> | null;
} {
  const errors: FieldRuleError[] = [];
  if (o.endDate < o.startDate) errors.push({ path: ['endDate'], message: 'end_before_start' });

  let place: Pick<Values, 'place' | 'latitude' | 'longitude' | 'region'> | null = null;
  const p = o.place;
  if (p.latitude !== null && p.longitude !== null) {
    // The same boundary check as projects and the incident log: coordinates fall inside Mali's regions.
    const hit = locate(p.latitude, p.longitude);
    if (!hit) errors.push({ path: ['place', 'latitude'], message: 'outside_mali' });
    else place = { place: p.place, latitude: p.latitude, longitude: p.longitude, region: hit.region.id };
  } else if (p.latitude !== null || p.longitude !== null) {
    errors.push({ path: ['place', p.latitude === null ? 'latitude' : 'longitude'], message: 'coordinates_pair' });
  } else if (p.place) {
    const known = gazetteer().get(p.place);
    const region = known && findArea(known.regionIso);
    if (!known || !region) errors.push({ path: ['place', 'place'], message: 'unknown_place' });
    else {
      const [lon, lat] = known.lat !== null && known.lon !== null ? [known.lon, known.lat] : region.centroid;
      place = { place: p.place, latitude: lat, longitude: lon, region: region.id };
    }
  } else errors.push({ path: ['place', 'place'], message: 'location_required' });

  const n = o.participants;
  const total = n.women + n.men;
  if (n.total !== null && n.total !== total) errors.push({ path: ['participants', 'total'], message: 'participants_sex_sum' });
  if (n.children + n.adults !== total) errors.push({ path: ['participants', 'adults'], message: 'participants_age_sum' });
  const bands: ActivityBandRow[] = [];
  const seen = new Set<string>();
  n.bands.forEach((b, i) => {
    if (seen.has(b.band)) errors.push({ path: ['participants', 'bands', i, 'band'], message: 'band_twice' });
    seen.add(b.band);
    if (b.women + b.men > 0) bands.push({ band: b.band, women: b.women, men: b.men });
  });
  if (n.bands.length > 0) {
    const sum = (pick: (b: (typeof n.bands)[number]) => number, child?: boolean) =>
      n.bands
        .filter((b) => child === undefined || ACTIVITY_AGE_BANDS.find((a) => a.code === b.band)?.child === child)
        .reduce((s, b) => s + pick(b), 0);
    if (sum((b) => b.women) !== n.women) errors.push({ path: ['participants', 'bands'], message: 'bands_women_sum' });
    else if (sum((b) => b.men) !== n.men) errors.push({ path: ['participants', 'bands'], message: 'bands_men_sum' });
    else if (sum((b) => b.women + b.men, true) !== n.children)
      errors.push({ path: ['participants', 'bands'], message: 'bands_children_sum' });
  }
  return { errors, bands, place };
}

/** The projects among `ids` that `actor` may read: an activity links only those. */
async function readableProjects(ctx: AppContext, actor: Actor, ids: readonly (string | null)[], locale: Locale): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  return new Set((await readableProjectTitles(ctx, actor, wanted, locale)).keys());
}

/** Checks one activity: the common part and one occurrence, the project among those `actor` may read. */
export function checkActivity(common: Common, occurrence: Occurrence, projects: ReadonlySet<string>): Checked {
  const { errors, bands, place } = checkOccurrence(occurrence);
  if (common.project !== null && !projects.has(common.project)) errors.push({ path: ['project'], message: 'unknown_project' });
  const n = occurrence.participants;
  const values: Values = {
    unit_code: common.unit,
    classification: common.classification,
    type: common.type,
    topic: common.topic,
    title: common.title,
    start_date: occurrence.startDate,
    end_date: occurrence.endDate,
    place: place?.place ?? null,
    latitude: place?.latitude ?? 0,
    longitude: place?.longitude ?? 0,
    region: place?.region ?? '',
    target_group: common.targetGroup,
    category: common.category,
    women: n.women,
    men: n.men,
    children: n.children,
    adults: n.adults,
    facilitators: common.facilitators,
    project_id: common.project,
    notes: common.notes,
  };
  return { values, bands, errors };
}

function split(input: ActivityInputParsed): [Common, Occurrence] {
  const { startDate, endDate, place, participants, ...common } = input;
  return [common, { startDate, endDate, place, participants }];
}

/** Writes checked activities in an open transaction, each with its own audit entry. */
async function insertAll(
  ctx: AppContext,
  trx: Parameters<Parameters<typeof auditedTransaction>[2]>[0],
  actor: Actor,
  checked: readonly Checked[],
  series: string | null,
  action: string,
) {
  const at = ctx.now().toISOString();
  const ids: string[] = [];
  for (const { values, bands } of checked) {
    const id = randomUUID();
    ids.push(id);
    await insertActivity(
      trx,
      { ...values, id, series_id: series, created_by: actor.id, created_by_label: actor.label, created_at: at, updated_at: at, version: 1 },
      bands,
    );
  }
  const audit = ids.map((id) => ({
    action,
    recordType: RECORD_TYPE,
    recordId: id,
    details: { unit: checked[0]?.values.unit_code ?? '', type: checked[0]?.values.type ?? '', ...(series ? { series } : {}) },
  }));
  return { ids, audit };
}

/** Records one activity of a unit the requester writes for. */
export async function createActivity(
  ctx: AppContext,
  actor: Actor,
  input: ActivityInputParsed,
  locale: Locale,
  submission?: Submission,
): Promise<Activity> {
  if (!mayCreateActivity(actor, input.unit)) throw forbidden();
  const [common, occurrence] = split(input);
  const checked = checkActivity(common, occurrence, await readableProjects(ctx, actor, [common.project], locale));
  throwFieldErrors(checked.errors);
  const [id] = await auditedTransaction(
    ctx,
    actor,
    async (trx) => {
      await requireOpenUnit(trx, input.unit);
      const { ids, audit } = await insertAll(ctx, trx, actor, [checked], null, 'activity.create');
      return { result: ids, audit };
    },
    submission,
  );
  return getActivity(ctx, actor, id ?? '', locale);
}

/**
 * The same activity at several dates or places: every occurrence is checked first, and either all
 * are recorded, sharing a series id, or none (any error names its occurrence).
 */
export async function createActivitySeries(
  ctx: AppContext,
  actor: Actor,
  input: { activity: Common; occurrences: Occurrence[] },
  locale: Locale,
): Promise<{ series: string; ids: string[] }> {
  if (!mayCreateActivity(actor, input.activity.unit)) throw forbidden();
  const projects = await readableProjects(ctx, actor, [input.activity.project], locale);
  const checked = input.occurrences.map((o) => checkActivity(input.activity, o, projects));
  const errors = checked.flatMap((c, i) =>
    c.errors.map((e) =>
      e.path[0] === 'project' ? { ...e, path: ['activity', ...e.path] } : { ...e, path: ['occurrences', i, ...e.path] },
    ),
  );
  // The project is the series' own: named once, not once per occurrence.
  const unique = errors.filter((e, i) => e.path[0] !== 'activity' || errors.findIndex((f) => f.path[0] === 'activity') === i);
  throwFieldErrors(unique);
  const series = randomUUID();
  const ids = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.activity.unit);
    const { ids, audit } = await insertAll(ctx, trx, actor, checked, series, 'activity.create');
    return { result: ids, audit };
  });
  return { series, ids };
}

/** Writes the activities of an import, all in one transaction (the caller checked every row). */
export async function insertImported(ctx: AppContext, actor: Actor, unit: string, checked: readonly Checked[]): Promise<number> {
  return auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, unit);
    const { ids, audit } = await insertAll(ctx, trx, actor, checked, null, 'activity.import');
    return { result: ids.length, audit };
  });
}

export { readableProjects };

const HISTORY_FIELDS = [
  'unit_code',
  'classification',
  'type',
  'topic',
  'title',
  'start_date',
  'end_date',
  'place',
  'latitude',
  'longitude',
  'region',
  'target_group',
  'category',
  'women',
  'men',
  'children',
  'adults',
  'facilitators',
  'project_id',
  'notes',
] as const;

async function readableRow(ctx: AppContext, actor: Actor | null, id: string): Promise<ActivityRow> {
  const row = await findActivity(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

/** Corrects an activity against the version read: a manager of its unit (and of the new unit, when it moves). */
export async function updateActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: ActivityInputParsed,
  locale: Locale,
): Promise<Activity> {
  const row = await readableRow(ctx, actor, id);
  if (!mayEditActivity(actor, row)) throw forbidden();
  if (input.unit !== row.unit_code && actor.memberships.get(input.unit) !== 'manager') throw forbidden();
  const [common, occurrence] = split(input);
  // A project linked before stays linked even if the corrector cannot read it; a new one must be readable.
  const projects = await readableProjects(ctx, actor, [common.project], locale);
  if (row.project_id) projects.add(row.project_id);
  const checked = checkActivity(common, occurrence, projects);
  throwFieldErrors(checked.errors);
  await auditedTransaction(ctx, actor, async (trx) => {
    if (input.unit !== row.unit_code) await requireOpenUnit(trx, input.unit);
    const at = ctx.now().toISOString();
    const changes = diff(
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, row[f]])),
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, checked.values[f]])),
    );
    if (!(await updateActivityIfVersion(trx, id, version, { ...checked.values, updated_at: at }))) throw versionConflict();
    await replaceBands(trx, id, checked.bands);
    await appendHistory(trx, { recordType: RECORD_TYPE, recordId: id, version: version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'activity.update', recordType: RECORD_TYPE, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getActivity(ctx, actor, id, locale);
}

export async function getActivity(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Activity> {
  const db = ctx.database.db;
  const row = await readableRow(ctx, actor, id);
  const [bands, names, titles] = await Promise.all([
    activityBands(db, id),
    userNames(ctx, [row.created_by]),
    row.project_id && actor ? readableProjectTitles(ctx, actor, [row.project_id], locale) : Promise.resolve(new Map<string, string>()),
  ]);
  const order = (band: string) => ACTIVITY_AGE_BANDS.findIndex((b) => b.code === band);
  return {
    id: row.id,
    series: row.series_id,
    unit: row.unit_code,
    classification: row.classification as Activity['classification'],
    type: row.type as ActivityType,
    topic: row.topic,
    topicName: activityTermName(ACTIVITY_TOPICS, row.topic, locale),
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    place: {
      place: row.place,
      latitude: row.latitude,
      longitude: row.longitude,
      region: row.region,
      regionName: findArea(row.region)?.name ?? row.region,
    },
    targetGroup: row.target_group,
    category: row.category,
    categoryName: activityTermName(ACTIVITY_CATEGORIES, row.category, locale),
    participants: {
      total: row.women + row.men,
      women: row.women,
      men: row.men,
      children: row.children,
      adults: row.adults,
      bands: bands
        .sort((a, b) => order(a.band) - order(b.band))
        .map((b) => ({ ...b, label: activityTermName(ACTIVITY_AGE_BANDS, b.band, locale) })),
    },
    facilitators: row.facilitators,
    project: row.project_id ? { id: row.project_id, title: titles.get(row.project_id) ?? null } : null,
    notes: row.notes,
    createdBy: { id: row.created_by, name: names[0]?.name || row.created_by_label },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    may: mayOnActivity(actor, row),
  };
}

export async function activityHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableRow(ctx, actor, id);
  return readHistory(ctx.database.db, RECORD_TYPE, id);
}

export function summarize(row: ActivityRow, locale: Locale): ActivitySummary {
  return {
    id: row.id,
    series: row.series_id,
    unit: row.unit_code,
    type: row.type as ActivityType,
    topic: row.topic,
    topicName: activityTermName(ACTIVITY_TOPICS, row.topic, locale),
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    place: row.place,
    region: row.region,
    regionName: findArea(row.region)?.name ?? row.region,
    category: row.category,
    categoryName: activityTermName(ACTIVITY_CATEGORIES, row.category, locale),
    women: row.women,
    men: row.men,
    total: row.women + row.men,
    classification: row.classification as ActivitySummary['classification'],
  };
}

function encodeCursor(row: ActivityRow): string {
  return Buffer.from(JSON.stringify([row.start_date, row.id])).toString('base64url');
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

/** The activities the reader may see, filtered in SQL within the read scope, one keyset page at a time. */
export async function listActivities(
  ctx: AppContext,
  actor: Actor | null,
  query: ActivityFilter & { limit: number; after?: string | undefined },
  locale: Locale,
): Promise<{ items: ActivitySummary[]; next: string | null }> {
  const rows = await listPage(ctx.database.db, query, readScope(actor), query.limit + 1, decodeCursor(query.after));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => summarize(r, locale)), next: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Activities and participants of a filter, by sex and by age group, in all and by type. */
export async function activityTotals(ctx: AppContext, actor: Actor | null, filter: ActivityFilter): Promise<ActivityTotals> {
  const groups = await sumsByType(ctx.database.db, filter, readScope(actor));
  const total: ParticipantSums = { activities: 0, total: 0, women: 0, men: 0, children: 0, adults: 0 };
  const byType = groups.map((g) => {
    const sums = { activities: g.activities, total: g.women + g.men, women: g.women, men: g.men, children: g.children, adults: g.adults };
    for (const key of Object.keys(total) as (keyof ParticipantSums)[]) total[key] += sums[key];
    return { type: g.type as ActivityType, ...sums };
  });
  return { total, byType };
}

/** Every activity of the filter the reader may see, page after page, for the CSV export. */
export async function* activityRows(ctx: AppContext, actor: Actor | null, filter: ActivityFilter) {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await listPage(ctx.database.db, filter, readScope(actor), 500, after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < 500 || !last) return;
    after = [last.start_date, last.id];
  }
}

export function recordActivityExport(ctx: AppContext, actor: Actor | null, filter: ActivityFilter): Promise<void> {
  return recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'activity.export',
    recordType: RECORD_TYPE,
    details: { format: 'csv', filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
}

export function activityVocabulary(actor: Actor | null, locale: Locale): ActivityVocabulary {
  const terms = (list: readonly { code: string; fr: string; en: string }[]) => list.map((t) => ({ code: t.code, name: t[locale] }));
  return {
    types: ACTIVITY_TYPES.map((code) => ({ code, name: activityTermName(ACTIVITY_TYPE_TERMS, code, locale) })),
    topics: terms(ACTIVITY_TOPICS),
    categories: terms(ACTIVITY_CATEGORIES),
    ageBands: ACTIVITY_AGE_BANDS.map((b) => ({ code: b.code, name: b[locale], child: b.child })),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
    units: activityUnitsOf(actor),
  };
}

/** The titles of the activities `reader` may read, by id, for the audit log (others stay unnamed). */
export async function readableActivityTitles(ctx: AppContext, reader: Actor, ids: string[]): Promise<Map<string, string>> {
  const rows = await findActivities(ctx.database.db, ids);
  return new Map(rows.filter((row) => can(reader, 'read', guardOf(row))).map((row) => [row.id, `${row.title} (${row.start_date})`]));
}
