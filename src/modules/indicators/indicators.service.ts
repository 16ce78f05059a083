import type { Selectable } from 'kysely';
import type { Classification, Locale } from '../../contracts/common.js';
import type { Figure, UpdateFigureBody } from '../../contracts/organisation.js';
import type { FigureTable } from '../../db/schema.js';

type FigureRow = Selectable<FigureTable>;

import { formatFigure } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { findFigure, readableFigures, updateFigureVersioned } from './indicators.repository.js';
import { CONSISTENCY_RULES, DERIVED_FIGURES, LISTED_COUNT_RULES, SHARE_RULES } from './rules.js';

/** Rounds half away from zero to `decimals` places (93.0218… → 93.02). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.sign(value) * (Math.round(Math.abs(value) * factor) / factor);
}

function present(row: FigureRow, locale: Locale): Figure {
  return {
    key: row.key,
    unit: row.unit_code,
    label: locale === 'fr' ? row.label_fr : row.label_en,
    value: row.value,
    qualifier: row.qualifier as Figure['qualifier'],
    measure: row.measure,
    period: row.period,
    scope: JSON.parse(row.scope) as Record<string, string>,
    page: row.page,
    quote: row.quote,
    derived: null,
    statedValue: null,
    warnings: [],
    binding: null,
    version: row.version,
  };
}

/** A figure whose records are in Mandat (src/modules/results): bound, or only compared. */
export interface RecordedFigure {
  bound: boolean;
  value: number | null;
  rule: string;
  indicatorId: string | null;
  asOf: string | null;
}

/**
 * A figure bound to records shows the computed value (the stored one stays as the fact book's
 * sourced history); a figure whose records are in Mandat but which is not bound keeps its sourced
 * value and says where the records disagree: the two never disagree silently.
 */
function withRecords(figure: Figure, recorded: RecordedFigure | undefined, locale: Locale): Figure {
  if (!recorded) return figure;
  const computed = recorded.value === null ? null : formatFigure(recorded.value, figure.measure, locale);
  if (!recorded.bound) {
    if (computed === null || recorded.value === figure.value) return figure;
    figure.warnings.push({
      code: 'records_differ',
      message: t(locale, 'figures.records_differ', {
        computed,
        rule: recorded.rule,
        stated: formatFigure(figure.value, figure.measure, locale),
      }),
    });
    return figure;
  }
  const binding = {
    rule: recorded.rule,
    indicatorId: recorded.indicatorId,
    sourcedValue: figure.value,
    sourcedPeriod: figure.period,
    asOf: recorded.asOf,
  };
  if (recorded.value === null) {
    figure.warnings.push({ code: 'bound_unavailable', message: t(locale, 'figures.bound_unavailable', { rule: recorded.rule }) });
    return { ...figure, binding };
  }
  return { ...figure, value: recorded.value, qualifier: null, period: recorded.asOf ?? figure.period, binding };
}

/**
 * Stored figures plus the figures computed from them (percentages are never stored), each with
 * the data-consistency warnings that apply to it. A derived figure is only computed when the
 * actor may read every figure it is computed from.
 */
export function assembleFigures(
  rows: readonly FigureRow[],
  locale: Locale,
  recorded: ReadonlyMap<string, RecordedFigure> = new Map(),
): Figure[] {
  const byKey = new Map(rows.map((row) => [row.key, withRecords(present(row, locale), recorded.get(row.key), locale)]));
  for (const rule of DERIVED_FIGURES) {
    const numerator = byKey.get(rule.numerator);
    const denominator = byKey.get(rule.denominator);
    if (!numerator || !denominator || denominator.value === 0) continue;
    const value = round((numerator.value / denominator.value) * 100, rule.decimals);
    const stated = byKey.get(rule.key);
    const warnings = [];
    if (stated && Math.abs(stated.value - value) > 10 ** -rule.decimals) {
      warnings.push({
        code: 'stated_differs',
        message: t(locale, 'figures.stated_differs', {
          stated: formatFigure(stated.value, 'percent', locale),
          computed: formatFigure(value, 'percent', locale),
        }),
      });
    }
    byKey.set(rule.key, {
      key: rule.key,
      unit: numerator.unit,
      label: rule.label[locale],
      value,
      qualifier: null,
      measure: 'percent',
      period: numerator.period,
      scope: stated?.scope ?? numerator.scope,
      page: stated?.page ?? null,
      quote: stated?.quote ?? null,
      derived: { formula: `${rule.numerator} / ${rule.denominator} × 100` },
      statedValue: stated?.value ?? null,
      warnings,
      binding: null,
      version: null,
    });
  }
  for (const rule of CONSISTENCY_RULES) {
    const total = byKey.get(rule.total);
    const parts = rule.parts.map((key) => byKey.get(key));
    if (!total || parts.some((p) => p === undefined)) continue;
    const sum = parts.reduce((acc, p) => acc + (p?.value ?? 0), 0);
    if (Math.abs(sum - total.value) > (rule.tolerance ?? 0)) {
      const message = t(locale, 'figures.sum_mismatch', {
        parts: parts.map((p) => `${p?.label} (${formatFigure(p?.value ?? 0, p?.measure ?? '', locale)})`).join(' + '),
        sum: formatFigure(sum, total.measure, locale),
        total: `${total.label} (${formatFigure(total.value, total.measure, locale)})`,
      });
      for (const figure of [total, ...parts]) figure?.warnings.push({ code: 'sum_mismatch', message });
    }
  }
  for (const rule of SHARE_RULES) {
    const share = byKey.get(rule.share);
    const numerator = byKey.get(rule.numerator);
    const denominators = rule.denominators.flatMap((key) => byKey.get(key) ?? []);
    if (!share || !numerator || denominators.length !== rule.denominators.length) continue;
    const candidates = denominators.map((denominator) => ({
      denominator,
      value: denominator.value === 0 ? Number.NaN : round((numerator.value / denominator.value) * 100, rule.decimals),
    }));
    if (candidates.some((c) => Math.abs(c.value - share.value) <= 10 ** -rule.decimals)) continue;
    share.warnings.push({
      code: 'share_unmatched',
      message: t(locale, 'figures.share_unmatched', {
        share: formatFigure(share.value, 'percent', locale),
        candidates: candidates
          .map(
            (c) =>
              `${formatFigure(numerator.value, numerator.measure, locale)} / ${formatFigure(c.denominator.value, c.denominator.measure, locale)} (${c.denominator.label}) = ${formatFigure(c.value, 'percent', locale)}`,
          )
          .join(locale === 'fr' ? ' ; ' : '; '),
      }),
    });
  }
  for (const rule of LISTED_COUNT_RULES) {
    const count = byKey.get(rule.count);
    if (!count || count.value === rule.items.length) continue;
    count.warnings.push({
      code: 'count_differs_from_list',
      message: t(locale, 'figures.count_differs_from_list', {
        label: count.label,
        stated: formatFigure(count.value, count.measure, locale),
        listed: formatFigure(rule.items.length, count.measure, locale),
        items: rule.items.join(locale === 'fr' ? ' ; ' : '; '),
      }),
    });
  }
  return [...byKey.values()];
}

export async function listFigures(ctx: AppContext, actor: Actor | null, locale: Locale, unit?: string): Promise<Figure[]> {
  const rows = await readableFigures(ctx.database.db, readScope(actor));
  // Loaded when called: the results module reads other modules that read this one.
  const { recordedFigureValues } = await import('../results/results.service.js');
  const recorded = await recordedFigureValues(
    ctx,
    actor,
    locale,
    rows.filter((row) => !unit || row.unit_code === unit).map((row) => row.key),
  );
  const figures = assembleFigures(rows, locale, recorded);
  return unit ? figures.filter((f) => f.unit === unit) : figures;
}

/** Loads a stored figure the actor may read, or answers 404 as if it did not exist. */
async function readableFigure(ctx: AppContext, actor: Actor | null, key: string) {
  const row = await findFigure(ctx.database.db, key);
  if (!row || !can(actor, 'read', { unit: row.unit_code, classification: row.classification as Classification })) throw notFound();
  return row;
}

/**
 * Corrects a stored figure (value, period, labels) with history and audit. Computed figures are
 * recomputed from the figures they come from; they are not edited.
 */
export async function updateFigure(ctx: AppContext, actor: Actor, key: string, input: UpdateFigureBody, locale: Locale): Promise<Figure> {
  const current = await readableFigure(ctx, actor, key);
  if (!can(actor, 'update', { unit: current.unit_code, classification: current.classification as Classification }))
    throw new AppError(403, 'forbidden');
  if (DERIVED_FIGURES.some((rule) => rule.key === key) && input.value !== undefined) throw new AppError(400, 'figure_computed');
  if (input.value !== undefined) {
    const { isFigureBound } = await import('../results/results.service.js');
    if (await isFigureBound(ctx, key)) throw new AppError(409, 'figure_bound');
  }
  await auditedTransaction(ctx, actor, async (trx) => {
    const next = {
      value: input.value ?? current.value,
      period: input.period === undefined ? current.period : input.period,
      label_fr: input.labelFr ?? current.label_fr,
      label_en: input.labelEn ?? current.label_en,
    };
    const changes = diff({ value: current.value, period: current.period, label_fr: current.label_fr, label_en: current.label_en }, next);
    if (!(await updateFigureVersioned(trx, key, input.version, next))) throw versionConflict();
    await appendHistory(trx, {
      recordType: 'figure',
      recordId: key,
      version: input.version + 1,
      actor,
      changes,
      at: ctx.now().toISOString(),
    });
    return {
      result: undefined,
      audit: { action: 'figure.update', recordType: 'figure', recordId: key, details: { fields: Object.keys(changes) } },
    };
  });
  const figure = (await listFigures(ctx, actor, locale, current.unit_code)).find((f) => f.key === key);
  if (!figure) throw notFound();
  return figure;
}

/** A stored figure the actor may read (its unit and class), for the results framework's bindings; 404 otherwise. */
export async function readableFigureRecord(ctx: AppContext, actor: Actor | null, key: string) {
  const row = await readableFigure(ctx, actor, key);
  return { key: row.key, unit_code: row.unit_code, classification: row.classification, measure: row.measure, value: row.value };
}

export async function figureHistory(ctx: AppContext, actor: Actor | null, key: string) {
  await readableFigure(ctx, actor, key);
  return readHistory(ctx.database.db, 'figure', key);
}
