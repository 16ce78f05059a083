import { z } from 'zod';
import { classificationSchema, localeSchema } from './common.js';

/**
 * The peace process: the Agreement for Peace and Reconciliation in Mali from the Algiers process,
 * its provisions and their implementation scored over time, and the sessions of the Agreement
 * Monitoring Committee (Comité de Suivi de l'Accord, CSA) and its sub-committees with the
 * attendance of women.
 */

/** The Agreement's four pillars, in its own order. */
export const PILLARS = ['political_institutional', 'defence_security', 'development', 'reconciliation_justice_humanitarian'] as const;
export const pillarSchema = z.enum(PILLARS);
export type Pillar = z.infer<typeof pillarSchema>;

/** The CSA's sub-committees as the fact book lists them (five, though its text says four). */
export const SUBCOMMITTEES = [
  'defence_security',
  'justice_reconciliation',
  'humanitarian',
  'political_institutional',
  'development',
] as const;
export const subcommitteeSchema = z.enum(SUBCOMMITTEES);
export type Subcommittee = z.infer<typeof subcommitteeSchema>;

/** A CSA session is a session of the committee itself or of one of its sub-committees. */
export const BODIES = ['csa', ...SUBCOMMITTEES] as const;
export const bodySchema = z.enum(BODIES);
export type Body = z.infer<typeof bodySchema>;

/** The units that keep the peace process's records: Political Affairs and Mediation. */
export const PEACE_UNITS = ['MED', 'PAD'] as const;
export const peaceUnitSchema = z.enum(PEACE_UNITS);

/** The Peace Accords Matrix scale (Kroc Institute for International Peace Studies). */
export const PAM_LEVELS = [0, 1, 2, 3] as const;
export const pamScoreSchema = z.number().int().min(0).max(3);

/**
 * The women's share of the CSA against the quota of loi n° 2015-052 (at least 30 % of either sex
 * in nominated and elected institutions).
 */
export const WOMEN_QUOTA = 30;

/** A period of scoring: a year (`2020`) or a half-year (`2020-H1`). */
export const periodSchema = z.string().regex(/^(19|20)\d{2}(-H[12])?$/, { message: 'peace_period' });

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const referenceSchema = z.object({
  pillars: z.array(z.object({ code: pillarSchema, name: z.string() })),
  subcommittees: z.array(z.object({ code: subcommitteeSchema, name: z.string() })),
  /** The fact book's own count of sub-committees, kept beside the list it gives. */
  subcommitteesStated: z.object({ count: z.number().int(), listed: z.number().int(), quote: z.string(), page: z.number().int() }),
  bodies: z.array(z.object({ code: bodySchema, name: z.string() })),
  /** The parties to the CSA as the fact book names them, offered as delegations. */
  delegations: z.array(z.string()),
  scale: z.array(z.object({ level: pamScoreSchema, name: z.string() })),
  scaleSource: z.string(),
  quota: z.number(),
  quotaSource: z.string(),
});
export type PeaceReference = z.infer<typeof referenceSchema>;

export const provisionInputSchema = z.strictObject({
  /** The provision's reference in the Agreement (e.g. `Art. 6`); unique. */
  code: z.string().trim().min(1).max(32),
  pillar: pillarSchema,
  chapter: text(200),
  textFr: text(4000),
  textEn: optionalText(4000),
  /** The parties responsible for carrying it out. */
  responsible: optionalText(500),
  deadline: isoDate.nullable().default(null),
  subcommittee: subcommitteeSchema.nullable().default(null),
  unit: peaceUnitSchema.default('MED'),
  classification: classificationSchema.exclude(['confidential']).default('internal'),
});
export type ProvisionInput = z.input<typeof provisionInputSchema>;

const nullableText = (max: number) => z.string().trim().max(max).nullable();
const peaceClassificationSchema = classificationSchema.exclude(['confidential']);

/** An edit names only what changes (no defaults: a field left out keeps its value). */
export const provisionUpdateSchema = z.strictObject({
  code: z.string().trim().min(1).max(32).optional(),
  pillar: pillarSchema.optional(),
  chapter: text(200).optional(),
  textFr: text(4000).optional(),
  textEn: nullableText(4000).optional(),
  responsible: nullableText(500).optional(),
  deadline: isoDate.nullable().optional(),
  subcommittee: subcommitteeSchema.nullable().optional(),
  unit: peaceUnitSchema.optional(),
  classification: peaceClassificationSchema.optional(),
  version: z.number().int().min(1),
});

export type ProvisionUpdate = z.input<typeof provisionUpdateSchema>;

export const evidenceLinkSchema = z.strictObject({
  kind: z.enum(['decision', 'incident', 'document']),
  /** A CSA decision's id, an incident's reference, or a document's address. */
  ref: text(500),
  label: optionalText(200),
});
export type EvidenceLink = z.infer<typeof evidenceLinkSchema>;

export const scoreInputSchema = z.strictObject({
  period: periodSchema,
  score: pamScoreSchema,
  evidence: text(4000),
  links: z.array(evidenceLinkSchema).max(20).default([]),
});
export type ScoreInput = z.input<typeof scoreInputSchema>;

export const scoreMaySchema = z.object({ validate: z.boolean() });
export const scoreSchema = z.object({
  id: z.uuid(),
  provisionId: z.uuid(),
  period: z.string(),
  score: pamScoreSchema,
  evidence: z.string(),
  links: z.array(evidenceLinkSchema),
  authorLabel: z.string(),
  recordedAt: z.string(),
  validatedBy: z.string().nullable(),
  validatedAt: z.string().nullable(),
  /** The latest score of its period: the one the dashboard counts. Earlier ones are its history. */
  current: z.boolean(),
  may: scoreMaySchema,
});
export type PamScore = z.infer<typeof scoreSchema>;

/** `edit`: PATCH /api/peace/provisions/:id; `score`: POST /api/peace/provisions/:id/scores. */
export const provisionMaySchema = z.object({ edit: z.boolean(), score: z.boolean() });
export type ProvisionMay = z.infer<typeof provisionMaySchema>;

export const provisionSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  pillar: pillarSchema,
  chapter: z.string(),
  textFr: z.string(),
  textEn: z.string().nullable(),
  responsible: z.string().nullable(),
  deadline: z.string().nullable(),
  subcommittee: subcommitteeSchema.nullable(),
  unit: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
  /** The current score of the latest period scored. */
  latest: z.object({ period: z.string(), score: pamScoreSchema }).nullable(),
});
export type Provision = z.infer<typeof provisionSchema>;

export const provisionDetailSchema = provisionSchema.extend({
  /** Every score, newest period first, and in a period newest first. */
  scores: z.array(scoreSchema),
  may: provisionMaySchema,
});
export type ProvisionDetail = z.infer<typeof provisionDetailSchema>;

export const provisionListSchema = z.object({ provisions: z.array(provisionSchema) });

export const dashboardQuerySchema = z.strictObject({
  pillar: pillarSchema.optional(),
  lang: localeSchema.optional(),
  separator: z.enum(['comma', 'semicolon']).optional(),
});

/** Per pillar and period: the current scores' average and how many provisions sit at each level. */
export const dashboardSchema = z.object({
  periods: z.array(z.string()),
  rows: z.array(
    z.object({
      pillar: pillarSchema,
      period: z.string(),
      provisions: z.number().int(),
      scored: z.number().int(),
      average: z.number().nullable(),
      levels: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
    }),
  ),
});
export type PeaceDashboard = z.infer<typeof dashboardSchema>;

export const importQuerySchema = z.strictObject({
  unit: peaceUnitSchema.default('MED'),
  classification: classificationSchema.exclude(['confidential']).default('internal'),
  lang: localeSchema.optional(),
});

export const importReportSchema = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() })),
});
export type PeaceImportReport = z.infer<typeof importReportSchema>;

export const attendanceInputSchema = z.strictObject({
  delegation: text(120),
  women: z.number().int().min(0).max(10_000),
  men: z.number().int().min(0).max(10_000),
});

export const sessionInputSchema = z.strictObject({
  body: bodySchema,
  heldOn: isoDate,
  place: text(200),
  chair: optionalText(200),
  agenda: optionalText(4000),
  attendance: z.array(attendanceInputSchema).max(60).default([]),
  unit: peaceUnitSchema.default('MED'),
  classification: classificationSchema.exclude(['confidential']).default('internal'),
});
export type SessionInput = z.input<typeof sessionInputSchema>;

export const sessionUpdateSchema = z.strictObject({
  body: bodySchema.optional(),
  heldOn: isoDate.optional(),
  place: text(200).optional(),
  chair: nullableText(200).optional(),
  agenda: nullableText(4000).optional(),
  attendance: z.array(attendanceInputSchema).max(60).optional(),
  unit: peaceUnitSchema.optional(),
  classification: peaceClassificationSchema.optional(),
  version: z.number().int().min(1),
});

export type SessionUpdate = z.input<typeof sessionUpdateSchema>;

/** Women's share of a group of people: `null` when nobody attended (no share of nobody). */
export const shareSchema = z.object({
  women: z.number().int(),
  men: z.number().int(),
  total: z.number().int(),
  /** women / total × 100, one decimal. */
  womenShare: z.number().nullable(),
  /** At least the quota. */
  meetsQuota: z.boolean().nullable(),
});
export type Share = z.infer<typeof shareSchema>;

export const DECISION_KINDS = ['decision', 'recommendation'] as const;
export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const decisionStatusSchema = z.enum(DECISION_STATUSES);

export const decisionInputSchema = z.strictObject({
  kind: z.enum(DECISION_KINDS).default('decision'),
  text: text(4000),
  owner: optionalText(200),
  deadline: isoDate.nullable().default(null),
  status: decisionStatusSchema.default('open'),
  followUp: optionalText(4000),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const decisionUpdateSchema = z.strictObject({
  status: decisionStatusSchema.optional(),
  followUp: z.string().trim().max(4000).nullable().optional(),
  owner: z.string().trim().max(200).nullable().optional(),
  deadline: isoDate.nullable().optional(),
  version: z.number().int().min(1),
});

export const decisionSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  kind: z.enum(DECISION_KINDS),
  text: z.string(),
  owner: z.string().nullable(),
  deadline: z.string().nullable(),
  status: decisionStatusSchema,
  followUp: z.string().nullable(),
  version: z.number().int(),
});
export type CsaDecision = z.infer<typeof decisionSchema>;

export const sessionSchema = z.object({
  id: z.uuid(),
  body: bodySchema,
  heldOn: z.string(),
  place: z.string(),
  chair: z.string().nullable(),
  agenda: z.string().nullable(),
  unit: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
  participation: shareSchema,
});
export type CsaSession = z.infer<typeof sessionSchema>;

/** `edit`: PATCH /api/peace/sessions/:id; `decide`: POST …/decisions and PATCH /api/peace/decisions/:id. */
export const sessionMaySchema = z.object({ edit: z.boolean(), decide: z.boolean() });
export const sessionDetailSchema = sessionSchema.extend({
  attendance: z.array(z.object({ delegation: z.string(), women: z.number().int(), men: z.number().int(), share: shareSchema })),
  decisions: z.array(decisionSchema),
  may: sessionMaySchema,
});
export type CsaSessionDetail = z.infer<typeof sessionDetailSchema>;

export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

export const participationQuerySchema = z.strictObject({ body: bodySchema.optional() });

/** Women's participation against the quota: over all readable sessions, per delegation, per year. */
export const participationSchema = z.object({
  quota: z.number(),
  overall: shareSchema,
  byDelegation: z.array(shareSchema.extend({ delegation: z.string() })),
  byYear: z.array(shareSchema.extend({ year: z.string() })),
});
export type Participation = z.infer<typeof participationSchema>;
