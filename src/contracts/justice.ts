import { z } from 'zod';

/**
 * Justice and corrections: the courts and prisons of the mission area, their status assessed over
 * time (functional, partly functional, not functional) with the staff present, the shares of
 * functional facilities computed from each facility's latest assessment beside the fact book's
 * figures, the computerised prison-data system, prison population with its pre-trial detainees,
 * and incidents in prisons linked to the incident log.
 */

/** The unit that keeps the records: the Justice and Corrections Section. */
export const JUSTICE_UNIT = 'JCS';

export const COURT_KINDS = [
  'court_appeal',
  'court_first_instance',
  'court_instance',
  'court_peace_extended',
  'court_military',
  'court_other',
] as const;
export const PRISON_KINDS = ['prison_remand', 'prison'] as const;
export const FACILITY_KINDS = [...COURT_KINDS, ...PRISON_KINDS] as const;
export const facilityKindSchema = z.enum(FACILITY_KINDS);
export type FacilityKind = z.infer<typeof facilityKindSchema>;

export const CATEGORIES = ['court', 'prison'] as const;
export const categorySchema = z.enum(CATEGORIES);
export type FacilityCategory = z.infer<typeof categorySchema>;

export function categoryOf(kind: string): FacilityCategory {
  return (PRISON_KINDS as readonly string[]).includes(kind) ? 'prison' : 'court';
}

export const STATUSES = ['functional', 'partly_functional', 'not_functional'] as const;
export const statusSchema = z.enum(STATUSES);
export type FacilityStatus = z.infer<typeof statusSchema>;

export const STAFF_ROLES = ['magistrate', 'registrar', 'prison_staff', 'security', 'other'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** Facilities and their aggregates are internal unless marked public. */
export const facilityClassificationSchema = z.enum(['public', 'internal']);

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));
const count = z.number().int().min(0).max(100_000);

export const facilityInputSchema = z.strictObject({
  kind: facilityKindSchema,
  name: text(200),
  jurisdiction: optionalText(200),
  /** A place of the shipped gazetteer, by its French name; or coordinates inside Mali. */
  place: optionalText(120),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** Prisons only: the computerised prison-data management system, and since when. */
  computerised: z.boolean().default(false),
  computerisedSince: isoDate.nullable().default(null),
  classification: facilityClassificationSchema.default('internal'),
});

export const facilityUpdateSchema = facilityInputSchema.extend({ version: z.number().int().min(1) });

export const staffInputSchema = z.strictObject({ role: staffRoleSchema, women: count, men: count });

export const assessmentInputSchema = z.strictObject({
  assessedOn: isoDate,
  status: statusSchema,
  staff: z.array(staffInputSchema).max(STAFF_ROLES.length).default([]),
  source: text(500),
  note: optionalText(2000),
});

export const assessmentUpdateSchema = assessmentInputSchema.extend({ version: z.number().int().min(1) });

export const populationInputSchema = z.strictObject({
  countedOn: isoDate,
  women: count,
  men: count,
  pretrialWomen: count,
  pretrialMen: count,
  source: text(500),
});

/** An incident of the log by its reference, e.g. `INC-2020-000123`. */
export const incidentLinkInputSchema = z.strictObject({ ref: z.string().trim().min(1).max(40) });

export const facilityFilterSchema = z.strictObject({
  category: categorySchema.optional(),
  kind: facilityKindSchema.optional(),
  region: z.string().max(16).optional(),
  status: z.enum([...STATUSES, 'unassessed']).optional(),
});

export const csvQuerySchema = facilityFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).optional(),
  lang: z.enum(['fr', 'en']).optional(),
});

/** A published count: null where small-cell suppression hides it. */
const cell = z.number().int().nullable();

export const staffSchema = z.object({ role: staffRoleSchema, roleName: z.string(), women: cell, men: cell });

export const latestSchema = z.object({ assessedOn: z.string(), status: statusSchema }).nullable();

export const populationSchema = z.object({
  id: z.string(),
  countedOn: z.string(),
  women: cell,
  men: cell,
  pretrialWomen: cell,
  pretrialMen: cell,
  total: cell,
  pretrial: cell,
  /** Pre-trial detainees over the population, one decimal; null when nobody or suppressed. */
  pretrialShare: z.number().nullable(),
  source: z.string(),
  authorLabel: z.string(),
  recordedAt: z.string(),
});

export const facilitySchema = z.object({
  id: z.string(),
  kind: facilityKindSchema,
  kindName: z.string(),
  category: categorySchema,
  name: z.string(),
  jurisdiction: z.string().nullable(),
  place: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  region: z.string(),
  regionName: z.string(),
  cercle: z.string().nullable(),
  cercleName: z.string().nullable(),
  computerised: z.boolean(),
  computerisedSince: z.string().nullable(),
  classification: facilityClassificationSchema,
  version: z.number().int(),
  latest: latestSchema,
});
export type Facility = z.infer<typeof facilitySchema>;

export const facilityListSchema = z.object({
  facilities: z.array(facilitySchema),
  may: z.object({ create: z.boolean() }),
});

export const assessmentSchema = z.object({
  id: z.string(),
  assessedOn: z.string(),
  status: statusSchema,
  staff: z.array(staffSchema),
  source: z.string(),
  note: z.string().nullable(),
  authorLabel: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
  /** The facility's latest assessment: the one the shares count. */
  current: z.boolean(),
  may: z.object({ correct: z.boolean() }),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const linkedIncidentSchema = z.object({ id: z.string(), ref: z.string(), title: z.string(), occurredOn: z.string() });

export const facilityDetailSchema = facilitySchema.extend({
  assessments: z.array(assessmentSchema),
  population: z.array(populationSchema),
  incidents: z.array(linkedIncidentSchema),
  may: z.object({ edit: z.boolean(), assess: z.boolean(), count: z.boolean(), link: z.boolean() }),
});
export type FacilityDetail = z.infer<typeof facilityDetailSchema>;

export const shareSchema = z.object({
  facilities: z.number().int(),
  assessed: z.number().int(),
  functional: z.number().int(),
  partlyFunctional: z.number().int(),
  notFunctional: z.number().int(),
  /** (functional + partly functional) / assessed × 100, one decimal; null when none is assessed. */
  share: z.number().nullable(),
});

export const sourcedShareSchema = z
  .object({
    functional: z.number(),
    total: z.number(),
    share: z.number().nullable(),
    quote: z.string().nullable(),
    page: z.number().int().nullable(),
  })
  .nullable();

export const dashboardSchema = z.object({
  courts: shareSchema,
  prisons: shareSchema,
  sourced: z.object({
    courts: sourcedShareSchema,
    prisons: sourcedShareSchema,
    computerised: z.object({ value: z.number(), quote: z.string().nullable(), page: z.number().int().nullable() }).nullable(),
  }),
  computerised: z.number().int(),
  population: z.object({
    prisons: z.number().int(),
    women: cell,
    men: cell,
    pretrialWomen: cell,
    pretrialMen: cell,
    total: cell,
    pretrial: cell,
    pretrialShare: z.number().nullable(),
    /** Whether small-cell suppression applied (published to the public). */
    suppressed: z.boolean(),
  }),
});
export type JusticeDashboard = z.infer<typeof dashboardSchema>;

export const vocabularySchema = z.object({
  kinds: z.array(z.object({ code: facilityKindSchema, category: categorySchema, name: z.string() })),
  statuses: z.array(z.object({ code: statusSchema, name: z.string() })),
  roles: z.array(z.object({ code: staffRoleSchema, name: z.string() })),
  places: z.array(z.string()),
  regions: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type JusticeVocabulary = z.infer<typeof vocabularySchema>;
