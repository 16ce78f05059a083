import { z } from 'zod';
import { unitCodeSchema } from './common.js';

export const UNIT_KINDS = ['leadership', 'component', 'division', 'section', 'unit', 'office'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);

/** A unit as the fact book describes it (the shipped reference data). */
export const unitSchema = z.object({
  code: unitCodeSchema,
  parentCode: unitCodeSchema.nullable(),
  kind: unitKindSchema,
  nameFr: z.string(),
  nameEn: z.string(),
  abbreviationFr: z.string().nullable(),
  abbreviationEn: z.string().nullable(),
});
export type ReferenceUnit = z.infer<typeof unitSchema>;

/** A unit of the mission as it stands: the reference fields and what administrators change. */
export const missionUnitSchema = unitSchema.extend({
  /** Set when the unit was closed: its records stay readable, it takes no new records or members. */
  closedAt: z.string().nullable(),
  /** Loaded from the fact book: never deleted, its code never changes. */
  loaded: z.boolean(),
  /** Its records include confidential content: a new membership waits for a second person. */
  confidential: z.boolean(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof missionUnitSchema>;

export const unitListSchema = z.object({ units: z.array(missionUnitSchema) });

const unitName = z.string().trim().min(1).max(200);
const abbreviation = z.string().trim().min(1).max(32).nullable();

export const unitParamsSchema = z.strictObject({ code: unitCodeSchema });

/** A new unit: its code is chosen once and never changes. */
export const createUnitBodySchema = z.strictObject({
  code: unitCodeSchema,
  parentCode: unitCodeSchema,
  kind: unitKindSchema,
  nameFr: unitName,
  nameEn: unitName,
  abbreviationFr: abbreviation.default(null),
  abbreviationEn: abbreviation.default(null),
});
export type CreateUnitBody = z.input<typeof createUnitBodySchema>;

/** Rename or place a unit; the code is not among the fields. */
export const updateUnitBodySchema = z.strictObject({
  version: z.number().int().min(1),
  parentCode: unitCodeSchema.optional(),
  kind: unitKindSchema.optional(),
  nameFr: unitName.optional(),
  nameEn: unitName.optional(),
  abbreviationFr: abbreviation.optional(),
  abbreviationEn: abbreviation.optional(),
});
export type UpdateUnitBody = z.input<typeof updateUnitBodySchema>;

export const unitStateBodySchema = z.strictObject({ version: z.number().int().min(1) });
