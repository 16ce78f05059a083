import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTACT_KINDS, FIGURE_QUALIFIERS, PARTNER_KINDS, textKindSchema } from '../../contracts/organisation.js';
import { projectRoot } from '../../platform/paths.js';

/** The shape of factbook.json (see README.md beside it); checked whenever it is loaded. */
export const factbookSchema = z.strictObject({
  source: z.object({ title: z.string(), year: z.number() }),
  sections: z.array(
    z.strictObject({
      unit: z.string(),
      title: z.string(),
      page: z.number().int().nullable(),
      places: z.array(z.string()),
      texts: z.array(
        z.strictObject({
          kind: textKindSchema,
          heading: z.string().nullable(),
          /** A level below the heading, e.g. "a) Réforme du Secteur de la Sécurité (RSS)". */
          subheading: z.string().nullable().optional(),
          bullet: z.boolean(),
          text: z.string().min(1),
        }),
      ),
    }),
  ),
  partners: z.array(
    z.strictObject({
      name: z.string(),
      abbreviation: z.string().nullable(),
      kind: z.enum(PARTNER_KINDS),
      units: z.array(z.string()),
      /** ISO 3166-1 alpha-3, for states. */
      country: z.string().length(3).optional(),
    }),
  ),
  contacts: z.array(
    z.strictObject({
      unit: z.string(),
      kind: z.enum(CONTACT_KINDS),
      label: z.string(),
      value: z.string(),
      place: z.string().nullable(),
      /** When one number serves several places. */
      places: z.array(z.string()).optional(),
      page: z.number().int().nullable().optional(),
      quote: z.string().nullable().optional(),
      /** True where the fact book says the line is free to call ("Ligne verte gratuite"). */
      free: z.boolean().optional(),
    }),
  ),
  resolutions: z.array(
    z.strictObject({
      number: z.number().int(),
      year: z.number().int(),
      /** False when the fact book cites the number without its year. */
      yearInSource: z.boolean().optional(),
      units: z.array(z.string()).optional(),
    }),
  ),
  figures: z.array(
    z.strictObject({
      key: z.string(),
      unit: z.string(),
      label: z.strictObject({ fr: z.string(), en: z.string() }),
      value: z.number(),
      qualifier: z.enum(FIGURE_QUALIFIERS).optional(),
      measure: z.string(),
      period: z.string().nullable(),
      scope: z.record(
        z.string(),
        z.union([z.string(), z.number(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(', ') : String(v))),
      ),
      page: z.number().int().nullable(),
      quote: z.string().nullable(),
    }),
  ),
  policeContributors: z.array(z.string().length(3)),
  troopContributorsCount: z.number().int(),
});
export type Factbook = z.infer<typeof factbookSchema>;

export const FACTBOOK_PATH = join(projectRoot(), 'src', 'data', 'minusma-2020', 'factbook.json');

export function readFactbook(path = FACTBOOK_PATH): Factbook {
  return factbookSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
