import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import { CASUALTY_GROUPS, type Casualties, type IncidentStatus, type sourceSchema, VERIFIED_STATUSES } from '../../contracts/incidents.js';
import { cercles, findArea, regions } from '../../data/mali/boundaries.js';
import { eventTypes, findEventType, label, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import { searchKey } from '../../platform/text.js';
import { type IncidentRow, listEventTypeAliases } from './incidents.repository.js';

/**
 * ACLED's layout, both ways. Column names follow ACLED's where ACLED has the concept, with
 * ACLED's English values, so files open in tools built for ACLED data; flat `mandat_*` columns
 * carry what ACLED lacks, so that an export imports back as the same records. How a file's
 * actor names and event types find the registry and the vocabulary is here too.
 */

const TIME_PRECISION: Record<string, number> = { day: 1, week: 2, month: 3 };
const GEO_PRECISION: Record<string, number> = { exact: 1, near: 2, cercle: 3, region: 4 };

export interface Names {
  actors: Map<string, { fr: string; en: string; type: number }>;
  locale: Locale;
}

/** ACLED's published column layout, in ACLED's order: an export opens in tools built for ACLED data. */
const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

/**
 * The grading of each source, one column per attribute, in the order of ACLED's `source` column:
 * the n-th value of each list belongs to the n-th source.
 */
const SOURCE_COLUMNS = ['mandat_source_type', 'mandat_source_reliability', 'mandat_source_credibility'] as const;

/** Casualties per group, one column per group and outcome (`mandat_killed_civilians`…). */
const CASUALTY_COLUMNS = CASUALTY_GROUPS.flatMap((group) => [`mandat_killed_${group}`, `mandat_injured_${group}`] as const);

export const COLUMNS = [
  ...ACLED_COLUMNS,
  'mandat_time',
  'mandat_title',
  'mandat_category',
  'mandat_status',
  'mandat_verified',
  'mandat_threat_to_civilians',
  'fatalities_low',
  'fatalities_high',
  'injured',
  'injured_low',
  'injured_high',
  ...CASUALTY_COLUMNS,
  ...SOURCE_COLUMNS,
  'mandat_unit',
  'mandat_classification',
  'mandat_updated_at',
] as const;
type Column = (typeof COLUMNS)[number];

/** An estimate in one cell: "3" when certain, "2|3|5" (low|best|high) otherwise. */
function estimateCell(estimate: { low: number; best: number; high: number } | undefined): string | null {
  if (!estimate) return null;
  return estimate.low === estimate.best && estimate.best === estimate.high
    ? String(estimate.best)
    : `${estimate.low}|${estimate.best}|${estimate.high}`;
}

function estimateOf(cell: string | undefined): { low: number; best: number; high: number } | null | 'invalid' {
  const text = cell?.trim() ?? '';
  if (text === '') return null;
  const parts = text.split('|').map((p) => Number(p.trim()));
  if (parts.some((n) => !Number.isInteger(n))) return 'invalid';
  if (parts.length === 1) return { low: parts[0] ?? 0, best: parts[0] ?? 0, high: parts[0] ?? 0 };
  if (parts.length === 3) return { low: parts[0] ?? 0, best: parts[1] ?? 0, high: parts[2] ?? 0 };
  return 'invalid';
}

function actorCells(row: IncidentRow, associated: Map<string, string[]>, names: Names, n: 1 | 2) {
  const code = n === 1 ? row.actor1 : row.actor2;
  const actor = code ? names.actors.get(code) : undefined;
  // ACLED's actor names are English.
  const name = (c: string) => names.actors.get(c)?.en ?? c;
  return {
    name: code ? name(code) : '',
    associated: joinList((associated.get(`${row.id}|associated${n}`) ?? []).map(name).sort((a, b) => a.localeCompare(b, 'en'))),
    inter: actor?.type ?? null,
  };
}

/** ACLED's interaction code: the two actor types, the smaller first; one actor alone is its type × 10. */
function interaction(inter1: number | null, inter2: number | null): number | null {
  if (inter1 === null) return null;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

const CIVILIANS = 7;

export function exportRow(row: IncidentRow, associated: Map<string, string[]>, names: Names): (string | number | null)[] {
  const type = findEventType(row.event_type);
  const sub = type?.subTypes.find((s) => s.code === row.sub_event_type);
  const a1 = actorCells(row, associated, names, 1);
  const a2 = actorCells(row, associated, names, 2);
  const sources = JSON.parse(row.sources) as z.output<typeof sourceSchema>[];
  const casualties = JSON.parse(row.casualties) as Casualties;
  const violence = type?.code === 'violence_against_civilians' || type?.code === 'explosions_remote_violence' || type?.code === 'battles';
  const values: Record<Column, string | number | null> = {
    event_id_cnty: row.ref,
    event_date: row.occurred_on,
    year: Number(row.occurred_on.slice(0, 4)),
    time_precision: TIME_PRECISION[row.date_precision] ?? null,
    disorder_type: sub?.disorderType ?? null,
    event_type: type?.en ?? row.event_type,
    sub_event_type: sub?.en ?? row.sub_event_type,
    actor1: a1.name,
    assoc_actor_1: a1.associated,
    inter1: a1.inter,
    actor2: a2.name,
    assoc_actor_2: a2.associated,
    inter2: a2.inter,
    interaction: interaction(a1.inter, a2.inter),
    civilian_targeting: violence && a2.inter === CIVILIANS ? 'Civilian targeting' : null,
    iso: 466,
    region: 'Western Africa',
    country: 'Mali',
    admin1: findArea(row.region)?.name ?? row.region,
    admin2: row.cercle ? (findArea(row.cercle)?.name ?? row.cercle) : null,
    admin3: row.commune,
    location: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    geo_precision: GEO_PRECISION[row.location_precision] ?? null,
    source: joinList(sources.map((s) => s.reference)),
    source_scale: null,
    notes: row.description,
    fatalities: row.killed_best,
    tags: joinList(JSON.parse(row.tags) as string[]),
    timestamp: Math.floor(Date.parse(row.updated_at) / 1000),
    mandat_time: row.occurred_time,
    mandat_title: row.title,
    mandat_category: row.category,
    mandat_status: row.status,
    mandat_verified: VERIFIED_STATUSES.includes(row.status as IncidentStatus) ? 'yes' : 'no',
    mandat_threat_to_civilians: row.threat_to_civilians === 1 ? 'yes' : 'no',
    fatalities_low: row.killed_low,
    fatalities_high: row.killed_high,
    injured: row.injured_best,
    injured_low: row.injured_low,
    injured_high: row.injured_high,
    ...(Object.fromEntries(
      CASUALTY_GROUPS.flatMap((group) => [
        [`mandat_killed_${group}`, estimateCell(casualties[group]?.killed)],
        [`mandat_injured_${group}`, estimateCell(casualties[group]?.injured)],
      ]),
    ) as Record<(typeof CASUALTY_COLUMNS)[number], string | null>),
    mandat_source_type: joinList(sources.map((s) => s.type)),
    mandat_source_reliability: joinList(sources.map((s) => s.reliability)),
    mandat_source_credibility: joinList(sources.map((s) => String(s.credibility))),
    mandat_unit: row.unit_code,
    mandat_classification: row.classification,
    mandat_updated_at: row.updated_at,
  };
  return COLUMNS.map((c) => values[c]);
}

type Terms = readonly { code: string; en: string; fr: string }[];
const indexes = new WeakMap<Terms, Map<string, string>>();

/** Looks a label up in a vocabulary by code, English or French label, ignoring case and accents. */
function lookup(terms: Terms, cell: string): string | null {
  let index = indexes.get(terms);
  if (!index) {
    index = new Map();
    for (const term of terms) {
      for (const name of [term.fr, term.en]) if (!index.has(searchKey(name))) index.set(searchKey(name), term.code);
    }
    for (const term of terms) index.set(term.code, term.code);
    indexes.set(terms, index);
  }
  return index.get(cell) ?? index.get(searchKey(cell)) ?? null;
}

function number(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === '') return null;
  const value = Number(cell.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

/** A list in one cell, as ACLED writes it ("a; b"); a semicolon or backslash in a value is escaped with a backslash. */
function joinList(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\\;]/g, '\\$&')).join('; ');
}

/** The values of a list cell, empty ones included (an empty cell has none). */
function listValues(cell: string | undefined): string[] {
  if (!cell?.trim()) return [];
  const values: string[] = [];
  let value = '';
  for (let i = 0; i < cell.length; i += 1) {
    const char = cell[i];
    if (char === '\\' && i + 1 < cell.length) {
      i += 1;
      value += cell[i];
    } else if (char === ';') {
      values.push(value.trim());
      value = '';
    } else value += char;
  }
  values.push(value.trim());
  return values;
}

/** The non-empty values of a list cell. */
function splitList(cell: string | undefined): string[] {
  return listValues(cell).filter(Boolean);
}

/**
 * The sources of a record: from the graded columns of a Mandat export (the n-th value of each
 * list belongs to the n-th source), from the JSON column of older Mandat exports, or else ACLED's
 * source names, ungraded (F6: reliability and credibility cannot be judged).
 */
function sourcesOf(record: Record<string, string>): unknown {
  if (record.mandat_sources?.trim()) return safeJson(record.mandat_sources);
  if (SOURCE_COLUMNS.every((c) => record[c] === undefined))
    return splitList(record.source).map((reference) => ({ type: 'other', reference, reliability: 'F', credibility: 6 }));
  const references = listValues(record.source);
  const [types, reliabilities, credibilities] = SOURCE_COLUMNS.map((c) => listValues(record[c]));
  const count = Math.max(references.length, types?.length ?? 0, reliabilities?.length ?? 0, credibilities?.length ?? 0);
  return Array.from({ length: count }, (_, i) => {
    const credibility = credibilities?.[i] ?? '';
    return {
      type: types?.[i] ?? '',
      reference: references[i] ?? '',
      reliability: reliabilities?.[i] ?? '',
      credibility: /^\d+$/.test(credibility) ? Number(credibility) : credibility,
    };
  });
}

function areaCode(cell: string | undefined, areas: readonly { id: string; name: string }[]): string | null {
  if (!cell?.trim()) return null;
  const key = searchKey(cell);
  return areas.find((a) => a.id === cell.trim() || searchKey(a.name) === key)?.id ?? cell.trim();
}

function fromPrecision(cell: string | undefined, names: Record<string, number>, fallback: string): string {
  if (!cell?.trim()) return fallback;
  const found = Object.entries(names).find(([name, code]) => name === cell.trim() || String(code) === cell.trim());
  return found?.[0] ?? cell.trim();
}

const ACTOR_CELLS = [
  ['actor1', 'actor1'],
  ['assoc_actor_1', 'associated1'],
  ['actor2', 'actor2'],
  ['assoc_actor_2', 'associated2'],
] as const;

/** The actor names of a record, with the column and role of each (associated actors are lists). */
export function actorNames(record: Record<string, string>): { column: string; role: string; name: string }[] {
  return ACTOR_CELLS.flatMap(([column, role]) => {
    const cell = record[column];
    const names = role.startsWith('associated') ? splitList(cell) : cell?.trim() ? [cell.trim()] : [];
    return names.map((name) => ({ column, role, name }));
  });
}

/** The key under which a file's "event type / sub-event type" pair is remembered. */
export function eventKey(eventType: string, subEventType: string): string {
  return searchKey(`${eventType} / ${subEventType}`);
}

interface EventMatch {
  eventType: string;
  subEventType: string;
  by: 'vocabulary' | 'alias';
}

/** How a file's event and sub-event type labels find ACLED's vocabulary: by code or label, then by remembered mapping. */
export async function eventMatcher(db: Db | Trx): Promise<(eventType: string, subEventType: string) => EventMatch | null> {
  const aliases = new Map((await listEventTypeAliases(db)).map((a) => [a.alias_key, a]));
  return (eventTypeCell, subEventTypeCell) => {
    const eventType = lookup(eventTypes(), eventTypeCell);
    const sub = eventType ? lookup(findEventType(eventType)?.subTypes ?? [], subEventTypeCell) : null;
    if (eventType && sub) return { eventType, subEventType: sub, by: 'vocabulary' };
    const alias = aliases.get(eventKey(eventTypeCell, subEventTypeCell));
    return alias ? { eventType: alias.event_type, subEventType: alias.sub_event_type, by: 'alias' } : null;
  };
}

/** One CSV record (ACLED or Mandat columns) as the API's incident input, before validation. */
export function toInput(
  record: Record<string, string>,
  actors: { actor: string; role: string }[],
  event: { eventType: string; subEventType: string },
  defaults: { unit: string; classification: string },
  locale: Locale,
) {
  const { eventType, subEventType } = event;
  const latitude = number(record.latitude);
  const longitude = number(record.longitude);
  const region = areaCode(record.admin1, regions());
  const cercle = areaCode(record.admin2, cercles());
  const place = record.location?.trim() || null;
  const category = record.mandat_category?.trim() ? (lookup(MISSION_CATEGORIES, record.mandat_category) ?? record.mandat_category) : null;
  const type = findEventType(eventType);
  const sub = type?.subTypes.find((s) => s.code === subEventType);
  const where = place ?? (cercle && findArea(cercle)?.name) ?? (region && findArea(region)?.name) ?? '';
  return {
    occurredOn: record.event_date?.trim() ?? '',
    occurredTime: (record.mandat_time ?? record.time)?.trim() || null,
    datePrecision: fromPrecision(record.time_precision, TIME_PRECISION, 'day'),
    location: {
      region: latitude === null ? region : null,
      cercle: latitude === null ? cercle : null,
      commune: record.admin3?.trim() || null,
      place,
      latitude,
      longitude,
      precision: fromPrecision(
        record.geo_precision,
        GEO_PRECISION,
        latitude !== null ? 'exact' : place ? 'near' : cercle ? 'cercle' : 'region',
      ),
    },
    eventType,
    subEventType,
    category,
    threatToCivilians: ['yes', 'oui', 'true', '1'].includes((record.mandat_threat_to_civilians ?? '').trim().toLowerCase()),
    actors,
    casualties: casualtiesOf(record),
    sources: sourcesOf(record),
    title: record.mandat_title?.trim() || `${sub ? label(sub, locale) : subEventType}${where ? ` — ${where}` : ''}`,
    description: record.notes ?? '',
    tags: splitList(record.tags),
    unit: defaults.unit,
    classification: record.mandat_classification?.trim() || defaults.classification,
    sharedWith: [],
    links: [],
  };
}

/**
 * Casualties from the per-group columns of a Mandat export, from the JSON column of older Mandat
 * exports, or else from ACLED's fatalities (with Mandat's range columns when present).
 */
function casualtiesOf(record: Record<string, string>): unknown {
  if (record.mandat_casualties?.trim()) return safeJson(record.mandat_casualties);
  const grouped: Record<string, Record<string, unknown>> = {};
  let anyGroup = false;
  for (const group of CASUALTY_GROUPS) {
    for (const outcome of ['killed', 'injured'] as const) {
      const cell = record[`mandat_${outcome}_${group}`];
      const estimate = estimateOf(cell);
      if (estimate === null) continue;
      anyGroup = true;
      grouped[group] = { ...grouped[group], [outcome]: estimate === 'invalid' ? cell : estimate };
    }
  }
  if (anyGroup) return grouped;
  const killed = number(record.fatalities);
  if (killed === null) return {};
  return {
    unspecified: { killed: { low: number(record.fatalities_low) ?? killed, best: killed, high: number(record.fatalities_high) ?? killed } },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The columns an import reads; any other is listed in the report and ignored. ACLED's columns
 * that Mandat derives rather than reads (inter codes, interaction, region, timestamp…) are known,
 * so a file in ACLED's full layout imports without remarks.
 */
export const FILE_COLUMNS = {
  known: new Set<string>([...COLUMNS, 'time', 'mandat_casualties', 'mandat_sources']),
  required: ['event_date', 'event_type', 'sub_event_type'],
};

/** Which column of the file an input path comes from, to name it in an error. */
export function columnOf(path: readonly PropertyKey[]): string | null {
  const [first, second] = path.map(String);
  switch (first) {
    case 'occurredOn':
      return 'event_date';
    case 'occurredTime':
      return 'mandat_time';
    case 'datePrecision':
      return 'time_precision';
    case 'location':
      return (
        {
          region: 'admin1',
          cercle: 'admin2',
          commune: 'admin3',
          place: 'location',
          latitude: 'latitude',
          longitude: 'longitude',
          precision: 'geo_precision',
        }[second ?? ''] ?? 'latitude'
      );
    case 'eventType':
      return 'event_type';
    case 'subEventType':
      return 'sub_event_type';
    case 'category':
      return 'mandat_category';
    case 'casualties':
      return second ? `mandat_${path.map(String)[2] ?? 'killed'}_${second}` : 'fatalities';
    case 'sources':
      return (
        {
          type: 'mandat_source_type',
          reference: 'source',
          reliability: 'mandat_source_reliability',
          credibility: 'mandat_source_credibility',
        }[String(path[2] ?? '')] ?? 'source'
      );
    case 'title':
      return 'mandat_title';
    case 'description':
      return 'notes';
    case 'tags':
      return 'tags';
    case 'classification':
      return 'mandat_classification';
    default:
      return null;
  }
}
