import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import type { IndicatorDetail, indicatorUpdateSchema } from '../../contracts/results.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff } from '../../platform/history.js';
import type { Actor } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { mayEditResult } from './results.policy.js';
import { type IndicatorRow, updateIndicatorIfVersion } from './results.repository.js';
import { checkProjectLink, getIndicator, readableIndicator } from './results.service.js';

/**
 * Changing an indicator: its titles, unit of measure, baseline, target, period and the project it
 * measures, by those who may edit it (`mayEditResult`), against the version the editor read. The
 * fields that changed go to the record's history, the change to the audit log, both in the
 * transaction of the update; a refused input changes nothing.
 */

type IndicatorUpdate = z.output<typeof indicatorUpdateSchema>;

const INDICATOR = 'result_indicator';

export async function updateIndicator(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: IndicatorUpdate,
  locale: Locale,
): Promise<IndicatorDetail> {
  const row = await readableIndicator(ctx, actor, id);
  if (!mayEditResult(actor, row)) throw new AppError(403, 'forbidden');
  const errors: FieldRuleError[] = [];
  // A computed indicator is in the unit of its rule.
  if (input.measure !== undefined && row.rule_kind !== null && input.measure !== row.measure)
    errors.push({ path: ['measure'], message: 'measure_of_rule' });
  const start = input.periodStart ?? row.period_start;
  const end = input.periodEnd ?? row.period_end;
  if (start > end) errors.push({ path: ['periodEnd'], message: 'period_order' });
  throwFieldErrors(errors);
  if (input.projectId !== undefined && input.projectId !== row.project_id) await checkProjectLink(ctx, actor, input.projectId, locale);

  const next: Partial<IndicatorRow> = {
    title_fr: input.titleFr,
    title_en: input.titleEn,
    measure: input.measure,
    baseline: input.baseline,
    baseline_period: input.baselinePeriod,
    target: input.target,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    project_id: input.projectId,
  };
  for (const key of Object.keys(next) as (keyof IndicatorRow)[]) if (next[key] === undefined) delete next[key];
  const changes = diff(row as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateIndicatorIfVersion(trx, id, input.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: INDICATOR, recordId: id, version: input.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'result_indicator.update', recordType: INDICATOR, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getIndicator(ctx, actor, id, locale);
}
