import { z } from 'zod';
import { unitCodeSchema } from './common.js';

export const UNIT_KINDS = ['leadership', 'component', 'division', 'section', 'unit', 'office'] as const;

export const unitSchema = z.object({
  code: unitCodeSchema,
  parentCode: unitCodeSchema.nullable(),
  kind: z.enum(UNIT_KINDS),
  nameFr: z.string(),
  nameEn: z.string(),
  abbreviationFr: z.string().nullable(),
  abbreviationEn: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListSchema = z.object({ units: z.array(unitSchema) });
