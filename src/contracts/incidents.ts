import { z } from 'zod';
import { classificationSchema, unitCodeSchema } from './common.js';

/**
 * The incident and event log (situational awareness), following ACLED and UCDP GED practice:
 * dates and places carry their precision, harm is an interval (low / best / high), and a
 * record is a candidate until someone other than its author verifies it.
 */

export const INCIDENT_STATUSES = ['draft', 'submitted', 'verified', 'closed', 'rejected'] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Submitted but not yet verified: counted apart from verified ones everywhere. */
export const CANDIDATE_STATUSES: readonly IncidentStatus[] = ['submitted'];
export const VERIFIED_STATUSES: readonly IncidentStatus[] = ['verified', 'closed'];

/** The workflow's moves: which status each leads from and to, and who may make it. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', by: 'writer' },
  verify: { from: ['submitted'], to: 'verified', by: 'manager' },
  reject: { from: ['submitted'], to: 'rejected', by: 'manager' },
  close: { from: ['verified'], to: 'closed', by: 'manager' },
  reopen: { from: ['rejected', 'closed'], to: 'draft', by: 'manager' },
} as const satisfies Record<string, { from: readonly IncidentStatus[]; to: IncidentStatus; by: 'writer' | 'manager' }>;
export type TransitionName = keyof typeof TRANSITIONS;
export const transitionNameSchema = z.enum(Object.keys(TRANSITIONS) as [TransitionName, ...TransitionName[]]);

/**
 * What the requester may do with one incident, decided on the server with `can()` and the incident
 * rules: each flag is true exactly when the matching write would be accepted (given valid input).
 * `edit`: PUT /api/incidents/:ref; `attach`: POST /api/incidents/:ref/attachments; the moves:
 * POST /api/incidents/:ref/transitions with that action.
 */
export const incidentMaySchema = z.object({
  edit: z.boolean(),
  attach: z.boolean(),
  submit: z.boolean(),
  verify: z.boolean(),
  reject: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
});
export type IncidentMay = z.infer<typeof incidentMaySchema>;

export const DATE_PRECISIONS = ['day', 'week', 'month'] as const;
export const LOCATION_PRECISIONS = ['exact', 'near', 'cercle', 'region'] as const;

/** Incidents are never `confidential`: that class is for protection cases and their case teams. */
export const INCIDENT_CLASSIFICATIONS = ['public', 'internal', 'restricted'] as const;
export const incidentClassificationSchema = classificationSchema.extract(INCIDENT_CLASSIFICATIONS);

/** Casualty groups. Women and children are "of which" civilians, not added to the total. */
export const CASUALTY_GROUPS = [
  'civilians',
  'women',
  'children',
  'peacekeepers',
  'national_forces',
  'armed_groups',
  'unspecified',
] as const;
/** Groups that add up to the total; `unspecified` holds counts a source gives without a group (ACLED's fatalities). */
export const TOTAL_GROUPS = ['civilians', 'peacekeepers', 'national_forces', 'armed_groups', 'unspecified'] as const;
export type CasualtyGroup = (typeof CASUALTY_GROUPS)[number];

export const SOURCE_TYPES = [
  'patrol',
  'police',
  'military_intelligence',
  'local_authority',
  'community_network',
  'civil_society',
  'humanitarian',
  'media',
  'social_media',
  'other',
] as const;
/** NATO/Admiralty grading: reliability of the source, credibility of the information. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;

const count = z.number().int().min(0).max(100_000);

export const estimateSchema = z
  .strictObject({ low: count, best: count, high: count })
  .refine((e) => e.low <= e.best && e.best <= e.high, { message: 'estimate_order', path: ['best'] });
export type Estimate = z.infer<typeof estimateSchema>;

export const harmSchema = z.strictObject({ killed: estimateSchema.optional(), injured: estimateSchema.optional() });
export const casualtiesSchema = z
  .strictObject(
    Object.fromEntries(CASUALTY_GROUPS.map((g) => [g, harmSchema.optional()])) as Record<CasualtyGroup, z.ZodOptional<typeof harmSchema>>,
  )
  .superRefine((c, check) => {
    for (const part of ['women', 'children'] as const) {
      for (const outcome of ['killed', 'injured'] as const) {
        const of = c[part]?.[outcome];
        const whole = c.civilians?.[outcome];
        if (of && (!whole || of.low > whole.low || of.best > whole.best || of.high > whole.high)) {
          check.addIssue({ code: 'custom', message: 'part_exceeds_civilians', path: [part, outcome] });
        }
      }
    }
  });
export type Casualties = z.infer<typeof casualtiesSchema>;

export const sourceSchema = z.strictObject({
  type: z.enum(SOURCE_TYPES),
  reference: z.string().trim().max(300).default(''),
  reliability: z.enum(RELIABILITY_GRADES),
  credibility: z.union(CREDIBILITY_GRADES.map((g) => z.literal(g))),
});

const isoDate = z.iso.date();

export const ACTOR_ROLES = ['actor1', 'actor2', 'associated1', 'associated2'] as const;

export const locationInputSchema = z.strictObject({
  /** Region ISO 3166-2 code (ML-9) or geoBoundaries cercle id; derived from coordinates when given. */
  region: z.string().max(16).nullable().default(null),
  cercle: z.string().max(40).nullable().default(null),
  commune: z.string().trim().max(120).nullable().default(null),
  /** A place of the shipped gazetteer, by its French name. */
  place: z.string().trim().max(120).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  precision: z.enum(LOCATION_PRECISIONS),
});

export const incidentInputSchema = z.strictObject({
  occurredOn: isoDate,
  occurredTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .default(null),
  datePrecision: z.enum(DATE_PRECISIONS).default('day'),
  location: locationInputSchema,
  eventType: z.string().max(60),
  subEventType: z.string().max(60),
  category: z.string().max(60).nullable().default(null),
  threatToCivilians: z.boolean().default(false),
  actors: z
    .array(z.strictObject({ actor: z.string().max(60), role: z.enum(ACTOR_ROLES) }))
    .max(12)
    .default([]),
  casualties: casualtiesSchema.default({}),
  sources: z.array(sourceSchema).max(20).default([]),
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(10_000).default(''),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  unit: unitCodeSchema,
  classification: incidentClassificationSchema.default('internal'),
  /** Units a restricted incident is shared with, beyond its own. */
  sharedWith: z.array(unitCodeSchema).max(40).default([]),
  links: z
    .array(z.string().regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }))
    .max(20)
    .default([]),
});
export type IncidentInput = z.input<typeof incidentInputSchema>;
export type IncidentInputParsed = z.output<typeof incidentInputSchema>;

export const incidentUpdateSchema = z.strictObject({ version: z.number().int().min(1), incident: incidentInputSchema });

export const transitionBodySchema = z.strictObject({
  action: transitionNameSchema,
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).default(''),
});

const person = z.object({ id: z.string().nullable(), name: z.string() }).nullable();

export const incidentSchema = z.object({
  ref: z.string(),
  occurredOn: z.string(),
  occurredTime: z.string().nullable(),
  datePrecision: z.enum(DATE_PRECISIONS),
  location: z.object({
    region: z.string(),
    regionName: z.string(),
    cercle: z.string().nullable(),
    cercleName: z.string().nullable(),
    commune: z.string().nullable(),
    place: z.string().nullable(),
    latitude: z.number(),
    longitude: z.number(),
    precision: z.enum(LOCATION_PRECISIONS),
  }),
  eventType: z.string(),
  subEventType: z.string(),
  category: z.string().nullable(),
  threatToCivilians: z.boolean(),
  actors: z.array(z.object({ actor: z.string(), role: z.enum(ACTOR_ROLES), name: z.string() })),
  casualties: z.record(z.string(), z.object({ killed: estimateSchema.optional(), injured: estimateSchema.optional() })),
  killed: z.object({ low: z.number(), best: z.number(), high: z.number() }),
  injured: z.object({ low: z.number(), best: z.number(), high: z.number() }),
  sources: z.array(sourceSchema),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  unit: z.string(),
  classification: incidentClassificationSchema,
  sharedWith: z.array(z.string()),
  links: z.array(z.object({ ref: z.string(), title: z.string().nullable() })),
  status: incidentStatusSchema,
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it was entered on a device that sent it later (offline outbox), never after `createdAt`; null when entered online. */
  enteredAt: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(
    z.object({ from: incidentStatusSchema.nullable(), to: incidentStatusSchema, by: person, at: z.string(), comment: z.string() }),
  ),
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), createdAt: z.string() })),
  may: incidentMaySchema,
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentSummarySchema = z.object({
  ref: z.string(),
  occurredOn: z.string(),
  datePrecision: z.enum(DATE_PRECISIONS),
  region: z.string(),
  cercle: z.string().nullable(),
  place: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  eventType: z.string(),
  subEventType: z.string(),
  category: z.string().nullable(),
  title: z.string(),
  killedBest: z.number(),
  injuredBest: z.number(),
  status: incidentStatusSchema,
  unit: z.string(),
  classification: incidentClassificationSchema,
  threatToCivilians: z.boolean(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const INCIDENT_SORTS = ['date_desc', 'date_asc', 'killed_desc', 'updated_desc'] as const;

const csv = <T extends z.ZodType<string, string>>(inner: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(inner).max(60));

/** The filter shared by the list, statistics, map and exports: one definition, one SQL translation. */
export const incidentFilterSchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  region: csv(z.string().max(16)).optional(),
  cercle: csv(z.string().max(40)).optional(),
  eventType: csv(z.string().max(60)).optional(),
  category: csv(z.string().max(60)).optional(),
  actor: z.string().max(60).optional(),
  status: csv(incidentStatusSchema).optional(),
  classification: csv(incidentClassificationSchema).optional(),
  unit: csv(unitCodeSchema).optional(),
  minKilled: z.coerce.number().int().min(0).max(100_000).optional(),
  threatToCivilians: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(2).max(200).optional(),
});
export type IncidentFilter = z.output<typeof incidentFilterSchema>;

export const incidentListQuerySchema = incidentFilterSchema.extend({
  sort: z.enum(INCIDENT_SORTS).default('date_desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page: pages stay fast at any depth. */
  after: z.string().max(200).optional(),
});

export const incidentPageSchema = z.object({ items: z.array(incidentSummarySchema), next: z.string().nullable() });

export const statsQuerySchema = incidentFilterSchema.extend({ interval: z.enum(['week', 'month']).default('month') });

const split = z.object({ candidate: z.number(), verified: z.number(), other: z.number() });
export const incidentStatsSchema = z.object({
  total: z.number(),
  byStatus: z.record(incidentStatusSchema, z.number()),
  killed: split,
  timeline: z.array(z.object({ period: z.string() }).extend(split.shape)),
  byRegionType: z.array(z.object({ region: z.string(), eventType: z.string() }).extend(split.shape)),
  byCercle: z.array(z.object({ cercle: z.string() }).extend(split.shape)),
});
export type IncidentStats = z.infer<typeof incidentStatsSchema>;

export const mapQuerySchema = incidentFilterSchema.extend({
  zoom: z.coerce.number().int().min(0).max(18).default(5),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/)
    .optional(),
});
export const incidentMapSchema = z.object({
  clusters: z.array(
    z.object({
      latitude: z.number(),
      longitude: z.number(),
      count: z.number(),
      verified: z.number(),
      /** The incident, when the cluster holds only one. */
      ref: z.string().nullable(),
      /**
       * What the map's preview shows of that one incident: fields the list shows any reader of the
       * incident, read under the same filter and read scope as the cluster.
       */
      incident: z
        .object({
          title: z.string(),
          occurredOn: z.string(),
          datePrecision: z.enum(DATE_PRECISIONS),
          eventType: z.string(),
          category: z.string().nullable(),
          region: z.string(),
          cercle: z.string().nullable(),
          place: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  byCercle: z.array(z.object({ cercle: z.string(), count: z.number() })),
});

export const exportQuerySchema = incidentFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['fr', 'en']).optional(),
});

export const importQuerySchema = z.strictObject({
  unit: unitCodeSchema,
  classification: incidentClassificationSchema.default('internal'),
  lang: z.enum(['fr', 'en']).optional(),
});
const rowErrorSchema = z.object({ line: z.number(), column: z.string().nullable(), message: z.string() });
export const importReportSchema = z.object({
  rows: z.number(),
  imported: z.number(),
  /** Columns of the file that the import does not read (listed, then ignored). */
  ignoredColumns: z.array(z.string()).default([]),
  errors: z.array(rowErrorSchema),
  /** Errors past the first 500 are counted, not listed. */
  moreErrors: z.number(),
});
export type IncidentImportReport = z.infer<typeof importReportSchema>;

/** `retired`: kept on the incidents that name it, not offered for new ones; `merged`: a redirect to the survivor. */
export const ACTOR_STATUSES = ['active', 'retired', 'merged'] as const;
export type ActorStatus = (typeof ACTOR_STATUSES)[number];

export const actorSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  type: z.number().int(),
  typeName: z.string(),
  status: z.enum(ACTOR_STATUSES),
});
export type RegistryActor = z.infer<typeof actorSchema>;

const actorCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'actor_code' });
const actorNameSchema = z.string().trim().min(2).max(200);

/** A new party; without a code, one is made from the English name. */
export const actorInputSchema = z.strictObject({
  code: actorCodeSchema.optional(),
  nameFr: actorNameSchema,
  nameEn: actorNameSchema,
  type: z.number().int().min(1).max(8),
  /** Where the entry comes from. */
  source: z.string().trim().max(500).optional(),
});
export type ActorInput = z.input<typeof actorInputSchema>;

export const actorCodeParamsSchema = z.strictObject({ code: actorCodeSchema });
export const actorAliasInputSchema = z.strictObject({ alias: actorNameSchema });
export const actorMergeInputSchema = z.strictObject({ into: actorCodeSchema });
export const actorStatusInputSchema = z.strictObject({ status: z.enum(['active', 'retired']) });

/** The registry page: every actor with its other names, how many incidents the reader sees name it, and its status. */
export const actorRegistrySchema = z.object({
  actors: z.array(
    actorSchema.extend({
      mergedInto: z.string().nullable(),
      source: z.string().nullable(),
      aliases: z.array(z.string()),
      incidents: z.number().int(),
    }),
  ),
  /** The requester may add, alias, merge and retire actors. */
  may: z.object({ keep: z.boolean() }),
});
export type ActorRegistry = z.infer<typeof actorRegistrySchema>;

/** A file's actors and event types before an import: each with its count and what it maps to now. */
export const importPreviewSchema = z.object({
  rows: z.number(),
  ignoredColumns: z.array(z.string()),
  /** Problems of the file as a whole (missing columns, unreadable CSV). */
  errors: z.array(rowErrorSchema),
  actors: z.array(
    z.object({
      name: z.string(),
      count: z.number(),
      /** The registry actor it maps to, if any; `by` says how it was found. */
      match: z.string().nullable(),
      by: z.enum(['registry', 'alias']).nullable(),
    }),
  ),
  eventTypes: z.array(
    z.object({
      eventType: z.string(),
      subEventType: z.string(),
      count: z.number(),
      match: z.object({ eventType: z.string(), subEventType: z.string() }).nullable(),
      by: z.enum(['vocabulary', 'alias']).nullable(),
    }),
  ),
});
export type IncidentImportPreview = z.infer<typeof importPreviewSchema>;

/** The user's choices for a file's unknown names, applied with the import and kept for the next one. */
export const importMappingSchema = z.strictObject({
  actors: z
    .array(
      z.union([
        z.strictObject({ name: z.string().trim().min(1).max(200), actor: actorCodeSchema }),
        z.strictObject({
          name: z.string().trim().min(1).max(200),
          create: z.strictObject({ nameFr: actorNameSchema, nameEn: actorNameSchema, type: z.number().int().min(1).max(8) }),
        }),
      ]),
    )
    .max(2000)
    .default([]),
  eventTypes: z
    .array(
      z.strictObject({
        eventType: z.string().max(200),
        subEventType: z.string().max(200),
        to: z.strictObject({ eventType: z.string().max(60), subEventType: z.string().max(60) }),
      }),
    )
    .max(500)
    .default([]),
});
export type ImportMapping = z.input<typeof importMappingSchema>;

export const importCommitSchema = z.strictObject({
  csv: z.string(),
  mapping: importMappingSchema.default({ actors: [], eventTypes: [] }),
});

const term = z.object({ code: z.string(), label: z.string() });
export const incidentVocabularySchema = z.object({
  eventTypes: z.array(term.extend({ subTypes: z.array(term) })),
  categories: z.array(term),
  actors: z.array(actorSchema),
  actorTypes: z.array(z.object({ code: z.number(), label: z.string() })),
  regions: z.array(term),
  cercles: z.array(term.extend({ region: z.string() })),
  places: z.array(z.object({ name: z.string(), region: z.string(), cercle: z.string().nullable(), hasCoordinates: z.boolean() })),
});
export type IncidentVocabulary = z.infer<typeof incidentVocabularySchema>;
