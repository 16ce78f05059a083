import { z } from 'zod';
import { classificationSchema, unitCodeSchema } from './common.js';

export const TEXT_KINDS = ['mandate', 'task', 'result', 'partners', 'contacts', 'figures', 'context'] as const;
export const textKindSchema = z.enum(TEXT_KINDS);

export const sectionTextSchema = z.object({
  id: z.uuid(),
  unit: unitCodeSchema,
  kind: textKindSchema,
  heading: z.string().nullable(),
  subheading: z.string().nullable(),
  bullet: z.boolean(),
  body: z.string(),
  classification: classificationSchema,
  resolutions: z.array(z.number().int()),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SectionText = z.infer<typeof sectionTextSchema>;

export const PARTNER_KINDS = [
  'government',
  'signatory_movement',
  'international_mediation',
  'un_entity',
  'donor',
  'regional_organisation',
  'civil_society',
  'ngo',
  'other',
] as const;

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  abbreviation: z.string().nullable(),
  kind: z.enum(PARTNER_KINDS),
  country: z.string().nullable(),
  units: z.array(unitCodeSchema),
});
export type Partner = z.infer<typeof partnerSchema>;

export const CONTACT_KINDS = ['phone', 'hotline', 'email', 'office', 'radio', 'web'] as const;
export const contactSchema = z.object({
  id: z.string(),
  unit: unitCodeSchema,
  kind: z.enum(CONTACT_KINDS),
  label: z.string(),
  value: z.string(),
  place: z.string().nullable(),
  /** True only where the fact book says the line is free to call. */
  free: z.boolean(),
  classification: classificationSchema,
  version: z.number().int(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactParamsSchema = z.strictObject({ unit: unitCodeSchema, id: z.uuid() });
export const updateContactBodySchema = z.strictObject({
  version: z.number().int().min(1),
  kind: z.enum(CONTACT_KINDS).optional(),
  label: z.string().trim().min(1).max(200).optional(),
  value: z.string().trim().min(1).max(300).optional(),
  place: z.string().trim().min(1).max(64).nullable().optional(),
});
export type UpdateContactBody = z.infer<typeof updateContactBodySchema>;

/** How a figure relates to its value, as the fact book words it: "plus de 16 774", "près de 217", "environ 250"… */
export const FIGURE_QUALIFIERS = ['more_than', 'nearly', 'approximately', 'at_least', 'maximum'] as const;

export const figureWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
});

export const figureSchema = z.object({
  key: z.string(),
  unit: unitCodeSchema,
  label: z.string(),
  value: z.number(),
  qualifier: z.enum(FIGURE_QUALIFIERS).nullable(),
  measure: z.string(),
  period: z.string().nullable(),
  scope: z.record(z.string(), z.string()),
  page: z.number().int().nullable(),
  quote: z.string().nullable(),
  /** Computed from other figures, never stored. */
  derived: z.object({ formula: z.string() }).nullable(),
  /** For a computed figure the fact book also prints ("soit 93,02 %"): the value it prints. */
  statedValue: z.number().nullable(),
  warnings: z.array(figureWarningSchema),
  /**
   * Bound to records in Mandat (the results framework): the value shown is computed by the rule in
   * words, the fact book's value stays as the sourced history. Null for a sourced figure.
   */
  binding: z
    .object({
      rule: z.string(),
      indicatorId: z.string().nullable(),
      sourcedValue: z.number(),
      sourcedPeriod: z.string().nullable(),
      asOf: z.string().nullable(),
    })
    .nullable()
    .default(null),
  /** Null for computed figures, which cannot be edited. */
  version: z.number().int().nullable(),
});

export const figureKeySchema = z.string().regex(/^[a-z0-9_.-]{1,96}$/);
export const figureParamsSchema = z.strictObject({ key: figureKeySchema });
export const updateFigureBodySchema = z.strictObject({
  version: z.number().int().min(1),
  value: z.number().finite().min(0).max(1e12).optional(),
  period: z.string().trim().min(4).max(16).nullable().optional(),
  labelFr: z.string().trim().min(1).max(300).optional(),
  labelEn: z.string().trim().min(1).max(300).optional(),
});
export type UpdateFigureBody = z.infer<typeof updateFigureBodySchema>;
export type Figure = z.infer<typeof figureSchema>;

export const placeSchema = z.object({
  name: z.string(),
  region: z.string(),
  cercle: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

export const sectionSchema = z.object({
  unit: unitCodeSchema,
  title: z.string(),
  page: z.number().int().nullable(),
  places: z.array(z.string()),
  /** The places linked to the shipped gazetteer (region, cercle, coordinates). */
  locations: z.array(placeSchema),
  texts: z.array(sectionTextSchema),
  partners: z.array(partnerSchema),
  contacts: z.array(contactSchema),
  figures: z.array(figureSchema),
});
export type Section = z.infer<typeof sectionSchema>;

export const sectionParamsSchema = z.strictObject({ unit: unitCodeSchema });
export const textParamsSchema = z.strictObject({ unit: unitCodeSchema, id: z.uuid() });

export const updateTextBodySchema = z.strictObject({
  version: z.number().int().min(1),
  body: z.string().trim().min(1).max(10_000).optional(),
  heading: z.string().trim().max(300).nullable().optional(),
  kind: textKindSchema.optional(),
});
export type UpdateTextBody = z.infer<typeof updateTextBodySchema>;

export const changesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

/** A stretch of a word-level difference: words kept, removed or added (src/platform/word-diff.ts). */
export const wordDiffPartSchema = z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() });
/** The word-level difference of each changed field that holds text. */
export const wordDiffsSchema = z.record(z.string(), z.array(wordDiffPartSchema));

export const historyEntrySchema = z.object({
  version: z.number().int(),
  at: z.string(),
  actorLabel: z.string(),
  changes: changesSchema,
  /** Texts and contacts: the changed text fields word by word. */
  words: wordDiffsSchema.optional(),
  /** A published proposal: who proposed it and when (`actorLabel` published it, at `at`). */
  proposedBy: z.string().optional(),
  proposedAt: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export const historySchema = z.object({ entries: z.array(historyEntrySchema) });

/**
 * A proposed change to a public text or contact of a section. The public record changes only
 * when a manager of the section, or an administrator, other than its author publishes it.
 */
export const PROPOSAL_STATUSES = ['pending', 'published', 'rejected', 'withdrawn', 'stale'] as const;
export const proposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export const PROPOSAL_TARGETS = ['text', 'contact'] as const;
export const proposalMaySchema = z.object({ publish: z.boolean(), reject: z.boolean(), withdraw: z.boolean() });
export type ProposalMay = z.infer<typeof proposalMaySchema>;
export const proposalSchema = z.object({
  id: z.uuid(),
  unit: unitCodeSchema,
  target: z.enum(PROPOSAL_TARGETS),
  targetId: z.string(),
  /** The version of the text or contact it was made against. */
  baseVersion: z.number().int(),
  status: proposalStatusSchema,
  changes: changesSchema,
  words: wordDiffsSchema,
  proposedBy: z.string(),
  proposedAt: z.string(),
  /** Who published, rejected or withdrew it; null while pending, and for a proposal overtaken by another. */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  may: proposalMaySchema,
});
export type Proposal = z.infer<typeof proposalSchema>;

export const sectionProposalsSchema = z.object({
  proposals: z.array(proposalSchema),
  /** Whether the requester may propose changes to the section's public content, and publish or reject others'. */
  may: z.object({ propose: z.boolean(), review: z.boolean() }),
});
export const sectionProposalsQuerySchema = z.strictObject({ status: proposalStatusSchema.default('pending') });
export const pendingProposalsSchema = z.object({
  proposals: z.array(proposalSchema),
  /** How many of them the requester may publish or reject. */
  awaitingReview: z.number().int(),
});
export const proposalParamsSchema = z.strictObject({ unit: unitCodeSchema, id: z.uuid() });
export const decideProposalBodySchema = z.strictObject({});
export const rejectProposalBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
export type RejectProposalBody = z.infer<typeof rejectProposalBodySchema>;

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(2).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const SEARCH_HIT_TYPES = ['text', 'partner', 'contact'] as const;
export const searchHitSchema = z.object({
  type: z.enum(SEARCH_HIT_TYPES),
  id: z.string(),
  unit: unitCodeSchema.nullable(),
  title: z.string(),
  excerpt: z.string(),
});
export const searchResultSchema = z.object({ hits: z.array(searchHitSchema) });
