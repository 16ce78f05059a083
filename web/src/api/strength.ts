import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  IMPORT_MODES,
  importReportSchema,
  StrengthCategory,
  StrengthSnapshotInput,
  strengthQuerySchema,
  strengthSnapshotSchema,
  strengthSummarySchema,
} from '../../../src/contracts/strength.js';
import { queryString, request } from './client.js';
import { written } from './queries.js';

export type StrengthSnapshot = z.output<typeof strengthSnapshotSchema>;
export type StrengthQuery = z.input<typeof strengthQuerySchema>;
export type StrengthSummaryRow = z.output<typeof strengthSummarySchema>['rows'][number];
/** An entry of `GET /api/strength/contributors` (its schema lives in the route). */
export type StrengthContributor = { category: StrengthCategory; country: string; name: string; asOf: string };
export type ImportMode = (typeof IMPORT_MODES)[number];
export type ImportReport = z.output<typeof importReportSchema>;

/**
 * Query keys of personnel strength. What a reader sees depends on who is signed in (`reader`):
 * a signed-in member sees the restricted snapshots too.
 */
export const strengthKeys = {
  all: ['strength'] as const,
  summary: (reader: string) => ['strength', 'summary', reader] as const,
  snapshots: (reader: string, params: StrengthQuery = {}) => ['strength', 'snapshots', reader, params] as const,
  contributors: (locale: Locale) => ['strength', 'contributors', locale] as const,
  chart: (category: StrengthCategory, locale: Locale, reader: string) => ['strength', 'chart', category, locale, reader] as const,
};

export const strengthQueries = {
  summary: (reader: string) =>
    queryOptions({
      queryKey: strengthKeys.summary(reader),
      queryFn: () => request<z.output<typeof strengthSummarySchema>>('GET', '/api/strength/summary'),
    }),
  snapshots: (reader: string, params: StrengthQuery = {}) =>
    queryOptions({
      queryKey: strengthKeys.snapshots(reader, params),
      queryFn: () => request<{ snapshots: StrengthSnapshot[] }>('GET', `/api/strength${queryString(params)}`),
    }),
  /** Contributing countries, named in the interface language. */
  contributors: (locale: Locale) =>
    queryOptions({
      queryKey: strengthKeys.contributors(locale),
      queryFn: () => request<{ contributors: StrengthContributor[] }>('GET', '/api/strength/contributors'),
    }),
  /** The history chart of one category as SVG text, worded in the interface language. */
  chart: (category: StrengthCategory, locale: Locale, reader: string) =>
    queryOptions({
      queryKey: strengthKeys.chart(category, locale, reader),
      queryFn: () =>
        request<string>('GET', `/api/strength/chart.svg${queryString({ category, lang: locale })}`, undefined, { textOf: 'image/svg+xml' }),
    }),
};

/** Recording strength: one snapshot, or a CSV file. Everything shown of strength is read again after. */
export const strengthApi = {
  /** `key`: the device's key for this snapshot (the outbox's), so a repeated send records it once. */
  record: (body: StrengthSnapshotInput, key?: string) =>
    written(request<StrengthSnapshot>('POST', '/api/strength', body, { idempotencyKey: key }), strengthKeys.all, ['organisation']),
  /** Imports a CSV file's text; the report comes back whether rows were imported (200) or not (422). */
  import: (csv: string, mode: ImportMode) =>
    written(
      request<ImportReport>('POST', `/api/strength/import${queryString({ mode })}`, csv, {
        contentType: 'text/csv; charset=utf-8',
        answeredBy: [422],
      }),
      strengthKeys.all,
      ['organisation'],
    ),
};
