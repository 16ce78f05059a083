import { z } from 'zod';
import { classificationSchema, localeSchema } from './common.js';

/**
 * Political engagements: meetings of the mission's leadership (OSRSG) and Political Affairs (PAD)
 * with parties, officials and civil society, their follow-ups, and the periodic report assembled
 * from a period's records, edited as a draft and exported as PDF. Restricted by default.
 */

/** The units that keep engagements, and read each other's restricted ones. */
export const ENGAGEMENT_UNITS = ['PAD', 'OSRSG'] as const;
export const engagementUnitSchema = z.enum(ENGAGEMENT_UNITS);

export const ENGAGEMENT_TOPICS = [
  'peace_agreement',
  'elections',
  'security',
  'human_rights',
  'humanitarian',
  'constitutional_reform',
  'justice_reconciliation',
  'governance',
  'women_peace_security',
  'development',
] as const;
export const topicSchema = z.enum(ENGAGEMENT_TOPICS);
export type Topic = z.infer<typeof topicSchema>;

export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const followupStatusSchema = z.enum(FOLLOWUP_STATUSES);

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
const nullableText = (max: number) => z.string().trim().max(max).nullable();
const engagementClassSchema = classificationSchema.exclude(['confidential']);

export const counterpartInputSchema = z.strictObject({
  /** The person met, or who led the delegation. */
  name: text(200),
  function: optionalText(200),
  organisation: optionalText(200),
  /** A party or armed movement of the actor registry. */
  actor: z.string().trim().max(60).nullable().default(null),
  /** How many women and men of this side attended (the person named included). */
  women: z.number().int().min(0).max(10_000),
  men: z.number().int().min(0).max(10_000),
});

export const followupInputSchema = z.strictObject({
  action: text(2000),
  owner: text(200),
  deadline: isoDate.nullable().default(null),
  status: followupStatusSchema.default('open'),
});
export type FollowupInput = z.input<typeof followupInputSchema>;

export const engagementInputSchema = z.strictObject({
  heldOn: isoDate,
  place: text(200),
  region: z.string().trim().max(16).nullable().default(null),
  topics: z.array(topicSchema).min(1).max(ENGAGEMENT_TOPICS.length),
  summary: text(8000),
  /** The mission's participants, by name or function. */
  missionParticipants: optionalText(1000),
  counterparts: z.array(counterpartInputSchema).min(1).max(40),
  followups: z.array(followupInputSchema).max(40).default([]),
  unit: engagementUnitSchema.default('PAD'),
  classification: engagementClassSchema.default('restricted'),
});
export type EngagementInput = z.input<typeof engagementInputSchema>;

export const engagementUpdateSchema = z.strictObject({
  heldOn: isoDate.optional(),
  place: text(200).optional(),
  region: z.string().trim().max(16).nullable().optional(),
  topics: z.array(topicSchema).min(1).max(ENGAGEMENT_TOPICS.length).optional(),
  summary: text(8000).optional(),
  missionParticipants: nullableText(1000).optional(),
  counterparts: z.array(counterpartInputSchema).min(1).max(40).optional(),
  classification: engagementClassSchema.optional(),
  version: z.number().int().min(1),
});

export const followupUpdateSchema = z.strictObject({
  action: text(2000).optional(),
  owner: text(200).optional(),
  deadline: isoDate.nullable().optional(),
  status: followupStatusSchema.optional(),
  version: z.number().int().min(1),
});

export const counterpartSchema = z.object({
  name: z.string(),
  function: z.string().nullable(),
  organisation: z.string().nullable(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  women: z.number().int(),
  men: z.number().int(),
});

export const followupSchema = z.object({
  id: z.uuid(),
  engagementId: z.uuid(),
  action: z.string(),
  owner: z.string(),
  deadline: z.string().nullable(),
  status: followupStatusSchema,
  version: z.number().int(),
});
export type Followup = z.infer<typeof followupSchema>;

export const engagementSchema = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  place: z.string(),
  region: z.string().nullable(),
  topics: z.array(topicSchema),
  /** The counterparts' names, for a list. */
  counterpartNames: z.array(z.string()),
  /** Counterparts attending, all sides together. */
  women: z.number().int(),
  men: z.number().int(),
  openFollowups: z.number().int(),
  unit: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
});
export type Engagement = z.infer<typeof engagementSchema>;

/** `edit`: PATCH /api/engagements/:id; `followUp`: POST …/followups and PATCH /api/engagements/followups/:id. */
export const engagementMaySchema = z.object({ edit: z.boolean(), followUp: z.boolean() });

export const engagementDetailSchema = engagementSchema.extend({
  summary: z.string(),
  missionParticipants: z.string().nullable(),
  counterparts: z.array(counterpartSchema),
  followups: z.array(followupSchema),
  may: engagementMaySchema,
});
export type EngagementDetail = z.infer<typeof engagementDetailSchema>;

export const engagementListQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  topic: topicSchema.optional(),
});
export const engagementListSchema = z.object({ engagements: z.array(engagementSchema) });

export const engagementReferenceSchema = z.object({
  topics: z.array(z.object({ code: topicSchema, name: z.string() })),
  statuses: z.array(z.object({ code: followupStatusSchema, name: z.string() })),
  /** The units whose engagements and reports the requester may record (none: a reader only). */
  units: z.array(z.string()),
  /** The actor registry's parties, for a counterpart's party. */
  actors: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type EngagementReference = z.infer<typeof engagementReferenceSchema>;

export const PERIOD_KINDS = ['week', 'month'] as const;
export const periodKindSchema = z.enum(PERIOD_KINDS);

/** Assemble a report: a week starting on its Monday, or a month from its first day. */
export const reportInputSchema = z.strictObject({
  periodKind: periodKindSchema,
  /** Any day of the period: the week or month containing it is assembled. */
  day: isoDate,
  language: localeSchema,
  unit: engagementUnitSchema.default('PAD'),
});
export type ReportInput = z.input<typeof reportInputSchema>;

export const reportUpdateSchema = z.strictObject({
  title: text(300).optional(),
  body: text(100_000).optional(),
  version: z.number().int().min(1),
});

export const reportSourceSchema = z.object({
  kind: z.enum(['engagement', 'csa_session']),
  id: z.uuid(),
  classification: classificationSchema,
});

export const reportSchema = z.object({
  id: z.uuid(),
  periodKind: periodKindSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  language: localeSchema,
  title: z.string(),
  authorLabel: z.string(),
  unit: z.string(),
  /** The class of the most sensitive record assembled into it. */
  classification: classificationSchema,
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EngagementReport = z.infer<typeof reportSchema>;

export const reportDetailSchema = reportSchema.extend({
  body: z.string(),
  sources: z.array(reportSourceSchema),
  may: z.object({ edit: z.boolean() }),
});
export type EngagementReportDetail = z.infer<typeof reportDetailSchema>;

export const reportListSchema = z.object({ reports: z.array(reportSchema) });
