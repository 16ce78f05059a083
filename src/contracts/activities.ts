import { z } from 'zod';
import { ACTIVITY_AGE_BAND_CODES, ACTIVITY_CATEGORY_CODES, ACTIVITY_TOPIC_CODES } from '../data/vocab/activities.js';
import { unitCodeSchema } from './common.js';

/**
 * Activities and trainings: trainings, workshops, sensitisation and risk-education sessions and
 * community meetings, with their participants by sex and by age group (children are under 18).
 * Internal by default; public or restricted to the owning unit when marked so.
 */

export const ACTIVITY_TYPES = ['training', 'workshop', 'sensitisation', 'risk_education', 'community_meeting'] as const;
export const activityTypeSchema = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof activityTypeSchema>;

export const ACTIVITY_CLASSIFICATIONS = ['public', 'internal', 'restricted'] as const;

export const activityTopicSchema = z.enum(ACTIVITY_TOPIC_CODES);
export const activityCategorySchema = z.enum(ACTIVITY_CATEGORY_CODES);
export const activityAgeBandSchema = z.enum(ACTIVITY_AGE_BAND_CODES);

const isoDate = z.iso.date();
const count = z.number().int().min(0).max(1_000_000);

export const activityPlaceInputSchema = z.strictObject({
  /** A place of the shipped gazetteer, by its French name; or coordinates inside Mali. */
  place: z.string().trim().max(120).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});

/**
 * Participants by sex and by age group: women + men, and children + adults, make the same total
 * (and `total`, when given, is that total). Finer bands, when given, add up to both.
 */
export const participantsInputSchema = z.strictObject({
  total: count.nullable().default(null),
  women: count,
  men: count,
  children: count.default(0),
  adults: count.default(0),
  bands: z
    .array(z.strictObject({ band: activityAgeBandSchema, women: count.default(0), men: count.default(0) }))
    .max(ACTIVITY_AGE_BAND_CODES.length)
    .default([]),
});
export type ParticipantsInput = z.input<typeof participantsInputSchema>;

/** What a series' activities share. */
export const activityCommonInputSchema = z.strictObject({
  unit: unitCodeSchema,
  classification: z.enum(ACTIVITY_CLASSIFICATIONS).default('internal'),
  type: activityTypeSchema,
  topic: activityTopicSchema,
  title: z.string().trim().min(1).max(300),
  targetGroup: z.string().trim().max(300).default(''),
  category: activityCategorySchema,
  facilitators: z.string().trim().max(1000).default(''),
  project: z.uuid().nullable().default(null),
  notes: z.string().trim().max(10_000).default(''),
});

/** What differs from one session of a series to the next: when, where, and who came. */
export const activityOccurrenceInputSchema = z.strictObject({
  startDate: isoDate,
  endDate: isoDate,
  place: activityPlaceInputSchema,
  participants: participantsInputSchema,
});

export const activityInputSchema = activityCommonInputSchema.extend(activityOccurrenceInputSchema.shape);
export type ActivityInput = z.input<typeof activityInputSchema>;
export type ActivityInputParsed = z.output<typeof activityInputSchema>;

export const activityUpdateSchema = z.strictObject({ version: z.number().int().min(1), activity: activityInputSchema });

/** The same activity at several dates or places: all recorded, or none. */
export const activitySeriesInputSchema = z.strictObject({
  activity: activityCommonInputSchema,
  occurrences: z.array(activityOccurrenceInputSchema).min(1).max(100),
});
export type ActivitySeriesInput = z.input<typeof activitySeriesInputSchema>;

export const participantsSchema = z.object({
  total: z.number(),
  women: z.number(),
  men: z.number(),
  children: z.number(),
  adults: z.number(),
  bands: z.array(z.object({ band: z.string(), label: z.string(), women: z.number(), men: z.number() })),
});
export type Participants = z.infer<typeof participantsSchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });

export const activityMaySchema = z.object({ edit: z.boolean() });
export type ActivityMay = z.infer<typeof activityMaySchema>;

export const activitySchema = z.object({
  id: z.string(),
  series: z.string().nullable(),
  unit: z.string(),
  classification: z.enum(ACTIVITY_CLASSIFICATIONS),
  type: activityTypeSchema,
  topic: z.string(),
  topicName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.object({
    place: z.string().nullable(),
    latitude: z.number(),
    longitude: z.number(),
    region: z.string(),
    regionName: z.string(),
  }),
  targetGroup: z.string(),
  category: z.string(),
  categoryName: z.string(),
  participants: participantsSchema,
  facilitators: z.string(),
  /** The linked project; its title only when the reader may read the project. */
  project: z.object({ id: z.string(), title: z.string().nullable() }).nullable(),
  notes: z.string(),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  may: activityMaySchema,
});
export type Activity = z.infer<typeof activitySchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').filter((v) => v !== ''))
    .pipe(z.array(item).max(20));

export const activityFilterSchema = z.strictObject({
  unit: csv(unitCodeSchema).optional(),
  type: csv(activityTypeSchema).optional(),
  topic: csv(activityTopicSchema).optional(),
  category: csv(activityCategorySchema).optional(),
  region: csv(z.string().max(16)).optional(),
  project: z.uuid().optional(),
  /** Activities that start on or after `from` and on or before `to`. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ActivityFilter = z.output<typeof activityFilterSchema>;

export const activityListQuerySchema = activityFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
});

export const activitySummarySchema = z.object({
  id: z.string(),
  series: z.string().nullable(),
  unit: z.string(),
  type: activityTypeSchema,
  topic: z.string(),
  topicName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string().nullable(),
  region: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  women: z.number(),
  men: z.number(),
  total: z.number(),
  classification: z.enum(ACTIVITY_CLASSIFICATIONS),
});
export type ActivitySummary = z.infer<typeof activitySummarySchema>;

export const activityPageSchema = z.object({ items: z.array(activitySummarySchema), next: z.string().nullable() });

const sums = z.object({
  activities: z.number(),
  total: z.number(),
  women: z.number(),
  men: z.number(),
  children: z.number(),
  adults: z.number(),
});
export type ParticipantSums = z.infer<typeof sums>;

export const activityTotalsSchema = z.object({
  total: sums,
  byType: z.array(sums.extend({ type: activityTypeSchema })),
});
export type ActivityTotals = z.infer<typeof activityTotalsSchema>;

const term = z.object({ code: z.string(), name: z.string() });
export const activityVocabularySchema = z.object({
  types: z.array(z.object({ code: activityTypeSchema, name: z.string() })),
  topics: z.array(term),
  categories: z.array(term),
  ageBands: z.array(term.extend({ child: z.boolean() })),
  places: z.array(z.string()),
  /** The units whose activities the requester may record. */
  units: z.array(z.string()),
});
export type ActivityVocabulary = z.infer<typeof activityVocabularySchema>;

export const activityExportQuerySchema = activityFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
});

export const activityImportQuerySchema = z.strictObject({
  unit: unitCodeSchema,
  classification: z.enum(ACTIVITY_CLASSIFICATIONS).default('internal'),
});

export const activityImportReportSchema = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() })),
});
export type ActivityImportReport = z.infer<typeof activityImportReportSchema>;

export const activitySeriesResultSchema = z.object({ series: z.string(), ids: z.array(z.string()) });
