import { queryOptions } from '@tanstack/react-query';
import type { Worklist } from '../../../src/contracts/worklist.js';
import { request } from './client.js';
import { written } from './queries.js';

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

/** The account's e-mail notifications (a link, never content), and whether the server can send mail. */
export type NotificationSettings = { email: boolean; available: boolean };

export const notificationKeys = { all: ['account', 'notifications'] as const };

export const notificationQueries = {
  mine: () =>
    queryOptions({
      queryKey: notificationKeys.all,
      queryFn: () => request<NotificationSettings>('GET', '/api/account/notifications'),
    }),
};

export function setNotifications(email: boolean): Promise<NotificationSettings> {
  return written(request<NotificationSettings>('PUT', '/api/account/notifications', { email }), notificationKeys.all);
}
