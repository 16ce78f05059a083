import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Activity,
  ActivityImportReport,
  ActivityInput,
  ActivitySeriesInput,
  ActivityTotals,
  ActivityVocabulary,
  activityPageSchema,
  activitySeriesResultSchema,
} from '../../../src/contracts/activities.js';
import type { Locale } from '../../../src/contracts/common.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import { type Query, useLoaded, written } from './queries.js';

export type ActivityPage = z.output<typeof activityPageSchema>;
export type ActivitySeriesResult = z.output<typeof activitySeriesResultSchema>;
/** The list's filter as the API reads it; empty values are left out. */
export type ActivityQueryParams = Record<string, string | undefined>;

const PAGE_SIZE = 50;

export const activityPath = (id: string) => `/api/activities/${encodeURIComponent(id)}`;

/** Query keys of activities and trainings. */
export const activityKeys = {
  all: ['activities'] as const,
  vocabulary: (locale: Locale) => ['activities', 'vocabulary', locale] as const,
  pages: (params: ActivityQueryParams, locale: Locale) => ['activities', 'pages', params, locale] as const,
  totals: (params: ActivityQueryParams) => ['activities', 'totals', params] as const,
  detail: (id: string, locale: Locale) => ['activities', 'detail', id, locale] as const,
};

export const activityQueries = {
  /** Types, topics, categories, age bands, gazetteer places and the units the reader records for. */
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: activityKeys.vocabulary(locale),
      queryFn: () => request<ActivityVocabulary>('GET', '/api/activities/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  pages: (params: ActivityQueryParams, locale: Locale) =>
    infiniteQueryOptions({
      queryKey: activityKeys.pages(params, locale),
      queryFn: ({ pageParam }) =>
        request<ActivityPage>('GET', `/api/activities${queryString({ ...params, limit: PAGE_SIZE, after: pageParam })}`),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: ActivityPage) => last.next ?? undefined,
      placeholderData: undefined,
    }),
  totals: (params: ActivityQueryParams) =>
    queryOptions({
      queryKey: activityKeys.totals(params),
      queryFn: () => request<ActivityTotals>('GET', `/api/activities/totals${queryString(params)}`),
    }),
  detail: (id: string, locale: Locale) =>
    queryOptions({ queryKey: activityKeys.detail(id, locale), queryFn: () => request<Activity>('GET', activityPath(id)) }),
};

export function useActivityVocabulary(): Query<ActivityVocabulary> {
  return useLoaded(activityQueries.vocabulary(useLocale()));
}

const changed = [activityKeys.all, ['audit']] as const;

/** Recording, correcting and importing activities; the list and its totals are read again. */
export const activityApi = {
  /** `key`: the device's key for this activity (the outbox's), so a repeated send makes it once. */
  create: (input: ActivityInput, key?: string) =>
    written(request<Activity>('POST', '/api/activities', input, { idempotencyKey: key }), ...changed),
  series: (input: ActivitySeriesInput) => written(request<ActivitySeriesResult>('POST', '/api/activities/series', input), ...changed),
  /** A stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (id: string, version: number, activity: ActivityInput) =>
    written(request<Activity>('PUT', activityPath(id), { version, activity }), ...changed),
  /** Imports a CSV file's text; the report comes back whether rows were imported (200) or not (422). */
  import: (csv: string, unit: string) =>
    written(
      request<ActivityImportReport>('POST', `/api/activities/import${queryString({ unit })}`, csv, {
        contentType: 'text/csv; charset=utf-8',
        answeredBy: [422],
      }),
      ...changed,
    ),
};
