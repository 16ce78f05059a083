import {
  CANDIDATE_STATUSES,
  INCIDENT_STATUSES,
  type IncidentFilter,
  type IncidentStats,
  type IncidentStatus,
  type IncidentSummary,
  VERIFIED_STATUSES,
} from '../../contracts/incidents.js';
import type { AppContext } from '../../platform/context.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { clusters, groupedCounts, mapPreviews } from './incidents.repository.js';

/**
 * What the dashboard and the map draw from the log: counts over the whole filter, candidates and
 * verified apart, and grid clusters with counts per cercle, all inside the reader's scope.
 */

type Split = { candidate: number; verified: number; other: number };
const emptySplit = (): Split => ({ candidate: 0, verified: 0, other: 0 });

function splitKey(status: string): keyof Split {
  if (VERIFIED_STATUSES.includes(status as IncidentStatus)) return 'verified';
  if (CANDIDATE_STATUSES.includes(status as IncidentStatus)) return 'candidate';
  return 'other';
}

/** The Monday starting the ISO week of a date, as YYYY-MM-DD. */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function nextPeriod(period: string, interval: 'week' | 'month'): string {
  if (interval === 'month') {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const date = new Date(`${period}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 7);
  return date.toISOString().slice(0, 10);
}

/** Counts for the dashboard, candidates and verified apart, over the whole filter. */
export async function incidentStats(
  ctx: AppContext,
  actor: Actor | null,
  filter: IncidentFilter,
  interval: 'week' | 'month',
): Promise<IncidentStats> {
  const db = ctx.database.db;
  const scope = readScope(actor);
  // Two scans: by day (the timeline), and by place and type (a cercle lies in one region).
  const [byDay, byPlaceType] = await Promise.all([
    groupedCounts(db, ctx.database.dialect, filter, scope, ['occurred_on']),
    groupedCounts(db, ctx.database.dialect, filter, scope, ['region', 'cercle', 'event_type']),
  ]);
  const byStatus = Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])) as Record<IncidentStatus, number>;
  const killed = emptySplit();
  const periods = new Map<string, Split>();
  for (const row of byDay) {
    byStatus[row.status as IncidentStatus] += row.n;
    killed[splitKey(row.status)] += row.killed;
    const period = interval === 'month' ? (row.occurred_on ?? '').slice(0, 7) : weekOf(row.occurred_on ?? '');
    const split = periods.get(period) ?? emptySplit();
    split[splitKey(row.status)] += row.n;
    periods.set(period, split);
  }
  // A timeline without gaps: empty periods are zeros, not missing points.
  const timeline: IncidentStats['timeline'] = [];
  const sorted = [...periods.keys()].sort();
  if (sorted.length > 0) {
    const last = sorted.at(-1) ?? '';
    for (let period = sorted[0] ?? last; period <= last; period = nextPeriod(period, interval)) {
      timeline.push({ period, ...(periods.get(period) ?? emptySplit()) });
    }
  }
  const regionType = new Map<string, IncidentStats['byRegionType'][number]>();
  for (const row of byPlaceType) {
    const key = `${row.region}|${row.event_type}`;
    const entry = regionType.get(key) ?? { region: row.region ?? '', eventType: row.event_type ?? '', ...emptySplit() };
    entry[splitKey(row.status)] += row.n;
    regionType.set(key, entry);
  }
  const cercle = new Map<string, IncidentStats['byCercle'][number]>();
  for (const row of byPlaceType) {
    if (!row.cercle) continue;
    const entry = cercle.get(row.cercle) ?? { cercle: row.cercle, ...emptySplit() };
    entry[splitKey(row.status)] += row.n;
    cercle.set(row.cercle, entry);
  }
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    killed,
    timeline,
    byRegionType: [...regionType.values()],
    byCercle: [...cercle.values()],
  };
}

/** Map layers: grid clusters sized for the zoom level, and counts per cercle for the choropleth. */
export async function incidentMap(ctx: AppContext, actor: Actor | null, filter: IncidentFilter, zoom: number, bbox: string | undefined) {
  const scope = readScope(actor);
  // About 60 screen pixels of a 256-pixel tile at this zoom.
  const cell = (360 / 2 ** zoom) * (60 / 256);
  const box = bbox ? (bbox.split(',').map(Number) as [number, number, number, number]) : null;
  const [points, byCercle] = await Promise.all([
    clusters(ctx.database.db, ctx.database.dialect, filter, scope, cell, box),
    groupedCounts(ctx.database.db, ctx.database.dialect, filter, scope, ['cercle']),
  ]);
  const counts = new Map<string, number>();
  for (const row of byCercle) if (row.cercle) counts.set(row.cercle, (counts.get(row.cercle) ?? 0) + row.n);
  const singles = points.flatMap((point) => (point.ref === null ? [] : [point.ref]));
  const previews = new Map(
    (await mapPreviews(ctx.database.db, ctx.database.dialect, filter, scope, singles)).map((row) => [
      row.ref,
      {
        title: row.title,
        occurredOn: row.occurred_on,
        datePrecision: row.date_precision as IncidentSummary['datePrecision'],
        eventType: row.event_type,
        category: row.category,
        region: row.region,
        cercle: row.cercle,
        place: row.place,
      },
    ]),
  );
  return {
    // An incident gone from the reader's scope since its cluster was counted keeps its reference, without a preview.
    clusters: points.map((point) => ({ ...point, incident: (point.ref !== null && previews.get(point.ref)) || null })),
    byCercle: [...counts].map(([c, count]) => ({ cercle: c, count })),
  };
}
