import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  Engagement,
  EngagementDetail,
  EngagementInput,
  EngagementReference,
  EngagementReport,
  EngagementReportDetail,
  FollowupInput,
  ReportInput,
} from '../../../src/contracts/engagements.js';
import { request } from './client.js';
import { written } from './queries.js';

export type { Engagement, EngagementDetail, EngagementReference, EngagementReport, EngagementReportDetail };

/** Query keys of political engagements; what a reader sees depends on who is signed in (`reader`). */
export const engagementKeys = {
  all: ['engagements'] as const,
  reference: (reader: string, locale: Locale) => ['engagements', 'reference', reader, locale] as const,
  list: (reader: string) => ['engagements', 'list', reader] as const,
  one: (reader: string, id: string) => ['engagements', 'one', reader, id] as const,
  reports: (reader: string) => ['engagements', 'reports', reader] as const,
  report: (reader: string, id: string) => ['engagements', 'report', reader, id] as const,
};

export const engagementQueries = {
  reference: (reader: string, locale: Locale) =>
    queryOptions({
      queryKey: engagementKeys.reference(reader, locale),
      queryFn: () => request<EngagementReference>('GET', '/api/engagements/reference'),
    }),
  list: (reader: string) =>
    queryOptions({
      queryKey: engagementKeys.list(reader),
      queryFn: () => request<{ engagements: Engagement[] }>('GET', '/api/engagements'),
    }),
  one: (reader: string, id: string) =>
    queryOptions({ queryKey: engagementKeys.one(reader, id), queryFn: () => request<EngagementDetail>('GET', `/api/engagements/${id}`) }),
  reports: (reader: string) =>
    queryOptions({
      queryKey: engagementKeys.reports(reader),
      queryFn: () => request<{ reports: EngagementReport[] }>('GET', '/api/engagements/reports'),
    }),
  report: (reader: string, id: string) =>
    queryOptions({
      queryKey: engagementKeys.report(reader, id),
      queryFn: () => request<EngagementReportDetail>('GET', `/api/engagements/reports/${id}`),
    }),
};

/** Writes of political engagements; each makes everything shown of them stale. */
export const engagementApi = {
  create: (body: EngagementInput) => written(request<EngagementDetail>('POST', '/api/engagements', body), engagementKeys.all),
  addFollowup: (id: string, body: FollowupInput) =>
    written(request<EngagementDetail>('POST', `/api/engagements/${id}/followups`, body), engagementKeys.all),
  updateFollowup: (id: string, body: { version: number; status?: string }) =>
    written(request<EngagementDetail>('PATCH', `/api/engagements/followups/${id}`, body), engagementKeys.all),
  assemble: (body: ReportInput) => written(request<EngagementReportDetail>('POST', '/api/engagements/reports', body), engagementKeys.all),
  updateReport: (id: string, body: { version: number; title?: string; body?: string }) =>
    written(request<EngagementReportDetail>('PATCH', `/api/engagements/reports/${id}`, body), engagementKeys.all),
};
