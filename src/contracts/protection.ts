import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * Protection and accountability records (HURIDOCS events standard formats, MRM): a case holds
 * persons (shown as pseudonyms; identities sealed), acts (victim, perpetrator or party,
 * violation, date, place, verification), consents per person and purpose, services (referrals,
 * victim assistance), shares with named partners, and its workflow steps. Hotline calls wait in
 * a unit's intake queue until they become a case or are dismissed.
 */

export const PROGRAMMES = ['human_rights', 'mrm', 'crsv', 'misconduct', 'explosive_ordnance'] as const;
export const programmeSchema = z.enum(PROGRAMMES);
export type Programme = z.infer<typeof programmeSchema>;

export const CASE_STATUSES = [
  'documented',
  'verified',
  'reported',
  'received',
  'assessed',
  'referred',
  'investigated',
  'action_taken',
  'recorded',
  'assisted',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a move needs besides the version: a standard of proof, a referral, an outcome, an action, a comment. */
export type MoveRequirement = 'standardOfProof' | 'referral' | 'outcome' | 'actionTaken' | 'comment';

interface Move {
  from: readonly CaseStatus[];
  to: CaseStatus;
  requires: readonly MoveRequirement[];
}

const DOCUMENTED_WORKFLOW = {
  initial: 'documented',
  moves: {
    verify: { from: ['documented'], to: 'verified', requires: ['standardOfProof'] },
    report: { from: ['verified'], to: 'reported', requires: [] },
    close: { from: ['documented', 'verified', 'reported'], to: 'closed', requires: ['comment'] },
    reopen: { from: ['closed'], to: 'documented', requires: ['comment'] },
  },
} as const;

/**
 * Each programme's workflow. DDHP, MRM and CRSV: documentation → verification (standard of proof)
 * → reporting. CDT: received → assessed → referred (OIOS, SIU or the contributing country) →
 * investigated (outcome) → action taken. UNMAS: survivor recorded → assisted.
 */
export const WORKFLOWS: Record<Programme, { initial: CaseStatus; moves: Record<string, Move> }> = {
  human_rights: DOCUMENTED_WORKFLOW,
  mrm: DOCUMENTED_WORKFLOW,
  crsv: DOCUMENTED_WORKFLOW,
  misconduct: {
    initial: 'received',
    moves: {
      assess: { from: ['received'], to: 'assessed', requires: [] },
      refer: { from: ['assessed'], to: 'referred', requires: ['referral'] },
      record_outcome: { from: ['referred'], to: 'investigated', requires: ['outcome'] },
      record_action: { from: ['investigated'], to: 'action_taken', requires: ['actionTaken'] },
      close: { from: ['received', 'assessed', 'investigated', 'action_taken'], to: 'closed', requires: ['comment'] },
      reopen: { from: ['closed'], to: 'received', requires: ['comment'] },
    },
  },
  explosive_ordnance: {
    initial: 'recorded',
    moves: {
      assist: { from: ['recorded'], to: 'assisted', requires: [] },
      close: { from: ['recorded', 'assisted'], to: 'closed', requires: ['comment'] },
      reopen: { from: ['closed'], to: 'recorded', requires: ['comment'] },
    },
  },
};
export const MOVE_NAMES = ['verify', 'report', 'close', 'reopen', 'assess', 'refer', 'record_outcome', 'record_action', 'assist'] as const;

const isoDate = z.iso.date();
const code = z.string().min(1).max(60);
export const CASE_REF = /^PRO-\d{4}-\d{6}$/;
export const CALL_REF = /^APP-\d{4}-\d{6}$/;
export const PSEUDONYM = /^[VPWSI]-[0-9A-Z]{4}$/;
export const caseRefSchema = z.string().regex(CASE_REF, { message: 'case_ref' });
export const callRefSchema = z.string().regex(CALL_REF, { message: 'call_ref' });
export const pseudonymSchema = z.string().regex(PSEUDONYM, { message: 'pseudonym' });
const text = (max: number) => z.string().trim().max(max);

export const caseInputSchema = z.strictObject({
  occurredOn: isoDate,
  datePrecision: z.enum(['day', 'week', 'month']).default('day'),
  /** Region ISO code (ML-9) and optional geoBoundaries cercle id: coarse places stay in clear for statistics. */
  region: z.string().max(16),
  cercle: z.string().max(40).nullable().default(null),
  /** The exact place: sealed. */
  place: text(200).default(''),
  /** What happened, in the team's words: sealed. */
  summary: text(20_000).min(1),
  /** How a misconduct allegation was received. */
  channel: code.nullable().default(null),
  /** The office or mobile team that documented it (vocabulary `offices`). */
  office: code.nullable().default(null),
  incidentRefs: z
    .array(z.string().regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }))
    .max(20)
    .default([]),
});
export type CaseInput = z.output<typeof caseInputSchema>;
export const caseCreateSchema = caseInputSchema.extend({ programme: programmeSchema });
export const caseUpdateSchema = z.strictObject({ version: z.number().int().min(1), case: caseInputSchema });

export const identityInputSchema = z.strictObject({
  name: text(200).default(''),
  contact: text(200).default(''),
  birthDate: z.union([isoDate, z.literal('')]).default(''),
  address: text(300).default(''),
  description: text(2000).default(''),
});
export type IdentityInput = z.output<typeof identityInputSchema>;

export const personInputSchema = z.strictObject({
  role: z.enum(['victim', 'perpetrator', 'witness', 'source', 'intervening']),
  kind: z.enum(['individual', 'group']).default('individual'),
  groupSize: z.number().int().min(2).max(100_000).nullable().default(null),
  sex: z.enum(['female', 'male', 'unknown']).default('unknown'),
  age: z.number().int().min(0).max(120).nullable().default(null),
  /** When the exact age is unknown. */
  ageGroup: code.nullable().default(null),
  /** A party (actor registry code) or, for misconduct, a personnel category. */
  affiliation: code.nullable().default(null),
  identity: identityInputSchema.default({ name: '', contact: '', birthDate: '', address: '', description: '' }),
});
export type PersonInput = z.output<typeof personInputSchema>;

export const actInputSchema = z.strictObject({
  victim: pseudonymSchema,
  perpetrator: pseudonymSchema.nullable().default(null),
  /** The party responsible (actor registry code, a personnel category, or `unknown`). */
  party: code,
  violation: code,
  occurredOn: isoDate,
  region: z.string().max(16),
});
export const verificationInputSchema = z.strictObject({
  verification: z.enum(['pending', 'verified', 'not_verified']),
  verifiedOn: isoDate.nullable().default(null),
  standardOfProof: code.nullable().default(null),
});

export const consentInputSchema = z.strictObject({
  purpose: z.enum(['referral', 'reporting', 'sharing']),
  /** The named partner, required when sharing. */
  partner: text(200).default(''),
  givenBy: z.enum(['person', 'guardian']),
  obtainedOn: isoDate,
});
export const withdrawInputSchema = z.strictObject({ withdrawnOn: isoDate });

export const serviceInputSchema = z.strictObject({
  person: pseudonymSchema,
  kind: code,
  provider: text(200).min(1),
  referredOn: isoDate,
});
export const serviceUpdateSchema = z.strictObject({ status: z.enum(['referred', 'in_progress', 'completed', 'declined']), on: isoDate });

export const shareInputSchema = z.strictObject({ partner: text(200).min(1), persons: z.array(pseudonymSchema).min(1).max(50) });
export const teamInputSchema = z.strictObject({ members: z.array(idSchema).min(1).max(50) });
export const revealInputSchema = z.strictObject({ reason: text(500).min(10) });

/**
 * What the requester may do with one case, decided on the server with `can()` and the protection
 * rules: each flag is true exactly when the matching write would be accepted (given valid input).
 * `edit`: PUT the case and add or change its parts (persons, acts and their verification,
 * consents, services, shares); `attach`: POST its attachments; `reveal`: open a sealed identity
 * (with a reason); `assignTeam`: PUT its team; `moves`: each move of the programme's workflow,
 * POST …/transition with that action, true when it may be made from the current status.
 */
export const caseMaySchema = z.object({
  edit: z.boolean(),
  attach: z.boolean(),
  reveal: z.boolean(),
  assignTeam: z.boolean(),
  moves: z.record(z.string(), z.boolean()),
});
export type CaseMay = z.infer<typeof caseMaySchema>;

export const caseTransitionSchema = z.strictObject({
  action: z.enum(MOVE_NAMES),
  version: z.number().int().min(1),
  comment: text(2000).default(''),
  standardOfProof: code.nullable().default(null),
  referredTo: code.nullable().default(null),
  referredOn: isoDate.nullable().default(null),
  outcome: code.nullable().default(null),
  actionTaken: code.nullable().default(null),
});
export type CaseTransition = z.output<typeof caseTransitionSchema>;

export const caseListQuerySchema = z.strictObject({
  programme: programmeSchema.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  office: code.optional(),
  /** A case reference or a pseudonym, exactly. */
  q: z.string().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

// ---------------------------------------------------------------------------------------------
// Outputs

const userRef = z.object({ id: z.string(), name: z.string() });

export const personSchema = z.object({
  pseudonym: z.string(),
  role: z.string(),
  kind: z.string(),
  groupSize: z.number().nullable(),
  sex: z.string(),
  age: z.number().nullable(),
  ageGroup: z.string().nullable(),
  child: z.boolean(),
  affiliation: z.string().nullable(),
  hasIdentity: z.boolean(),
  /** Other cases the reader may open that hold the same person (blind index of the name). */
  duplicates: z.array(z.string()),
});
export const identitySchema = z.object({
  pseudonym: z.string(),
  name: z.string(),
  contact: z.string(),
  birthDate: z.string(),
  address: z.string(),
  description: z.string(),
});

export const actSchema = z.object({
  id: z.string(),
  victim: z.string(),
  perpetrator: z.string().nullable(),
  party: z.string(),
  violation: z.string(),
  occurredOn: z.string(),
  region: z.string(),
  verification: z.string(),
  verifiedOn: z.string().nullable(),
  standardOfProof: z.string().nullable(),
  /** Verified after the end of the reporting period (quarter) in which it occurred. */
  late: z.boolean(),
});

export const consentSchema = z.object({
  id: z.string(),
  person: z.string(),
  purpose: z.string(),
  partner: z.string().nullable(),
  givenBy: z.string(),
  obtainedBy: userRef,
  obtainedOn: z.string(),
  withdrawnOn: z.string().nullable(),
  active: z.boolean(),
});

export const serviceSchema = z.object({
  id: z.string(),
  person: z.string(),
  kind: z.string(),
  provider: z.string(),
  status: z.string(),
  referredOn: z.string(),
  updatedOn: z.string(),
});

export const shareSchema = z.object({ id: z.string(), partner: z.string(), persons: z.array(z.string()), sharedAt: z.string() });

export const caseStepSchema = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actor: z.string(),
  at: z.string(),
  comment: z.string(),
});

export const caseSchema = z.object({
  ref: z.string(),
  programme: programmeSchema,
  unit: z.string(),
  status: z.string(),
  occurredOn: z.string(),
  datePrecision: z.string(),
  region: z.string(),
  cercle: z.string().nullable(),
  place: z.string(),
  summary: z.string(),
  channel: z.string().nullable(),
  office: z.string().nullable(),
  incidentRefs: z.array(z.string()),
  standardOfProof: z.string().nullable(),
  referredTo: z.string().nullable(),
  referredOn: z.string().nullable(),
  outcome: z.string().nullable(),
  actionTaken: z.string().nullable(),
  callRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  team: z.array(userRef),
  persons: z.array(personSchema),
  acts: z.array(actSchema),
  consents: z.array(consentSchema),
  services: z.array(serviceSchema),
  shares: z.array(shareSchema),
  /** Files (photos, PDFs), name and content sealed at rest. */
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), createdAt: z.string() })),
  steps: z.array(caseStepSchema),
  may: caseMaySchema,
});
export type ProtectionCase = z.infer<typeof caseSchema>;

export const caseSummarySchema = z.object({
  ref: z.string(),
  programme: programmeSchema,
  unit: z.string(),
  status: z.string(),
  occurredOn: z.string(),
  region: z.string(),
  office: z.string().nullable(),
  persons: z.number(),
  acts: z.number(),
  updatedAt: z.string(),
});
export const casePageSchema = z.object({ items: z.array(caseSummarySchema), total: z.number() });

export const duplicateCheckSchema = z.object({ duplicates: z.array(z.string()) });

// ---------------------------------------------------------------------------------------------
// Hotline calls

export const callInputSchema = z.strictObject({
  line: code,
  receivedAt: z.iso.datetime({ offset: true }),
  language: code,
  concern: code,
  region: z.string().max(16).nullable().default(null),
  cercle: z.string().max(40).nullable().default(null),
  /** What the caller alleges: sealed. */
  summary: text(10_000).min(1),
  /** How to reach the caller back: sealed; only when they agree to be contacted. */
  callerContact: text(200).default(''),
  mayContact: z.boolean(),
});
export type CallInput = z.output<typeof callInputSchema>;

export const callListQuerySchema = z.strictObject({
  /** `mine`: the calls I took; `queue`: the intake queue of a unit I work in. */
  scope: z.enum(['mine', 'queue']).default('mine'),
  unit: z.string().max(16).optional(),
  status: z.enum(['queued', 'accepted', 'dismissed']).optional(),
});

export const callSchema = z.object({
  ref: z.string(),
  line: z.string(),
  receivedAt: z.string(),
  language: z.string(),
  concern: z.string(),
  region: z.string().nullable(),
  cercle: z.string().nullable(),
  summary: z.string(),
  callerContact: z.string(),
  mayContact: z.boolean(),
  routedTo: z.string(),
  status: z.string(),
  operator: userRef,
  /** The case the call became, for readers of that case only. */
  caseRef: z.string().nullable(),
  /** The call became a case the reader may not open: its summary and contact are withheld. */
  contentWithCase: z.boolean(),
  version: z.number(),
  /** What the reader may do with the call: POST …/accept, …/dismiss, …/forward. */
  may: z.object({ accept: z.boolean(), dismiss: z.boolean(), forward: z.boolean() }),
});
export type HotlineCall = z.infer<typeof callSchema>;
export const callSummarySchema = callSchema.omit({ summary: true, callerContact: true, contentWithCase: true, may: true });
export const callPageSchema = z.object({ items: z.array(callSummarySchema) });
export const callActionSchema = z.strictObject({ version: z.number().int().min(1) });
export const callForwardSchema = z.strictObject({ version: z.number().int().min(1), concern: code });

// ---------------------------------------------------------------------------------------------
// De-identified statistics

export const STAT_DIMENSIONS = [
  'quarter',
  'region',
  'violation',
  'party',
  'sex',
  'age_group',
  'timeliness',
  'channel',
  'personnel',
] as const;
export const statDimensionSchema = z.enum(STAT_DIMENSIONS);
export type StatDimension = z.infer<typeof statDimensionSchema>;

/** The breakdowns each programme's statistics offer: every one- and two-way table of these. */
export const PROGRAMME_STAT_DIMENSIONS: Readonly<Record<Programme, readonly StatDimension[]>> = {
  human_rights: ['quarter', 'region', 'violation', 'party', 'sex', 'age_group'],
  mrm: ['quarter', 'region', 'violation', 'party', 'sex', 'age_group', 'timeliness'],
  crsv: ['quarter', 'region', 'violation', 'party', 'sex', 'age_group'],
  misconduct: ['quarter', 'region', 'violation', 'channel', 'personnel'],
  explosive_ordnance: ['quarter', 'region', 'violation', 'sex', 'age_group'],
};

/** Misconduct only: count allegations, or individuals involved. */
const countSchema = z.enum(['allegations', 'individuals']);

export const statsQuerySchema = z.strictObject({
  programme: programmeSchema,
  year: z.coerce.number().int().min(2000).max(2100),
  rows: statDimensionSchema,
  columns: statDimensionSchema.optional(),
  /** Misconduct only: count allegations, or individuals involved. */
  count: countSchema.default('allegations'),
  lang: z.enum(['fr', 'en']).optional(),
});

/**
 * Released statistics drop the quarter: a release covers one quarter, so its quarter breakdown
 * would have a single value.
 */
export function releaseStatDimensions(programme: Programme): readonly StatDimension[] {
  return PROGRAMME_STAT_DIMENSIONS[programme].filter((dimension) => dimension !== 'quarter');
}

/** A table of a release: the breakdowns only, the release says which programme, quarter and count. */
export const releaseTableQuerySchema = z.strictObject({
  rows: statDimensionSchema,
  columns: statDimensionSchema.optional(),
  lang: z.enum(['fr', 'en']).optional(),
});
export const releaseParamsSchema = z.strictObject({ id: z.uuid() });

/** Releases a closed quarter of one programme (misconduct: one unit of count per release). */
export const releaseInputSchema = z.strictObject({
  programme: programmeSchema,
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
  count: countSchema.default('allegations'),
});
export type ReleaseInput = z.infer<typeof releaseInputSchema>;

export const releaseListQuerySchema = z.strictObject({
  programme: programmeSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const releaseSchema = z.object({
  id: z.string(),
  programme: programmeSchema,
  year: z.number(),
  quarter: z.number(),
  unitOfCount: z.string(),
  minCell: z.number(),
  releasedAt: z.string(),
});
export type StatsRelease = z.infer<typeof releaseSchema>;
export const releaseListSchema = z.object({ items: z.array(releaseSchema) });

export const statsLatestQuerySchema = z.strictObject({ programme: programmeSchema });
/**
 * The latest year with data the caller may see of a programme: the latest released quarter's, or,
 * for the unit's managers, the latest year with counted records; null when there is none.
 */
export const statsLatestSchema = z.object({ year: z.number().int().nullable() });

const axis = z.object({ dimension: z.string(), values: z.array(z.object({ code: z.string(), label: z.string() })) });
const cell = z.number().nullable();
export const statsTableSchema = z.object({
  programme: programmeSchema,
  year: z.number(),
  /** The released quarter, or null for live counts of the whole year. */
  quarter: z.number().nullable(),
  /** The release the table is cut from; null for live counts (the unit's managers only, not for publication). */
  release: releaseSchema.nullable(),
  unitOfCount: z.string(),
  minCell: z.number(),
  rows: axis,
  columns: axis.nullable(),
  cells: z.array(z.array(cell)),
  rowTotals: z.array(cell),
  columnTotals: z.array(cell),
  total: cell,
  suppressed: z.number(),
});
export type StatsTable = z.infer<typeof statsTableSchema>;

export const teamCandidatesSchema = z.object({ candidates: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) });

// ---------------------------------------------------------------------------------------------
// Vocabulary

const term = z.object({ code: z.string(), label: z.string() });
/** Every list of the module, labelled in the reader's language. */
export const vocabularySchema = z.object({
  humanRightsViolations: z.array(term),
  graveViolations: z.array(term),
  crsvForms: z.array(term),
  crsvVictimCategories: z.array(term),
  misconductCategories: z.array(term),
  intakeChannels: z.array(term),
  misconductReferrals: z.array(term),
  explosiveOrdnanceAccidents: z.array(term),
  ageGroups: z.array(term.extend({ from: z.number(), to: z.number().nullable() })),
  standardsOfProof: z.array(term),
  programmes: z.array(term.extend({ code: programmeSchema, unit: z.string() })),
  personRoles: z.array(term),
  sexes: z.array(term),
  serviceKinds: z.array(term),
  serviceStatuses: z.array(term),
  consentPurposes: z.array(term),
  consentGivers: z.array(term),
  personnelCategories: z.array(term),
  investigationOutcomes: z.array(term),
  actionsTaken: z.array(term),
  hotlineLines: z.array(term.extend({ number: z.string(), unit: z.string() })),
  callLanguages: z.array(term),
  callConcerns: z.array(term.extend({ programme: z.string() })),
  statDimensions: z.array(term),
  timeliness: z.array(term),
  offices: z.array(term),
});

export type ProtectionVocabulary = z.infer<typeof vocabularySchema>;
