import { z } from 'zod';
import { unitCodeSchema } from './common.js';

/**
 * Projects and funds: quick-impact projects (QIPs), the Trust Fund, the Peacebuilding Fund,
 * community violence reduction (CVR), mine action and others. Money is exact: integer minor
 * units of the project's currency, with a dated rate to USD written as a decimal string.
 */

export const FUNDS = ['qip', 'trust_fund', 'pbf', 'cvr', 'mine_action', 'other'] as const;
export const fundSchema = z.enum(FUNDS);
export type Fund = z.infer<typeof fundSchema>;

export const PROJECT_STATUSES = ['proposed', 'reviewed', 'approved', 'ongoing', 'finalised', 'closed', 'cancelled'] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

/** Projects are internal by default; restricted keeps budget lines to the owning unit. */
export const PROJECT_CLASSIFICATIONS = ['public', 'internal', 'restricted'] as const;

/** ISO 4217 currencies, with their minor units (the franc CFA BCEAO has none). */
export const CURRENCIES = { USD: 2, EUR: 2, XOF: 0 } as const;
export type Currency = keyof typeof CURRENCIES;
export const currencySchema = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

/** Partner roles, as in IATI's organisation-role codelist (funding, accountable, implementing). */
export const PARTNER_ROLES = ['funding', 'accountable', 'implementing'] as const;

export const TRANSACTION_KINDS = ['commitment', 'disbursement'] as const;

/**
 * The lifecycle. `by`: who may make the move among the unit's writers; approval and closing are
 * a manager's, and approval is never the proposer's (four eyes).
 */
export const PROJECT_TRANSITIONS = {
  review: { from: ['proposed'], to: 'reviewed', by: 'writer' },
  approve: { from: ['reviewed'], to: 'approved', by: 'manager' },
  start: { from: ['approved'], to: 'ongoing', by: 'writer' },
  finalise: { from: ['ongoing'], to: 'finalised', by: 'writer' },
  close: { from: ['finalised'], to: 'closed', by: 'manager' },
  cancel: { from: ['proposed', 'reviewed', 'approved', 'ongoing'], to: 'cancelled', by: 'manager' },
} as const satisfies Record<string, { from: readonly ProjectStatus[]; to: ProjectStatus; by: 'writer' | 'manager' }>;
export type ProjectTransition = keyof typeof PROJECT_TRANSITIONS;
export const PROJECT_TRANSITION_NAMES = Object.keys(PROJECT_TRANSITIONS) as ProjectTransition[];

/** The mission's rule for QIPs: at most USD 50,000 and six months, unless an exception is approved. */
export const QIP_CEILING_USD_MINOR = 5_000_000;
export const QIP_MAX_MONTHS = 6;

const isoDate = z.iso.date();
/** Minor units; below 2^53 so that every amount is an exact integer in JavaScript. */
const amount = z.number().int().min(0).max(1e15);
const count = z.number().int().min(0).max(100_000_000);
/** A positive decimal of at most 12 places: `1`, `0.0017`, `1.0925`. */
export const rateSchema = z.string().regex(/^(0|[1-9]\d{0,5})(\.\d{1,12})?$/, { message: 'rate' });

export const projectPlaceInputSchema = z.strictObject({
  /** A place of the shipped gazetteer, by its French name; or coordinates inside Mali. */
  place: z.string().trim().max(120).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});

export const projectInputSchema = z.strictObject({
  fund: fundSchema,
  unit: unitCodeSchema,
  classification: z.enum(PROJECT_CLASSIFICATIONS).default('internal'),
  titleFr: z.string().trim().min(1).max(300),
  titleEn: z.string().trim().max(300).default(''),
  descriptionFr: z.string().trim().max(10_000).default(''),
  descriptionEn: z.string().trim().max(10_000).default(''),
  sector: z.string().regex(/^\d{5}$/, { message: 'sector' }),
  partners: z
    .array(z.strictObject({ partner: z.uuid(), role: z.enum(PARTNER_ROLES) }))
    .max(30)
    .default([]),
  places: z.array(projectPlaceInputSchema).max(30).default([]),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  actualStart: isoDate.nullable().default(null),
  actualEnd: isoDate.nullable().default(null),
  currency: currencySchema,
  rateToUsd: rateSchema,
  rateDate: isoDate,
  budgetMinor: amount,
  beneficiaries: z
    .strictObject({
      plannedPeople: count.default(0),
      plannedWomen: count.default(0),
      reachedPeople: count.default(0),
      reachedWomen: count.default(0),
    })
    .default({ plannedPeople: 0, plannedWomen: 0, reachedPeople: 0, reachedWomen: 0 }),
  /** Why a QIP goes beyond USD 50,000 or six months; a second person then approves it. */
  exceptionJustification: z.string().trim().max(4000).default(''),
});
export type ProjectInput = z.input<typeof projectInputSchema>;
export type ProjectInputParsed = z.output<typeof projectInputSchema>;

export const projectUpdateSchema = z.strictObject({ version: z.number().int().min(1), project: projectInputSchema });

export const projectTransitionBodySchema = z.strictObject({
  action: z.enum(PROJECT_TRANSITION_NAMES as [ProjectTransition, ...ProjectTransition[]]),
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).default(''),
});

export const transactionInputSchema = z.strictObject({
  version: z.number().int().min(1),
  kind: z.enum(TRANSACTION_KINDS),
  on: isoDate,
  amountMinor: amount.min(1),
  note: z.string().trim().max(500).default(''),
});

export const exceptionApprovalSchema = z.strictObject({ version: z.number().int().min(1) });

export const moneySchema = z.object({ minor: z.number(), currency: currencySchema, usdMinor: z.number() });

export const projectMaySchema = z.object({
  edit: z.boolean(),
  transact: z.boolean(),
  approveException: z.boolean(),
  review: z.boolean(),
  approve: z.boolean(),
  start: z.boolean(),
  finalise: z.boolean(),
  close: z.boolean(),
  cancel: z.boolean(),
});
export type ProjectMay = z.infer<typeof projectMaySchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });

export const projectSchema = z.object({
  id: z.string(),
  fund: fundSchema,
  unit: z.string(),
  classification: z.enum(PROJECT_CLASSIFICATIONS),
  status: projectStatusSchema,
  titleFr: z.string(),
  titleEn: z.string(),
  descriptionFr: z.string(),
  descriptionEn: z.string(),
  sector: z.string(),
  sectorName: z.string(),
  partners: z.array(z.object({ partner: z.string(), role: z.enum(PARTNER_ROLES), name: z.string() })),
  places: z.array(
    z.object({
      place: z.string().nullable(),
      latitude: z.number(),
      longitude: z.number(),
      region: z.string(),
      regionName: z.string(),
    }),
  ),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  currency: currencySchema,
  rateToUsd: z.string(),
  rateDate: z.string(),
  budget: moneySchema,
  committed: moneySchema,
  disbursed: moneySchema,
  beneficiaries: z.object({
    plannedPeople: z.number(),
    plannedWomen: z.number(),
    reachedPeople: z.number(),
    reachedWomen: z.number(),
  }),
  /** Whether the QIP rule applies and how it stands: within limits, or the exception and its approval. */
  qipRule: z.object({ withinLimits: z.boolean(), exceptionApproved: z.boolean() }).nullable(),
  exception: z
    .object({
      justification: z.string(),
      recordedBy: person,
      recordedAt: z.string(),
      approvedBy: person.nullable(),
      approvedAt: z.string().nullable(),
    })
    .nullable(),
  transactions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(TRANSACTION_KINDS),
      on: z.string(),
      amount: moneySchema,
      note: z.string(),
      by: person,
      at: z.string(),
    }),
  ),
  steps: z.array(
    z.object({ from: projectStatusSchema.nullable(), to: projectStatusSchema, by: person, at: z.string(), comment: z.string() }),
  ),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  may: projectMaySchema,
});
export type Project = z.infer<typeof projectSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(',').filter((v) => v !== ''))
    .pipe(z.array(item).max(20));

export const projectFilterSchema = z.strictObject({
  fund: csv(fundSchema).optional(),
  status: csv(projectStatusSchema).optional(),
  unit: csv(unitCodeSchema).optional(),
  region: csv(z.string().max(16)).optional(),
});
export type ProjectFilter = z.output<typeof projectFilterSchema>;

export const projectListQuerySchema = projectFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
});

export const projectSummarySchema = z.object({
  id: z.string(),
  fund: fundSchema,
  unit: z.string(),
  status: projectStatusSchema,
  title: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  budget: moneySchema,
  classification: z.enum(PROJECT_CLASSIFICATIONS),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectPageSchema = z.object({ items: z.array(projectSummarySchema), next: z.string().nullable() });

const totals = z.object({ count: z.number(), budgetUsdMinor: z.number(), committedUsdMinor: z.number(), disbursedUsdMinor: z.number() });
export const portfolioTotalsSchema = z.object({
  total: totals,
  byStatus: z.array(totals.extend({ status: projectStatusSchema })),
  byFund: z.array(totals.extend({ fund: fundSchema })),
});
export type PortfolioTotals = z.infer<typeof portfolioTotalsSchema>;

export const projectVocabularySchema = z.object({
  sectors: z.array(z.object({ code: z.string(), name: z.string() })),
  partners: z.array(z.object({ id: z.string(), name: z.string() })),
  places: z.array(z.string()),
});
export type ProjectVocabulary = z.infer<typeof projectVocabularySchema>;

export const projectExportQuerySchema = projectFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['fr', 'en']).optional(),
});

/** People planned and reached, women among them: the portfolio counts people by sex as its projects record them. */
const beneficiarySums = z.object({
  plannedPeople: z.number(),
  plannedWomen: z.number(),
  reachedPeople: z.number(),
  reachedWomen: z.number(),
});
const dashboardRow = totals.extend({ beneficiaries: beneficiarySums });
export const portfolioDashboardSchema = z.object({
  total: dashboardRow,
  byStatus: z.array(dashboardRow.extend({ status: projectStatusSchema })),
  byFund: z.array(dashboardRow.extend({ fund: fundSchema })),
  byUnit: z.array(dashboardRow.extend({ unit: z.string() })),
  /** A project with places in two regions counts in each: the regions do not add up to the total. */
  byRegion: z.array(dashboardRow.extend({ region: z.string(), regionName: z.string() })),
});
export type PortfolioDashboard = z.infer<typeof portfolioDashboardSchema>;

/** The places of the portfolio's projects the reader may read, for the map. */
export const projectMapSchema = z.object({
  places: z.array(
    z.object({
      project: z.string(),
      title: z.string(),
      fund: fundSchema,
      status: projectStatusSchema,
      place: z.string().nullable(),
      latitude: z.number(),
      longitude: z.number(),
      region: z.string(),
    }),
  ),
  /** More places than the map draws: narrow the filter. */
  truncated: z.boolean(),
});
export type ProjectMap = z.infer<typeof projectMapSchema>;

/** The statuses published in IATI: from approval on (a cancelled project only if it had been approved). */
export const IATI_PUBLISHED_STATUSES = ['approved', 'ongoing', 'finalised', 'closed', 'cancelled'] as const;

/** The report of a portfolio import: all rows or none, each bad row by line, column and rule. */
export const projectImportReportSchema = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })),
});
export type ProjectImportReport = z.infer<typeof projectImportReportSchema>;

export const projectImportQuerySchema = z.strictObject({
  /** The unit of the rows that name none. */
  unit: unitCodeSchema,
  lang: z.enum(['fr', 'en']).optional(),
});
