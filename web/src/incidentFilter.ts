import { CANDIDATE_STATUSES, VERIFIED_STATUSES } from '../../src/contracts/incidents.js';
import { FILTER_KEYS, type FilterKey, filterFromSearch, filterParams } from './incidents.js';
import { navigate, useLocation } from './router.js';

/**
 * The incident filter of the map and dashboard, read from and written to the address with the
 * list's parameter names (the API's own, lists comma-separated): a filter set on one of these
 * pages holds on the others.
 */

/** The filter's parameters, as written in the address (lists stay comma-separated). */
export type IncidentFilterQuery = Partial<Record<FilterKey, string>>;

/** The status choices of the map and dashboard, as `status` values. */
export const STATUS_CHOICES = {
  all: [...CANDIDATE_STATUSES, ...VERIFIED_STATUSES].join(','),
  verified: VERIFIED_STATUSES.join(','),
  candidates: CANDIDATE_STATUSES.join(','),
} as const;
export type StatusChoice = keyof typeof STATUS_CHOICES;

/** The parameters the map and dashboard edit themselves; the others (set on the list) are kept as they are. */
export const EDITED_KEYS: readonly FilterKey[] = ['from', 'to', 'eventType', 'status'];

export interface IncidentFilterState {
  /** The filter parameters present in the address, as written. */
  values: IncidentFilterQuery;
  /**
   * What the map and dashboard ask the server: the address's filter, and without a status,
   * candidates and verified incidents only (drafts and rejected reports are not situational
   * awareness).
   */
  query: IncidentFilterQuery;
  /** Sets (or, with '', removes) one parameter, keeping the rest of the address. */
  set: (key: FilterKey, value: string) => void;
  /** Removes every filter parameter. */
  clear: () => void;
}

export function useIncidentFilter(): IncidentFilterState {
  const { pathname, search } = useLocation();
  const values: IncidentFilterQuery = filterParams(filterFromSearch(search));
  // Each change is a step in the history, as on the list: the back button undoes it.
  const go = (next: URLSearchParams) => {
    const text = next.toString();
    navigate(text ? `${pathname}?${text}` : pathname);
  };
  return {
    values,
    query: { ...values, status: values.status ?? STATUS_CHOICES.all },
    set: (key, value) => {
      const next = new URLSearchParams(search);
      if (value === '') next.delete(key);
      else next.set(key, value);
      go(next);
    },
    clear: () => {
      const next = new URLSearchParams(search);
      for (const key of FILTER_KEYS) next.delete(key);
      go(next);
    },
  };
}

/** The address of another incident page with the same filter, e.g. from the map to the dashboard. */
export function withFilter(path: string, values: IncidentFilterQuery, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...values, ...extra } as Record<string, string>);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
