import { z } from 'zod';
import { classificationSchema, localeSchema } from './common.js';

/** Personnel categories of the mission's strength reports. */
export const STRENGTH_CATEGORIES = [
  'military',
  'staff_officers',
  'military_observers',
  'police',
  'ipo',
  'fpu',
  'civilians',
  'volunteers',
] as const;
export const strengthCategorySchema = z.enum(STRENGTH_CATEGORIES);
export type StrengthCategory = z.infer<typeof strengthCategorySchema>;

/**
 * Which unit reports (and may record) each personnel category. Shared by the server, which
 * decides, and the web, which only offers the categories a user may record.
 */
export const CATEGORY_OWNER: Record<StrengthCategory, string> = {
  military: 'FORCE',
  staff_officers: 'FORCE',
  military_observers: 'FORCE',
  police: 'UNPOL',
  ipo: 'UNPOL',
  fpu: 'UNPOL',
  civilians: 'DMS-HR',
  volunteers: 'UNV',
};

export const SEXES = ['all', 'female', 'male'] as const;

const isoDate = z.iso.date();

export const strengthSnapshotInputSchema = z.strictObject({
  asOf: isoDate,
  category: strengthCategorySchema,
  /** ISO 3166-1 alpha-3 of a contributing country; absent for all countries. */
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .default(null),
  sex: z.enum(SEXES).default('all'),
  /** A duty station; absent for all locations. */
  location: z.string().trim().min(1).max(64).nullable().default(null),
  authorised: z.number().int().min(0).max(1_000_000).nullable().default(null),
  deployed: z.number().int().min(0).max(1_000_000).nullable().default(null),
  classification: classificationSchema.default('internal'),
  source: z.string().trim().max(300).nullable().default(null),
});
export type StrengthSnapshotInput = z.input<typeof strengthSnapshotInputSchema>;

export const strengthSnapshotSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  category: strengthCategorySchema,
  country: z.string().nullable(),
  sex: z.enum(SEXES),
  location: z.string().nullable(),
  authorised: z.number().int().nullable(),
  deployed: z.number().int().nullable(),
  unit: z.string(),
  classification: classificationSchema,
  source: z.string().nullable(),
  version: z.number().int(),
});
export type StrengthSnapshot = z.infer<typeof strengthSnapshotSchema>;

export const strengthQuerySchema = z.strictObject({
  category: strengthCategorySchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const strengthSummarySchema = z.object({
  rows: z.array(
    z.object({
      category: strengthCategorySchema,
      asOf: z.string(),
      authorised: z.number().int().nullable(),
      deployed: z.number().int().nullable(),
      /** deployed / authorised × 100, computed. */
      deployedShare: z.number().nullable(),
      women: z.number().int().nullable(),
      /** women / deployed × 100, computed. */
      womenShare: z.number().nullable(),
    }),
  ),
});

export const IMPORT_MODES = ['all', 'valid'] as const;
export const importQuerySchema = z.strictObject({
  /** `all`: import nothing if any row has an error; `valid`: import the valid rows. */
  mode: z.enum(IMPORT_MODES).default('all'),
  lang: localeSchema.optional(),
});

export const importReportSchema = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;
