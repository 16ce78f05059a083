import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { NewsPhotoTable, NewsPressPointTable, NewsReleaseTable, RadioProgrammeTable } from '../../db/schema.js';

/**
 * Public information's tables. Every read for readers without an account goes through
 * `publicReleases`/`publicRelease`, whose SQL keeps only published releases whose embargo has
 * passed at `now`: drafts, releases awaiting clearance, embargoed or withdrawn never leave it.
 */

type Executor = Db | Trx;

export type ReleaseRow = NewsReleaseTable;
export type PressPointRow = NewsPressPointTable;
export type ProgrammeRow = RadioProgrammeTable;

/** Published releases public at `now`, newest first. */
export async function publicReleases(db: Executor, now: string, limit?: number): Promise<ReleaseRow[]> {
  let query = db
    .selectFrom('news_releases')
    .selectAll()
    .where('status', '=', 'published')
    .where('public_from', '<=', now)
    .orderBy('public_from', 'desc')
    .orderBy('id');
  if (limit !== undefined) query = query.limit(limit);
  return query.execute();
}

/** One release, only if it is published and public at `now`. */
export async function publicRelease(db: Executor, id: string, now: string): Promise<ReleaseRow | undefined> {
  return db
    .selectFrom('news_releases')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('public_from', '<=', now)
    .executeTakeFirst();
}

/**
 * The latest instant at which a release became public, at `now`: it moves when an embargo ends,
 * without a write, so public responses kept per version are keyed on it too.
 */
export async function latestPublicFrom(db: Executor, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('news_releases')
    .select((eb) => eb.fn.max('public_from').as('latest'))
    .where('status', '=', 'published')
    .where('public_from', '<=', now)
    .executeTakeFirst();
  return (row?.latest as string | null | undefined) ?? null;
}

/** Every release of the desk, newest first (members of the unit only: the service checks). */
export async function listReleaseRows(db: Executor): Promise<ReleaseRow[]> {
  return db.selectFrom('news_releases').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
}

export async function findRelease(db: Executor, id: string): Promise<ReleaseRow | undefined> {
  return db.selectFrom('news_releases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several releases by id, for the audit log's labels. */
export async function findReleases(db: Executor, ids: readonly string[]): Promise<ReleaseRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('news_releases').selectAll().where('id', 'in', ids).execute();
}

export async function insertRelease(db: Executor, row: ReleaseRow): Promise<void> {
  await db.insertInto('news_releases').values(row).execute();
}

export function updateReleaseIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<ReleaseRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'news_releases', id, version, values);
}

export async function listPressPointRows(db: Executor): Promise<PressPointRow[]> {
  return db.selectFrom('news_press_points').selectAll().orderBy('held_on', 'desc').orderBy('starts_at', 'desc').execute();
}

export async function insertPressPoint(db: Executor, row: PressPointRow): Promise<void> {
  await db.insertInto('news_press_points').values(row).execute();
}

export async function listProgrammeRows(db: Executor): Promise<ProgrammeRow[]> {
  return db.selectFrom('radio_programmes').selectAll().orderBy('starts_at').orderBy('id').execute();
}

export async function insertProgramme(db: Executor, row: ProgrammeRow): Promise<void> {
  await db.insertInto('radio_programmes').values(row).execute();
}

export async function programmeExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('radio_programmes').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** False when there was no such programme. */
export async function deleteProgramme(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('radio_programmes').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export type PhotoRow = NewsPhotoTable;

/** The photos of a release, in the order they were added. */
export async function photosOf(db: Executor, releaseId: string): Promise<PhotoRow[]> {
  return db.selectFrom('news_photos').selectAll().where('release_id', '=', releaseId).orderBy('created_at').orderBy('id').execute();
}

/** The release of a photo, only if that release is published and public at `now`. */
export async function publicPhotoRelease(db: Executor, photoId: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('news_photos')
    .innerJoin('news_releases', 'news_releases.id', 'news_photos.release_id')
    .select('news_releases.id')
    .where('news_photos.id', '=', photoId)
    .where('news_releases.status', '=', 'published')
    .where('news_releases.public_from', '<=', now)
    .executeTakeFirst();
  return row?.id;
}

export async function insertPhoto(db: Executor, row: PhotoRow): Promise<void> {
  await db.insertInto('news_photos').values(row).execute();
}
