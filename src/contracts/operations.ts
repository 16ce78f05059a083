import { z } from 'zod';
import { unitCodeSchema } from './common.js';

/**
 * The operations log of the Force and UNPOL: patrols, escorts, joint and coordinated operations
 * with the Malian forces, area domination, quick reaction, FPU public order, UNPOL joint patrols
 * and co-location. Each has its units, sector and places, a route (line) or area (polygon) inside
 * Mali as GeoJSON, planned and actual times, personnel by sex, vehicles, outcome, and the
 * incidents it met or produced. Lifecycle: planned → ordered → under way → completed (or
 * cancelled), each step with who and when.
 */

export const OPERATION_TYPES = [
  'foot_patrol',
  'mobile_patrol',
  'air_patrol',
  'long_range_patrol',
  'convoy_escort',
  'electoral_escort',
  'humanitarian_escort',
  'joint_operation',
  'coordinated_operation',
  'area_domination',
  'quick_reaction',
  'fpu_public_order',
  'unpol_joint_patrol',
  'unpol_colocation',
] as const;
export const operationTypeSchema = z.enum(OPERATION_TYPES);
export type OperationType = z.infer<typeof operationTypeSchema>;

export const OPERATION_STATUSES = ['planned', 'ordered', 'under_way', 'completed', 'cancelled'] as const;
export const operationStatusSchema = z.enum(OPERATION_STATUSES);
export type OperationStatus = z.infer<typeof operationStatusSchema>;

/** Future and ongoing (and cancelled, never carried out): read only by the units taking part and the JOC, whatever the class. */
export const SECRET_STATUSES: readonly OperationStatus[] = ['planned', 'ordered', 'under_way', 'cancelled'];

export const OPERATION_SECTORS = ['north', 'east', 'west', 'centre', 'bamako'] as const;
export const operationSectorSchema = z.enum(OPERATION_SECTORS);

/** Never public; confidential content is the protection and DDR modules', not the log's. */
export const OPERATION_CLASSIFICATIONS = ['internal', 'restricted'] as const;

/** The moves of the lifecycle, and who makes them: the JOC, or a writer of a unit taking part. */
export const OPERATION_TRANSITIONS = {
  order: { from: ['planned'], to: 'ordered', by: 'joc' },
  start: { from: ['ordered'], to: 'under_way', by: 'taking_part' },
  complete: { from: ['under_way'], to: 'completed', by: 'taking_part' },
  cancel: { from: ['planned', 'ordered', 'under_way'], to: 'cancelled', by: 'joc' },
} as const satisfies Record<string, { from: readonly OperationStatus[]; to: OperationStatus; by: 'joc' | 'taking_part' }>;
export type OperationTransition = keyof typeof OPERATION_TRANSITIONS;
export const OPERATION_TRANSITION_NAMES = Object.keys(OPERATION_TRANSITIONS) as OperationTransition[];

export const INCIDENT_RELATIONS = ['met', 'produced'] as const;

/** A date and time, UTC, to the minute: `2026-12-06T06:30Z` or with seconds. */
const instant = z.iso.datetime({ offset: false, local: false });
const count = z.number().int().min(0).max(100_000);
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** The route (LineString) or area (Polygon, one closed ring) as GeoJSON, longitude first. */
export const operationGeometrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).max(500) }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).max(500)).min(1).max(1) }),
]);
export type OperationGeometry = z.infer<typeof operationGeometrySchema>;

export const operationInputSchema = z.strictObject({
  type: operationTypeSchema,
  /** The unit leading it: its class follows this unit once completed. */
  unit: unitCodeSchema,
  /** Every unit taking part, the leading one included. */
  units: z.array(unitCodeSchema).min(1).max(20),
  classification: z.enum(OPERATION_CLASSIFICATIONS).default('restricted'),
  titleFr: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).default(''),
  orders: z.string().trim().max(10_000).default(''),
  sector: operationSectorSchema,
  /** Places of the shipped gazetteer, by their French names. */
  places: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
  geometry: operationGeometrySchema.nullable().default(null),
  plannedStart: instant,
  plannedEnd: instant,
  women: count.default(0),
  men: count.default(0),
  engagementTeams: count.default(0),
  vehicles: count.default(0),
});
export type OperationInput = z.input<typeof operationInputSchema>;
export type OperationInputParsed = z.output<typeof operationInputSchema>;

export const operationUpdateSchema = z.strictObject({ version: z.number().int().min(1), operation: operationInputSchema });

export const operationIncidentLinkSchema = z.strictObject({
  /** The incident's reference, MLI-<year>-<6 digits>. */
  ref: z
    .string()
    .trim()
    .regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }),
  relation: z.enum(INCIDENT_RELATIONS),
});

/** The report of a completed operation, written by an officer of a unit taking part. */
export const operationReportSchema = z.strictObject({
  actualStart: instant,
  actualEnd: instant,
  women: count,
  men: count,
  engagementTeams: count.default(0),
  vehicles: count.default(0),
  outcome: z.string().trim().min(1).max(10_000),
  observations: z.string().trim().max(10_000).default(''),
  incidents: z.array(operationIncidentLinkSchema).max(50).default([]),
});
export type OperationReport = z.output<typeof operationReportSchema>;

export const operationTransitionBodySchema = z.strictObject({
  action: z.enum(OPERATION_TRANSITION_NAMES as [OperationTransition, ...OperationTransition[]]),
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).default(''),
  /** When it started (start) — now if left out. */
  at: instant.optional(),
  /** The report: required to complete. */
  report: operationReportSchema.optional(),
});
export type OperationTransitionBody = z.output<typeof operationTransitionBodySchema>;

export const operationMaySchema = z.object({
  edit: z.boolean(),
  order: z.boolean(),
  start: z.boolean(),
  complete: z.boolean(),
  cancel: z.boolean(),
});
export type OperationMay = z.infer<typeof operationMaySchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });

export const operationSchema = z.object({
  id: z.string(),
  type: operationTypeSchema,
  typeName: z.string(),
  status: operationStatusSchema,
  unit: z.string(),
  units: z.array(z.string()),
  classification: z.enum(OPERATION_CLASSIFICATIONS),
  titleFr: z.string(),
  titleEn: z.string(),
  orders: z.string(),
  sector: operationSectorSchema,
  sectorName: z.string(),
  places: z.array(z.string()),
  geometry: operationGeometrySchema.nullable(),
  /** The regions the route or area crosses (its vertices'), by name. */
  regions: z.array(z.string()),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  women: z.number(),
  men: z.number(),
  engagementTeams: z.number(),
  vehicles: z.number(),
  outcome: z.string(),
  observations: z.string(),
  /** Linked incidents the reader may read; others are left out. */
  incidents: z.array(
    z.object({ id: z.string(), ref: z.string(), title: z.string(), occurredOn: z.string(), relation: z.enum(INCIDENT_RELATIONS) }),
  ),
  steps: z.array(
    z.object({ from: operationStatusSchema.nullable(), to: operationStatusSchema, by: person, at: z.string(), comment: z.string() }),
  ),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  may: operationMaySchema,
});
export type Operation = z.infer<typeof operationSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').filter((v) => v !== ''))
    .pipe(z.array(item).max(20));

export const operationFilterSchema = z.strictObject({
  type: csv(operationTypeSchema).optional(),
  status: csv(operationStatusSchema).optional(),
  unit: csv(unitCodeSchema).optional(),
  sector: csv(operationSectorSchema).optional(),
  /** Planned to start on or after this day. */
  from: z.iso.date().optional(),
  /** Planned to start on or before this day. */
  to: z.iso.date().optional(),
  /** Words of the title. */
  q: z.string().trim().max(200).optional(),
});
export type OperationFilter = z.output<typeof operationFilterSchema>;

export const operationListQuerySchema = operationFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(200).optional(),
});

export const operationSummarySchema = z.object({
  id: z.string(),
  type: operationTypeSchema,
  typeName: z.string(),
  status: operationStatusSchema,
  unit: z.string(),
  units: z.array(z.string()),
  sector: operationSectorSchema,
  title: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  classification: z.enum(OPERATION_CLASSIFICATIONS),
});
export type OperationSummary = z.infer<typeof operationSummarySchema>;

export const operationPageSchema = z.object({ items: z.array(operationSummarySchema), next: z.string().nullable() });

export const operationCountsSchema = z.object({
  total: z.number(),
  byStatus: z.array(z.object({ status: operationStatusSchema, count: z.number() })),
  byType: z.array(z.object({ type: operationTypeSchema, count: z.number() })),
});
export type OperationCounts = z.infer<typeof operationCountsSchema>;

/** The readable operations with a route or area, as a GeoJSON FeatureCollection. */
export const operationMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: operationGeometrySchema,
      properties: z.object({ title: z.string(), type: operationTypeSchema, status: operationStatusSchema, unit: z.string() }),
    }),
  ),
});
export type OperationMap = z.infer<typeof operationMapSchema>;

const term = z.object({ code: z.string(), name: z.string() });
export const operationVocabularySchema = z.object({
  types: z.array(term),
  statuses: z.array(term),
  sectors: z.array(term),
  places: z.array(z.string()),
});
export type OperationVocabulary = z.infer<typeof operationVocabularySchema>;

export const operationExportQuerySchema = operationFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['fr', 'en']).optional(),
});

// ---- Ceasefire monitoring -------------------------------------------------------------------

/** What a verification mission found: the alleged violation confirmed, not confirmed, or inconclusive. */
export const FINDINGS = ['confirmed', 'not_confirmed', 'inconclusive'] as const;
export const findingSchema = z.enum(FINDINGS);
export type Finding = z.infer<typeof findingSchema>;

/** The standards of proof of human-rights fact-finding (the protection vocabulary's codes). */
export const STANDARDS_OF_PROOF = ['reasonable_grounds', 'balance_of_probabilities', 'clear_and_convincing', 'not_verified'] as const;

export const verificationInputSchema = z.strictObject({
  /** The allegation: an incident of the ceasefire-violation category, by reference. */
  incident: z
    .string()
    .trim()
    .regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }),
  /** The observer or mixed team's unit. */
  unit: unitCodeSchema,
  classification: z.enum(OPERATION_CLASSIFICATIONS).default('internal'),
  team: z.array(z.string().trim().min(1).max(120)).min(1).max(20),
  visitedOn: z.iso.date(),
  place: z.string().trim().max(120).nullable().default(null),
  evidence: z.string().trim().min(1).max(10_000),
  finding: findingSchema,
  standardOfProof: z.enum(STANDARDS_OF_PROOF),
  /** The party a confirmed violation is attributed to (actor registry code). */
  party: z.string().trim().max(60).nullable().default(null),
});
export type VerificationInput = z.input<typeof verificationInputSchema>;
export type VerificationInputParsed = z.output<typeof verificationInputSchema>;

export const verificationSchema = z.object({
  id: z.string(),
  incident: z.object({ ref: z.string(), title: z.string(), occurredOn: z.string() }),
  unit: z.string(),
  classification: z.enum(OPERATION_CLASSIFICATIONS),
  team: z.array(z.string()),
  visitedOn: z.string(),
  place: z.string().nullable(),
  evidence: z.string(),
  finding: findingSchema,
  standardOfProof: z.enum(STANDARDS_OF_PROOF),
  party: z.string().nullable(),
  partyName: z.string().nullable(),
  recordedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  recordedAt: z.string(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const verificationListQuerySchema = z.strictObject({
  /** Allegations that occurred on or after this day. */
  from: z.iso.date().optional(),
  /** Allegations that occurred on or before this day. */
  to: z.iso.date().optional(),
  /** One allegation's verifications, by incident reference. */
  incident: z
    .string()
    .trim()
    .regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' })
    .optional(),
});
export type VerificationQuery = z.output<typeof verificationListQuerySchema>;

export const verificationListSchema = z.object({ items: z.array(verificationSchema) });

/**
 * Findings by party over a period (by the allegation's date), from each allegation's latest
 * verification the reader may read; confirmed violations are attributed to their party, the
 * others counted apart; the allegations with no verification are the unverified.
 */
export const findingCountsSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  allegations: z.number(),
  verified: z.number(),
  unverified: z.number(),
  byFinding: z.object({ confirmed: z.number(), not_confirmed: z.number(), inconclusive: z.number() }),
  confirmedByParty: z.array(z.object({ party: z.string(), name: z.string(), count: z.number() })),
});
export type FindingCounts = z.infer<typeof findingCountsSchema>;
