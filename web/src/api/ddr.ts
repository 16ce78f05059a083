import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  DdrPerson,
  DdrProgress,
  DdrVocabulary,
  ddrDuplicateListSchema,
  ddrListQuerySchema,
  ddrPersonInputSchema,
  ddrPersonPageSchema,
  ddrRevealedSchema,
  ddrStepInputSchema,
} from '../../../src/contracts/ddr.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import { markStale, type Query, useLoaded, written } from './queries.js';

export type { DdrPerson, DdrProgress, DdrVocabulary };
export type DdrPersonPage = z.output<typeof ddrPersonPageSchema>;
export type DdrPersonSummary = DdrPersonPage['items'][number];
export type DdrFilter = Omit<z.input<typeof ddrListQuerySchema>, 'limit' | 'offset'>;
export type DdrPersonInput = z.input<typeof ddrPersonInputSchema>;
export type DdrStepInput = z.input<typeof ddrStepInputSchema>;
export type DdrRevealed = z.output<typeof ddrRevealedSchema>;
export type DdrDuplicate = z.output<typeof ddrDuplicateListSchema>['items'][number];

const PAGE_SIZE = 50;
const personPath = (code: string) => `/api/ddr/persons/${encodeURIComponent(code)}`;

/** Query keys of the DDR registry: any write makes the persons, the review queue and the counts stale. */
export const ddrKeys = {
  all: ['ddr'] as const,
  vocabulary: (locale: Locale) => ['ddr', 'vocabulary', locale] as const,
  persons: (filter: DdrFilter) => ['ddr', 'persons', filter] as const,
  person: (code: string) => ['ddr', 'person', code] as const,
  duplicates: ['ddr', 'duplicates'] as const,
  progress: (locale: Locale) => ['ddr', 'progress', locale] as const,
};

export const ddrQueries = {
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: ddrKeys.vocabulary(locale),
      queryFn: () => request<DdrVocabulary>('GET', '/api/ddr/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  /** The persons the requester may read, page after page. */
  persons: (filter: DdrFilter) =>
    infiniteQueryOptions({
      queryKey: ddrKeys.persons(filter),
      queryFn: ({ pageParam }) =>
        request<DdrPersonPage>('GET', `/api/ddr/persons${queryString({ ...filter, limit: PAGE_SIZE, offset: pageParam })}`),
      initialPageParam: 0,
      getNextPageParam: (last: DdrPersonPage, pages: DdrPersonPage[]) => {
        const read = pages.reduce((sum, page) => sum + page.items.length, 0);
        return read < last.total && last.items.length > 0 ? read : undefined;
      },
      placeholderData: undefined,
    }),
  /** A person the requester may not read answers 404, exactly like one that does not exist. */
  person: (code: string) => queryOptions({ queryKey: ddrKeys.person(code), queryFn: () => request<DdrPerson>('GET', personPath(code)) }),
  duplicates: () =>
    queryOptions({ queryKey: ddrKeys.duplicates, queryFn: () => request<{ items: DdrDuplicate[] }>('GET', '/api/ddr/duplicates') }),
  progress: (locale: Locale) =>
    queryOptions({ queryKey: ddrKeys.progress(locale), queryFn: () => request<DdrProgress>('GET', '/api/ddr/progress') }),
};

export function useDdrVocabulary(): Query<DdrVocabulary> {
  return useLoaded(ddrQueries.vocabulary(useLocale()));
}

async function changing<T>(write: Promise<T>): Promise<T> {
  const answer = await write;
  markStale(ddrKeys.all);
  return answer;
}

/** The DDR registry's writes; a person's writes answer with the person as it now is. */
export const ddrApi = {
  register: (body: DdrPersonInput) => changing(request<DdrPerson>('POST', '/api/ddr/persons', body)),
  /** A stale `version` is refused with 409 `version_conflict`; a child's step with 422 `ddr_child` (the record is then referred). */
  step: (code: string, body: DdrStepInput) => written(request<DdrPerson>('POST', `${personPath(code)}/steps`, body), ddrKeys.all),
  /** The identity behind a code; the server records the reason in the audit log. */
  reveal: (code: string, reason: string) => request<DdrRevealed>('POST', `${personPath(code)}/reveal`, { reason }),
  /** Settles once the queue and the counts on screen have been read again. */
  decide: (id: string, decision: 'same' | 'different') =>
    written(request<{ ok: true }>('POST', `/api/ddr/duplicates/${encodeURIComponent(id)}/decision`, { decision }), ddrKeys.all),
  setTarget: (movement: string, target: number) =>
    written(request<{ ok: true }>('PUT', `/api/ddr/targets/${encodeURIComponent(movement)}`, { target }), ddrKeys.all),
};
