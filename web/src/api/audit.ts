import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditPageSchema, auditQuerySchema, auditVerifySchema } from '../../../src/contracts/audit.js';
import { queryString, request } from './client.js';

export type AuditPage = z.output<typeof auditPageSchema>;
export type AuditVerify = z.output<typeof auditVerifySchema>;
export type AuditQuery = z.input<typeof auditQuerySchema>;
export type AuditFilter = Pick<AuditQuery, 'action' | 'actor'>;

const PAGE_SIZE = 50;

/**
 * Query keys of the audit log. Every write in the app adds entries, so the log is never taken as
 * fresh: it is read again each time it is shown.
 */
export const auditKeys = {
  all: ['audit'] as const,
  pages: (filter: AuditFilter) => ['audit', 'pages', filter] as const,
  verify: () => ['audit', 'verify'] as const,
};

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
  verify: () =>
    queryOptions({ queryKey: auditKeys.verify(), queryFn: () => request<AuditVerify>('GET', '/api/audit/verify'), staleTime: 0 }),
};
