import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  type correctSchema,
  type Desk,
  type DeskPhotoList,
  NEWS_UNIT,
  type PressPointList,
  type PublicPhotoList,
  type PublicRelease,
  type photoQuerySchema,
  type pressPointInputSchema,
  type programmeInputSchema,
  type publishSchema,
  RADIO_LANGUAGES,
  type Radio,
  type Release,
  type ReleaseDetail,
  type ReleaseKind,
  type ReleaseStatus,
  type releaseInputSchema,
  type releaseUpdateSchema,
  type returnSchema,
  type versionOnlySchema,
  type withdrawSchema,
} from '../../contracts/news.js';
import { PRESS_POINT_EVERY_DAYS, RADIO_LANGUAGE_NAMES, RADIO_SOURCE, RADIO_STATIONS } from '../../data/radio.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, type Changes, diff, readHistory } from '../../platform/history.js';
import type { Actor } from '../../platform/policy.js';
import { releasePhotoAttachment, storeAttachment } from '../attachments/attachments.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { mayClear, mayCorrect, mayDraft, mayEdit, mayPublish, mayReadDesk, mayReturn, maySubmit, mayWithdraw } from './news.policy.js';
import {
  deleteProgramme,
  findRelease,
  findReleases,
  insertPhoto,
  insertPressPoint,
  insertProgramme,
  insertRelease,
  latestPublicFrom,
  listPressPointRows,
  listProgrammeRows,
  listReleaseRows,
  type PressPointRow,
  type ProgrammeRow,
  photosOf,
  programmeExists,
  publicRelease,
  publicReleases,
  type ReleaseRow,
  updateReleaseIfVersion,
} from './news.repository.js';

/**
 * Public information: press releases and communiqués drafted by the division's officers, cleared
 * by the chief of public information (never their author), published from their embargo time,
 * withdrawn or corrected with their history kept; the public news page, its Atom feed per
 * language and the sitemap; the press points; Radio Mikado FM.
 *
 * Public reads take the clock (`ctx.now()`) into their SQL: an embargo ends without a write, and
 * the public responses kept per version are keyed on `publicMoment` as well.
 */

const RELEASE = 'news_release';
const PRESS_POINT = 'news_press_point';
const PROGRAMME = 'radio_programme';

/** The audited writes that change what readers without an account see of public information. */
export const NEWS_PUBLIC_ACTIONS: readonly string[] = [
  'news.release.publish',
  'news.release.withdraw',
  'news.release.correct',
  'news.press_point.create',
  'radio.programme.create',
  'radio.programme.delete',
];

type ReleaseInput = z.output<typeof releaseInputSchema>;
type ReleaseUpdate = z.output<typeof releaseUpdateSchema>;
type VersionOnly = z.output<typeof versionOnlySchema>;
type ReturnInput = z.output<typeof returnSchema>;
type PublishInput = z.output<typeof publishSchema>;
type WithdrawInput = z.output<typeof withdrawSchema>;
type CorrectInput = z.output<typeof correctSchema>;
type PressPointInput = z.output<typeof pressPointInputSchema>;
type ProgrammeInput = z.output<typeof programmeInputSchema>;
type PhotoInput = z.output<typeof photoQuerySchema>;

const nowIso = (ctx: AppContext) => ctx.now().toISOString();

// ---------------------------------------------------------------------------------------------
// What readers without an account see

/** The reader's language when the release has it, French otherwise. */
function presentPublic(row: ReleaseRow, locale: Locale): PublicRelease {
  const en = locale === 'en' && row.title_en !== null && row.body_en !== null;
  return {
    id: row.id,
    kind: row.kind as ReleaseKind,
    lang: en ? 'en' : 'fr',
    dateline: row.dateline,
    title: en ? (row.title_en ?? row.title_fr) : row.title_fr,
    summary: en ? (row.summary_en ?? row.summary_fr) : row.summary_fr,
    body: en ? (row.body_en ?? row.body_fr) : row.body_fr,
    publishedAt: row.public_from ?? row.created_at,
    correctedAt: row.corrected_at,
    correction: en ? (row.correction_en ?? row.correction_fr) : row.correction_fr,
    translated: row.title_en !== null && row.body_en !== null,
  };
}

export async function listPublicReleases(ctx: AppContext, locale: Locale): Promise<Omit<PublicRelease, 'body'>[]> {
  const rows = await publicReleases(ctx.database.db, nowIso(ctx));
  return rows.map((row) => {
    const { body: _body, ...rest } = presentPublic(row, locale);
    return rest;
  });
}

/** A release that is not public now is not found, whatever the reason: its existence does not leak. */
export async function getPublicRelease(ctx: AppContext, id: string, locale: Locale): Promise<PublicRelease> {
  const row = await publicRelease(ctx.database.db, id, nowIso(ctx));
  if (!row) throw notFound();
  return presentPublic(row, locale);
}

/**
 * The latest instant at which a release became public, as of now: part of the key of every kept
 * public response of the module, so that an embargo ending shows the release without a write.
 */
export async function publicMoment(ctx: AppContext): Promise<string> {
  return (await latestPublicFrom(ctx.database.db, nowIso(ctx))) ?? 'none';
}

/** XML 1.0's Char production: tab, line feed, carriage return and the planes less surrogates, U+FFFE and U+FFFF. */
function xmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** XML 1.0 text: escaped, and without the characters XML cannot carry at all. */
export function xmlText(value: string): string {
  return [...value]
    .filter(xmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const FEED_TITLE: Record<Locale, string> = {
  fr: 'MINUSMA — Communiqués de presse',
  en: 'MINUSMA — Press releases',
};
const FEED_AUTHOR: Record<Locale, string> = {
  fr: 'MINUSMA, Division de la communication stratégique et de l’information publique',
  en: 'MINUSMA, Strategic Communications and Public Information Division',
};
/** An empty feed's `updated`: nothing was ever published. */
const NEVER = '1970-01-01T00:00:00.000Z';

export const feedPath = (lang: Locale) => `/api/news/feed/${lang}.atom`;

/**
 * The Atom feed (RFC 4287) of the releases public now, in `lang`: an entry has the text of that
 * language when the release has it (its `xml:lang` says which), the French otherwise.
 */
export async function atomFeed(ctx: AppContext, lang: Locale): Promise<string> {
  const base = ctx.config.publicUrl;
  const rows = await publicReleases(ctx.database.db, nowIso(ctx), 50);
  const updatedOf = (row: ReleaseRow) => row.corrected_at ?? row.public_from ?? row.created_at;
  const updated = rows.map(updatedOf).sort().at(-1) ?? NEVER;
  const entries = rows.map((row) => {
    const release = presentPublic(row, lang);
    const link = `${base}/actualites/${row.id}`;
    return [
      `  <entry xml:lang="${release.lang}">`,
      `    <id>urn:uuid:${row.id}</id>`,
      `    <title type="text">${xmlText(release.title)}</title>`,
      `    <updated>${updatedOf(row)}</updated>`,
      `    <published>${release.publishedAt}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <summary type="text">${xmlText(release.summary)}</summary>`,
      `    <content type="text">${xmlText(release.body)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>${xmlText(`${base}${feedPath(lang)}`)}</id>`,
    `  <title type="text">${xmlText(FEED_TITLE[lang])}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText(FEED_AUTHOR[lang])}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${base}${feedPath(lang)}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/actualites`)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The web app's pages a reader without an account may open, besides each public release. */
export const PUBLIC_PAGES = ['/', '/fiche', '/mission', '/effectifs', '/recherche', '/actualites', '/radio'] as const;

/** sitemap.xml (sitemaps.org 0.9): the public pages and every release public now. */
export async function sitemap(ctx: AppContext): Promise<string> {
  const base = ctx.config.publicUrl;
  const rows = await publicReleases(ctx.database.db, nowIso(ctx));
  const urls = [
    ...PUBLIC_PAGES.map((path) => `  <url><loc>${xmlText(`${base}${path}`)}</loc></url>`),
    ...rows.map(
      (row) =>
        `  <url><loc>${xmlText(`${base}/actualites/${row.id}`)}</loc><lastmod>${row.corrected_at ?? row.public_from}</lastmod></url>`,
    ),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The desk: drafting and clearance

function present(row: ReleaseRow, now: string, names: ReadonlyMap<string, string> = new Map()): Release {
  return {
    id: row.id,
    kind: row.kind as ReleaseKind,
    status: row.status as ReleaseStatus,
    dateline: row.dateline,
    titleFr: row.title_fr,
    summaryFr: row.summary_fr,
    bodyFr: row.body_fr,
    titleEn: row.title_en,
    summaryEn: row.summary_en,
    bodyEn: row.body_en,
    embargoUntil: row.embargo_until,
    authorLabel: (row.author_id && names.get(row.author_id)) || row.author_label,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    clearedBy: (row.cleared_by && names.get(row.cleared_by)) || row.cleared_by_label,
    clearedAt: row.cleared_at,
    returnedReason: row.returned_reason,
    publishedAt: row.published_at,
    publicFrom: row.public_from,
    public: row.status === 'published' && row.public_from !== null && row.public_from <= now,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    correctedAt: row.corrected_at,
    correctionFr: row.correction_fr,
    correctionEn: row.correction_en,
    version: row.version,
  };
}

/** Authors and clearers by their accounts' current names (the label kept is the fallback). */
async function namesOf(ctx: AppContext, rows: readonly ReleaseRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => [row.author_id, row.cleared_by]).filter((id): id is string => id !== null))];
  return new Map((await userNames(ctx, ids)).map((user) => [user.id, user.name]));
}

export async function desk(ctx: AppContext, actor: Actor): Promise<Desk> {
  if (!mayReadDesk(actor)) return { releases: [], mayCreate: false };
  const now = nowIso(ctx);
  const rows = await listReleaseRows(ctx.database.db);
  const names = await namesOf(ctx, rows);
  return { releases: rows.map((row) => present(row, now, names)), mayCreate: mayDraft(actor) };
}

async function deskRelease(ctx: AppContext, actor: Actor, id: string): Promise<ReleaseRow> {
  if (!mayReadDesk(actor)) throw notFound();
  const row = await findRelease(ctx.database.db, id);
  if (!row) throw notFound();
  return row;
}

export async function getRelease(ctx: AppContext, actor: Actor, id: string): Promise<ReleaseDetail> {
  const row = await deskRelease(ctx, actor, id);
  return {
    ...present(row, nowIso(ctx), await namesOf(ctx, [row])),
    may: {
      edit: mayEdit(actor, row),
      submit: maySubmit(actor, row),
      clear: mayClear(actor, row),
      return: mayReturn(actor, row),
      publish: mayPublish(actor, row),
      withdraw: mayWithdraw(actor, row),
      correct: mayCorrect(actor, row),
    },
    history: await readHistory(ctx.database.db, RELEASE, id),
  };
}

export async function createRelease(ctx: AppContext, actor: Actor, input: ReleaseInput): Promise<ReleaseDetail> {
  if (!mayDraft(actor)) throw forbidden();
  const id = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, NEWS_UNIT);
    const now = nowIso(ctx);
    const row: ReleaseRow = {
      id: randomUUID(),
      kind: input.kind,
      dateline: input.dateline,
      title_fr: input.titleFr,
      summary_fr: input.summaryFr,
      body_fr: input.bodyFr,
      title_en: input.titleEn,
      summary_en: input.summaryEn,
      body_en: input.bodyEn,
      status: 'draft',
      embargo_until: input.embargoUntil,
      unit_code: NEWS_UNIT,
      author_id: actor.id,
      author_label: actor.label,
      submitted_at: null,
      cleared_by: null,
      cleared_by_label: null,
      cleared_at: null,
      returned_reason: null,
      published_at: null,
      public_from: null,
      withdrawn_at: null,
      withdrawn_reason: null,
      corrected_at: null,
      correction_fr: null,
      correction_en: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertRelease(trx, row);
    return { result: row.id, audit: { action: 'news.release.create', recordType: RELEASE, recordId: row.id, details: { kind: row.kind } } };
  });
  return getRelease(ctx, actor, id);
}

const TEXT_FIELDS = {
  kind: 'kind',
  dateline: 'dateline',
  titleFr: 'title_fr',
  summaryFr: 'summary_fr',
  bodyFr: 'body_fr',
  titleEn: 'title_en',
  summaryEn: 'summary_en',
  bodyEn: 'body_en',
  embargoUntil: 'embargo_until',
} as const satisfies Record<Exclude<keyof ReleaseUpdate, 'version'>, keyof ReleaseRow>;

function changedFields(row: ReleaseRow, body: Partial<Record<keyof typeof TEXT_FIELDS, unknown>>): Partial<ReleaseRow> {
  const next: Partial<ReleaseRow> = {};
  for (const [field, column] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, keyof ReleaseRow][]) {
    if (body[field] !== undefined) Object.assign(next, { [column]: body[field] });
  }
  const merged = { ...row, ...next };
  // The English version stays whole: a title and a text, or nothing.
  if ((merged.title_en === null) !== (merged.body_en === null) || (merged.summary_en !== null && merged.title_en === null))
    throw new AppError(422, 'news_english_whole');
  return next;
}

/** Why a move is refused: not found for outsiders, the state for a stale page, four eyes, or no right. */
function refusal(actor: Actor, row: ReleaseRow, expected: readonly ReleaseStatus[]): AppError {
  if (!expected.includes(row.status as ReleaseStatus)) return new AppError(409, 'news_state');
  if (row.status === 'submitted' && row.author_id === actor.id && actor.memberships.get(NEWS_UNIT) === 'manager')
    return new AppError(403, 'news_clear_own');
  return forbidden();
}

/** One move of a release: the rule, the change under its version, its history and its audit entry. */
async function move(
  ctx: AppContext,
  actor: Actor,
  id: string,
  step: {
    may: (actor: Actor, row: ReleaseRow) => boolean;
    from: readonly ReleaseStatus[];
    version: number;
    action: string;
    values: (row: ReleaseRow, now: string) => Partial<ReleaseRow>;
    details?: Record<string, unknown>;
  },
): Promise<ReleaseDetail> {
  const row = await deskRelease(ctx, actor, id);
  if (!step.may(actor, row)) throw refusal(actor, row, step.from);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = nowIso(ctx);
    const values = { ...step.values(row, at), updated_at: at };
    const changes: Changes = diff(row as unknown as Record<string, unknown>, values);
    delete changes.updated_at;
    if (!(await updateReleaseIfVersion(trx, id, step.version, values))) throw versionConflict();
    await appendHistory(trx, { recordType: RELEASE, recordId: id, version: step.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: step.action, recordType: RELEASE, recordId: id, details: step.details ?? { fields: Object.keys(changes) } },
    };
  });
  return getRelease(ctx, actor, id);
}

export function updateRelease(ctx: AppContext, actor: Actor, id: string, body: ReleaseUpdate): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: mayEdit,
    from: ['draft'],
    version: body.version,
    action: 'news.release.update',
    values: (row) => changedFields(row, body),
  });
}

export function submitRelease(ctx: AppContext, actor: Actor, id: string, body: VersionOnly): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: maySubmit,
    from: ['draft'],
    version: body.version,
    action: 'news.release.submit',
    values: (_row, now) => ({ status: 'submitted', submitted_at: now }),
    details: {},
  });
}

export function clearRelease(ctx: AppContext, actor: Actor, id: string, body: VersionOnly): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: mayClear,
    from: ['submitted'],
    version: body.version,
    action: 'news.release.clear',
    values: (_row, now) => ({
      status: 'cleared',
      cleared_by: actor.id,
      cleared_by_label: actor.label,
      cleared_at: now,
      returned_reason: null,
    }),
    details: {},
  });
}

export function returnRelease(ctx: AppContext, actor: Actor, id: string, body: ReturnInput): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: mayReturn,
    from: ['submitted'],
    version: body.version,
    action: 'news.release.return',
    values: () => ({ status: 'draft', returned_reason: body.reason }),
    details: {},
  });
}

/** Published now, public from its embargo (the later of the two). */
export function publishRelease(ctx: AppContext, actor: Actor, id: string, body: PublishInput): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: mayPublish,
    from: ['cleared'],
    version: body.version,
    action: 'news.release.publish',
    values: (row, now) => {
      const embargo = body.embargoUntil === undefined ? row.embargo_until : body.embargoUntil;
      return {
        status: 'published',
        embargo_until: embargo,
        published_at: now,
        public_from: embargo !== null && embargo > now ? embargo : now,
      };
    },
    details: {},
  });
}

export function withdrawRelease(ctx: AppContext, actor: Actor, id: string, body: WithdrawInput): Promise<ReleaseDetail> {
  return move(ctx, actor, id, {
    may: mayWithdraw,
    from: ['published', 'cleared'],
    version: body.version,
    action: 'news.release.withdraw',
    values: (_row, now) => ({ status: 'withdrawn', withdrawn_at: now, withdrawn_reason: body.reason }),
    details: {},
  });
}

/** A correction of a published release: new texts and a note shown with it; the former texts stay in its history. */
export function correctRelease(ctx: AppContext, actor: Actor, id: string, body: CorrectInput): Promise<ReleaseDetail> {
  const { version, noteFr, noteEn, ...texts } = body;
  return move(ctx, actor, id, {
    may: mayCorrect,
    from: ['published'],
    version,
    action: 'news.release.correct',
    values: (row, now) => ({ ...changedFields(row, texts), corrected_at: now, correction_fr: noteFr, correction_en: noteEn }),
  });
}

/** The audit log's label of a release: its French title, for members of the unit only. */
export async function releaseLabels(ctx: AppContext, actor: Actor | null, ids: readonly string[]): Promise<Map<string, string>> {
  if (!mayReadDesk(actor)) return new Map();
  return new Map((await findReleases(ctx.database.db, ids)).map((row) => [row.id, row.title_fr]));
}

// ---------------------------------------------------------------------------------------------
// Press points and Radio Mikado FM

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export async function listPressPoints(ctx: AppContext, locale: Locale): Promise<PressPointList> {
  const rows = await listPressPointRows(ctx.database.db);
  const today = nowIso(ctx).slice(0, 10);
  const shown = (row: PressPointRow) => ({
    id: row.id,
    heldOn: row.held_on,
    startsAt: row.starts_at,
    place: row.place,
    topic: locale === 'en' ? (row.topic_en ?? row.topic_fr) : row.topic_fr,
  });
  const latest = rows[0];
  return {
    everyDays: PRESS_POINT_EVERY_DAYS,
    upcoming: rows
      .filter((row) => row.held_on >= today)
      .reverse()
      .map(shown),
    past: rows.filter((row) => row.held_on < today).map(shown),
    next: latest ? addDays(latest.held_on, PRESS_POINT_EVERY_DAYS) : null,
  };
}

export async function createPressPoint(ctx: AppContext, actor: Actor, input: PressPointInput, locale: Locale): Promise<PressPointList> {
  if (!mayDraft(actor)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const row: PressPointRow = {
      id: randomUUID(),
      held_on: input.heldOn,
      starts_at: input.startsAt,
      place: input.place,
      topic_fr: input.topicFr,
      topic_en: input.topicEn,
      created_by: actor.id,
      created_at: nowIso(ctx),
    };
    await insertPressPoint(trx, row);
    return { result: undefined, audit: { action: 'news.press_point.create', recordType: PRESS_POINT, recordId: row.id } };
  });
  return listPressPoints(ctx, locale);
}

export async function radio(ctx: AppContext, locale: Locale): Promise<Radio> {
  const rows = await listProgrammeRows(ctx.database.db);
  const shown = (row: ProgrammeRow) => ({
    id: row.id,
    language: row.language as Radio['languages'][number]['code'],
    title: locale === 'en' ? (row.title_en ?? row.title_fr) : row.title_fr,
    days: row.days.split(',').map(Number),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  });
  return {
    name: 'Radio Mikado FM',
    stations: RADIO_STATIONS.map((s) => ({ ...s })),
    source: RADIO_SOURCE[locale],
    languages: RADIO_LANGUAGES.map((code) => ({
      code,
      name: RADIO_LANGUAGE_NAMES[code][locale],
      programmes: rows.filter((row) => row.language === code).map(shown),
    })),
  };
}

export async function createProgramme(ctx: AppContext, actor: Actor, input: ProgrammeInput, locale: Locale): Promise<Radio> {
  if (!mayDraft(actor)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const row: ProgrammeRow = {
      id: randomUUID(),
      language: input.language,
      title_fr: input.titleFr,
      title_en: input.titleEn,
      days: [...new Set(input.days)].sort().join(','),
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      created_by: actor.id,
      created_at: nowIso(ctx),
    };
    await insertProgramme(trx, row);
    return { result: undefined, audit: { action: 'radio.programme.create', recordType: PROGRAMME, recordId: row.id } };
  });
  return radio(ctx, locale);
}

export async function removeProgramme(ctx: AppContext, actor: Actor, id: string, locale: Locale): Promise<Radio> {
  // The schedule is public: whether a programme exists is no secret.
  if (!mayDraft(actor)) throw (await programmeExists(ctx.database.db, id)) ? forbidden() : notFound();
  await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await deleteProgramme(trx, id))) throw notFound();
    return { result: undefined, audit: { action: 'radio.programme.delete', recordType: PROGRAMME, recordId: id } };
  });
  return radio(ctx, locale);
}

/** What the requester may create on the public-information pages. */
export function newsMay(actor: Actor | null) {
  const writer = mayDraft(actor);
  return { draft: writer, pressPoints: writer, programmes: writer };
}

// ---------------------------------------------------------------------------------------------
// Photo albums: a release's photos, with caption and credit, public exactly when the release is

const photoUrl = (id: string) => `/api/attachments/${id}`;

/** The album of a release public now; a release that is not public is not found. */
export async function publicPhotos(ctx: AppContext, id: string, locale: Locale): Promise<PublicPhotoList> {
  const release = await publicRelease(ctx.database.db, id, nowIso(ctx));
  if (!release) throw notFound();
  const rows = await photosOf(ctx.database.db, release.id);
  return {
    photos: rows.map((row) => ({
      id: row.id,
      caption: locale === 'en' ? (row.caption_en ?? row.caption_fr) : row.caption_fr,
      credit: row.credit,
      url: photoUrl(row.id),
    })),
  };
}

/** The album of a release on the desk (members of the division), and whether the requester may add to it. */
export async function deskPhotos(ctx: AppContext, actor: Actor, id: string): Promise<DeskPhotoList> {
  const release = await deskRelease(ctx, actor, id);
  const rows = await photosOf(ctx.database.db, release.id);
  return {
    photos: rows.map((row) => ({
      id: row.id,
      captionFr: row.caption_fr,
      captionEn: row.caption_en,
      credit: row.credit,
      url: photoUrl(row.id),
      createdAt: row.created_at,
    })),
    mayAdd: mayEdit(actor, release),
  };
}

/**
 * Adds a photo to a draft release's album: JPEG or PNG, its metadata (GPS position, camera,
 * author) removed by the attachments service before it is stored; the caption and credit are
 * required. The album is cleared and published with its release.
 */
export async function addPhoto(ctx: AppContext, actor: Actor, id: string, input: PhotoInput, bytes: Buffer): Promise<DeskPhotoList> {
  const release = await deskRelease(ctx, actor, id);
  if (!mayEdit(actor, release)) {
    if (!mayDraft(actor)) throw forbidden();
    throw new AppError(409, 'news_photo_state');
  }
  const file = releasePhotoAttachment(ctx, actor, release.id, input.filename, bytes);
  await auditedTransaction(ctx, actor, async (trx) => {
    const current = await findRelease(trx, release.id);
    if (current?.status !== 'draft') throw new AppError(409, 'news_photo_state');
    await storeAttachment(trx, file);
    await insertPhoto(trx, {
      id: file.id,
      release_id: release.id,
      caption_fr: input.captionFr,
      caption_en: input.captionEn,
      credit: input.credit,
      created_at: file.created_at,
    });
    return {
      result: undefined,
      audit: {
        action: 'news.photo.create',
        recordType: RELEASE,
        recordId: release.id,
        details: { photo: file.id, size: file.size, type: file.media_type },
      },
    };
  });
  return deskPhotos(ctx, actor, id);
}
