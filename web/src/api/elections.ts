import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CivicInput,
  deliveryInputSchema,
  ElectionsOverview,
  ElectoralEvent,
  ElectoralRequest,
  EventInput,
  RequestInput,
} from '../../../src/contracts/elections.js';
import { request } from './client.js';
import { written } from './queries.js';

export type { ElectionsOverview, ElectoralEvent, ElectoralRequest };

/** Query keys of electoral support; what a reader sees depends on who is signed in (`reader`). */
export const electionKeys = {
  all: ['elections'] as const,
  overview: (reader: string) => ['elections', 'overview', reader] as const,
};

export const electionQueries = {
  overview: (reader: string) =>
    queryOptions({ queryKey: electionKeys.overview(reader), queryFn: () => request<ElectionsOverview>('GET', '/api/elections') }),
};

/** Writes of electoral support; each makes the overview stale. */
export const electionApi = {
  createEvent: (body: EventInput) => written(request<ElectoralEvent>('POST', '/api/elections/events', body), electionKeys.all),
  createRequest: (body: RequestInput) => written(request<ElectoralRequest>('POST', '/api/elections/requests', body), electionKeys.all),
  decide: (id: string, body: { decision: 'accepted' | 'declined'; note: string | null; version: number }) =>
    written(request<ElectoralRequest>('POST', `/api/elections/requests/${id}/decision`, body), electionKeys.all),
  deliver: (id: string, body: z.input<typeof deliveryInputSchema>) =>
    written(request<ElectoralRequest>('POST', `/api/elections/requests/${id}/delivery`, body), electionKeys.all),
  createCivic: (body: CivicInput) => written(request<void>('POST', '/api/elections/civic', body), electionKeys.all),
  linkIncident: (eventId: string, incidentRef: string) =>
    written(request<void>('POST', `/api/elections/events/${eventId}/incidents`, { incidentRef }), electionKeys.all),
};
