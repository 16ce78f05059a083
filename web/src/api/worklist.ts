import { queryOptions } from '@tanstack/react-query';
import type { Worklist } from '../../../src/contracts/worklist.js';
import { request } from './client.js';

export type { Worklist };

/** Query keys of the worklist: what waits for the signed-in account. */
export const worklistKeys = {
  all: ['worklist'] as const,
};

export const worklistQueries = {
  /**
   * What waits for the account (the home page and the badge in the navigation). Read again every
   * minute and whenever the home page opens, since writes anywhere in the app change it.
   */
  mine: () =>
    queryOptions({
      queryKey: worklistKeys.all,
      queryFn: () => request<Worklist>('GET', '/api/worklist'),
      staleTime: 5_000,
      refetchInterval: 60_000,
    }),
};
