import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditCatalogSchema, auditPageSchema, auditVerifySchema, AuditFilter as Filter } from '../../../src/contracts/audit.js';
import { queryString, request } from './client.js';

export type AuditPage = z.output<typeof auditPageSchema>;
export type AuditVerify = z.output<typeof auditVerifySchema>;
export type AuditCatalog = z.output<typeof auditCatalogSchema>;
export type AuditFilter = Filter;

const PAGE_SIZE = 50;

/**
 * Query keys of the audit log. Every write in the app adds entries, so the log is never taken as
 * fresh: it is read again each time it is shown.
 */
export const auditKeys = {
  all: ['audit'] as const,
  pages: (filter: AuditFilter) => ['audit', 'pages', filter] as const,
  verify: () => ['audit', 'verify'] as const,
  catalog: (locale: string) => ['audit', 'catalog', locale] as const,
};

/** The address of the CSV export of what the filter selects (a download, not a query). */
export function auditExportUrl(filter: AuditFilter, lang: string): string {
  return `/api/audit/export.csv${queryString({ ...filter, lang })}`;
}

export const auditQueries = {
  /** The log newest first, older entries page by page (`before` the last one shown). */
  pages: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: auditKeys.pages(filter),
      queryFn: ({ pageParam }) => request<AuditPage>('GET', `/api/audit${queryString({ ...filter, before: pageParam, limit: PAGE_SIZE })}`),
      initialPageParam: undefined as number | undefined,
      getNextPageParam: (last: AuditPage) => last.nextBefore ?? undefined,
      staleTime: 0,
    }),
  /** The actions, record types and accounts the filters offer, in the reader's language. */
  catalog: (locale: string) =>
    queryOptions({ queryKey: auditKeys.catalog(locale), queryFn: () => request<AuditCatalog>('GET', '/api/audit/catalog') }),
  verify: () =>
    queryOptions({ queryKey: auditKeys.verify(), queryFn: () => request<AuditVerify>('GET', '/api/audit/verify'), staleTime: 0 }),
};
