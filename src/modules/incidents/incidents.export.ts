import type { Locale } from '../../contracts/common.js';
import type { IncidentFilter } from '../../contracts/incidents.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import type { Actor } from '../../platform/policy.js';
import { COLUMNS, exportRow, type Names } from './incidents.acled.js';
import { type IncidentRow, listActors, relations } from './incidents.repository.js';
import { eachIncident } from './incidents.service.js';

/** CSV and GeoJSON exports in ACLED's layout, streamed page by page: constant memory at any size. */

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
