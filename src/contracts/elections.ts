import { z } from 'zod';
import { classificationSchema } from './common.js';

/**
 * Electoral support: the electoral calendar, the national authorities' requests for support and
 * their delivery (material moved, flights or convoys, escorts and patrols), civic-education
 * sessions with participants by sex, and incidents of the log linked to an electoral event.
 */

/** The Electoral Affairs Division keeps them. */
export const ELECTION_UNITS = ['EAD'] as const;
export const electionUnitSchema = z.enum(ELECTION_UNITS);

export const EVENT_KINDS = ['registration', 'campaign', 'polling', 'results', 'other'] as const;
export const eventKindSchema = z.enum(EVENT_KINDS);
export const REQUEST_KINDS = ['logistics', 'security', 'both'] as const;
export const requestKindSchema = z.enum(REQUEST_KINDS);
/** requested → accepted or declined; accepted → delivered. */
export const REQUEST_STATUSES = ['requested', 'accepted', 'declined', 'delivered'] as const;
export const requestStatusSchema = z.enum(REQUEST_STATUSES);

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
const electionClassSchema = classificationSchema.exclude(['confidential']);
const count = z.number().int().min(0).max(100_000);
/** A mass in kilograms (tonnes × 1000): integers only. */
const kilograms = z.number().int().min(0).max(100_000_000);

export const eventInputSchema = z.strictObject({
  kind: eventKindSchema,
  title: text(300),
  startsOn: isoDate,
  endsOn: isoDate.nullable().default(null),
  region: z.string().trim().max(16).nullable().default(null),
  notes: optionalText(4000),
  classification: electionClassSchema.default('internal'),
});
export type EventInput = z.input<typeof eventInputSchema>;

export const eventSchema = z.object({
  id: z.uuid(),
  kind: eventKindSchema,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  region: z.string().nullable(),
  notes: z.string().nullable(),
  unit: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
});
export type ElectoralEvent = z.infer<typeof eventSchema>;

export const requestInputSchema = z.strictObject({
  requestedOn: isoDate,
  /** The national authority asking (e.g. the Ministry of Territorial Administration, AIGE). */
  authority: text(300),
  kind: requestKindSchema,
  description: text(4000),
  neededBy: isoDate.nullable().default(null),
  eventId: z.uuid().nullable().default(null),
  origin: optionalText(200),
  destinations: z.array(text(200)).max(60).default([]),
  requestedKg: kilograms.nullable().default(null),
  classification: electionClassSchema.default('internal'),
});
export type RequestInput = z.input<typeof requestInputSchema>;

export const decisionInputSchema = z.strictObject({
  decision: z.enum(['accepted', 'declined']),
  note: optionalText(2000),
  version: z.number().int().min(1),
});

export const deliveryInputSchema = z
  .strictObject({
    deliveredOn: isoDate,
    deliveredKg: kilograms.nullable().default(null),
    flights: count.nullable().default(null),
    convoys: count.nullable().default(null),
    escorts: count.nullable().default(null),
    patrols: count.nullable().default(null),
    securityPlan: optionalText(4000),
    note: optionalText(4000),
    version: z.number().int().min(1),
  })
  .refine((d) => d.deliveredKg !== null || d.escorts !== null || d.patrols !== null || d.securityPlan !== null, {
    message: 'election_delivery_empty',
    path: ['deliveredKg'],
  });

export const requestSchema = z.object({
  id: z.uuid(),
  requestedOn: z.string(),
  authority: z.string(),
  kind: requestKindSchema,
  description: z.string(),
  neededBy: z.string().nullable(),
  eventId: z.string().nullable(),
  origin: z.string().nullable(),
  destinations: z.array(z.string()),
  requestedKg: z.number().int().nullable(),
  status: requestStatusSchema,
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  delivery: z
    .object({
      deliveredOn: z.string(),
      deliveredKg: z.number().int().nullable(),
      flights: z.number().int().nullable(),
      convoys: z.number().int().nullable(),
      escorts: z.number().int().nullable(),
      patrols: z.number().int().nullable(),
      securityPlan: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  unit: z.string(),
  classification: classificationSchema,
  version: z.number().int(),
  /** `decide`: POST …/decision; `deliver`: POST …/delivery. */
  may: z.object({ decide: z.boolean(), deliver: z.boolean() }),
});
export type ElectoralRequest = z.infer<typeof requestSchema>;

export const civicInputSchema = z.strictObject({
  heldOn: isoDate,
  place: text(200),
  region: z.string().trim().max(16).nullable().default(null),
  topic: text(500),
  women: count,
  men: count,
  classification: electionClassSchema.default('internal'),
});
export type CivicInput = z.input<typeof civicInputSchema>;

export const civicSchema = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  place: z.string(),
  region: z.string().nullable(),
  topic: z.string(),
  women: z.number().int(),
  men: z.number().int(),
  unit: z.string(),
  classification: classificationSchema,
});

export const linkInputSchema = z.strictObject({ incidentRef: z.string().trim().min(1).max(40) });

export const linkedIncidentSchema = z.object({
  eventId: z.uuid(),
  ref: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  region: z.string().nullable(),
  status: z.string(),
});

export const electionsOverviewSchema = z.object({
  events: z.array(eventSchema),
  requests: z.array(requestSchema),
  civic: z.array(civicSchema),
  /** Only the incidents the reader may read. */
  incidents: z.array(linkedIncidentSchema),
  /** What the reader may create (officers and managers of Electoral Affairs). */
  may: z.object({ create: z.boolean() }),
});
export type ElectionsOverview = z.infer<typeof electionsOverviewSchema>;
