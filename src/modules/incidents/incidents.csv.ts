import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Parser, parse } from 'csv-parse';
import type { Locale } from '../../contracts/common.js';
import {
  type IncidentFilter,
  type IncidentImportReport,
  type IncidentStatus,
  incidentInputSchema,
  VERIFIED_STATUSES,
} from '../../contracts/incidents.js';
import { cercles, findArea, regions } from '../../data/mali/boundaries.js';
import { eventTypes, findEventType, label, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { Dialect } from '../../db/schema.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { BOM, csvLine, type Separator, unneutralise } from '../../platform/csv.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, can } from '../../platform/policy.js';
import { timeSlices } from '../../platform/slices.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue } from '../../platform/validation.js';
import { openUnitCodes } from '../organisation/organisation.service.js';
import {
  deferIncidentTextIndex,
  type IncidentRow,
  insertIncidents,
  listActors,
  relations,
  reserveNumbers,
} from './incidents.repository.js';
import { resolveIncident } from './incidents.resolve.js';
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

const COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time',
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
  'iso',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
  'tags',
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
  'mandat_casualties',
  'mandat_sources',
  'mandat_unit',
  'mandat_classification',
  'mandat_updated_at',
] as const;
type Column = (typeof COLUMNS)[number];

function actorCells(row: IncidentRow, associated: Map<string, string[]>, names: Names, n: 1 | 2) {
  const code = n === 1 ? row.actor1 : row.actor2;
  const actor = code ? names.actors.get(code) : undefined;
  const name = (c: string) => {
    const a = names.actors.get(c);
    return a ? (names.locale === 'fr' ? a.fr : a.en) : c;
  };
  return {
    name: code ? name(code) : '',
    associated: (associated.get(`${row.id}|associated${n}`) ?? []).map(name).join('; '),
    inter: actor?.type ?? null,
  };
}

function exportRow(row: IncidentRow, associated: Map<string, string[]>, names: Names): (string | number | null)[] {
  const type = findEventType(row.event_type);
  const sub = type?.subTypes.find((s) => s.code === row.sub_event_type);
  const a1 = actorCells(row, associated, names, 1);
  const a2 = actorCells(row, associated, names, 2);
  const sources = JSON.parse(row.sources) as { reference: string }[];
  const values: Record<Column, string | number | null> = {
    event_id_cnty: row.ref,
    event_date: row.occurred_on,
    year: Number(row.occurred_on.slice(0, 4)),
    time: row.occurred_time,
    time_precision: TIME_PRECISION[row.date_precision] ?? null,
    disorder_type: null,
    event_type: type ? label(type, names.locale) : row.event_type,
    sub_event_type: sub ? label(sub, names.locale) : row.sub_event_type,
    actor1: a1.name,
    assoc_actor_1: a1.associated,
    inter1: a1.inter,
    actor2: a2.name,
    assoc_actor_2: a2.associated,
    inter2: a2.inter,
    iso: 466,
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
    notes: row.description,
    fatalities: row.killed_best,
    tags: (JSON.parse(row.tags) as string[]).join('; '),
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
    mandat_casualties: row.casualties,
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

/** "JNIM" or "jnim" finds "Jama’at Nusrat al-Islam wal-Muslimin (JNIM)": by code or by the abbreviation in brackets. */
function byAbbreviation(registry: readonly { code: string; name_fr: string; name_en: string }[], cell: string): string | null {
  const key = searchKey(cell);
  const abbreviation = (name: string) => searchKey(/\(([^)]+)\)\s*$/.exec(name)?.[1] ?? '');
  return registry.find((a) => a.code === key || abbreviation(a.name_fr) === key || abbreviation(a.name_en) === key)?.code ?? null;
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

/** One CSV record (ACLED or Mandat columns) as the API's incident input, before validation. */
function toInput(
  record: Record<string, string>,
  actorCodes: (cell: string) => string | null,
  defaults: { unit: string; classification: string },
  locale: Locale,
) {
  const eventType = lookup(eventTypes(), record.event_type ?? '') ?? record.event_type ?? '';
  const subEventType = lookup(findEventType(eventType)?.subTypes ?? [], record.sub_event_type ?? '') ?? record.sub_event_type ?? '';
  const actors: { actor: string; role: string }[] = [];
  const addActors = (cell: string | undefined, role: string) => {
    for (const name of role.startsWith('associated') ? splitList(cell) : cell?.trim() ? [cell.trim()] : []) {
      actors.push({ actor: actorCodes(name) ?? name, role });
    }
  };
  addActors(record.actor1, 'actor1');
  addActors(record.assoc_actor_1, 'associated1');
  addActors(record.actor2, 'actor2');
  addActors(record.assoc_actor_2, 'associated2');
  const latitude = number(record.latitude);
  const longitude = number(record.longitude);
  const region = areaCode(record.admin1, regions());
  const cercle = areaCode(record.admin2, cercles());
  const place = record.location?.trim() || null;
  const killed = number(record.fatalities);
  const casualties = record.mandat_casualties?.trim()
    ? safeJson(record.mandat_casualties)
    : killed !== null
      ? {
          unspecified: {
            killed: { low: number(record.fatalities_low) ?? killed, best: killed, high: number(record.fatalities_high) ?? killed },
          },
        }
      : {};
  const sources = record.mandat_sources?.trim()
    ? safeJson(record.mandat_sources)
    : splitList(record.source).map((reference) => ({ type: 'other', reference, reliability: 'F', credibility: 6 }));
  const category = record.mandat_category?.trim() ? (lookup(MISSION_CATEGORIES, record.mandat_category) ?? record.mandat_category) : null;
  const type = findEventType(eventType);
  const sub = type?.subTypes.find((s) => s.code === subEventType);
  const where = place ?? (cercle && findArea(cercle)?.name) ?? (region && findArea(region)?.name) ?? '';
  return {
    occurredOn: record.event_date?.trim() ?? '',
    occurredTime: record.time?.trim() || null,
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
    casualties,
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The columns an import reads; others are reported as unknown so typos do not silently lose data. */
const KNOWN_COLUMNS = new Set<string>([...COLUMNS]);

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

/**
 * Imports incidents from CSV as candidates (`submitted`) owned by `unit`. The whole file is one
 * transaction: if any row is invalid nothing is written, and every invalid row is reported.
 */
export async function importIncidentsCsv(
  ctx: AppContext,
  actor: Actor,
  input: string | AsyncIterable<Buffer | string>,
  options: { unit: string; classification: string; locale: Locale },
): Promise<IncidentImportReport> {
  const { locale } = options;
  if (!can(actor, 'create', { unit: options.unit, classification: options.classification as 'internal' }))
    throw new AppError(403, 'forbidden');
  const registry = await listActors(ctx.database.db);
  const terms = registry.map((a) => ({ code: a.code, en: a.name_en, fr: a.name_fr }));
  const actorCodes = (cell: string) => lookup(terms, cell) ?? byAbbreviation(registry, cell);
  const units = await openUnitCodes(ctx.database.db, [options.unit]);
  const known = { actors: new Set(registry.map((a) => a.code)), units, incidentRefs: new Set<string>() };

  let separator: Separator = ',';
  let source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>;
  if (typeof input === 'string') {
    separator = detectSeparator(input.slice(0, input.indexOf('\n') >>> 0 || input.length));
    source = [input];
  } else {
    source = input;
  }

  const errors: RowError[] = [];
  let errorCount = 0;
  let rows = 0;
  let imported = 0;
  const report = (error: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
  };

  try {
    await auditedTransaction(ctx, actor, async (trx) => {
      const parser = parse({
        bom: true,
        delimiter: separator,
        columns: (header: string[]) => {
          const names = header.map((h) => h.trim().toLowerCase());
          const unknown = names.filter((n) => !KNOWN_COLUMNS.has(n));
          if (unknown.length > 0)
            report({ line: 1, column: null, message: t(locale, 'incidents.csv_unknown_columns', { columns: unknown.join(', ') }) });
          for (const required of ['event_date', 'event_type', 'sub_event_type']) {
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

      try {
        for await (const { record, info } of records(parser)) {
          rows += 1;
          await nextSlice();
          const line = info.lines;
          for (const key in record) record[key] = unneutralise(record[key] ?? '');
          const parsed = incidentInputSchema.safeParse(toInput(record, actorCodes, options, locale));
          if (!parsed.success) {
            for (const issue of parsed.error.issues.slice(0, 3)) {
              const { path, message } = localizeIssue(locale, issue);
              report({ line, column: path || null, message });
            }
            continue;
          }
          const resolved = resolveIncident(parsed.data, known);
          if ('issues' in resolved) {
            for (const issue of resolved.issues.slice(0, 3)) {
              const { path, message } = localizeIssue(locale, issue);
              report({ line, column: path || null, message });
            }
            continue;
          }
          if (errorCount > 0) continue;
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
      } catch (error) {
        if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
          report({ line: rows + 1, column: null, message: t(locale, 'incidents.csv_unreadable') });
        } else throw error;
      }
      await parsing;
      if (rows === 0 && errorCount === 0) report({ line: 1, column: null, message: t(locale, 'incidents.csv_empty') });
      await flush();
      if (errorCount > 0) throw new ImportFailed();
      await textIndex.catchUp(nextSlice);
      return {
        result: undefined,
        audit: { action: 'incident.import', recordType: 'incident', details: { rows, imported, unit: options.unit } },
      };
    });
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    imported = 0;
  }
  return { rows, imported, errors, moreErrors: errorCount - errors.length };
}

export const EXPORT_COLUMNS = COLUMNS;
