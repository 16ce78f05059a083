import type { FacilityStatus, JusticeDashboard } from '../../contracts/justice.js';
import type { AppContext } from '../../platform/context.js';
import { type Cell, publishedTable, suppressionPattern } from '../../platform/disclosure.js';
import type { Actor } from '../../platform/policy.js';
import { round } from '../indicators/indicators.service.js';
import type { AssessmentRow, PopulationRow } from './justice.repository.js';

/**
 * The figures of justice and corrections: each facility's latest assessment and count, the shares
 * of functional facilities, tables of people with small cells suppressed, and the fact book's
 * sourced shares beside them. Pure computation over rows the service has read.
 */

// ---------------------------------------------------------------------------------------------
// Latest assessments and shares

/** Each facility's latest assessment: the latest date assessed, then the latest recorded that day. */
export function latestAssessments<T extends Pick<AssessmentRow, 'facility_id' | 'assessed_on' | 'recorded_at'>>(
  rows: readonly T[],
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const held = latest.get(row.facility_id);
    if (!held || held.assessed_on < row.assessed_on || (held.assessed_on === row.assessed_on && held.recorded_at <= row.recorded_at))
      latest.set(row.facility_id, row);
  }
  return latest;
}

/** Each prison's latest population count. */
export function latestCounts(rows: readonly PopulationRow[]): Map<string, PopulationRow> {
  const latest = new Map<string, PopulationRow>();
  for (const row of rows) {
    const held = latest.get(row.facility_id);
    if (!held || held.counted_on < row.counted_on || (held.counted_on === row.counted_on && held.recorded_at <= row.recorded_at))
      latest.set(row.facility_id, row);
  }
  return latest;
}

/** (functional + partly functional) over assessed facilities, one decimal; null when none is assessed. */
export function functionalShare(statuses: readonly FacilityStatus[], facilities: number): JusticeDashboard['courts'] {
  const functional = statuses.filter((s) => s === 'functional').length;
  const partlyFunctional = statuses.filter((s) => s === 'partly_functional').length;
  const assessed = statuses.length;
  return {
    facilities,
    assessed,
    functional,
    partlyFunctional,
    notFunctional: assessed - functional - partlyFunctional,
    share: assessed === 0 ? null : round(((functional + partlyFunctional) / assessed) * 100, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Counts of people: exact inside the mission, suppressed where published to the public

/** What is shown to a visitor is published: counts of people pass small-cell suppression. */
export const published = (actor: Actor | null) => actor === null;

/**
 * A table of counts by two dimensions, as the reader receives it: exact for members, with the
 * small-cell suppression of published statistics for the public.
 */
export function countTable(
  ctx: AppContext,
  rows: readonly string[],
  columns: readonly string[],
  count: (row: string, column: string) => number,
  suppress: boolean,
): { cell: (row: string, column: string) => Cell; rowTotal: (row: string) => Cell; columnTotal: (column: string) => Cell; total: Cell } {
  if (!suppress) {
    const sum = (pairs: [string, string][]) => pairs.reduce((n, [r, c]) => n + count(r, c), 0);
    return {
      cell: count,
      rowTotal: (r) => sum(columns.map((c) => [r, c])),
      columnTotal: (c) => sum(rows.map((r) => [r, c])),
      total: sum(rows.flatMap((r) => columns.map((c): [string, string] => [r, c]))),
    };
  }
  const records: Record<string, string>[] = [];
  for (const r of rows) for (const c of columns) for (let i = 0; i < count(r, c); i++) records.push({ a: r, b: c });
  const pattern = suppressionPattern(
    records,
    [
      { name: 'a', values: rows },
      { name: 'b', values: columns },
    ],
    ctx.config.minCell,
  );
  const table = publishedTable(pattern, 'a', 'b');
  const ri = (r: string) => rows.indexOf(r);
  const ci = (c: string) => columns.indexOf(c);
  return {
    cell: (r, c) => table.cells[ri(r)]?.[ci(c)] ?? null,
    rowTotal: (r) => table.rowTotals[ri(r)] ?? null,
    columnTotal: (c) => table.columnTotals[ci(c)] ?? null,
    total: table.total,
  };
}

export const SEXES = ['women', 'men'] as const;
const DETENTION = ['pretrial', 'convicted'] as const;

export function populationCells(
  ctx: AppContext,
  counts: readonly Pick<PopulationRow, 'women' | 'men' | 'pretrial_women' | 'pretrial_men'>[],
  suppress: boolean,
) {
  const n = (sex: string, detention: string) =>
    counts.reduce((total, c) => {
      const all = sex === 'women' ? c.women : c.men;
      const pretrial = sex === 'women' ? c.pretrial_women : c.pretrial_men;
      return total + (detention === 'pretrial' ? pretrial : all - pretrial);
    }, 0);
  const table = countTable(ctx, SEXES, DETENTION, n, suppress);
  const total = table.total;
  const pretrial = table.columnTotal('pretrial');
  return {
    women: table.rowTotal('women'),
    men: table.rowTotal('men'),
    pretrialWomen: table.cell('women', 'pretrial'),
    pretrialMen: table.cell('men', 'pretrial'),
    total,
    pretrial,
    pretrialShare: total !== null && pretrial !== null && total > 0 ? round((pretrial / total) * 100, 1) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Facilities

export function sourcedShare(
  functional: number | undefined,
  total: number | undefined,
  share: number | undefined,
  quote: string | null,
  page: number | null,
) {
  if (functional === undefined || total === undefined) return null;
  return { functional, total, share: share ?? (total === 0 ? null : round((functional / total) * 100, 1)), quote, page };
}
