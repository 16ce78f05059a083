import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Parser, parse } from 'csv-parse';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  CASUALTY_GROUPS,
  type Casualties,
  type IncidentFilter,
  type IncidentImportPreview,
  type IncidentImportReport,
  type IncidentStatus,
  type importMappingSchema,
  incidentInputSchema,
  VERIFIED_STATUSES,
} from '../../contracts/incidents.js';
import { cercles, findArea, regions } from '../../data/mali/boundaries.js';
import { eventTypes, findEventType, label, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import type { Dialect } from '../../db/schema.js';
import { t } from '../../i18n/index.js';
import type { AuditEvent } from '../../platform/audit.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { BOM, csvLine, type Separator, unneutralise } from '../../platform/csv.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, can } from '../../platform/policy.js';
import { timeSlices } from '../../platform/slices.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue, throwFieldErrors } from '../../platform/validation.js';
import { openUnitCodes } from '../organisation/organisation.service.js';
import { actorMatcher, insertRegistryActor, insertRegistryAlias } from './actors.service.js';
import { mayKeepActorRegistry } from './incidents.policy.js';
import {
  deferIncidentTextIndex,
  findActor,
  type IncidentRow,
  insertIncidents,
  listActors,
  listEventTypeAliases,
  relations,
  reserveNumbers,
  upsertEventTypeAlias,
} from './incidents.repository.js';
import { resolveIncident } from './incidents.resolve.js';

type ImportMappingParsed = z.output<typeof importMappingSchema>;

import { eachIncident } from './incidents.service.js';

/**
 * CSV and GeoJSON exports (streamed, page by page: constant memory at any size) and the CSV
 * import (all or nothing). Column names follow ACLED's where ACLED has the concept, so files
 * open in tools built for ACLED data; `mandat_*` columns carry what ACLED lacks.
 */

const TIME_PRECISION: Record<string, number> = { day: 1, week: 2, month: 3 };
const GEO_PRECISION: Record<string, number> = { exact: 1, near: 2, cercle: 3, region: 4 };

interface Names {
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

/** Casualties per group, one column per group and outcome (`mandat_killed_civilians`…). */
const CASUALTY_COLUMNS = CASUALTY_GROUPS.flatMap((group) => [`mandat_killed_${group}`, `mandat_injured_${group}`] as const);

const COLUMNS = [
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
  'mandat_sources',
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
    associated: (associated.get(`${row.id}|associated${n}`) ?? [])
      .map(name)
      .sort((a, b) => a.localeCompare(b, 'en'))
      .join('; '),
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

function exportRow(row: IncidentRow, associated: Map<string, string[]>, names: Names): (string | number | null)[] {
  const type = findEventType(row.event_type);
  const sub = type?.subTypes.find((s) => s.code === row.sub_event_type);
  const a1 = actorCells(row, associated, names, 1);
  const a2 = actorCells(row, associated, names, 2);
  const sources = JSON.parse(row.sources) as { reference: string }[];
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
    source: sources
      .map((s) => s.reference)
      .filter(Boolean)
      .join('; '),
    source_scale: null,
    notes: row.description,
    fatalities: row.killed_best,
    tags: (JSON.parse(row.tags) as string[]).join('; '),
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
    mandat_sources: row.sources,
    mandat_unit: row.unit_code,
    mandat_classification: row.classification,
    mandat_updated_at: row.updated_at,
  };
  return COLUMNS.map((c) => values[c]);
}

async function namesFor(ctx: AppContext, locale: Locale): Promise<Names> {
  const actors = await listActors(ctx.database.db);
  return { actors: new Map(actors.map((a) => [a.code, { fr: a.name_fr, en: a.name_en, type: a.actor_type }])), locale };
}

async function associatedActors(ctx: AppContext, rows: readonly IncidentRow[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  const { actors } = await relations(
    ctx.database.db,
    rows.map((r) => r.id),
  );
  for (const a of actors) {
    if (!a.role.startsWith('associated')) continue;
    const key = `${a.incident_id}|${a.role}`;
    map.set(key, [...(map.get(key) ?? []), a.actor_code]);
  }
  return map;
}

/**
 * Rows per chunk of text sent: small enough for each chunk to die young in V8's new space
 * (large strings go straight to the old generation, where garbage waits for a full collection).
 */
const CHUNK_ROWS = 100;

/** The CSV export of a filter, as a stream of text chunks. */
export async function* exportCsv(
  ctx: AppContext,
  actor: Actor | null,
  filter: IncidentFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const names = await namesFor(ctx, options.locale);
  yield BOM + csvLine(COLUMNS, options.separator);
  for await (const rows of eachIncident(ctx, actor, filter)) {
    const associated = await associatedActors(ctx, rows);
    let chunk = '';
    for (const [index, row] of rows.entries()) {
      chunk += csvLine(exportRow(row, associated, names), options.separator);
      if (index % CHUNK_ROWS === CHUNK_ROWS - 1) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
}

/** The GeoJSON export of a filter: a FeatureCollection of points, streamed. */
export async function* exportGeoJson(ctx: AppContext, actor: Actor | null, filter: IncidentFilter, locale: Locale): AsyncGenerator<string> {
  const names = await namesFor(ctx, locale);
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for await (const rows of eachIncident(ctx, actor, filter)) {
    const associated = await associatedActors(ctx, rows);
    let chunk = '';
    for (const [index, row] of rows.entries()) {
      const values = exportRow(row, associated, names);
      const properties = Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]]));
      const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [row.longitude, row.latitude] }, properties };
      chunk += `${first ? '' : ',\n'}${JSON.stringify(feature)}`;
      first = false;
      if (index % CHUNK_ROWS === CHUNK_ROWS - 1) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  yield '\n]}\n';
}

export function recordExport(ctx: AppContext, actor: Actor | null, format: string, filter: IncidentFilter, rows: number): Promise<void> {
  return recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'incident.export',
    recordType: 'incident',
    details: { format, rows, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
}

// ————— Import —————

const MAX_LISTED_ERRORS = 500;
/**
 * Rows inserted at a time. SQLite inserts row by row through one prepared statement, synchronously,
 * so small batches keep each pause of the event loop short; PostgreSQL sends a batch as one
 * multi-row INSERT, and larger batches mean fewer round trips.
 */
const BATCH: Record<Dialect, number> = { sqlite: 25, postgres: 500 };

interface RowError {
  line: number;
  column: string | null;
  message: string;
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

function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
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
function actorNames(record: Record<string, string>): { column: string; role: string; name: string }[] {
  return ACTOR_CELLS.flatMap(([column, role]) => {
    const cell = record[column];
    const names = role.startsWith('associated') ? splitList(cell) : cell?.trim() ? [cell.trim()] : [];
    return names.map((name) => ({ column, role, name }));
  });
}

/** The key under which a file's "event type / sub-event type" pair is remembered. */
function eventKey(eventType: string, subEventType: string): string {
  return searchKey(`${eventType} / ${subEventType}`);
}

interface EventMatch {
  eventType: string;
  subEventType: string;
  by: 'vocabulary' | 'alias';
}

/** How a file's event and sub-event type labels find ACLED's vocabulary: by code or label, then by remembered mapping. */
async function eventMatcher(db: Db | Trx): Promise<(eventType: string, subEventType: string) => EventMatch | null> {
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
function toInput(
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
  const sources = record.mandat_sources?.trim()
    ? safeJson(record.mandat_sources)
    : splitList(record.source).map((reference) => ({ type: 'other', reference, reliability: 'F', credibility: 6 }));
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
    sources,
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
const KNOWN_COLUMNS = new Set<string>([...COLUMNS, 'time', 'mandat_casualties']);
const REQUIRED_COLUMNS = ['event_date', 'event_type', 'sub_event_type'];

/** Which column of the file an input path comes from, to name it in an error. */
function columnOf(path: readonly PropertyKey[]): string | null {
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
      return 'mandat_sources';
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

class ImportFailed extends Error {}

type ParsedRecord = { record: Record<string, string>; info: { lines: number } };

/**
 * The parser's records, taken as many at a time as are ready: iterating a stream record by
 * record costs more than parsing the record.
 */
async function* records(parser: Parser): AsyncGenerator<ParsedRecord> {
  for (;;) {
    for (let record = parser.read() as ParsedRecord | null; record !== null; record = parser.read() as ParsedRecord | null) yield record;
    if (parser.errored) throw parser.errored;
    if (parser.readableEnded || parser.destroyed) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        parser.off('readable', settle).off('end', settle).off('error', settle).off('close', settle);
        if (error instanceof Error) reject(error);
        else resolve();
      };
      parser.on('readable', settle).on('end', settle).on('error', settle).on('close', settle);
    });
  }
}

function detectSeparator(firstLine: string): Separator {
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

type Input = string | AsyncIterable<Buffer | string>;

/**
 * Reads a CSV file record by record. The header's unknown columns go to `ignored`, missing
 * required ones to `report`; an unreadable file is reported at the line it stopped.
 */
async function* readCsv(
  input: Input,
  locale: Locale,
  report: (error: RowError) => void,
  ignored: string[],
): AsyncGenerator<{ record: Record<string, string>; line: number }> {
  let separator: Separator = ',';
  let source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>;
  if (typeof input === 'string') {
    separator = detectSeparator(input.slice(0, input.indexOf('\n') >>> 0 || input.length));
    source = [input];
  } else {
    source = input;
  }
  const parser = parse({
    bom: true,
    delimiter: separator,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      ignored.push(...names.filter((n) => !KNOWN_COLUMNS.has(n)));
      for (const required of REQUIRED_COLUMNS) {
        if (!names.includes(required))
          report({ line: 1, column: required, message: t(locale, 'incidents.csv_missing_column', { column: required }) });
      }
      return names;
    },
    relax_column_count: false,
    skip_empty_lines: true,
    info: true,
  });
  // The parser is fed by a pipeline, which stops reading as soon as the parser fails or is closed.
  const parsing = pipeline(Readable.from(source), parser).catch(() => undefined);
  let rows = 0;
  try {
    for await (const { record, info } of records(parser)) {
      rows += 1;
      for (const key in record) record[key] = unneutralise(record[key] ?? '');
      yield { record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      report({ line: rows + 2, column: null, message: t(locale, 'incidents.csv_unreadable') });
    } else throw error;
  } finally {
    parser.destroy();
    await parsing;
  }
}

/**
 * The mapping step before an import: the file's actors and event types, each with its count and
 * what it maps to now (registry name, alias, vocabulary or remembered mapping). Writes nothing.
 */
export async function previewIncidentsCsv(
  ctx: AppContext,
  actor: Actor,
  input: Input,
  options: { unit: string; classification: string; locale: Locale },
): Promise<IncidentImportPreview> {
  if (!can(actor, 'create', { unit: options.unit, classification: options.classification as 'internal' }))
    throw new AppError(403, 'forbidden');
  const [matchActor, matchEvent] = await Promise.all([actorMatcher(ctx.database.db), eventMatcher(ctx.database.db)]);
  const errors: RowError[] = [];
  const ignored: string[] = [];
  const actors = new Map<string, number>();
  const events = new Map<string, { eventType: string; subEventType: string; count: number }>();
  let rows = 0;
  const nextSlice = timeSlices();
  for await (const { record } of readCsv(input, options.locale, (e) => errors.length < MAX_LISTED_ERRORS && errors.push(e), ignored)) {
    rows += 1;
    await nextSlice();
    for (const { name } of actorNames(record)) actors.set(name, (actors.get(name) ?? 0) + 1);
    const eventType = record.event_type?.trim() ?? '';
    const subEventType = record.sub_event_type?.trim() ?? '';
    const key = `${eventType}\u0000${subEventType}`;
    const entry = events.get(key) ?? { eventType, subEventType, count: 0 };
    entry.count += 1;
    events.set(key, entry);
  }
  if (rows === 0 && errors.length === 0) errors.push({ line: 1, column: null, message: t(options.locale, 'incidents.csv_empty') });
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    rows,
    ignoredColumns: ignored,
    errors,
    actors: [...actors]
      .map(([name, count]) => {
        const match = matchActor(name);
        return { name, count, match: match?.code ?? null, by: match?.by ?? null };
      })
      .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name)),
    eventTypes: [...events.values()]
      .map((e) => {
        const match = matchEvent(e.eventType, e.subEventType);
        return { ...e, match: match ? { eventType: match.eventType, subEventType: match.subEventType } : null, by: match?.by ?? null };
      })
      .sort(byCount),
  };
}

/**
 * Applies the user's mapping inside the import's transaction: a name mapped to an actor becomes
 * its alias, a name to create becomes a new actor (the registry's keepers only), an event type
 * pair is remembered. Undone with the import if the file fails.
 */
async function applyMapping(trx: Trx, ctx: AppContext, actor: Actor, mapping: ImportMappingParsed, locale: Locale): Promise<AuditEvent[]> {
  const audit: AuditEvent[] = [];
  const at = ctx.now().toISOString();
  const matchActor = await actorMatcher(trx);
  for (const item of mapping.actors) {
    if ('create' in item) {
      if (!mayKeepActorRegistry(actor)) throw new AppError(403, 'forbidden');
      const created = await insertRegistryActor(trx, at, { ...item.create, source: t(locale, 'incidents.actor_from_import') });
      audit.push(created.audit);
      if (
        matchActor(item.name) === null &&
        searchKey(item.name) !== searchKey(item.create.nameEn) &&
        searchKey(item.name) !== searchKey(item.create.nameFr)
      )
        audit.push(await insertRegistryAlias(trx, at, created.row.code, item.name));
      continue;
    }
    const current = matchActor(item.name);
    if (current?.code === item.actor) continue;
    const target = await findActor(trx, item.actor);
    if (!target || target.status === 'merged') throwFieldErrors([{ path: ['mapping', 'actors', item.name], message: 'unknown_actor' }]);
    audit.push(await insertRegistryAlias(trx, at, item.actor, item.name));
  }
  for (const item of mapping.eventTypes) {
    const type = findEventType(item.to.eventType);
    if (!type?.subTypes.some((s) => s.code === item.to.subEventType))
      throwFieldErrors([{ path: ['mapping', 'eventTypes', `${item.eventType} / ${item.subEventType}`], message: 'vocabulary' }]);
    await upsertEventTypeAlias(trx, {
      alias_key: eventKey(item.eventType, item.subEventType),
      alias: `${item.eventType} / ${item.subEventType}`,
      event_type: item.to.eventType,
      sub_event_type: item.to.subEventType,
      created_at: at,
    });
    audit.push({
      action: 'event_type.alias',
      recordType: 'event_type',
      recordId: item.to.subEventType,
      details: { alias: `${item.eventType} / ${item.subEventType}` },
    });
  }
  return audit;
}

/**
 * Imports incidents from CSV as candidates (`submitted`) owned by `unit`. The whole file, with
 * the mapping that comes with it, is one transaction: if any row is invalid nothing is written,
 * and every invalid row is reported by its line and value.
 */
export async function importIncidentsCsv(
  ctx: AppContext,
  actor: Actor,
  input: Input,
  options: { unit: string; classification: string; locale: Locale; mapping?: ImportMappingParsed },
): Promise<IncidentImportReport> {
  const { locale } = options;
  if (!can(actor, 'create', { unit: options.unit, classification: options.classification as 'internal' }))
    throw new AppError(403, 'forbidden');
  const units = await openUnitCodes(ctx.database.db, [options.unit]);

  const errors: RowError[] = [];
  const ignored: string[] = [];
  let errorCount = 0;
  let rows = 0;
  let imported = 0;
  const report = (error: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
  };

  try {
    await auditedTransaction(ctx, actor, async (trx) => {
      const mappingAudit = options.mapping ? await applyMapping(trx, ctx, actor, options.mapping, locale) : [];
      const [matchActor, matchEvent, registry] = await Promise.all([actorMatcher(trx), eventMatcher(trx), listActors(trx)]);
      const known = {
        actors: new Set(registry.filter((a) => a.status === 'active').map((a) => a.code)),
        units,
        incidentRefs: new Set<string>(),
      };
      const textIndex = await deferIncidentTextIndex(trx, ctx.database.dialect);
      // Other requests are served between slices of the import (reads beside it on their own connection).
      const nextSlice = timeSlices();
      const now = ctx.now();
      const at = now.toISOString();
      const year = now.getUTCFullYear();
      let batch: Parameters<typeof insertIncidents>[2][number][] = [];
      const flush = async () => {
        if (batch.length === 0 || errorCount > 0) {
          batch = [];
          return;
        }
        const first = await reserveNumbers(trx, year, batch.length);
        batch.forEach((item, i) => {
          item.incident.ref = `MLI-${year}-${String(first + i).padStart(6, '0')}`;
        });
        await insertIncidents(trx, ctx.database, batch);
        imported += batch.length;
        batch = [];
      };

      for await (const { record, line } of readCsv(input, locale, report, ignored)) {
        rows += 1;
        await nextSlice();
        let rowFailed = false;
        const rowError = (column: string | null, message: string) => {
          rowFailed = true;
          report({ line, column, message });
        };
        const actors: { actor: string; role: string }[] = [];
        for (const { column, role, name } of actorNames(record)) {
          const match = matchActor(name);
          if (!match || !known.actors.has(match.code)) {
            const key = match ? 'incidents.csv_retired_actor' : 'incidents.csv_unknown_actor';
            rowError(column, t(locale, key, { line, value: name }));
          } else actors.push({ actor: match.code, role });
        }
        const eventCell = record.event_type?.trim() ?? '';
        const subCell = record.sub_event_type?.trim() ?? '';
        const event = matchEvent(eventCell, subCell);
        if (!event) rowError('event_type', t(locale, 'incidents.csv_unknown_event_type', { line, value: `${eventCell} / ${subCell}` }));
        if (rowFailed || !event) continue;

        const parsed = incidentInputSchema.safeParse(toInput(record, actors, event, options, locale));
        const issues = parsed.success ? undefined : parsed.error.issues;
        const resolved = parsed.success ? resolveIncident(parsed.data, known) : undefined;
        const all = issues ?? (resolved && 'issues' in resolved ? resolved.issues : []);
        for (const issue of all.slice(0, 3)) {
          const column = columnOf(issue.path);
          const value = column ? (record[column] ?? '') : '';
          const { message } = localizeIssue(locale, issue);
          rowError(
            column,
            column
              ? t(locale, 'incidents.csv_invalid_value', { line, column, value, message })
              : t(locale, 'incidents.csv_invalid_row', { line, message }),
          );
        }
        if (!resolved || 'issues' in resolved || errorCount > 0) continue;
        batch.push({
          incident: {
            ...resolved.values,
            id: randomUUID(),
            ref: '',
            status: 'submitted',
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            version: 1,
          },
          relations: resolved.relations,
          step: { id: randomUUID(), label: actor.label, comment: 'import' },
        });
        if (batch.length >= BATCH[ctx.database.dialect]) await flush();
      }
      if (rows === 0 && errorCount === 0) report({ line: 1, column: null, message: t(locale, 'incidents.csv_empty') });
      await flush();
      if (errorCount > 0) throw new ImportFailed();
      await textIndex.catchUp(nextSlice);
      return {
        result: undefined,
        audit: [
          ...mappingAudit,
          { action: 'incident.import', recordType: 'incident', details: { rows, imported, unit: options.unit, ignoredColumns: ignored } },
        ],
      };
    });
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    imported = 0;
  }
  return { rows, imported, ignoredColumns: ignored, errors, moreErrors: errorCount - errors.length };
}

export const EXPORT_COLUMNS = COLUMNS;
