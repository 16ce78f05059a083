import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { callInputSchema, callListQuerySchema, callPageSchema, HotlineCall } from '../../../src/contracts/protection.js';
import { queryString, request } from './client.js';
import { protectionKeys } from './protection.js';
import { markStale, written } from './queries.js';

export type HotlineCallInput = z.input<typeof callInputSchema>;
export type HotlineCallQuery = z.input<typeof callListQuerySchema>;
export type HotlineCallPage = z.output<typeof callPageSchema>;
export type HotlineCallSummary = HotlineCallPage['items'][number];

const callPath = (ref: string) => `/api/protection/calls/${encodeURIComponent(ref)}`;

/** Query keys of hotline intake, under `protection`: accepting a call opens a case. */
export const hotlineKeys = {
  calls: (params: HotlineCallQuery) => [...protectionKeys.all, 'calls', params] as const,
  call: (ref: string) => [...protectionKeys.all, 'call', ref] as const,
};

export const hotlineQueries = {
  /** The calls I took (`mine`), or the intake queue of a unit I work in. */
  calls: (params: HotlineCallQuery) =>
    queryOptions({
      queryKey: hotlineKeys.calls(params),
      queryFn: () => request<HotlineCallPage>('GET', `/api/protection/calls${queryString(params)}`),
    }),
  call: (ref: string) => queryOptions({ queryKey: hotlineKeys.call(ref), queryFn: () => request<HotlineCall>('GET', callPath(ref)) }),
};

/** A change to a call shown on its own page: queues, cases and counts are read again when next shown. */
async function handling<T>(write: Promise<T>): Promise<T> {
  const answer = await write;
  markStale(protectionKeys.all);
  return answer;
}

/** Recording calls and handling the intake queue; a call the requester may not read answers 404. */
export const hotlineApi = {
  /** The operator's calls beside the form are read again at once. */
  record: (body: HotlineCallInput) =>
    written(request<HotlineCall>('POST', '/api/protection/calls', body), [...protectionKeys.all, 'calls']),
  /** Opens a case of the receiving unit from a queued call. */
  accept: (ref: string, version: number) => handling(request<{ caseRef: string }>('POST', `${callPath(ref)}/accept`, { version })),
  dismiss: (ref: string, version: number) => handling(request<HotlineCall>('POST', `${callPath(ref)}/dismiss`, { version })),
  /** Reclassifies a queued call: it moves to the queue of the unit its new concern belongs to. */
  forward: (ref: string, version: number, concern: string) =>
    handling(request<{ routedTo: string }>('POST', `${callPath(ref)}/forward`, { version, concern })),
};
