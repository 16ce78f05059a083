import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  Programme,
  releaseInputSchema,
  releaseListSchema,
  releaseTableQuerySchema,
  StatsRelease,
  StatsTable,
  statsLatestSchema,
  statsQuerySchema,
} from '../../../src/contracts/protection.js';
import { queryString, request } from './client.js';
import { protectionKeys } from './protection.js';
import { written } from './queries.js';

/** What a statistics table counts and how it breaks the count down (`count`: misconduct only). */
export type ProtectionStatsQuery = Omit<z.input<typeof statsQuerySchema>, 'lang' | 'year'> & { year: number };
export type ProtectionStats = StatsTable;
export type ProtectionStatsRelease = StatsRelease;
/** The breakdowns of a release's table (its programme, quarter and count are the release's). */
export type ReleaseTableQuery = Omit<z.input<typeof releaseTableQuerySchema>, 'lang'>;
export type ReleaseBody = z.input<typeof releaseInputSchema>;

/** Which table: live counts, or a release's; none while the choice is not made. */
export type StatsTableChoice =
  | { view: 'live'; query: ProtectionStatsQuery }
  | { view: 'release'; id: string; query: ReleaseTableQuery }
  | { view: 'none' };

/** Query keys of de-identified statistics, under `protection`: a change to a case changes the live counts. */
export const protectionStatsKeys = {
  releases: () => [...protectionKeys.all, 'releases'] as const,
  table: (choice: StatsTableChoice, locale: Locale) => [...protectionKeys.all, 'stats', choice, locale] as const,
  latest: (programme: Programme) => [...protectionKeys.all, 'stats-latest', programme] as const,
};

export const protectionStatsQueries = {
  /** The released quarters (no counts); any signed-in member. */
  releases: () =>
    queryOptions({
      queryKey: protectionStatsKeys.releases(),
      queryFn: () => request<z.output<typeof releaseListSchema>>('GET', '/api/protection/stats/releases'),
    }),
  /** The latest year with data the reader may see of a programme (releases; live records for the unit's managers). */
  latest: (programme: Programme) =>
    queryOptions({
      queryKey: protectionStatsKeys.latest(programme),
      queryFn: () => request<z.output<typeof statsLatestSchema>>('GET', `/api/protection/stats/latest${queryString({ programme })}`),
    }),
  /**
   * Live counts of one programme and year, suppressed (the unit's managers only, not for
   * publication); or one table of a release, cut from its frozen pattern (a suppressed cell is
   * null; any signed-in member).
   */
  table: (choice: StatsTableChoice, locale: Locale) =>
    queryOptions({
      queryKey: protectionStatsKeys.table(choice, locale),
      queryFn: (): Promise<ProtectionStats | null> => {
        if (choice.view === 'live') return request<ProtectionStats>('GET', `/api/protection/stats${queryString(choice.query)}`);
        if (choice.view === 'release') {
          return request<ProtectionStats>(
            'GET',
            `/api/protection/stats/releases/${encodeURIComponent(choice.id)}${queryString(choice.query)}`,
          );
        }
        return Promise.resolve(null);
      },
    }),
};

/** Releases a closed quarter, once and for good; the unit's managers. */
export function releaseQuarter(body: ReleaseBody): Promise<ProtectionStatsRelease> {
  return written(request<ProtectionStatsRelease>('POST', '/api/protection/stats/releases', body), protectionStatsKeys.releases());
}

/** The same table as a CSV file, labelled in `locale` (suppressed cells written x). */
export function protectionStatsCsvUrl(params: ProtectionStatsQuery, locale: Locale): string {
  return `/api/protection/stats.csv${queryString({ ...params, lang: locale })}`;
}

/** A release's table as a CSV file, labelled in `locale`. */
export function protectionReleaseCsvUrl(id: string, params: ReleaseTableQuery, locale: Locale): string {
  return `/api/protection/stats/releases/${encodeURIComponent(id)}.csv${queryString({ ...params, lang: locale })}`;
}
