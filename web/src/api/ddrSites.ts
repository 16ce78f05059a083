import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  CustodyInput,
  custodyInputSchema,
  SiteDetail,
  SiteList,
  SiteSummary,
  SiteVocabulary,
  siteInputSchema,
  Weapon,
  WeaponCounts,
  WeaponSummary,
  weaponInputSchema,
} from '../../../src/contracts/ddr-sites.js';
import { useLocale } from '../i18n.js';
import { request } from './client.js';
import { ddrKeys } from './ddr.js';
import { type Query, useLoaded, written } from './queries.js';

export type { CustodyInput, SiteDetail, SiteList, SiteSummary, SiteVocabulary, Weapon, WeaponCounts, WeaponSummary };
export type SiteInputBody = z.input<typeof siteInputSchema>;
export type WeaponInputBody = z.input<typeof weaponInputSchema>;
export type CustodyInputBody = z.input<typeof custodyInputSchema>;

/** Query keys under the DDR registry's: a step, a hand-in or a hand-over makes the counts stale too. */
export const siteKeys = {
  vocabulary: (locale: Locale) => ['ddr', 'sites', 'vocabulary', locale] as const,
  sites: (locale: Locale) => ['ddr', 'sites', 'list', locale] as const,
  site: (id: string) => ['ddr', 'sites', 'one', id] as const,
  counts: (period: 'quarter' | 'year', locale: Locale) => ['ddr', 'weapons', 'counts', period, locale] as const,
  weapon: (code: string) => ['ddr', 'weapons', 'one', code] as const,
  weaponsOf: (code: string) => ['ddr', 'weapons', 'of', code] as const,
};

export const siteQueries = {
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: siteKeys.vocabulary(locale),
      queryFn: () => request<SiteVocabulary>('GET', '/api/ddr/sites/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  sites: (locale: Locale) => queryOptions({ queryKey: siteKeys.sites(locale), queryFn: () => request<SiteList>('GET', '/api/ddr/sites') }),
  site: (id: string) =>
    queryOptions({ queryKey: siteKeys.site(id), queryFn: () => request<SiteDetail>('GET', `/api/ddr/sites/${encodeURIComponent(id)}`) }),
  counts: (period: 'quarter' | 'year', locale: Locale) =>
    queryOptions({
      queryKey: siteKeys.counts(period, locale),
      queryFn: () => request<WeaponCounts>('GET', `/api/ddr/weapons/counts?period=${period}`),
    }),
  weapon: (code: string) =>
    queryOptions({
      queryKey: siteKeys.weapon(code),
      queryFn: () => request<Weapon>('GET', `/api/ddr/weapons/${encodeURIComponent(code)}`),
    }),
  weaponsOf: (personCode: string) =>
    queryOptions({
      queryKey: siteKeys.weaponsOf(personCode),
      queryFn: () => request<{ items: WeaponSummary[] }>('GET', `/api/ddr/persons/${encodeURIComponent(personCode)}/weapons`),
    }),
};

export function useSiteVocabulary(): Query<SiteVocabulary> {
  return useLoaded(siteQueries.vocabulary(useLocale()));
}

export const siteApi = {
  create: (body: SiteInputBody) => written(request<SiteDetail>('POST', '/api/ddr/sites', body), ddrKeys.all),
  handIn: (personCode: string, body: WeaponInputBody) =>
    written(request<Weapon>('POST', `/api/ddr/persons/${encodeURIComponent(personCode)}/weapons`, body), ddrKeys.all),
  /** A hand-over from anywhere but where the weapon is answers 409 `ddr_custody_not_there`; after destruction, `ddr_weapon_destroyed`. */
  move: (code: string, body: CustodyInputBody) =>
    written(request<Weapon>('POST', `/api/ddr/weapons/${encodeURIComponent(code)}/custody`, body), ddrKeys.all),
};
