import { z } from 'zod';

/**
 * Cantonment sites of the DDR registry, and the weapons and ammunition handed in with their chain
 * of custody. Sites and their counts are internal or public; a weapon is tied to a person and is
 * confidential like the person. Counts read outside the DDR section are published with small-cell
 * suppression (a suppressed count is `null`).
 */

export const SITE_SERVICE_CODES = ['water', 'sanitation', 'health', 'food', 'shelter', 'electricity', 'storage', 'training'] as const;
export const SITE_STATUS_CODES = ['planned', 'open', 'closed'] as const;
export const SITE_CLASSIFICATIONS = ['internal', 'public'] as const;
export const WEAPON_KIND_CODES = ['small_arm', 'light_weapon', 'ammunition', 'explosive', 'other'] as const;
/** Kinds counted in rounds or items: only these carry a quantity above one. */
export const COUNTED_KINDS: readonly string[] = ['ammunition', 'explosive'];
export const WEAPON_CONDITION_CODES = ['serviceable', 'repairable', 'unserviceable'] as const;
export const CUSTODY_MOVE_CODES = ['store', 'transfer', 'destroy'] as const;

export const WEAPON_CODE = /^ARM-[0-9A-Z]{5}$/;
export const weaponCodeSchema = z.string().regex(WEAPON_CODE, { message: 'weapon_code' });

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const siteInputSchema = z.strictObject({
  name: text(200).min(1),
  /** A place of the shipped gazetteer, by its French name; or coordinates inside Mali. */
  place: text(120).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  capacity: z.number().int().min(0).max(100_000),
  services: z.array(z.enum(SITE_SERVICE_CODES)).max(SITE_SERVICE_CODES.length).default([]),
  status: z.enum(SITE_STATUS_CODES).default('open'),
  classification: z.enum(SITE_CLASSIFICATIONS).default('internal'),
});
export type SiteInput = z.output<typeof siteInputSchema>;
export const siteUpdateSchema = siteInputSchema.extend({ version: z.number().int().min(1) });
export type SiteUpdate = z.output<typeof siteUpdateSchema>;

/** A count, or null where small-cell suppression hides it. */
const cell = z.number().nullable();

export const siteSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  regionName: z.string(),
  place: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  capacity: z.number(),
  services: z.array(z.string()),
  status: z.enum(SITE_STATUS_CODES),
  classification: z.enum(SITE_CLASSIFICATIONS),
  /** Persons at the site today (cantoned, not yet demobilised or gone; duplicates never counted). */
  occupancy: cell,
  /** Weapons and ammunition lots handed in at the site. */
  weapons: cell,
  version: z.number(),
});
export type SiteSummary = z.infer<typeof siteSummarySchema>;

export const siteListSchema = z.object({
  items: z.array(siteSummarySchema),
  /** How many sites are recorded (that the reader may see). */
  recorded: z.number(),
  /** The fact book's figure (8 sites in Gao, Tombouctou, Kidal and Ménaka), as published. */
  sourced: z
    .object({ label: z.string(), value: z.number().nullable(), period: z.string().nullable(), quote: z.string().nullable() })
    .nullable(),
  /** True when the counts are published with small-cell suppression (readers outside the DDR section). */
  suppressed: z.boolean(),
  minCell: z.number(),
  may: z.object({ create: z.boolean() }),
});
export type SiteList = z.infer<typeof siteListSchema>;

export const siteDetailSchema = siteSummarySchema.extend({
  /** Occupancy at the end of each month from the first cantonment to today. */
  byMonth: z.array(z.object({ month: z.string(), occupancy: cell })),
  /** Exact readers only: the occupancy from each day it changed. */
  changes: z.array(z.object({ on: z.string(), occupancy: z.number() })),
  weaponsByKind: z.array(z.object({ kind: z.string(), count: cell })),
  suppressed: z.boolean(),
  minCell: z.number(),
  may: z.object({ edit: z.boolean() }),
});
export type SiteDetail = z.infer<typeof siteDetailSchema>;

export const weaponInputSchema = z.strictObject({
  kind: z.enum(WEAPON_KIND_CODES),
  calibre: text(40).default(''),
  serial: text(80).default(''),
  markings: text(300).default(''),
  condition: z.enum(WEAPON_CONDITION_CODES),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  /** The site where it is handed in. */
  site: z.uuid(),
  on: isoDate,
  /** Who receives it (the first custodian) and where it is kept (the site by default). */
  receivedBy: text(120).min(1),
  location: text(120).default(''),
});
export type WeaponInput = z.output<typeof weaponInputSchema>;

export const custodyInputSchema = z.strictObject({
  version: z.number().int().min(1),
  move: z.enum(CUSTODY_MOVE_CODES),
  on: isoDate,
  fromCustodian: text(120).min(1),
  fromLocation: text(120).min(1),
  toCustodian: text(120).min(1),
  toLocation: text(120).min(1),
  note: text(500).default(''),
});
export type CustodyInput = z.output<typeof custodyInputSchema>;

export const weaponSummarySchema = z.object({
  code: z.string(),
  personCode: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  kind: z.enum(WEAPON_KIND_CODES),
  calibre: z.string(),
  serial: z.string(),
  condition: z.enum(WEAPON_CONDITION_CODES),
  quantity: z.number(),
  handedInOn: z.string(),
  status: z.enum(['in_custody', 'destroyed']),
  custodian: z.string(),
  location: z.string(),
  /** Another weapon carries the same serial number (compared normalised). */
  serialSeenTwice: z.boolean(),
  version: z.number(),
});
export type WeaponSummary = z.infer<typeof weaponSummarySchema>;
export const weaponListSchema = z.object({ items: z.array(weaponSummarySchema) });

export const weaponSchema = weaponSummarySchema.extend({
  markings: z.string(),
  /** The other weapons with the same serial number that the reader may read, by code. */
  sameSerial: z.array(z.string()),
  custody: z.array(
    z.object({
      seq: z.number(),
      move: z.string(),
      on: z.string(),
      fromCustodian: z.string(),
      fromLocation: z.string(),
      toCustodian: z.string(),
      toLocation: z.string(),
      note: z.string(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  may: z.object({ move: z.boolean() }),
});
export type Weapon = z.infer<typeof weaponSchema>;

export const weaponCountsQuerySchema = z.strictObject({ period: z.enum(['quarter', 'year']).default('quarter') });
const countRow = z.object({ code: z.string(), label: z.string(), count: cell });
export const weaponCountsSchema = z.object({
  period: z.enum(['quarter', 'year']),
  total: cell,
  bySite: z.array(countRow),
  byKind: z.array(countRow),
  byPeriod: z.array(countRow),
  /** Sites (rows) by kind (columns, in the order of byKind). */
  siteByKind: z.array(z.object({ code: z.string(), label: z.string(), counts: z.array(cell) })),
  suppressed: z.boolean(),
  minCell: z.number(),
});
export type WeaponCounts = z.infer<typeof weaponCountsSchema>;

export const siteVocabularySchema = z.object({
  services: z.array(z.object({ code: z.string(), name: z.string() })),
  siteStatuses: z.array(z.object({ code: z.string(), name: z.string() })),
  weaponKinds: z.array(z.object({ code: z.string(), name: z.string() })),
  conditions: z.array(z.object({ code: z.string(), name: z.string() })),
  moves: z.array(z.object({ code: z.string(), name: z.string() })),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  places: z.array(z.string()),
});
export type SiteVocabulary = z.infer<typeof siteVocabularySchema>;

export const csvQuerySchema = z.strictObject({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  period: z.enum(['quarter', 'year']).default('quarter'),
});
