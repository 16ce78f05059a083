import {
  type InfiniteData,
  keepPreviousData,
  QueryClient,
  type QueryKey,
  type UseInfiniteQueryOptions,
  type UseQueryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Problem } from '../../../src/contracts/common.js';
import { ApiError, toProblem } from './client.js';

/**
 * The app's one QueryClient and how screens read it. An answer is fresh for half a minute, then
 * read again when a screen needs it; a problem the server states (4xx) is the answer, never retried;
 * a lost connection or an unavailable server is tried twice more. While the parameters of a query
 * change (a filter, the language), the previous answer stays on screen until the new one arrives.
 * Requests go out even when the browser says it is offline (`networkMode: 'always'`): the service
 * worker answers reads from its copies and the outbox keeps writes; a request held back by the
 * query library would reach neither, and a form would wait for the network without keeping its record.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      placeholderData: keepPreviousData,
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || [502, 503, 504].includes(error.status)),
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

/**
 * Marks everything under these keys as stale: what is on screen is read again now, the rest when
 * next shown. Writes call it with the keys of what they changed; it settles once what is on screen
 * has been read again, so that a write's confirmation never shows beside the screen as it was.
 */
export async function invalidate(...keys: QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/**
 * Marks everything under these keys as stale without reading again what is on screen: for writes
 * whose screen shows the record as the write returned it (a case, a call, an acknowledged alert),
 * and which might no longer be readable once changed (a call forwarded to another unit's queue).
 */
export function markStale(...keys: QueryKey[]): void {
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey, refetchType: 'none' });
}

/** A write whose answer, once it arrives, makes these keys stale; it settles once what is on screen has been read again. */
export async function written<T>(write: Promise<T>, ...keys: QueryKey[]): Promise<T> {
  const answer = await write;
  await invalidate(...keys);
  return answer;
}

/** A request's state as the screens show it: loading, its problem, or its answer. */
export type Loaded<T> = { status: 'loading' } | { status: 'failed'; problem: Problem } | { status: 'done'; data: T };

export type Query<T> = Loaded<T> & {
  /** Reads it again; the previous result stays on screen until the new one arrives. */
  reload: () => void;
  /** True while any request (first or reload) is in flight. */
  pending: boolean;
};

/** Reads a query for a screen: `Show` displays its loading state, problem or answer. */
export function useLoaded<T, TKey extends QueryKey>(options: UseQueryOptions<T, Error, T, TKey>): Query<T> {
  const result = useQuery(options);
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  const pending = result.isFetching;
  if (result.status === 'pending') return { status: 'loading', reload, pending };
  if (result.status === 'error') return { status: 'failed', problem: toProblem(result.error), reload, pending };
  return { status: 'done', data: result.data, reload, pending };
}

/** Two results as one: loading until both are done, failed as soon as either fails. */
export function both<A, B>(a: Loaded<A>, b: Loaded<B>): Loaded<[A, B]> {
  if (a.status === 'failed') return a;
  if (b.status === 'failed') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'done', data: [a.data, b.data] };
}

/** A paged list: its pages so far as one answer, and the next page on request. */
export interface Pages<T> {
  loaded: Loaded<T>;
  loadMore: () => void;
  loadingMore: boolean;
  /** The next page failed: the pages already shown stay. */
  moreProblem: Problem | null;
  /** True while any page is being read. */
  pending: boolean;
}

/**
 * A list read page by page (`useInfiniteQuery`): the first page again whenever the key changes,
 * the next ones appended on request, the pages read so far put together by `combine`.
 */
export function usePages<TPage, TParam, TKey extends QueryKey, T>(
  options: UseInfiniteQueryOptions<TPage, Error, InfiniteData<TPage>, TKey, TParam>,
  combine: (pages: readonly TPage[]) => T,
): Pages<T> {
  const result = useInfiniteQuery(options);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = result;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);
  const moreProblem = result.isFetchNextPageError ? toProblem(result.error) : null;
  const loaded: Loaded<T> =
    result.data !== undefined && (result.status === 'success' || result.isFetchNextPageError)
      ? { status: 'done', data: combine(result.data.pages) }
      : result.status === 'error'
        ? { status: 'failed', problem: toProblem(result.error) }
        : { status: 'loading' };
  return { loaded, loadMore, loadingMore: isFetchingNextPage, moreProblem, pending: result.isFetching };
}
