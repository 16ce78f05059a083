import { z } from 'zod';
import { unitCodeSchema } from './common.js';
import { whereSchema } from './movements.js';

/**
 * Support to the Malian forces: a request (transport, logistics, medical evacuation, fuel, other)
 * from a unit of the Malian defence and security forces, the human-rights due-diligence policy
 * (HRDDP) check recorded before any approval, the decision and the delivery. Lifecycle:
 * requested → assessed (HRDDP) → approved or refused → delivered (with its outcome); cancelled
 * from any open step. Never public.
 */

export const SUPPORT_KINDS = ['transport', 'logistics', 'medevac', 'fuel', 'other'] as const;
export const supportKindSchema = z.enum(SUPPORT_KINDS);

export const MALIAN_FORCES = ['fama', 'gendarmerie', 'police', 'garde_nationale', 'protection_civile', 'other'] as const;
export const malianForceSchema = z.enum(MALIAN_FORCES);

export const SUPPORT_STATUSES = ['requested', 'assessed', 'approved', 'refused', 'delivered', 'cancelled'] as const;
export const supportStatusSchema = z.enum(SUPPORT_STATUSES);
export type SupportStatus = z.infer<typeof supportStatusSchema>;

/** The HRDDP check's outcome: no risk, mitigation measures required, or support refused. */
export const HRDDP_OUTCOMES = ['no_risk', 'mitigation', 'refused'] as const;
export const hrddpOutcomeSchema = z.enum(HRDDP_OUTCOMES);
export type HrddpOutcome = z.infer<typeof hrddpOutcomeSchema>;

export const supportInputSchema = z.strictObject({
  kind: supportKindSchema,
  force: malianForceSchema,
  /** The Malian unit asking, e.g. "8e RIM, Gao". */
  malianUnit: z.string().trim().min(1).max(200),
  /** Who asked, by name and rank. */
  requestedBy: z.string().trim().min(1).max(200),
  requestedOn: z.iso.date(),
  neededFrom: z.iso.date(),
  neededTo: z.iso.date().nullable().default(null),
  where: whereSchema,
  /** The mission's unit handling the request (the Force, UNPOL or the JOC). */
  unit: unitCodeSchema,
  /** The operation it supports, if any (id). */
  operation: z.uuid().nullable().default(null),
  description: z.string().trim().min(1).max(5000),
});
export type SupportInput = z.input<typeof supportInputSchema>;
export type SupportInputParsed = z.output<typeof supportInputSchema>;

export const hrddpInputSchema = z.strictObject({
  version: z.number().int().min(1),
  outcome: hrddpOutcomeSchema,
  /** The mitigation measures (required when the outcome is `mitigation`), or the reasons. */
  measures: z.string().trim().max(5000).default(''),
});
export type HrddpInput = z.output<typeof hrddpInputSchema>;

export const SUPPORT_ACTIONS = ['approve', 'refuse', 'deliver', 'cancel'] as const;
export type SupportAction = (typeof SUPPORT_ACTIONS)[number];

export const supportTransitionSchema = z.strictObject({
  action: z.enum(SUPPORT_ACTIONS),
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).default(''),
  /** What was delivered and how it went: required to deliver. */
  outcome: z.string().trim().max(5000).default(''),
});
export type SupportTransition = z.output<typeof supportTransitionSchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });
const step = z.object({ by: person, at: z.string() }).nullable();

export const supportMaySchema = z.object({
  hrddp: z.boolean(),
  approve: z.boolean(),
  refuse: z.boolean(),
  deliver: z.boolean(),
  cancel: z.boolean(),
});

export const supportRequestSchema = z.object({
  id: z.string(),
  kind: supportKindSchema,
  force: malianForceSchema,
  malianUnit: z.string(),
  requestedBy: z.string(),
  requestedOn: z.string(),
  neededFrom: z.string(),
  neededTo: z.string().nullable(),
  where: z.object({ place: z.string().nullable(), point: z.tuple([z.number(), z.number()]).nullable() }),
  unit: z.string(),
  /** The linked operation, if the reader may read it. */
  operation: z.object({ id: z.string(), title: z.string() }).nullable(),
  description: z.string(),
  status: supportStatusSchema,
  hrddp: z.object({ outcome: hrddpOutcomeSchema, measures: z.string(), by: person, at: z.string() }).nullable(),
  decision: step,
  decisionComment: z.string(),
  closed: step,
  deliveryOutcome: z.string(),
  recordedBy: person,
  recordedAt: z.string(),
  version: z.number(),
  may: supportMaySchema,
});
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const supportFilterSchema = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((value) => value.split(',').filter((v) => v !== ''))
    .pipe(z.array(supportStatusSchema).max(6))
    .optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type SupportFilter = z.output<typeof supportFilterSchema>;

export const supportListSchema = z.object({ items: z.array(supportRequestSchema), truncated: z.boolean() });

const term = z.object({ code: z.string(), name: z.string() });
export const supportVocabularySchema = z.object({
  kinds: z.array(term),
  forces: z.array(term),
  statuses: z.array(term),
  outcomes: z.array(term),
  places: z.array(z.string()),
  /** The units the requester may record requests for. */
  units: z.array(z.string()),
});
export type SupportVocabulary = z.infer<typeof supportVocabularySchema>;
