import { z } from 'zod';

/**
 * The DDR registry: ex-combatants and associated members of the signatory armed movements, from
 * pre-registration to integration into a defence or security force, reinsertion, or leaving the
 * process. Persons are seen by a code (`DDR-7K3Q9`); identities are sealed and revealed only as an
 * audited act with a reason.
 */

export const DDR_CATEGORIES = ['combatant', 'associated_member', 'woman_associated'] as const;
export const ddrCategorySchema = z.enum(DDR_CATEGORIES);

/** Where a person is in the process: the status each step leads to, in order. */
export const DDR_STATUSES = [
  'pre_registered',
  'registered',
  'enrolled',
  'cantoned',
  'disarmed',
  'demobilised',
  'integrated',
  'reinserted',
  'left',
  'child_referred',
] as const;
export type DdrStatus = (typeof DDR_STATUSES)[number];

/** Each step: the statuses it may follow and the status it leads to. */
export const DDR_STEPS = {
  register: { from: ['pre_registered'], to: 'registered' },
  enrol: { from: ['registered'], to: 'enrolled' },
  canton: { from: ['enrolled'], to: 'cantoned' },
  disarm: { from: ['cantoned'], to: 'disarmed' },
  demobilise: { from: ['disarmed'], to: 'demobilised' },
  integrate: { from: ['demobilised'], to: 'integrated' },
  reinsert: { from: ['demobilised'], to: 'reinserted' },
  leave: { from: ['pre_registered', 'registered', 'enrolled', 'cantoned', 'disarmed', 'demobilised'], to: 'left' },
} as const satisfies Record<string, { from: readonly DdrStatus[]; to: DdrStatus }>;
export const DDR_STEP_NAMES = Object.keys(DDR_STEPS) as (keyof typeof DDR_STEPS)[];
export type DdrStepName = keyof typeof DDR_STEPS;

/** Defence and security forces a person may be integrated into. */
export const DDR_FORCES = ['fama', 'garde_nationale', 'gendarmerie', 'police', 'protection_civile'] as const;
export const DDR_PATHWAYS = ['reinsertion', 'cvr'] as const;

export const DDR_CODE = /^DDR-[0-9A-Z]{5}$/;
export const ddrCodeSchema = z.string().regex(DDR_CODE, { message: 'ddr_code' });
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const names = z.array(text(200).min(1)).max(10).default([]);

/** Everything that identifies the person: sealed as one value, never stored or logged in clear. */
export const ddrIdentitySchema = z.strictObject({
  name: text(200).min(1),
  aliases: names,
  birthDate: isoDate,
  birthPlace: text(200).default(''),
  fatherName: text(200).default(''),
  motherName: text(200).default(''),
  documents: z
    .array(z.strictObject({ kind: z.enum(['nina', 'id_card', 'passport', 'other']), number: text(60).min(1) }))
    .max(5)
    .default([]),
});
export type DdrIdentity = z.output<typeof ddrIdentitySchema>;

export const ddrPersonInputSchema = z.strictObject({
  movement: z.string().min(1).max(40),
  category: ddrCategorySchema,
  sex: z.enum(['female', 'male']),
  /** The day of pre-registration. */
  preRegisteredOn: isoDate,
  identity: ddrIdentitySchema,
});
export type DdrPersonInput = z.output<typeof ddrPersonInputSchema>;

export const ddrStepInputSchema = z.strictObject({
  version: z.number().int().min(1),
  step: z.enum(DDR_STEP_NAMES as [DdrStepName, ...DdrStepName[]]),
  on: isoDate,
  /** `enrol`: the national enrolment reference (sealed), never biometric data. */
  enrolmentRef: text(60).nullable().default(null),
  /** `canton`: the cantonment site, by the id of a recorded site that is not closed. */
  site: text(120).nullable().default(null),
  /** `integrate`: the force. */
  force: z.enum(DDR_FORCES).nullable().default(null),
  /** `reinsert`: reinsertion or community violence reduction. */
  pathway: z.enum(DDR_PATHWAYS).nullable().default(null),
  /** `leave`: why, in a few words. */
  reason: text(300).nullable().default(null),
});
export type DdrStepInput = z.output<typeof ddrStepInputSchema>;

export const ddrRevealInputSchema = z.strictObject({ reason: text(500).min(10) });
export const ddrDecisionInputSchema = z.strictObject({ decision: z.enum(['same', 'different']) });
export const ddrTargetInputSchema = z.strictObject({ target: z.number().int().min(0).max(100_000) });
export const ddrListQuerySchema = z.strictObject({
  status: z.enum(DDR_STATUSES).optional(),
  movement: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What the reader may do with a person, decided on the server (one flag per action). */
export const ddrMaySchema = z.object({
  steps: z.record(z.string(), z.boolean()),
  reveal: z.boolean(),
  /** Recording a weapon or ammunition handed in by the person. */
  handIn: z.boolean(),
});
export type DdrMay = z.infer<typeof ddrMaySchema>;

export const ddrPersonSummarySchema = z.object({
  code: z.string(),
  movement: z.string(),
  category: ddrCategorySchema,
  sex: z.string(),
  status: z.enum(DDR_STATUSES),
  /** The code of the record this one repeats (a confirmed duplicate, never counted). */
  duplicateOf: z.string().nullable(),
  /** Possible duplicates waiting for review. */
  openDuplicates: z.number(),
  updatedAt: z.string(),
});
export const ddrPersonPageSchema = z.object({ total: z.number(), items: z.array(ddrPersonSummarySchema) });

export const ddrPersonSchema = ddrPersonSummarySchema.extend({
  /** The cantonment site's name, and its id. */
  site: z.string().nullable(),
  siteId: z.string().nullable(),
  force: z.string().nullable(),
  pathway: z.string().nullable(),
  childReferredOn: z.string().nullable(),
  hasEnrolmentRef: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
  steps: z.array(z.object({ step: z.string(), on: z.string(), detail: z.string().nullable(), actor: z.string(), at: z.string() })),
  /** Records this one may repeat (or repeats), by code, with the review's status. */
  duplicates: z.array(z.object({ id: z.string(), code: z.string(), reasons: z.array(z.string()), status: z.string() })),
  may: ddrMaySchema,
});
export type DdrPerson = z.infer<typeof ddrPersonSchema>;

export const ddrRevealedSchema = ddrIdentitySchema.extend({ code: z.string(), enrolmentRef: z.string().nullable() });

export const ddrDuplicateSchema = z.object({
  id: z.string(),
  /** The later record. */
  code: z.string(),
  /** The earlier record it may repeat. */
  otherCode: z.string(),
  movement: z.string(),
  otherMovement: z.string(),
  reasons: z.array(z.string()),
  foundAt: z.string(),
  may: z.object({ decide: z.boolean() }),
});
export const ddrDuplicateListSchema = z.object({ items: z.array(ddrDuplicateSchema) });

export const ddrVocabularySchema = z.object({
  movements: z.array(z.object({ code: z.string(), name: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  statuses: z.array(z.object({ code: z.string(), name: z.string() })),
  steps: z.array(z.object({ code: z.string(), name: z.string() })),
  forces: z.array(z.object({ code: z.string(), name: z.string() })),
  pathways: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type DdrVocabulary = z.infer<typeof ddrVocabularySchema>;

/** A count of people split by sex, as the registry records it. */
const sexSplitSchema = z.object({ female: z.number().int(), male: z.number().int() });

/**
 * Progress computed from the registry (confirmed duplicates and children never counted), beside
 * the fact book's sourced figures, which stay as published.
 */
export const ddrProgressSchema = z.object({
  target: z.object({ overall: z.number().nullable(), source: z.string().nullable() }),
  byMovement: z.array(
    z.object({
      movement: z.string(),
      name: z.string(),
      target: z.number().nullable(),
      integrated: z.number(),
      /** The integrated by sex. */
      integratedBySex: sexSplitSchema,
      counts: z.record(z.string(), z.number()),
    }),
  ),
  totals: z.record(z.string(), z.number()),
  integrated: z.number(),
  integratedBySex: sexSplitSchema,
  childReferrals: z.number(),
  /** The children referred to Child Protection, girls (`female`) and boys (`male`). */
  childReferralsBySex: sexSplitSchema,
  sourcedFigures: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), period: z.string().nullable() })),
  may: z.object({ setTargets: z.boolean() }),
});
export type DdrProgress = z.infer<typeof ddrProgressSchema>;
