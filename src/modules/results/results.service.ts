import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import type {
  BindingInput,
  ComputedValue,
  EnteredValue,
  Indicator,
  IndicatorDetail,
  indicatorInputSchema,
  Objective,
  objectiveInputSchema,
  objectiveUpdateSchema,
  ResultMeasure,
  valueInputSchema,
} from '../../contracts/results.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { readableFigureRecord } from '../indicators/indicators.service.js';
import { DERIVED_FIGURES } from '../indicators/rules.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { readableProjectTitles } from '../projects/projects.service.js';
import { guardOf, mayBindFigure, mayDefineResults, mayEditResult, mayEnterValue } from './results.policy.js';
import {
  type BindingRow,
  deleteBinding,
  findBinding,
  findIndicator,
  findObjective,
  type IndicatorRow,
  insertIndicator,
  insertObjective,
  insertValue,
  listBindingRows,
  listIndicatorRows,
  listObjectiveRows,
  listValueRows,
  type ObjectiveRow,
  updateObjectiveIfVersion,
  upsertBinding,
  type ValueRow,
} from './results.repository.js';
import { RECORDED_FIGURES, RULE_KINDS, type RulePeriod, ruleKind } from './results.rules.js';

/**
 * The results framework (CPAS-style): objectives of a unit or of the mission, their indicators
 * with unit of measure, baseline, target and period, each either entered by hand (value, period,
 * source, evidence, author) or computed by a rule of the registry (`results.rules.ts`) over the
 * records the reader may read, with its derivation. Fiche figures may be bound to an indicator or
 * to a rule: the fiche then shows the computed value, and the fact book's stays as its history.
 */

const OBJECTIVE = 'result_objective';
const INDICATOR = 'result_indicator';
const FIGURE = 'figure';

type ObjectiveInput = z.output<typeof objectiveInputSchema>;
type ObjectiveUpdate = z.output<typeof objectiveUpdateSchema>;
type IndicatorInput = z.output<typeof indicatorInputSchema>;
type ValueInput = z.output<typeof valueInputSchema>;

const forbidden = () => new AppError(403, 'forbidden');

/** A rule's kind and parameters checked by the registry; field errors under `path` otherwise. */
function checkRule(rule: { kind: string; params: Record<string, unknown> }, path: string[]) {
  const kind = ruleKind(rule.kind);
  if (!kind) return throwFieldErrors([{ path: [...path, 'kind'], message: 'rule_kind' }]) as never;
  const parsed = kind.params.safeParse(rule.params);
  if (!parsed.success) {
    const errors: FieldRuleError[] = parsed.error.issues.map((issue) => ({
      path: [...path, 'params', ...issue.path.map(String)],
      message: 'rule_params',
    }));
    return throwFieldErrors(errors) as never;
  }
  return { kind, params: parsed.data as Record<string, unknown> };
}

export function ruleKinds(locale: Locale) {
  return {
    kinds: RULE_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label[locale],
      measure: k.measure(k.params.parse(defaultsOf(k.kind)) as Record<string, unknown>),
      params: k.paramInfo.map((p) => ({
        name: p.name,
        label: p.label[locale],
        required: p.required,
        options: p.options ? [...p.options] : null,
      })),
    })),
  };
}

/** Parameters that satisfy a kind's schema, to tell its measure in the list of kinds. */
function defaultsOf(kind: string): Record<string, unknown> {
  const k = ruleKind(kind);
  const params: Record<string, unknown> = {};
  for (const p of k?.paramInfo ?? []) if (p.required && p.options) params[p.name] = p.options[0];
  return params;
}

/** Runs a rule for `actor`: the value and its derivation from the records the actor may read. */
export async function computeRule(
  ctx: AppContext,
  actor: Actor | null,
  locale: Locale,
  rule: { kind: string; params: Record<string, unknown> },
  period: RulePeriod,
): Promise<ComputedValue> {
  const { kind, params } = checkRule(rule, ['rule']);
  const result = await kind.compute({ ctx, actor, locale, period }, params);
  return { ...result, rule: kind.describe(params, locale, period) };
}

function ruleOf(row: { rule_kind: string | null; rule_params: string | null }) {
  return row.rule_kind ? { kind: row.rule_kind, params: JSON.parse(row.rule_params ?? '{}') as Record<string, unknown> } : null;
}

function presentValue(row: ValueRow): EnteredValue {
  return {
    id: row.id,
    value: row.value,
    period: row.period,
    source: row.source,
    evidence: row.evidence,
    women: row.women === null ? null : Number(row.women),
    men: row.men === null ? null : Number(row.men),
    author: row.author_label,
    enteredAt: row.entered_at,
  };
}

function progressOf(current: number | null | undefined, baseline: number | null, target: number | null): number | null {
  if (current === null || current === undefined || target === null) return null;
  const from = baseline ?? 0;
  if (target === from) return null;
  return Math.round(((current - from) / (target - from)) * 1000) / 10;
}

/** The indicator's value now for `actor`, and its derivation when computed. */
export async function currentOf(ctx: AppContext, actor: Actor | null, locale: Locale, row: IndicatorRow) {
  const rule = ruleOf(row);
  if (rule) {
    const derivation = await computeRule(ctx, actor, locale, rule, { start: row.period_start, end: row.period_end });
    return {
      current: { value: derivation.value, women: derivation.women, men: derivation.men, period: derivation.asOf },
      derivation,
      values: [] as ValueRow[],
    };
  }
  const values = await listValueRows(ctx.database.db, row.id);
  const latest = values[0];
  return {
    current: latest
      ? {
          value: latest.value,
          women: latest.women === null ? null : Number(latest.women),
          men: latest.men === null ? null : Number(latest.men),
          period: latest.period,
        }
      : null,
    derivation: null,
    values,
  };
}

async function presentIndicator(
  ctx: AppContext,
  actor: Actor | null,
  locale: Locale,
  row: IndicatorRow,
  bindings: readonly BindingRow[],
  projects: ReadonlyMap<string, string>,
): Promise<Indicator & { derivation: ComputedValue | null; valueRows: ValueRow[] }> {
  const { current, derivation, values } = await currentOf(ctx, actor, locale, row);
  return {
    id: row.id,
    objectiveId: row.objective_id,
    unit: row.unit_code,
    title: locale === 'fr' ? row.title_fr : row.title_en,
    titleFr: row.title_fr,
    titleEn: row.title_en,
    measure: row.measure as ResultMeasure,
    baseline: row.baseline,
    baselinePeriod: row.baseline_period,
    target: row.target,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    classification: row.classification as Indicator['classification'],
    mode: row.rule_kind ? 'computed' : 'entered',
    rule: ruleOf(row),
    current,
    progress: progressOf(current?.value, row.baseline, row.target),
    figures: bindings.filter((b) => b.indicator_id === row.id).map((b) => b.figure_key),
    project: row.project_id && projects.has(row.project_id) ? { id: row.project_id, title: projects.get(row.project_id) ?? '' } : null,
    version: row.version,
    may: { edit: mayEditResult(actor, row), enterValue: mayEnterValue(actor, row) },
    derivation,
    valueRows: values,
  };
}

function presentObjective(row: ObjectiveRow, locale: Locale, actor: Actor | null, indicators: Indicator[]): Objective {
  return {
    id: row.id,
    unit: row.unit_code,
    code: row.code,
    title: locale === 'fr' ? row.title_fr : row.title_en,
    titleFr: row.title_fr,
    titleEn: row.title_en,
    classification: row.classification as Objective['classification'],
    version: row.version,
    indicators,
    may: { edit: mayEditResult(actor, row), addIndicator: mayEditResult(actor, row) },
  };
}

/** The framework the reader may read, by objective, each with its readable indicators and their progress. */
export async function framework(
  ctx: AppContext,
  actor: Actor | null,
  locale: Locale,
  unit?: string,
): Promise<{ objectives: Objective[]; may: { defineIn: string[] } }> {
  const scope = readScope(actor);
  const objectives = await listObjectiveRows(ctx.database.db, scope, unit);
  const indicators = await listIndicatorRows(
    ctx.database.db,
    scope,
    objectives.map((o) => o.id),
  );
  const bindings = await listBindingRows(ctx.database.db);
  const projects = await projectTitles(ctx, actor, indicators, locale);
  const presented = new Map<string, Indicator[]>();
  for (const row of indicators) {
    const {
      derivation: _derivation,
      valueRows: _values,
      ...indicator
    } = await presentIndicator(ctx, actor, locale, row, bindings, projects);
    presented.set(row.objective_id, [...(presented.get(row.objective_id) ?? []), indicator]);
  }
  const defineIn = actor ? [...actor.memberships.keys()].filter((code) => mayDefineResults(actor, code)).sort() : [];
  return { objectives: objectives.map((o) => presentObjective(o, locale, actor, presented.get(o.id) ?? [])), may: { defineIn } };
}

/** The titles of the projects these indicators measure that `actor` may read (through the projects service). */
function projectTitles(ctx: AppContext, actor: Actor | null, rows: readonly IndicatorRow[], locale: Locale) {
  const ids = [...new Set(rows.map((r) => r.project_id).filter((id): id is string => id !== null))];
  return ids.length === 0 ? Promise.resolve(new Map<string, string>()) : readableProjectTitles(ctx, actor, ids, locale);
}

/** An indicator measures only a project its definer may read: a field error on `projectId` otherwise. */
export async function checkProjectLink(ctx: AppContext, actor: Actor, projectId: string | null, locale: Locale): Promise<void> {
  if (projectId === null) return;
  if (!(await readableProjectTitles(ctx, actor, [projectId], locale)).has(projectId))
    throwFieldErrors([{ path: ['projectId'], message: 'unknown_project' }]);
}

async function readableObjective(ctx: AppContext, actor: Actor | null, id: string): Promise<ObjectiveRow> {
  const row = await findObjective(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function readableIndicator(ctx: AppContext, actor: Actor | null, id: string): Promise<IndicatorRow> {
  const row = await findIndicator(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getObjective(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Objective> {
  const row = await readableObjective(ctx, actor, id);
  const { objectives } = await framework(ctx, actor, locale, row.unit_code);
  const found = objectives.find((o) => o.id === id);
  if (!found) throw notFound();
  return found;
}

export async function createObjective(ctx: AppContext, actor: Actor, input: ObjectiveInput, locale: Locale): Promise<Objective> {
  if (!mayDefineResults(actor, input.unit)) throw forbidden();
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    const at = ctx.now().toISOString();
    await insertObjective(trx, {
      id,
      unit_code: input.unit,
      code: input.code ?? '',
      title_fr: input.titleFr,
      title_en: input.titleEn,
      classification: input.classification,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    return {
      result: undefined,
      audit: { action: 'result_objective.create', recordType: OBJECTIVE, recordId: id, details: { unit: input.unit } },
    };
  });
  return getObjective(ctx, actor, id, locale);
}

export async function updateObjective(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ObjectiveUpdate,
  locale: Locale,
): Promise<Objective> {
  const row = await readableObjective(ctx, actor, id);
  if (!mayEditResult(actor, row)) throw forbidden();
  const next: Partial<ObjectiveRow> = {};
  if (input.code !== undefined) next.code = input.code;
  if (input.titleFr !== undefined) next.title_fr = input.titleFr;
  if (input.titleEn !== undefined) next.title_en = input.titleEn;
  const changes = diff(row as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateObjectiveIfVersion(trx, id, input.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: OBJECTIVE, recordId: id, version: input.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'result_objective.update', recordType: OBJECTIVE, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getObjective(ctx, actor, id, locale);
}

export async function createIndicator(
  ctx: AppContext,
  actor: Actor,
  objectiveId: string,
  input: IndicatorInput,
  locale: Locale,
): Promise<IndicatorDetail> {
  const objective = await readableObjective(ctx, actor, objectiveId);
  if (!mayEditResult(actor, objective)) throw forbidden();
  const checked = input.rule ? checkRule(input.rule, ['rule']) : null;
  await checkProjectLink(ctx, actor, input.projectId, locale);
  // A computed indicator is in the unit of its rule (a count, a share, US dollars).
  const measure = checked ? checked.kind.measure(checked.params) : input.measure;
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await insertIndicator(trx, {
      id,
      objective_id: objective.id,
      unit_code: objective.unit_code,
      title_fr: input.titleFr,
      title_en: input.titleEn,
      measure,
      baseline: input.baseline,
      baseline_period: input.baselinePeriod,
      target: input.target,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      classification: input.classification,
      rule_kind: checked ? checked.kind.kind : null,
      rule_params: checked ? JSON.stringify(checked.params) : null,
      project_id: input.projectId,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    return {
      result: undefined,
      audit: {
        action: 'result_indicator.create',
        recordType: INDICATOR,
        recordId: id,
        details: { objective: objective.id, rule: checked?.kind.kind ?? null, project: input.projectId },
      },
    };
  });
  return getIndicator(ctx, actor, id, locale);
}

export async function getIndicator(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<IndicatorDetail> {
  const row = await readableIndicator(ctx, actor, id);
  const objective = await findObjective(ctx.database.db, row.objective_id);
  if (!objective) throw notFound();
  const { derivation, valueRows, ...indicator } = await presentIndicator(
    ctx,
    actor,
    locale,
    row,
    await listBindingRows(ctx.database.db),
    await projectTitles(ctx, actor, [row], locale),
  );
  return {
    ...indicator,
    objective: { id: objective.id, code: objective.code, title: locale === 'fr' ? objective.title_fr : objective.title_en },
    values: valueRows.map(presentValue),
    derivation,
  };
}

/** A value entered for an indicator entered by hand; earlier values stay as its history. */
export async function enterValue(ctx: AppContext, actor: Actor, id: string, input: ValueInput, locale: Locale): Promise<IndicatorDetail> {
  const row = await readableIndicator(ctx, actor, id);
  if (row.rule_kind !== null) throw new AppError(409, 'indicator_computed');
  if (!mayEnterValue(actor, row)) throw forbidden();
  const errors: FieldRuleError[] = [];
  if (row.measure === 'count' && !Number.isInteger(input.value)) errors.push({ path: ['value'], message: 'whole_number' });
  if (row.measure === 'percent' && input.value > 100) errors.push({ path: ['value'], message: 'percent_range' });
  if ((input.women ?? 0) + (input.men ?? 0) > input.value && row.measure === 'count')
    errors.push({ path: ['women'], message: 'sex_exceeds_total' });
  throwFieldErrors(errors);
  const valueId = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await insertValue(trx, {
      id: valueId,
      indicator_id: id,
      value: input.value,
      period: input.period,
      source: input.source,
      evidence: input.evidence,
      women: input.women,
      men: input.men,
      author_id: actor.id,
      author_label: actor.label,
      entered_at: ctx.now().toISOString(),
    });
    return {
      result: undefined,
      audit: { action: 'result_value.create', recordType: INDICATOR, recordId: id, details: { period: input.period } },
    };
  });
  return getIndicator(ctx, actor, id, locale);
}

/* ---------------------------------------------------------------- fiche figures bound to records */

/** Whether a figure's measure and a rule's or indicator's measure can stand for one another. */
function measuresAgree(figure: string, result: string): boolean {
  if (figure === 'percent' || result === 'percent') return figure === result;
  if (figure === 'usd' || result === 'usd') return figure === result;
  return true;
}

export async function listBindings(ctx: AppContext, locale: Locale) {
  const rows = await listBindingRows(ctx.database.db);
  return { bindings: rows.map((row) => presentBinding(row, locale)) };
}

function presentBinding(row: BindingRow, locale: Locale) {
  return {
    figure: row.figure_key,
    indicatorId: row.indicator_id,
    rule: bindingWords(row, locale),
    boundBy: row.bound_by_label,
    boundAt: row.bound_at,
  };
}

function bindingWords(row: BindingRow, locale: Locale): string {
  if (row.indicator_id) return t(locale, 'results.bound_to_indicator');
  const kind = row.rule_kind ? ruleKind(row.rule_kind) : undefined;
  if (!kind) return row.rule_kind ?? '';
  return kind.describe(kind.params.parse(JSON.parse(row.rule_params ?? '{}')) as Record<string, unknown>, locale, {
    start: null,
    end: row.period_end,
  });
}

/** Binds a fiche figure to an indicator or directly to a rule; its value is computed from then on. */
export async function bindFigure(ctx: AppContext, actor: Actor, key: string, input: BindingInput, locale: Locale) {
  const figure = await readableFigureRecord(ctx, actor, key);
  if (!mayBindFigure(actor, figure)) throw forbidden();
  if (DERIVED_FIGURES.some((rule) => rule.key === key)) throw new AppError(400, 'figure_computed');
  let row: BindingRow;
  const base = { figure_key: key, bound_by: actor.id, bound_by_label: actor.label, bound_at: ctx.now().toISOString() };
  if ('indicatorId' in input) {
    const indicator = await findIndicator(ctx.database.db, input.indicatorId);
    if (!indicator || !can(actor, 'read', guardOf(indicator))) throwFieldErrors([{ path: ['indicatorId'], message: 'indicator_unknown' }]);
    const found = indicator as IndicatorRow;
    if (!measuresAgree(figure.measure, found.measure)) throwFieldErrors([{ path: ['indicatorId'], message: 'binding_measure' }]);
    row = {
      ...base,
      indicator_id: found.id,
      rule_kind: null,
      rule_params: null,
      period_end: null,
      source: (found.rule_kind ? (ruleKind(found.rule_kind)?.sourceActions ?? []) : ['result_value.']).join(' '),
    };
  } else {
    const { kind, params } = checkRule(input.rule, ['rule']);
    if (!measuresAgree(figure.measure, kind.measure(params))) throwFieldErrors([{ path: ['rule', 'kind'], message: 'binding_measure' }]);
    row = {
      ...base,
      indicator_id: null,
      rule_kind: kind.kind,
      rule_params: JSON.stringify(params),
      period_end: input.periodEnd ?? null,
      source: kind.sourceActions.join(' '),
    };
  }
  await auditedTransaction(ctx, actor, async (trx) => {
    await upsertBinding(trx, row);
    return {
      result: undefined,
      audit: {
        action: 'figure.bind',
        recordType: FIGURE,
        recordId: key,
        details: { indicator: row.indicator_id, rule: row.rule_kind, source: row.source },
      },
    };
  });
  return presentBinding(row, locale);
}

export async function unbindFigure(ctx: AppContext, actor: Actor, key: string): Promise<void> {
  const figure = await readableFigureRecord(ctx, actor, key);
  if (!mayBindFigure(actor, figure)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await deleteBinding(trx, key))) throw notFound();
    return { result: undefined, audit: { action: 'figure.unbind', recordType: FIGURE, recordId: key } };
  });
}

/** What a figure shows when its records are in Mandat. */
export interface RecordedValue {
  /** Bound: the figure shows `value`. Not bound: the figure keeps its sourced value, and warns on a difference. */
  bound: boolean;
  value: number | null;
  rule: string;
  indicatorId: string | null;
  asOf: string | null;
}

/**
 * The computed values of the fiche's figures whose records are in Mandat, for `actor` (the fiche
 * is built with a visitor's rights): the bound ones, and the recorded ones not bound, to compare.
 * Read by the indicators module when it lists figures.
 */
export async function recordedFigureValues(ctx: AppContext, actor: Actor | null, locale: Locale, keys: readonly string[]) {
  const wanted = new Set(keys);
  const bindings = (await listBindingRows(ctx.database.db)).filter((b) => wanted.has(b.figure_key));
  const out = new Map<string, RecordedValue>();
  for (const binding of bindings) {
    if (binding.indicator_id) {
      const indicator = await findIndicator(ctx.database.db, binding.indicator_id);
      if (!indicator || !can(actor, 'read', guardOf(indicator))) {
        out.set(binding.figure_key, {
          bound: true,
          value: null,
          rule: t(locale, 'results.bound_to_indicator'),
          indicatorId: null,
          asOf: null,
        });
        continue;
      }
      const { current, derivation } = await currentOf(ctx, actor, locale, indicator);
      out.set(binding.figure_key, {
        bound: true,
        value: current?.value ?? null,
        rule: `${locale === 'fr' ? indicator.title_fr : indicator.title_en}${derivation ? ` — ${derivation.rule}` : ''}`,
        indicatorId: indicator.id,
        asOf: derivation?.asOf ?? current?.period ?? null,
      });
    } else if (binding.rule_kind) {
      const rule = { kind: binding.rule_kind, params: JSON.parse(binding.rule_params ?? '{}') as Record<string, unknown> };
      const computed = await computeRule(ctx, actor, locale, rule, { start: null, end: binding.period_end });
      out.set(binding.figure_key, { bound: true, value: computed.value, rule: computed.rule, indicatorId: null, asOf: computed.asOf });
    }
  }
  for (const [key, rule] of Object.entries(RECORDED_FIGURES)) {
    if (!wanted.has(key) || out.has(key)) continue;
    const computed = await computeRule(ctx, actor, locale, rule, { start: null, end: null });
    out.set(key, { bound: false, value: computed.value, rule: computed.rule, indicatorId: null, asOf: computed.asOf });
  }
  return out;
}

/** Whether a figure is bound (its value is then computed and refused to hand edits). */
export async function isFigureBound(ctx: AppContext, key: string): Promise<boolean> {
  return (await findBinding(ctx.database.db, key)) !== undefined;
}
