import type { ResultMeasure } from '../../contracts/results.js';
import type { AppContext } from '../../platform/context.js';
import { can, readScope } from '../../platform/policy.js';
import { guardOf } from './results.policy.js';
import { findObjective, type IndicatorRow, listProjectIndicatorRows, type ObjectiveRow } from './results.repository.js';
import { currentOf } from './results.service.js';

/**
 * What the projects' IATI publication writes of the results framework: for each project, the
 * indicators linked to it, grouped by objective, with baseline, target and the value now. All of
 * it is read with an anonymous reader's rights, whoever asks: only a public indicator of a public
 * objective is published, and a computed one is computed over the records a visitor may read, so
 * nothing a visitor may not read reaches the file.
 */

export interface PublishedIndicator {
  id: string;
  titleFr: string;
  titleEn: string;
  measure: ResultMeasure;
  baseline: number | null;
  /** As entered: a year, a date, or a label that starts with its year. */
  baselinePeriod: string | null;
  target: number | null;
  periodStart: string;
  periodEnd: string;
  /** The value now (the latest entered, or the rule's over what a visitor may read), with women and men where known. */
  actual: { value: number; women: number | null; men: number | null } | null;
}

export interface PublishedResult {
  objectiveId: string;
  titleFr: string;
  titleEn: string;
  indicators: PublishedIndicator[];
}

/** The published results of these projects, by project id (a project without one is absent). */
export async function publishedResults(ctx: AppContext, projectIds: readonly string[]): Promise<Map<string, PublishedResult[]>> {
  const db = ctx.database.db;
  const rows = await listProjectIndicatorRows(db, readScope(null), projectIds);
  const objectives = new Map<string, ObjectiveRow | null>();
  const out = new Map<string, PublishedResult[]>();
  for (const row of rows) {
    if (!row.project_id || !can(null, 'read', guardOf(row))) continue;
    if (!objectives.has(row.objective_id)) {
      const objective = await findObjective(db, row.objective_id);
      objectives.set(row.objective_id, objective && can(null, 'read', guardOf(objective)) ? objective : null);
    }
    const objective = objectives.get(row.objective_id);
    if (!objective) continue;
    const results = out.get(row.project_id) ?? [];
    let result = results.find((r) => r.objectiveId === objective.id);
    if (!result) {
      result = { objectiveId: objective.id, titleFr: objective.title_fr, titleEn: objective.title_en, indicators: [] };
      results.push(result);
    }
    result.indicators.push(await published(ctx, row));
    out.set(row.project_id, results);
  }
  return out;
}

async function published(ctx: AppContext, row: IndicatorRow): Promise<PublishedIndicator> {
  const { current } = await currentOf(ctx, null, 'fr', row);
  return {
    id: row.id,
    titleFr: row.title_fr,
    titleEn: row.title_en,
    measure: row.measure as ResultMeasure,
    baseline: row.baseline,
    baselinePeriod: row.baseline_period,
    target: row.target,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    actual:
      current && current.value !== null && current.value !== undefined
        ? { value: current.value, women: current.women, men: current.men }
        : null,
  };
}
