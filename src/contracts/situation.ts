import { z } from 'zod';
import { classificationSchema, unitCodeSchema } from './common.js';
import { OPERATION_SECTORS, operationGeometrySchema, operationStatusSchema, operationTypeSchema } from './operations.js';

/**
 * The common operational picture and the daily situation report (SITREP). The map of a day shows
 * the operations under way, the incidents of the day, the open alerts and the team sites, each only
 * where the reader may read it. A SITREP is assembled from a period's records (operations,
 * incidents, ceasefire findings, alerts) into sections the JOC edits, then releases.
 */

export const SITREP_SECTORS = ['mission', ...OPERATION_SECTORS] as const;
export const sitrepSectorSchema = z.enum(SITREP_SECTORS);
export type SitrepSector = z.infer<typeof sitrepSectorSchema>;

export const SITREP_SECTIONS = ['summary', 'operations', 'incidents', 'ceasefire', 'alerts', 'outlook'] as const;
export const sitrepSectionKeySchema = z.enum(SITREP_SECTIONS);
export type SitrepSectionKey = z.infer<typeof sitrepSectionKeySchema>;

export const SITREP_RECORD_TYPES = ['operation', 'incident', 'verification', 'alert'] as const;
export const SITREP_STATUSES = ['draft', 'released'] as const;

const instant = z.iso.datetime({ offset: false, local: false });

export const situationMapQuerySchema = z.strictObject({
  /** The day shown; left out: the last 24 hours. */
  day: z.iso.date().optional(),
  sector: z.enum(OPERATION_SECTORS).optional(),
  unit: unitCodeSchema.optional(),
});
export type SituationMapQuery = z.output<typeof situationMapQuerySchema>;

export const situationMapSchema = z.object({
  from: z.string(),
  to: z.string(),
  operations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: operationTypeSchema,
      typeName: z.string(),
      status: operationStatusSchema,
      unit: z.string(),
      units: z.array(z.string()),
      sector: z.string(),
      geometry: operationGeometrySchema.nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      ref: z.string(),
      title: z.string(),
      occurredOn: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      unit: z.string(),
      eventType: z.string(),
    }),
  ),
  alerts: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      unit: z.string(),
      areaName: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      raisedAt: z.string(),
    }),
  ),
  teamSites: z.array(
    z.object({ name: z.string(), latitude: z.number(), longitude: z.number(), sector: z.string(), units: z.array(z.string()) }),
  ),
});
export type SituationMap = z.infer<typeof situationMapSchema>;

export const sitrepInputSchema = z
  .strictObject({
    sector: sitrepSectorSchema.default('mission'),
    /** Start and end of the period; left out: the 24 hours before now. */
    from: instant.optional(),
    to: instant.optional(),
    language: z.enum(['fr', 'en']).default('fr'),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: 'period_order', path: ['to'] });
export type SitrepInput = z.input<typeof sitrepInputSchema>;

export const sitrepSectionUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  text: z.string().max(50_000),
});

export const sitrepReleaseSchema = z.strictObject({ version: z.number().int().min(1) });

export const sitrepSummarySchema = z.object({
  id: z.string(),
  sector: sitrepSectorSchema,
  sectorName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  language: z.enum(['fr', 'en']),
  title: z.string(),
  status: z.enum(SITREP_STATUSES),
  classification: classificationSchema,
  createdBy: z.string(),
  updatedAt: z.string(),
  releasedAt: z.string().nullable(),
  version: z.number(),
});
export type SitrepSummary = z.infer<typeof sitrepSummarySchema>;

export const sitrepDetailSchema = sitrepSummarySchema.extend({
  sections: z.array(z.object({ key: sitrepSectionKeySchema, heading: z.string(), text: z.string() })),
  records: z.array(z.object({ type: z.enum(SITREP_RECORD_TYPES), id: z.string(), classification: classificationSchema })),
  releasedBy: z.string().nullable(),
  may: z.object({ edit: z.boolean(), release: z.boolean() }),
});
export type SitrepDetail = z.infer<typeof sitrepDetailSchema>;

export const sitrepListSchema = z.object({ items: z.array(sitrepSummarySchema) });
