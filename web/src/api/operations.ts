import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  FindingCounts,
  Operation,
  OperationCounts,
  OperationInput,
  OperationVocabulary,
  operationPageSchema,
  operationTransitionBodySchema,
  Verification,
  VerificationInput,
} from '../../../src/contracts/operations.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import { type Query, useLoaded, written } from './queries.js';

export type OperationPage = z.output<typeof operationPageSchema>;
export type OperationTransitionInput = z.input<typeof operationTransitionBodySchema>;
/** The log's filter as the API reads it; empty values are left out. */
export type OperationQueryParams = Record<string, string | undefined>;

const PAGE_SIZE = 50;

export const operationPath = (id: string) => `/api/operations/${encodeURIComponent(id)}`;

/** Query keys of the operations log. */
export const operationKeys = {
  all: ['operations'] as const,
  vocabulary: (locale: Locale) => ['operations', 'vocabulary', locale] as const,
  pages: (params: OperationQueryParams, locale: Locale) => ['operations', 'pages', params, locale] as const,
  counts: (params: OperationQueryParams) => ['operations', 'counts', params] as const,
  current: (locale: Locale) => ['operations', 'current', locale] as const,
  detail: (id: string, locale: Locale) => ['operations', 'detail', id, locale] as const,
};

export const operationQueries = {
  /** Types, statuses, sectors and the gazetteer's places, for the form and the filters. */
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: operationKeys.vocabulary(locale),
      queryFn: () => request<OperationVocabulary>('GET', '/api/operations/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  /** The log's keyset pages for a filter. */
  pages: (params: OperationQueryParams, locale: Locale) =>
    infiniteQueryOptions({
      queryKey: operationKeys.pages(params, locale),
      queryFn: ({ pageParam }) =>
        request<OperationPage>('GET', `/api/operations${queryString({ ...params, limit: PAGE_SIZE, after: pageParam })}`),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: OperationPage) => last.next ?? undefined,
      placeholderData: undefined,
    }),
  /** Operations not over yet (planned, ordered, under way) that the reader may read: what a request can be linked to. */
  current: (locale: Locale) =>
    queryOptions({
      queryKey: operationKeys.current(locale),
      queryFn: () => request<OperationPage>('GET', `/api/operations${queryString({ status: 'planned,ordered,under_way', limit: 200 })}`),
    }),
  counts: (params: OperationQueryParams) =>
    queryOptions({
      queryKey: operationKeys.counts(params),
      queryFn: () => request<OperationCounts>('GET', `/api/operations/counts${queryString(params)}`),
    }),
  detail: (id: string, locale: Locale) =>
    queryOptions({ queryKey: operationKeys.detail(id, locale), queryFn: () => request<Operation>('GET', operationPath(id)) }),
};

export function useOperationVocabulary(): Query<OperationVocabulary> {
  return useLoaded(operationQueries.vocabulary(useLocale()));
}

const changed = [operationKeys.all, ['audit']] as const;

/** Planning, changing the plan and moving an operation; the log and its counts are read again. */
export const operationApi = {
  create: (input: OperationInput) => written(request<Operation>('POST', '/api/operations', input), ...changed),
  /** A stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (id: string, version: number, operation: OperationInput) =>
    written(request<Operation>('PUT', operationPath(id), { version, operation }), ...changed),
  /** `key`: the device's key for this move (a report that may be kept in the outbox and sent again). */
  transition: (id: string, body: OperationTransitionInput, key?: string) =>
    written(request<Operation>('POST', `${operationPath(id)}/transitions`, body, key ? { idempotencyKey: key } : {}), ...changed),
};

/** Ceasefire monitoring: verification missions and the findings by party over a period. */
export const ceasefireKeys = {
  all: ['ceasefire'] as const,
  verifications: (params: OperationQueryParams, locale: Locale) => ['ceasefire', 'verifications', params, locale] as const,
  findings: (params: OperationQueryParams, locale: Locale) => ['ceasefire', 'findings', params, locale] as const,
};

export const ceasefireQueries = {
  verifications: (params: OperationQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: ceasefireKeys.verifications(params, locale),
      queryFn: () => request<{ items: Verification[] }>('GET', `/api/ceasefire/verifications${queryString(params)}`),
    }),
  findings: (params: OperationQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: ceasefireKeys.findings(params, locale),
      queryFn: () => request<FindingCounts>('GET', `/api/ceasefire/findings${queryString(params)}`),
    }),
};

export const ceasefireApi = {
  record: (input: VerificationInput) =>
    written(request<Verification>('POST', '/api/ceasefire/verifications', input), ceasefireKeys.all, ['audit']),
};
