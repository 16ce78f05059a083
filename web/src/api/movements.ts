import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type { Movement, MovementCounts, MovementInput, MovementVocabulary } from '../../../src/contracts/movements.js';
import type { SupportInput, SupportRequest, SupportVocabulary } from '../../../src/contracts/support.js';
import { queryString, request } from './client.js';
import { written } from './queries.js';

/** Filters as the API reads them; empty values are left out. */
export type MovementQueryParams = Record<string, string | undefined>;

/** Query keys of ceasefire movement control and support to the Malian forces. */
export const movementKeys = {
  all: ['movements'] as const,
  vocabulary: (locale: Locale) => ['movements', 'vocabulary', locale] as const,
  list: (params: MovementQueryParams, locale: Locale) => ['movements', 'list', params, locale] as const,
  counts: (params: MovementQueryParams, locale: Locale) => ['movements', 'counts', params, locale] as const,
  one: (id: string, locale: Locale) => ['movements', 'one', id, locale] as const,
};

export const movementQueries = {
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: movementKeys.vocabulary(locale),
      queryFn: () => request<MovementVocabulary>('GET', '/api/ceasefire/movements/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  list: (params: MovementQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: movementKeys.list(params, locale),
      queryFn: () => request<{ items: Movement[]; truncated: boolean }>('GET', `/api/ceasefire/movements${queryString(params)}`),
    }),
  counts: (params: MovementQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: movementKeys.counts(params, locale),
      queryFn: () => request<MovementCounts>('GET', `/api/ceasefire/movements/counts${queryString(params)}`),
    }),
  one: (id: string, locale: Locale) =>
    queryOptions({
      queryKey: movementKeys.one(id, locale),
      queryFn: () => request<Movement>('GET', `/api/ceasefire/movements/${encodeURIComponent(id)}`),
    }),
};

/** The CSV export of the list's filter, columns in `locale`. */
export const movementExportUrl = (params: MovementQueryParams, locale: Locale) =>
  `/api/ceasefire/movements/export.csv${queryString({ ...params, lang: locale })}`;

export const movementApi = {
  record: (input: MovementInput) => written(request<Movement>('POST', '/api/ceasefire/movements', input), movementKeys.all, ['audit']),
  /** A stale `version` is refused with 409 `version_conflict`. */
  decide: (id: string, version: number, decision: 'approve' | 'refuse', comment: string) =>
    written(
      request<Movement>('POST', `/api/ceasefire/movements/${encodeURIComponent(id)}/decision`, { decision, version, comment }),
      movementKeys.all,
      ['audit'],
    ),
};

export const supportKeys = {
  all: ['malian-support'] as const,
  vocabulary: (locale: Locale) => ['malian-support', 'vocabulary', locale] as const,
  list: (params: MovementQueryParams, locale: Locale) => ['malian-support', 'list', params, locale] as const,
};

export const supportQueries = {
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: supportKeys.vocabulary(locale),
      queryFn: () => request<SupportVocabulary>('GET', '/api/malian-support/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  list: (params: MovementQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: supportKeys.list(params, locale),
      queryFn: () => request<{ items: SupportRequest[]; truncated: boolean }>('GET', `/api/malian-support${queryString(params)}`),
    }),
};

const supportPath = (id: string) => `/api/malian-support/${encodeURIComponent(id)}`;

export const supportApi = {
  record: (input: SupportInput) => written(request<SupportRequest>('POST', '/api/malian-support', input), supportKeys.all, ['audit']),
  hrddp: (id: string, body: { version: number; outcome: string; measures: string }) =>
    written(request<SupportRequest>('POST', `${supportPath(id)}/hrddp`, body), supportKeys.all, ['audit']),
  transition: (id: string, body: { action: string; version: number; comment?: string; outcome?: string }) =>
    written(request<SupportRequest>('POST', `${supportPath(id)}/transitions`, body), supportKeys.all, ['audit']),
};
