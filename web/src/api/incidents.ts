import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  ActorInput,
  ActorRegistry,
  Incident,
  IncidentInput,
  IncidentStats,
  IncidentVocabulary,
  incidentMapSchema,
  incidentPageSchema,
  RegistryActor,
  transitionBodySchema,
} from '../../../src/contracts/incidents.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import type { TextHistory } from './organisation.js';
import { type Query, useLoaded, written } from './queries.js';

export type IncidentPage = z.output<typeof incidentPageSchema>;
export type IncidentTransitionBody = z.input<typeof transitionBodySchema>;
/** Query parameters as the API reads them (filter, sort, page); empty values are left out. */
export type IncidentQueryParams = Record<string, string | number | undefined>;
export type IncidentMapLayers = z.output<typeof incidentMapSchema>;
export type MapCluster = IncidentMapLayers['clusters'][number];
/** A view of the map: its zoom level and west,south,east,north box. */
export type MapView = { zoom: number; bbox: string };

const PAGE_SIZE = 50;

export const incidentPath = (ref: string) => `/api/incidents/${encodeURIComponent(ref)}`;

/** Query keys of the incident log. Early-warning alerts are counted from incidents: see `alertKeys`. */
export const incidentKeys = {
  all: ['incidents'] as const,
  vocabulary: (locale: Locale) => ['incidents', 'vocabulary', locale] as const,
  pages: (params: IncidentQueryParams) => ['incidents', 'pages', params] as const,
  stats: (params: IncidentQueryParams) => ['incidents', 'stats', params] as const,
  dashboard: (params: IncidentQueryParams, interval: 'week' | 'month') => ['incidents', 'stats', params, interval] as const,
  map: (params: IncidentQueryParams, view: MapView) => ['incidents', 'map', params, view] as const,
  detail: (ref: string, locale: Locale) => ['incidents', 'detail', ref, locale] as const,
  history: (ref: string, version: number) => ['incidents', 'history', ref, version] as const,
};

export const incidentQueries = {
  /** Event types, categories, actors, regions, cercles and places, labelled in the interface language. */
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: incidentKeys.vocabulary(locale),
      queryFn: () => request<IncidentVocabulary>('GET', '/api/incidents/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  /** The list's keyset pages for a filter and an order. */
  pages: (params: IncidentQueryParams) =>
    infiniteQueryOptions({
      queryKey: incidentKeys.pages(params),
      queryFn: ({ pageParam }) =>
        request<IncidentPage>('GET', `/api/incidents${queryString({ ...params, limit: PAGE_SIZE, after: pageParam })}`),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: IncidentPage) => last.next ?? undefined,
      // A new filter starts again from its first page rather than showing the previous filter's list.
      placeholderData: undefined,
    }),
  stats: (params: IncidentQueryParams) =>
    queryOptions({
      queryKey: incidentKeys.stats(params),
      queryFn: () => request<IncidentStats>('GET', `/api/incidents/stats${queryString(params)}`),
    }),
  /** The dashboard's counts, which remember the interval they were asked for (until the next arrive, the last are shown as asked). */
  dashboard: (params: IncidentQueryParams, interval: 'week' | 'month') =>
    queryOptions({
      queryKey: incidentKeys.dashboard(params, interval),
      queryFn: async () => ({
        stats: await request<IncidentStats>('GET', `/api/incidents/stats${queryString({ ...params, interval })}`),
        interval,
      }),
    }),
  /** The map's layers for a filter: the clusters of one view, and counts per cercle. */
  map: (params: IncidentQueryParams, view: MapView) =>
    queryOptions({
      queryKey: incidentKeys.map(params, view),
      queryFn: () => request<IncidentMapLayers>('GET', `/api/incidents/map${queryString({ ...params, ...view })}`),
    }),
  detail: (ref: string, locale: Locale) =>
    queryOptions({ queryKey: incidentKeys.detail(ref, locale), queryFn: () => request<Incident>('GET', incidentPath(ref)) }),
  /** Who changed the record and how; read again when its version changes. */
  history: (ref: string, version: number) =>
    queryOptions({
      queryKey: incidentKeys.history(ref, version),
      queryFn: () => request<TextHistory>('GET', `${incidentPath(ref)}/history`),
    }),
};

/** The incident vocabulary in the interface language. */
export function useIncidentVocabulary(): Query<IncidentVocabulary> {
  return useLoaded(incidentQueries.vocabulary(useLocale()));
}

// Submitting or verifying an incident may raise alerts.
const changed = [incidentKeys.all, ['alerts'], ['audit']] as const;

/** Recording incidents and moving them through the workflow; the log, its counts and alerts are read again. */
export const incidentApi = {
  /**
   * `key`: the device's key for this record (the outbox's), so a repeated send makes it once;
   * `enteredAt`: when it was entered, for a record of the outbox sent from its form once fixed.
   */
  create: (input: IncidentInput, key?: string, enteredAt?: string) =>
    written(request<Incident>('POST', '/api/incidents', input, { idempotencyKey: key, enteredAt }), ...changed),
  /** A stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (ref: string, version: number, incident: IncidentInput) =>
    written(request<Incident>('PUT', incidentPath(ref), { version, incident }), ...changed),
  /** The incident as saved now, read past the cache: an edit that lost a race compares with it. */
  current: (ref: string) => request<Incident>('GET', incidentPath(ref)),
  transition: (ref: string, body: IncidentTransitionBody) =>
    written(request<Incident>('POST', `${incidentPath(ref)}/transitions`, body), ...changed),
};

/** Query keys of the actor registry page; its changes also change the vocabulary (under `incidentKeys.all`). */
export const actorKeys = {
  registry: (locale: Locale) => ['actors', 'registry', locale] as const,
};

export const actorQueries = {
  /** Every actor with its aliases, status and the incidents the reader sees name it; `may.keep` for the forms. */
  registry: (locale: Locale) =>
    queryOptions({ queryKey: actorKeys.registry(locale), queryFn: () => request<ActorRegistry>('GET', '/api/actors/registry') }),
};

const actorPath = (code: string) => `/api/actors/${encodeURIComponent(code)}`;
const actorChanged = [['actors'], incidentKeys.all, ['audit']] as const;

/** The registry's keepers' writes: the registry and the vocabulary are read again. */
export const actorApi = {
  add: (input: ActorInput) => written(request<RegistryActor>('POST', '/api/actors', input), ...actorChanged),
  alias: (code: string, alias: string) => written(request<void>('POST', `${actorPath(code)}/aliases`, { alias }), ...actorChanged),
  merge: (code: string, into: string) => written(request<void>('POST', `${actorPath(code)}/merge`, { into }), ...actorChanged),
  setStatus: (code: string, status: 'active' | 'retired') =>
    written(request<void>('POST', `${actorPath(code)}/status`, { status }), ...actorChanged),
};
