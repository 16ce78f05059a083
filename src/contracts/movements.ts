import { z } from 'zod';
import { unitCodeSchema } from './common.js';

/**
 * Ceasefire movement control: the signatory groups' movement notifications and weapons
 * declarations (notified, then approved or refused by the Force's ceasefire staff, with who and
 * when), and movements observed without notification (recorded by observers, linked to a
 * verification mission or an incident). Read by the Force and the JOC only; never public.
 */

export const MOVEMENT_KINDS = ['movement', 'declaration', 'observed'] as const;
export const movementKindSchema = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof movementKindSchema>;

export const MOVEMENT_STATUSES = ['notified', 'approved', 'refused', 'observed'] as const;
export const movementStatusSchema = z.enum(MOVEMENT_STATUSES);
export type MovementStatus = z.infer<typeof movementStatusSchema>;

export const WEAPON_KINDS = ['small_arms', 'machine_guns', 'heavy_weapons', 'mortars', 'rocket_launchers', 'ammunition', 'other'] as const;
export const weaponKindSchema = z.enum(WEAPON_KINDS);

const instant = z.iso.datetime({ offset: false, local: false });
const count = z.number().int().min(0).max(100_000);
const point = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A place of the shipped gazetteer (French name), or a point (longitude, latitude) inside Mali. */
export const whereSchema = z.strictObject({
  place: z.string().trim().min(1).max(120).nullable().default(null),
  point: point.nullable().default(null),
});
export type Where = z.output<typeof whereSchema>;

const incidentRef = z
  .string()
  .trim()
  .regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' });

export const movementInputSchema = z.strictObject({
  kind: movementKindSchema,
  /** The signatory group, by its code in the actor registry. */
  group: z.string().trim().min(1).max(60),
  /** The recording unit (the Force or the JOC). */
  unit: unitCodeSchema,
  personnel: count.default(0),
  vehicles: count.default(0),
  weapons: z
    .array(z.strictObject({ kind: weaponKindSchema, count: z.number().int().min(1).max(100_000) }))
    .max(20)
    .default([]),
  from: whereSchema,
  /** Where to; none for a weapons declaration (the weapons' place is `from`). */
  to: whereSchema.nullable().default(null),
  startsAt: instant,
  endsAt: instant.nullable().default(null),
  notes: z.string().trim().max(5000).default(''),
  /** An observed movement: the verification mission that saw it (id). */
  verification: z.uuid().nullable().default(null),
  /** An observed movement: the incident it is linked to (reference). */
  incident: incidentRef.nullable().default(null),
});
export type MovementInput = z.input<typeof movementInputSchema>;
export type MovementInputParsed = z.output<typeof movementInputSchema>;

export const movementDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'refuse']),
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).default(''),
});
export type MovementDecision = z.output<typeof movementDecisionSchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });
const placeOut = z.object({ place: z.string().nullable(), point: point.nullable() });

export const movementSchema = z.object({
  id: z.string(),
  kind: movementKindSchema,
  status: movementStatusSchema,
  group: z.string(),
  groupName: z.string(),
  unit: z.string(),
  personnel: z.number(),
  vehicles: z.number(),
  weapons: z.array(z.object({ kind: weaponKindSchema, count: z.number() })),
  from: placeOut,
  to: placeOut.nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  notes: z.string(),
  /** Linked verification (if the reader may read it) and incident (ditto). */
  verification: z.object({ id: z.string(), visitedOn: z.string() }).nullable(),
  incident: z.object({ ref: z.string(), title: z.string() }).nullable(),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string(),
  recordedBy: person,
  recordedAt: z.string(),
  version: z.number(),
  may: z.object({ decide: z.boolean() }),
});
export type Movement = z.infer<typeof movementSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').filter((v) => v !== ''))
    .pipe(z.array(item).max(20));

export const movementFilterSchema = z.strictObject({
  group: csv(z.string().trim().min(1).max(60)).optional(),
  status: csv(movementStatusSchema).optional(),
  kind: csv(movementKindSchema).optional(),
  /** Starting on or after this day. */
  from: z.iso.date().optional(),
  /** Starting on or before this day. */
  to: z.iso.date().optional(),
});
export type MovementFilter = z.output<typeof movementFilterSchema>;

/** The CSV export: the list's filter, the separator (`;` for French Excel) and the columns' language. */
export const movementExportQuerySchema = movementFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['fr', 'en']).optional(),
});

export const movementListSchema = z.object({ items: z.array(movementSchema), truncated: z.boolean() });

/** Counts by signatory group over a period (by the movement's start). */
export const movementCountsSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  groups: z.array(
    z.object({
      group: z.string(),
      name: z.string(),
      /** Notifications and declarations, whatever their decision. */
      notified: z.number(),
      approved: z.number(),
      refused: z.number(),
      /** Movements observed without notification. */
      observed: z.number(),
    }),
  ),
});
export type MovementCounts = z.infer<typeof movementCountsSchema>;

const term = z.object({ code: z.string(), name: z.string() });
export const movementVocabularySchema = z.object({
  kinds: z.array(term),
  statuses: z.array(term),
  weapons: z.array(term),
  groups: z.array(term),
  places: z.array(z.string()),
  /** The units the requester may record movements for. */
  units: z.array(z.string()),
});
export type MovementVocabulary = z.infer<typeof movementVocabularySchema>;
