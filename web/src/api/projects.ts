import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  PortfolioDashboard,
  PortfolioTotals,
  Project,
  ProjectImportReport,
  ProjectInput,
  ProjectMap,
  ProjectVocabulary,
  projectPageSchema,
  projectTransitionBodySchema,
  transactionInputSchema,
} from '../../../src/contracts/projects.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import type { TextHistory } from './organisation.js';
import { type Query, useLoaded, written } from './queries.js';

export type ProjectPage = z.output<typeof projectPageSchema>;
export type ProjectTransitionBody = z.input<typeof projectTransitionBodySchema>;
export type TransactionBody = z.input<typeof transactionInputSchema>;
/** The portfolio's filter as the API reads it; empty values are left out. */
export type ProjectQueryParams = Record<string, string | undefined>;

const PAGE_SIZE = 50;

export const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

/** Query keys of projects and funds. */
export const projectKeys = {
  all: ['projects'] as const,
  vocabulary: (locale: Locale) => ['projects', 'vocabulary', locale] as const,
  pages: (params: ProjectQueryParams, locale: Locale) => ['projects', 'pages', params, locale] as const,
  totals: (params: ProjectQueryParams) => ['projects', 'totals', params] as const,
  dashboard: (params: ProjectQueryParams) => ['projects', 'dashboard', params] as const,
  map: (params: ProjectQueryParams, locale: Locale) => ['projects', 'map', params, locale] as const,
  detail: (id: string, locale: Locale) => ['projects', 'detail', id, locale] as const,
  history: (id: string, version: number) => ['projects', 'history', id, version] as const,
};

export const projectQueries = {
  /** Sectors, the partner registry and gazetteer places, for the form. */
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: projectKeys.vocabulary(locale),
      queryFn: () => request<ProjectVocabulary>('GET', '/api/projects/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  /** The portfolio's keyset pages for a filter. */
  pages: (params: ProjectQueryParams, locale: Locale) =>
    infiniteQueryOptions({
      queryKey: projectKeys.pages(params, locale),
      queryFn: ({ pageParam }) =>
        request<ProjectPage>('GET', `/api/projects${queryString({ ...params, limit: PAGE_SIZE, after: pageParam })}`),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: ProjectPage) => last.next ?? undefined,
      placeholderData: undefined,
    }),
  totals: (params: ProjectQueryParams) =>
    queryOptions({
      queryKey: projectKeys.totals(params),
      queryFn: () => request<PortfolioTotals>('GET', `/api/projects/totals${queryString(params)}`),
    }),
  /** Counts, USD amounts and people by sex, by status, fund, unit and region, for a filter. */
  dashboard: (params: ProjectQueryParams) =>
    queryOptions({
      queryKey: projectKeys.dashboard(params),
      queryFn: () => request<PortfolioDashboard>('GET', `/api/projects/dashboard${queryString(params)}`),
    }),
  /** The places of the filter's projects, for the map. */
  map: (params: ProjectQueryParams, locale: Locale) =>
    queryOptions({
      queryKey: projectKeys.map(params, locale),
      queryFn: () => request<ProjectMap>('GET', `/api/projects/map${queryString(params)}`),
    }),
  detail: (id: string, locale: Locale) =>
    queryOptions({ queryKey: projectKeys.detail(id, locale), queryFn: () => request<Project>('GET', projectPath(id)) }),
  history: (id: string, version: number) =>
    queryOptions({ queryKey: projectKeys.history(id, version), queryFn: () => request<TextHistory>('GET', `${projectPath(id)}/history`) }),
};

export function useProjectVocabulary(): Query<ProjectVocabulary> {
  return useLoaded(projectQueries.vocabulary(useLocale()));
}

const changed = [projectKeys.all, ['audit']] as const;

/** Proposing, editing, moving a project and recording its money; the portfolio and its totals are read again. */
export const projectApi = {
  create: (input: ProjectInput) => written(request<Project>('POST', '/api/projects', input), ...changed),
  /** A stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (id: string, version: number, project: ProjectInput) =>
    written(request<Project>('PUT', projectPath(id), { version, project }), ...changed),
  transition: (id: string, body: ProjectTransitionBody) =>
    written(request<Project>('POST', `${projectPath(id)}/transitions`, body), ...changed),
  transaction: (id: string, body: TransactionBody) =>
    written(request<Project>('POST', `${projectPath(id)}/transactions`, body), ...changed),
  approveException: (id: string, version: number) =>
    written(request<Project>('POST', `${projectPath(id)}/exception`, { version }), ...changed),
  /** Imports a portfolio CSV's text; the report comes back whether projects were imported (200) or not (422). */
  import: (csv: string, unit: string) =>
    written(
      request<ProjectImportReport>('POST', `/api/projects/import${queryString({ unit })}`, csv, {
        contentType: 'text/csv; charset=utf-8',
        answeredBy: [422],
      }),
      ...changed,
    ),
};

/** The IATI activity file of the public projects (the same for every reader). */
export const IATI_EXPORT_PATH = '/api/projects/iati.xml';
