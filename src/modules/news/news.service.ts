import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  type correctSchema,
  type Desk,
  type DeskPhotoList,
  NEWS_UNIT,
  type PublicPhotoList,
  type photoQuerySchema,
  type publishSchema,
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
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, type Changes, diff, readHistory } from '../../platform/history.js';
import type { Actor } from '../../platform/policy.js';
import { releasePhotoAttachment, storeAttachment } from '../attachments/attachments.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { mayClear, mayCorrect, mayDraft, mayEdit, mayPublish, mayReadDesk, mayReturn, maySubmit, mayWithdraw } from './news.policy.js';
import {
  findRelease,
  findReleases,
  insertPhoto,
  insertRelease,
  listReleaseRows,
  photosOf,
  publicRelease,
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
type PhotoInput = z.output<typeof photoQuerySchema>;

const nowIso = (ctx: AppContext) => ctx.now().toISOString();

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
