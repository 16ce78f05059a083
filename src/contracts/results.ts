import { z } from 'zod';
import { classificationSchema, unitCodeSchema } from './common.js';

/**
 * The results framework: objectives of a unit or of the mission, their indicators (unit of
 * measure, baseline, target, period), each entered by hand or computed by a rule over records.
 */

export const RESULT_MEASURES = ['count', 'percent', 'usd', 'number'] as const;
export const resultMeasureSchema = z.enum(RESULT_MEASURES);
export type ResultMeasure = z.infer<typeof resultMeasureSchema>;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** A rule over records: its kind (one of the registry's) and its parameters, checked by that kind. */
export const ruleSchema = z.strictObject({
  kind: z.string().min(1).max(60),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type RuleInput = z.input<typeof ruleSchema>;

export const objectiveInputSchema = z.strictObject({
  unit: unitCodeSchema,
  code: z.string().trim().max(20).optional(),
  titleFr: text(500),
  titleEn: text(500),
  classification: classificationSchema.exclude(['confidential']).default('internal'),
});

export const objectiveUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  code: z.string().trim().max(20).optional(),
  titleFr: text(500).optional(),
  titleEn: text(500).optional(),
});

export const indicatorInputSchema = z
  .strictObject({
    titleFr: text(500),
    titleEn: text(500),
    measure: resultMeasureSchema,
    baseline: z.number().finite().min(0).max(1e15).nullable().default(null),
    baselinePeriod: z.string().trim().min(4).max(20).nullable().default(null),
    target: z.number().finite().min(0).max(1e15).nullable().default(null),
    periodStart: isoDate,
    periodEnd: isoDate,
    classification: classificationSchema.exclude(['confidential']).default('internal'),
    /** Absent: entered by hand; present: computed by this rule. */
    rule: ruleSchema.nullable().default(null),
    /** The project it measures (one the definer may read): its results in the IATI publication. */
    projectId: z.uuid().nullable().default(null),
  })
  .refine((v) => v.periodStart <= v.periodEnd, { path: ['periodEnd'], message: 'period_order' });

/**
 * Changing an indicator (optimistic concurrency on `version`): only the fields given change. The
 * measure of a computed indicator is its rule's; its rule and class are not changed here.
 */
export const indicatorUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  titleFr: text(500).optional(),
  titleEn: text(500).optional(),
  measure: resultMeasureSchema.optional(),
  baseline: z.number().finite().min(0).max(1e15).nullable().optional(),
  baselinePeriod: z.string().trim().min(4).max(20).nullable().optional(),
  target: z.number().finite().min(0).max(1e15).nullable().optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  projectId: z.uuid().nullable().optional(),
});
export type IndicatorUpdate = z.input<typeof indicatorUpdateSchema>;

export const valueInputSchema = z.strictObject({
  value: z.number().finite().min(0).max(1e15),
  period: z.string().trim().min(4).max(20),
  source: text(500),
  evidence: z.string().trim().max(2000).default(''),
  women: z.number().int().min(0).max(1e12).nullable().default(null),
  men: z.number().int().min(0).max(1e12).nullable().default(null),
});

/** A record a computed value counts, which the reader may read. */
export const derivationRecordSchema = z.object({ type: z.string(), id: z.string(), label: z.string(), href: z.string().nullable() });

export const computedValueSchema = z.object({
  value: z.number().nullable(),
  women: z.number().nullable(),
  men: z.number().nullable(),
  /** The date the value stands at (latest snapshot, end of period…). */
  asOf: z.string().nullable(),
  /** The rule in words, in the reader's language. */
  rule: z.string(),
  /** How the value was reached from the records, in words. */
  steps: z.array(z.string()),
  records: z.array(derivationRecordSchema),
  /** More records than listed (only readable ones are counted). */
  moreRecords: z.number().int(),
});
export type ComputedValue = z.infer<typeof computedValueSchema>;

export const enteredValueSchema = z.object({
  id: z.string(),
  value: z.number(),
  period: z.string(),
  source: z.string(),
  evidence: z.string(),
  women: z.number().nullable(),
  men: z.number().nullable(),
  author: z.string(),
  enteredAt: z.string(),
});
export type EnteredValue = z.infer<typeof enteredValueSchema>;

export const indicatorSchema = z.object({
  id: z.string(),
  objectiveId: z.string(),
  unit: z.string(),
  title: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  measure: resultMeasureSchema,
  baseline: z.number().nullable(),
  baselinePeriod: z.string().nullable(),
  target: z.number().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  classification: classificationSchema,
  mode: z.enum(['entered', 'computed']),
  rule: z.object({ kind: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
  /** The value now: the latest entered one, or the rule's result for this reader. */
  current: z
    .object({ value: z.number().nullable(), women: z.number().nullable(), men: z.number().nullable(), period: z.string().nullable() })
    .nullable(),
  /** (current − baseline) ÷ (target − baseline) × 100, when all three are known. */
  progress: z.number().nullable(),
  /** Fiche figures bound to this indicator. */
  figures: z.array(z.string()),
  /** The project it measures, when the reader may read that project. */
  project: z.object({ id: z.string(), title: z.string() }).nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), enterValue: z.boolean() }),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorDetailSchema = indicatorSchema.extend({
  objective: z.object({ id: z.string(), code: z.string(), title: z.string() }),
  values: z.array(enteredValueSchema),
  derivation: computedValueSchema.nullable(),
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;

export const objectiveSchema = z.object({
  id: z.string(),
  unit: z.string(),
  code: z.string(),
  title: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
  indicators: z.array(indicatorSchema),
  may: z.object({ edit: z.boolean(), addIndicator: z.boolean() }),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const frameworkQuerySchema = z.strictObject({ unit: unitCodeSchema.optional() });
export const frameworkSchema = z.object({
  objectives: z.array(objectiveSchema),
  /** The units whose objectives the requester may define (POST /api/results/objectives). */
  may: z.object({ defineIn: z.array(z.string()) }),
});

export const ruleKindSchema = z.object({
  kind: z.string(),
  label: z.string(),
  measure: resultMeasureSchema,
  /** The parameters it takes, with the values each may have where they are a closed list. */
  params: z.array(z.object({ name: z.string(), label: z.string(), required: z.boolean(), options: z.array(z.string()).nullable() })),
});
export const ruleKindsSchema = z.object({ kinds: z.array(ruleKindSchema) });

/** Binding a fiche figure: to an indicator, or directly to a rule. */
export const bindingInputSchema = z.union([
  z.strictObject({ indicatorId: z.uuid() }),
  z.strictObject({ rule: ruleSchema, periodEnd: isoDate.optional() }),
]);
export type BindingInput = z.output<typeof bindingInputSchema>;

export const bindingSchema = z.object({
  figure: z.string(),
  indicatorId: z.string().nullable(),
  rule: z.string(),
  boundBy: z.string(),
  boundAt: z.string(),
});
export const bindingListSchema = z.object({ bindings: z.array(bindingSchema) });
