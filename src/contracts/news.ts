import { z } from 'zod';
import { historySchema } from './organisation.js';

/**
 * Public information: press releases and communiqués in French and English, cleared by the chief
 * of public information before they are published from their embargo time; the press points;
 * Radio Mikado FM's stations and programme schedule.
 */

/** The unit that speaks for the mission: its officers draft, its managers (the chief of public information) clear. */
export const NEWS_UNIT = 'SCPI';

export const RELEASE_KINDS = ['press_release', 'communique'] as const;
export const releaseKindSchema = z.enum(RELEASE_KINDS);
export type ReleaseKind = z.infer<typeof releaseKindSchema>;

export const RELEASE_STATUSES = ['draft', 'submitted', 'cleared', 'published', 'withdrawn'] as const;
export const releaseStatusSchema = z.enum(RELEASE_STATUSES);
export type ReleaseStatus = z.infer<typeof releaseStatusSchema>;

/** « Ses programmes sont produits en Français et dans plusieurs des principales langues parlées au Mali » (fact book, p. 19). */
export const RADIO_LANGUAGES = ['french', 'bambara', 'songhai', 'tamasheq', 'peuhl', 'dogon', 'arabic'] as const;
export const radioLanguageSchema = z.enum(RADIO_LANGUAGES);
export type RadioLanguage = z.infer<typeof radioLanguageSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'news_time' });

/** The English version is whole or absent: a title and a text at least. */
const englishWhole = (v: { titleEn?: string | null; bodyEn?: string | null; summaryEn?: string | null }) =>
  Boolean(v.titleEn) === Boolean(v.bodyEn) && (!v.summaryEn || Boolean(v.titleEn));

export const releaseInputSchema = z
  .strictObject({
    kind: releaseKindSchema.default('press_release'),
    dateline: nullableText(120).default(null),
    titleFr: text(300),
    summaryFr: text(1000),
    bodyFr: text(20_000),
    titleEn: nullableText(300).default(null),
    summaryEn: nullableText(1000).default(null),
    bodyEn: nullableText(20_000).default(null),
    /** Nothing public before this instant; null: public as soon as published. */
    embargoUntil: instant.nullable().default(null),
  })
  .refine(englishWhole, { message: 'news_english_whole', path: ['bodyEn'] });
export type ReleaseInput = z.input<typeof releaseInputSchema>;

/** A draft's edit names only what changes. */
export const releaseUpdateSchema = z.strictObject({
  kind: releaseKindSchema.optional(),
  dateline: nullableText(120).optional(),
  titleFr: text(300).optional(),
  summaryFr: text(1000).optional(),
  bodyFr: text(20_000).optional(),
  titleEn: nullableText(300).optional(),
  summaryEn: nullableText(1000).optional(),
  bodyEn: nullableText(20_000).optional(),
  embargoUntil: instant.nullable().optional(),
  version: z.number().int().min(1),
});

export const versionOnlySchema = z.strictObject({ version: z.number().int().min(1) });
export const returnSchema = z.strictObject({ version: z.number().int().min(1), reason: text(1000) });
export const publishSchema = z.strictObject({
  version: z.number().int().min(1),
  /** Replaces the draft's embargo when given (null: none). */
  embargoUntil: instant.nullable().optional(),
});
export const withdrawSchema = z.strictObject({ version: z.number().int().min(1), reason: text(1000) });
export const correctSchema = z.strictObject({
  version: z.number().int().min(1),
  titleFr: text(300).optional(),
  summaryFr: text(1000).optional(),
  bodyFr: text(20_000).optional(),
  titleEn: nullableText(300).optional(),
  summaryEn: nullableText(1000).optional(),
  bodyEn: nullableText(20_000).optional(),
  /** What was corrected, shown on the public page. */
  noteFr: text(1000),
  noteEn: nullableText(1000).default(null),
});

/** What a reader without an account sees: only a published release whose embargo has passed. */
export const publicReleaseSchema = z.object({
  id: z.uuid(),
  kind: releaseKindSchema,
  /** The language of `title`, `summary` and `body`: the reader's when the release has it, French otherwise. */
  lang: z.enum(['fr', 'en']),
  dateline: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  /** When it became public. */
  publishedAt: z.string(),
  correctedAt: z.string().nullable(),
  correction: z.string().nullable(),
  /** Whether the other language exists. */
  translated: z.boolean(),
});
export type PublicRelease = z.infer<typeof publicReleaseSchema>;
export const publicReleaseListSchema = z.object({ releases: z.array(publicReleaseSchema.omit({ body: true })) });

/** Each flag is the rule of its write route, for the requester. */
export const releaseMaySchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  clear: z.boolean(),
  return: z.boolean(),
  publish: z.boolean(),
  withdraw: z.boolean(),
  correct: z.boolean(),
});
export type ReleaseMay = z.infer<typeof releaseMaySchema>;

export const releaseSchema = z.object({
  id: z.uuid(),
  kind: releaseKindSchema,
  status: releaseStatusSchema,
  dateline: z.string().nullable(),
  titleFr: z.string(),
  summaryFr: z.string(),
  bodyFr: z.string(),
  titleEn: z.string().nullable(),
  summaryEn: z.string().nullable(),
  bodyEn: z.string().nullable(),
  embargoUntil: z.string().nullable(),
  authorLabel: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  clearedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publicFrom: z.string().nullable(),
  /** Published and its embargo passed: readers without an account see it. */
  public: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  correctedAt: z.string().nullable(),
  correctionFr: z.string().nullable(),
  correctionEn: z.string().nullable(),
  version: z.number().int(),
});
export type Release = z.infer<typeof releaseSchema>;
export const releaseDetailSchema = releaseSchema.extend({ may: releaseMaySchema, history: historySchema.shape.entries });
export type ReleaseDetail = z.infer<typeof releaseDetailSchema>;
export const deskSchema = z.object({ releases: z.array(releaseSchema), mayCreate: z.boolean() });
export type Desk = z.infer<typeof deskSchema>;

export const pressPointInputSchema = z.strictObject({
  heldOn: z.iso.date(),
  startsAt: clock,
  place: text(200),
  topicFr: text(500),
  topicEn: nullableText(500).default(null),
});
export type PressPointInput = z.input<typeof pressPointInputSchema>;
export const pressPointSchema = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  startsAt: z.string(),
  place: z.string(),
  topic: z.string(),
});
export const pressPointListSchema = z.object({
  /** « tous les 15 jours » (fact book, p. 19). */
  everyDays: z.number().int(),
  upcoming: z.array(pressPointSchema),
  past: z.array(pressPointSchema),
  /** Fifteen days after the latest press point, to offer as the next one. */
  next: z.string().nullable(),
});
export type PressPointList = z.infer<typeof pressPointListSchema>;

export const programmeInputSchema = z
  .strictObject({
    language: radioLanguageSchema,
    titleFr: text(200),
    titleEn: nullableText(200).default(null),
    /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startsAt: clock,
    endsAt: clock,
  })
  .refine((v) => v.startsAt !== v.endsAt, { message: 'news_programme_times', path: ['endsAt'] });
export type ProgrammeInput = z.input<typeof programmeInputSchema>;

export const programmeSchema = z.object({
  id: z.uuid(),
  language: radioLanguageSchema,
  title: z.string(),
  days: z.array(z.number().int()),
  startsAt: z.string(),
  endsAt: z.string(),
});
export const radioSchema = z.object({
  name: z.string(),
  stations: z.array(z.object({ code: z.string(), town: z.string(), frequency: z.string() })),
  source: z.string(),
  /** Every language, in the fact book's order, with its programmes by start time. */
  languages: z.array(z.object({ code: radioLanguageSchema, name: z.string(), programmes: z.array(programmeSchema) })),
});
export type Radio = z.infer<typeof radioSchema>;

/** What the signed-in requester may do on the public-information pages (`/api/news/desk`). */
export const newsMaySchema = z.object({ draft: z.boolean(), pressPoints: z.boolean(), programmes: z.boolean() });

// Photo albums: the photos of a release, each with its caption and credit ---------------------

export const photoQuerySchema = z.strictObject({
  filename: z.string().trim().min(1).max(300),
  captionFr: z.string().trim().min(1).max(500),
  captionEn: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((value) => (value ? value : null)),
  credit: z.string().trim().min(1).max(200),
});

/** A photo as readers without an account see it: the caption in their language when given, French otherwise. */
export const publicPhotoSchema = z.object({ id: z.uuid(), caption: z.string(), credit: z.string(), url: z.string() });
export const publicPhotoListSchema = z.object({ photos: z.array(publicPhotoSchema) });
export type PublicPhotoList = z.infer<typeof publicPhotoListSchema>;

export const deskPhotoSchema = z.object({
  id: z.uuid(),
  captionFr: z.string(),
  captionEn: z.string().nullable(),
  credit: z.string(),
  url: z.string(),
  createdAt: z.string(),
});
export const deskPhotoListSchema = z.object({ photos: z.array(deskPhotoSchema), mayAdd: z.boolean() });
export type DeskPhotoList = z.infer<typeof deskPhotoListSchema>;
