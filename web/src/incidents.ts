import type { Locale } from '../../src/contracts/common.js';
import {
  type ACTOR_ROLES,
  CASUALTY_GROUPS,
  type CasualtyGroup,
  type CREDIBILITY_GRADES,
  type DATE_PRECISIONS,
  type Estimate,
  type INCIDENT_CLASSIFICATIONS,
  INCIDENT_SORTS,
  type Incident,
  type IncidentInput,
  type IncidentStatus,
  type IncidentVocabulary,
  type LOCATION_PRECISIONS,
  type RELIABILITY_GRADES,
  type SOURCE_TYPES,
} from '../../src/contracts/incidents.js';
import { intlLocale } from './figures.js';

/**
 * What the incident pages share: the filter as the address writes it (the API's own parameter
 * names, so a filtered list can be shared and the back button walks through filters), labels from
 * the vocabulary, and the entry form's draft with its conversion to and from the API's shapes.
 */

// ————— Filter and address —————

/** The filter's parameters, in the order the filter bar shows them; the same names as the API's. */
export const FILTER_KEYS = [
  'from',
  'to',
  'region',
  'cercle',
  'eventType',
  'category',
  'actor',
  'status',
  'classification',
  'minKilled',
  'threatToCivilians',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** A filter as typed: every value a string, '' for "any". */
export type FilterValues = Record<FilterKey, string>;

export type IncidentSort = (typeof INCIDENT_SORTS)[number];
export const DEFAULT_SORT: IncidentSort = 'date_desc';

export function emptyFilter(): FilterValues {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as FilterValues;
}

export function filterFromSearch(search: URLSearchParams): FilterValues {
  const filter = emptyFilter();
  for (const key of FILTER_KEYS) filter[key] = search.get(key)?.trim() ?? '';
  return filter;
}

export function sortFromSearch(search: URLSearchParams): IncidentSort {
  const value = search.get('sort');
  return (INCIDENT_SORTS as readonly string[]).includes(value ?? '') ? (value as IncidentSort) : DEFAULT_SORT;
}

/** The filter's non-empty values, as the API's query parameters. */
export function filterParams(filter: FilterValues): Partial<FilterValues> {
  return Object.fromEntries(FILTER_KEYS.filter((key) => filter[key] !== '').map((key) => [key, filter[key]]));
}

/** The list's address for a filter and an order; the default order is left out. */
export function incidentsHref(filter: FilterValues, sort: IncidentSort = DEFAULT_SORT): string {
  const search = new URLSearchParams(filterParams(filter));
  if (sort !== DEFAULT_SORT) search.set('sort', sort);
  const text = search.toString();
  return text ? `/incidents?${text}` : '/incidents';
}

/** `MLI-2026-000123`: the form of an incident's reference, as the server gives it. */
export function isIncidentRef(value: string): boolean {
  return /^MLI-\d{4}-\d{6}$/.test(value);
}

// ————— Labels —————

export interface VocabularyLabels {
  eventType: (code: string) => string;
  subEventType: (type: string, code: string) => string;
  category: (code: string | null) => string | null;
  actor: (code: string) => string;
  region: (code: string) => string;
  cercle: (code: string | null) => string | null;
}

/** Looks codes up in the vocabulary; an unknown code is shown as it is rather than hidden. */
export function vocabularyLabels(vocabulary: IncidentVocabulary): VocabularyLabels {
  const byCode = <T extends { code: string }>(terms: readonly T[]) => new Map(terms.map((term) => [term.code, term]));
  const types = byCode(vocabulary.eventTypes);
  const categories = byCode(vocabulary.categories);
  const actors = new Map(vocabulary.actors.map((actor) => [actor.code, actor.name]));
  const regions = byCode(vocabulary.regions);
  const cercles = byCode(vocabulary.cercles);
  return {
    eventType: (code) => types.get(code)?.label ?? code,
    subEventType: (type, code) => types.get(type)?.subTypes.find((sub) => sub.code === code)?.label ?? code,
    category: (code) => (code === null ? null : (categories.get(code)?.label ?? code)),
    actor: (code) => actors.get(code) ?? code,
    region: (code) => regions.get(code)?.label ?? code,
    cercle: (code) => (code === null ? null : (cercles.get(code)?.label ?? code)),
  };
}

/** The classes of a status badge; the words carry the meaning, the colour repeats it. */
export function statusBadgeClass(status: IncidentStatus): string {
  return `incident-status incident-status-${status}`;
}

/** A coordinate in decimal degrees, as the interface language writes it (`15,91985` / `15.91985`). */
export function formatCoordinate(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 5, useGrouping: false }).format(
    value,
  );
}

/** A file size in KB or MB, as the interface language writes numbers. */
export function fileSize(bytes: number, locale: Locale): { unit: 'kib' | 'mib'; n: string } {
  const format = (value: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value);
  return bytes < 1024 * 1024 ? { unit: 'kib', n: format(Math.max(bytes / 1024, 0.1)) } : { unit: 'mib', n: format(bytes / 1024 / 1024) };
}

// ————— The entry form's draft —————

export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
export type IncidentClassification = (typeof INCIDENT_CLASSIFICATIONS)[number];
export type ActorRole = (typeof ACTOR_ROLES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type Reliability = (typeof RELIABILITY_GRADES)[number];
export type Outcome = 'killed' | 'injured';
export const OUTCOMES: readonly Outcome[] = ['killed', 'injured'];
export const ESTIMATES = ['low', 'best', 'high'] as const;
export type EstimateName = (typeof ESTIMATES)[number];

/** An estimate as typed: each bound a string, '' when unknown. */
export type EstimateDraft = Record<EstimateName, string>;
export type CasualtiesDraft = Record<CasualtyGroup, Record<Outcome, EstimateDraft>>;

export interface ActorRow {
  key: number;
  actor: string;
  role: ActorRole;
}

export interface SourceRow {
  key: number;
  type: SourceType | '';
  reference: string;
  reliability: Reliability | '';
  credibility: string;
}

/** Everything the form holds, as typed; converted to the API's input only when sent. */
export interface IncidentDraft {
  occurredOn: string;
  occurredTime: string;
  datePrecision: DatePrecision;
  place: string;
  latitude: string;
  longitude: string;
  region: string;
  cercle: string;
  commune: string;
  precision: LocationPrecision;
  eventType: string;
  subEventType: string;
  category: string;
  threatToCivilians: boolean;
  actors: ActorRow[];
  casualties: CasualtiesDraft;
  sources: SourceRow[];
  title: string;
  description: string;
  tags: string;
  links: string;
  unit: string;
  classification: IncidentClassification;
  sharedWith: string[];
}

let rowKey = 0;
/** A key for a new repeatable row, so React keeps each row's inputs when another is removed. */
export function nextRowKey(): number {
  rowKey += 1;
  return rowKey;
}

function emptyCasualties(): CasualtiesDraft {
  return Object.fromEntries(
    CASUALTY_GROUPS.map((group) => [group, { killed: { low: '', best: '', high: '' }, injured: { low: '', best: '', high: '' } }]),
  ) as CasualtiesDraft;
}

export function emptyDraft(unit: string): IncidentDraft {
  return {
    occurredOn: '',
    occurredTime: '',
    datePrecision: 'day',
    place: '',
    latitude: '',
    longitude: '',
    region: '',
    cercle: '',
    commune: '',
    precision: 'near',
    eventType: '',
    subEventType: '',
    category: '',
    threatToCivilians: false,
    actors: [],
    casualties: emptyCasualties(),
    sources: [],
    title: '',
    description: '',
    tags: '',
    links: '',
    unit,
    classification: 'internal',
    sharedWith: [],
  };
}

/**
 * The form's draft of a recorded incident. The server always stores a point; it is put back in the
 * form only when it was the input (no place, a fine precision), so that choosing another place
 * later is not overridden by the old place's coordinates.
 */
export function draftOf(incident: Incident, locale: Locale): IncidentDraft {
  const { location } = incident;
  const pointGiven = location.place === null && (location.precision === 'exact' || location.precision === 'near');
  const areaGiven = location.place === null && !pointGiven;
  const casualties = emptyCasualties();
  for (const group of CASUALTY_GROUPS) {
    for (const outcome of OUTCOMES) {
      const estimate: Estimate | undefined = incident.casualties[group]?.[outcome];
      if (estimate) casualties[group][outcome] = { low: String(estimate.low), best: String(estimate.best), high: String(estimate.high) };
    }
  }
  const coordinate = (value: number) => (pointGiven ? formatCoordinate(value, locale) : '');
  return {
    occurredOn: incident.occurredOn,
    occurredTime: incident.occurredTime ?? '',
    datePrecision: incident.datePrecision,
    place: location.place ?? '',
    latitude: coordinate(location.latitude),
    longitude: coordinate(location.longitude),
    region: areaGiven || location.place !== null ? location.region : '',
    cercle: (areaGiven || location.place !== null) && location.precision !== 'region' ? (location.cercle ?? '') : '',
    commune: location.commune ?? '',
    precision: location.precision,
    eventType: incident.eventType,
    subEventType: incident.subEventType,
    category: incident.category ?? '',
    threatToCivilians: incident.threatToCivilians,
    actors: incident.actors.map((actor) => ({ key: nextRowKey(), actor: actor.actor, role: actor.role })),
    casualties,
    sources: incident.sources.map((source) => ({
      key: nextRowKey(),
      type: source.type,
      reference: source.reference,
      reliability: source.reliability,
      credibility: String(source.credibility),
    })),
    title: incident.title,
    description: incident.description,
    tags: incident.tags.join(', '),
    links: incident.links.map((link) => link.ref).join(' '),
    unit: incident.unit,
    classification: incident.classification,
    sharedWith: incident.sharedWith,
  };
}

/** A field error found in the browser, with the API's path of the field. */
export interface DraftError {
  path: string;
  /** The message's key under `incidents.form`. */
  key: 'required' | 'coordinateInvalid' | 'countInvalid' | 'bestMissing' | 'actorMissing' | 'sourceIncomplete';
}

/** A decimal number typed with a point or a comma; null when empty, NaN when not a number. */
function parseDecimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^[-+]?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

/** A count typed with or without thousands spaces; null when empty, NaN when not a whole number. */
function parseCount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  return /^\d{1,6}$/.test(compact) ? Number(compact) : Number.NaN;
}

function nullIfBlank(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function splitTags(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * The API's input for a draft, or the obvious mistakes found before sending: numbers that are not
 * numbers, half-filled rows. Everything else (vocabularies, places inside Mali, estimate order) is
 * the server's to check, and its messages are shown next to the fields the same way.
 */
export function inputOf(draft: IncidentDraft): { input: IncidentInput } | { errors: DraftError[] } {
  const errors: DraftError[] = [];
  if (draft.occurredOn === '') errors.push({ path: 'occurredOn', key: 'required' });
  if (draft.title.trim() === '') errors.push({ path: 'title', key: 'required' });

  const latitude = parseDecimal(draft.latitude);
  const longitude = parseDecimal(draft.longitude);
  if (Number.isNaN(latitude)) errors.push({ path: 'location.latitude', key: 'coordinateInvalid' });
  if (Number.isNaN(longitude)) errors.push({ path: 'location.longitude', key: 'coordinateInvalid' });

  const casualties: NonNullable<IncidentInput['casualties']> = {};
  for (const group of CASUALTY_GROUPS) {
    for (const outcome of OUTCOMES) {
      const typed = draft.casualties[group][outcome];
      const [low, best, high] = ESTIMATES.map((name) => parseCount(typed[name]));
      ESTIMATES.forEach((name, index) => {
        if (Number.isNaN([low, best, high][index])) errors.push({ path: `casualties.${group}.${outcome}.${name}`, key: 'countInvalid' });
      });
      if (best === null || best === undefined) {
        if ((low ?? null) !== null || (high ?? null) !== null)
          errors.push({ path: `casualties.${group}.${outcome}.best`, key: 'bestMissing' });
        continue;
      }
      // Only the best estimate known: it is the whole range.
      const estimate = { low: low ?? best, best, high: high ?? best };
      casualties[group] = { ...casualties[group], [outcome]: estimate };
    }
  }

  draft.actors.forEach((row, index) => {
    if (row.actor === '') errors.push({ path: `actors.${index}.actor`, key: 'actorMissing' });
  });
  draft.sources.forEach((row, index) => {
    if (row.type === '') errors.push({ path: `sources.${index}.type`, key: 'sourceIncomplete' });
    else if (row.reliability === '') errors.push({ path: `sources.${index}.reliability`, key: 'sourceIncomplete' });
    else if (row.credibility === '') errors.push({ path: `sources.${index}.credibility`, key: 'sourceIncomplete' });
  });
  if (errors.length > 0) return { errors };

  const input: IncidentInput = {
    occurredOn: draft.occurredOn,
    occurredTime: nullIfBlank(draft.occurredTime),
    datePrecision: draft.datePrecision,
    location: {
      region: nullIfBlank(draft.region),
      cercle: nullIfBlank(draft.cercle),
      commune: nullIfBlank(draft.commune),
      place: nullIfBlank(draft.place),
      latitude,
      longitude,
      precision: draft.precision,
    },
    eventType: draft.eventType,
    subEventType: draft.subEventType,
    category: nullIfBlank(draft.category),
    threatToCivilians: draft.threatToCivilians,
    actors: draft.actors.map((row) => ({ actor: row.actor, role: row.role })),
    casualties,
    sources: draft.sources.map((row) => ({
      type: row.type as SourceType,
      reference: row.reference.trim(),
      reliability: row.reliability as Reliability,
      credibility: Number(row.credibility) as (typeof CREDIBILITY_GRADES)[number],
    })),
    title: draft.title.trim(),
    description: draft.description.trim(),
    tags: splitTags(draft.tags),
    unit: draft.unit,
    classification: draft.classification,
    sharedWith: draft.classification === 'restricted' ? draft.sharedWith : [],
    links: draft.links
      .split(/[\s,;]+/)
      .map((ref) => ref.trim().toUpperCase())
      .filter(Boolean),
  };
  return { input };
}

/**
 * The path of the form field a server error is about. A PUT nests the incident under `incident`;
 * an error about an item of a list (`tags.2`) or a part of a field belongs to the nearest field
 * the form shows.
 */
export function fieldPathOf(path: string, fields: ReadonlySet<string>): string | null {
  let parts = path.replace(/^incident\./, '').split('.');
  while (parts.length > 0) {
    const candidate = parts.join('.');
    if (fields.has(candidate)) return candidate;
    parts = parts.slice(0, -1);
  }
  return null;
}

/** The id of the input that shows a field path, for labels, error links and focus. */
export function fieldId(path: string): string {
  return `incident-${path.replaceAll('.', '-')}`;
}
