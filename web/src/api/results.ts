import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type { Figure } from '../../../src/contracts/organisation.js';
import type { IndicatorDetail, IndicatorUpdate, Objective, ResultMeasure } from '../../../src/contracts/results.js';
import { request } from './client.js';
import { written } from './queries.js';

export type { IndicatorDetail, Objective, ResultMeasure };

export interface RuleKindInfo {
  kind: string;
  label: string;
  measure: ResultMeasure;
  params: { name: string; label: string; required: boolean; options: string[] | null }[];
}

/**
 * Query keys of the results framework. What a reader sees depends on who is signed in (`reader`).
 * Writes also make the figures stale: a bound figure shows an indicator's value.
 */
export const resultsKeys = {
  all: ['results'] as const,
  framework: (reader: string) => ['results', 'framework', reader] as const,
  indicator: (reader: string, id: string) => ['results', 'indicator', reader, id] as const,
  kinds: (locale: Locale) => ['results', 'kinds', locale] as const,
  figures: (reader: string) => ['results', 'figures', reader] as const,
};

export const resultsQueries = {
  framework: (reader: string) =>
    queryOptions({
      queryKey: resultsKeys.framework(reader),
      queryFn: () => request<{ objectives: Objective[]; may: { defineIn: string[] } }>('GET', '/api/results'),
    }),
  indicator: (reader: string, id: string) =>
    queryOptions({
      queryKey: resultsKeys.indicator(reader, id),
      queryFn: () => request<IndicatorDetail>('GET', `/api/results/indicators/${id}`),
    }),
  kinds: (locale: Locale) =>
    queryOptions({
      queryKey: resultsKeys.kinds(locale),
      queryFn: () => request<{ kinds: RuleKindInfo[] }>('GET', '/api/results/rule-kinds'),
    }),
  /** The fiche's figures, to bind one (the reader's own view of them). */
  figures: (reader: string) =>
    queryOptions({ queryKey: resultsKeys.figures(reader), queryFn: () => request<{ figures: Figure[] }>('GET', '/api/figures') }),
};

const stale = [resultsKeys.all, ['organisation']] as const;

export const resultsApi = {
  createObjective: (body: { unit: string; code?: string; titleFr: string; titleEn: string; classification: string }) =>
    written(request<Objective>('POST', '/api/results/objectives', body), ...stale),
  createIndicator: (objectiveId: string, body: Record<string, unknown>) =>
    written(request<IndicatorDetail>('POST', `/api/results/objectives/${objectiveId}/indicators`, body), ...stale),
  updateIndicator: (id: string, body: IndicatorUpdate) =>
    written(request<IndicatorDetail>('PATCH', `/api/results/indicators/${id}`, body), ...stale),
  enterValue: (id: string, body: Record<string, unknown>) =>
    written(request<IndicatorDetail>('POST', `/api/results/indicators/${id}/values`, body), ...stale),
  bind: (key: string, indicatorId: string) => written(request('PUT', `/api/figures/${key}/binding`, { indicatorId }), ...stale),
  unbind: (key: string) => written(request('DELETE', `/api/figures/${key}/binding`), ...stale),
};
