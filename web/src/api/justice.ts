import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  Assessment,
  assessmentInputSchema,
  Facility,
  FacilityDetail,
  facilityInputSchema,
  JusticeDashboard,
  JusticeVocabulary,
  populationInputSchema,
} from '../../../src/contracts/justice.js';
import { queryString, request } from './client.js';
import { written } from './queries.js';

export type { Assessment, Facility, FacilityDetail, JusticeDashboard, JusticeVocabulary };
export type FacilityInput = z.input<typeof facilityInputSchema>;
export type AssessmentInput = z.input<typeof assessmentInputSchema>;
export type PopulationInput = z.input<typeof populationInputSchema>;
export interface FacilityFilter {
  category?: string | undefined;
  kind?: string | undefined;
  region?: string | undefined;
  status?: string | undefined;
}

/**
 * Query keys of justice and corrections. What a reader sees depends on who is signed in (`reader`):
 * a visitor sees the public facilities only, with counts of people suppressed where small.
 */
export const justiceKeys = {
  all: ['justice'] as const,
  vocabulary: (locale: Locale) => ['justice', 'vocabulary', locale] as const,
  facilities: (reader: string, locale: Locale, filter: FacilityFilter) => ['justice', 'facilities', reader, locale, filter] as const,
  facility: (reader: string, locale: Locale, id: string) => ['justice', 'facility', reader, locale, id] as const,
  dashboard: (reader: string, locale: Locale) => ['justice', 'dashboard', reader, locale] as const,
};

export const justiceQueries = {
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: justiceKeys.vocabulary(locale),
      queryFn: () => request<JusticeVocabulary>('GET', '/api/justice/vocabulary'),
    }),
  facilities: (reader: string, locale: Locale, filter: FacilityFilter) =>
    queryOptions({
      queryKey: justiceKeys.facilities(reader, locale, filter),
      queryFn: () =>
        request<{ facilities: Facility[]; may: { create: boolean } }>('GET', `/api/justice/facilities${queryString({ ...filter })}`),
    }),
  facility: (reader: string, locale: Locale, id: string) =>
    queryOptions({
      queryKey: justiceKeys.facility(reader, locale, id),
      queryFn: () => request<FacilityDetail>('GET', `/api/justice/facilities/${id}`),
    }),
  dashboard: (reader: string, locale: Locale) =>
    queryOptions({
      queryKey: justiceKeys.dashboard(reader, locale),
      queryFn: () => request<JusticeDashboard>('GET', '/api/justice/dashboard'),
    }),
};

/** Writes of justice and corrections; each makes everything shown of it stale (lists, facility, shares). */
export const justiceApi = {
  createFacility: (body: FacilityInput) => written(request<FacilityDetail>('POST', '/api/justice/facilities', body), justiceKeys.all),
  assess: (id: string, body: AssessmentInput) =>
    written(request<FacilityDetail>('POST', `/api/justice/facilities/${id}/assessments`, body), justiceKeys.all),
  correct: (assessmentId: string, body: AssessmentInput & { version: number }) =>
    written(request<FacilityDetail>('PUT', `/api/justice/assessments/${assessmentId}`, body), justiceKeys.all),
  count: (id: string, body: PopulationInput) =>
    written(request<FacilityDetail>('POST', `/api/justice/facilities/${id}/population`, body), justiceKeys.all),
  linkIncident: (id: string, ref: string) =>
    written(request<FacilityDetail>('POST', `/api/justice/facilities/${id}/incidents`, { ref }), justiceKeys.all),
};
