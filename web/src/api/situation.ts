import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type { SitrepDetail, SitrepInput, SitrepSectionKey, SitrepSummary, SituationMap } from '../../../src/contracts/situation.js';
import { queryString, request } from './client.js';
import { written } from './queries.js';

export type { SitrepDetail, SitrepSummary, SituationMap };

/** The map's filter as the API reads it; empty values are left out. */
export type SituationMapParams = { day?: string | undefined; sector?: string | undefined; unit?: string | undefined };

export const sitrepPath = (id: string) => `/api/situation/sitreps/${encodeURIComponent(id)}`;

/** Query keys of the operational picture and the situation reports. */
export const situationKeys = {
  all: ['situation'] as const,
  map: (params: SituationMapParams, locale: Locale) => ['situation', 'map', params, locale] as const,
  sitreps: (locale: Locale) => ['situation', 'sitreps', locale] as const,
  sitrep: (id: string, locale: Locale) => ['situation', 'sitrep', id, locale] as const,
};

export const situationQueries = {
  /** The map of a day (the last 24 hours without one), as the reader may read it. */
  map: (params: SituationMapParams, locale: Locale) =>
    queryOptions({
      queryKey: situationKeys.map(params, locale),
      queryFn: () => request<SituationMap>('GET', `/api/situation/map${queryString(params)}`),
    }),
  sitreps: (locale: Locale) =>
    queryOptions({
      queryKey: situationKeys.sitreps(locale),
      queryFn: () => request<{ items: SitrepSummary[] }>('GET', '/api/situation/sitreps'),
    }),
  sitrep: (id: string, locale: Locale) =>
    queryOptions({ queryKey: situationKeys.sitrep(id, locale), queryFn: () => request<SitrepDetail>('GET', sitrepPath(id)) }),
};

const changed = [situationKeys.all, ['audit']] as const;

/** Assembling, editing a section and releasing; a stale `version` is a 409 `version_conflict`. */
export const situationApi = {
  assemble: (input: SitrepInput) => written(request<SitrepDetail>('POST', '/api/situation/sitreps', input), ...changed),
  editSection: (id: string, key: SitrepSectionKey, version: number, text: string) =>
    written(request<SitrepDetail>('PUT', `${sitrepPath(id)}/sections/${key}`, { version, text }), ...changed),
  release: (id: string, version: number) => written(request<SitrepDetail>('POST', `${sitrepPath(id)}/release`, { version }), ...changed),
};
