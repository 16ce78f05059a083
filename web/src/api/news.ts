import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  Desk,
  DeskPhotoList,
  PressPointInput,
  PressPointList,
  ProgrammeInput,
  PublicPhotoList,
  PublicRelease,
  Radio,
  ReleaseDetail,
  ReleaseInput,
} from '../../../src/contracts/news.js';
import { queryString, request, sendFile } from './client.js';
import { invalidate, written } from './queries.js';

export type { Desk, DeskPhotoList, PressPointList, PublicPhotoList, PublicRelease, Radio, ReleaseDetail };

/**
 * Query keys of public information. The public reads are the same for everyone but their
 * language; the desk depends on who is signed in (`reader`).
 */
export const newsKeys = {
  all: ['news'] as const,
  releases: (locale: Locale) => ['news', 'releases', locale] as const,
  release: (locale: Locale, id: string) => ['news', 'release', locale, id] as const,
  pressPoints: (locale: Locale) => ['news', 'press-points', locale] as const,
  radio: (locale: Locale) => ['news', 'radio', locale] as const,
  desk: (reader: string) => ['news', 'desk', reader] as const,
  deskRelease: (reader: string, id: string) => ['news', 'desk', reader, id] as const,
};

export const newsQueries = {
  releases: (locale: Locale) =>
    queryOptions({
      queryKey: newsKeys.releases(locale),
      queryFn: () => request<{ releases: Omit<PublicRelease, 'body'>[] }>('GET', '/api/news/releases'),
    }),
  release: (locale: Locale, id: string) =>
    queryOptions({ queryKey: newsKeys.release(locale, id), queryFn: () => request<PublicRelease>('GET', `/api/news/releases/${id}`) }),
  pressPoints: (locale: Locale) =>
    queryOptions({ queryKey: newsKeys.pressPoints(locale), queryFn: () => request<PressPointList>('GET', '/api/news/press-points') }),
  radio: (locale: Locale) => queryOptions({ queryKey: newsKeys.radio(locale), queryFn: () => request<Radio>('GET', '/api/radio') }),
  desk: (reader: string) => queryOptions({ queryKey: newsKeys.desk(reader), queryFn: () => request<Desk>('GET', '/api/news/desk') }),
  deskRelease: (reader: string, id: string) =>
    queryOptions({ queryKey: newsKeys.deskRelease(reader, id), queryFn: () => request<ReleaseDetail>('GET', `/api/news/desk/${id}`) }),
};

export type ReleaseMove = 'submit' | 'clear' | 'return' | 'publish' | 'withdraw' | 'correct';

/** Writes of public information; each makes everything shown of it stale (desk, public lists, feeds). */
export const newsApi = {
  draft: (body: ReleaseInput) => written(request<ReleaseDetail>('POST', '/api/news/desk', body), newsKeys.all),
  move: (id: string, move: ReleaseMove, body: { version: number } & Record<string, unknown>) =>
    written(request<ReleaseDetail>('POST', `/api/news/desk/${id}/${move}`, body), newsKeys.all),
  announce: (body: PressPointInput) => written(request<PressPointList>('POST', '/api/news/press-points', body), newsKeys.all),
  addProgramme: (body: ProgrammeInput) => written(request<Radio>('POST', '/api/radio/programmes', body), newsKeys.all),
  removeProgramme: (id: string) => written(request<Radio>('DELETE', `/api/radio/programmes/${id}`), newsKeys.all),
};

/** The photo album of a release: public (only a release public now) and on the desk. */
export const albumKeys = {
  public: (locale: Locale, id: string) => ['news', 'album', locale, id] as const,
  desk: (reader: string, id: string) => ['news', 'desk', reader, id, 'album'] as const,
};

export const albumQueries = {
  public: (locale: Locale, id: string) =>
    queryOptions({
      queryKey: albumKeys.public(locale, id),
      queryFn: () => request<PublicPhotoList>('GET', `/api/news/releases/${id}/photos`),
    }),
  desk: (reader: string, id: string) =>
    queryOptions({ queryKey: albumKeys.desk(reader, id), queryFn: () => request<DeskPhotoList>('GET', `/api/news/desk/${id}/photos`) }),
};

/** Adds a photo with its caption and credit to a draft release's album. */
export async function addPhoto(
  id: string,
  file: File,
  fields: { captionFr: string; captionEn: string; credit: string },
  onProgress: (sent: number, total: number) => void,
): Promise<DeskPhotoList> {
  const album = await sendFile<DeskPhotoList>(
    `/api/news/desk/${id}/photos${queryString({ filename: file.name, ...fields })}`,
    file,
    file.type || 'application/octet-stream',
    onProgress,
  );
  await invalidate(newsKeys.all);
  return album;
}
