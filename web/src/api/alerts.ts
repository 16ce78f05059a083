import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ALERT_STATUSES,
  Alert,
  AlertRule,
  AlertRuleInput,
  alertActionSchema,
  subscriptionsSchema,
} from '../../../src/contracts/alerts.js';
import { queryString, request } from './client.js';
import { markStale, written } from './queries.js';

export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertAction = z.input<typeof alertActionSchema>;
export type AlertSubscriptions = z.output<typeof subscriptionsSchema>;
export type AlertSubscription = AlertSubscriptions['subscriptions'][number];

/** Query keys of early warning: the inbox, the rules, and the areas each unit follows. */
export const alertKeys = {
  all: ['alerts'] as const,
  inbox: (status: AlertStatus | undefined) => ['alerts', 'inbox', status ?? null] as const,
  rules: () => ['alerts', 'rules'] as const,
  subscriptions: () => ['alerts', 'subscriptions'] as const,
};

export const alertQueries = {
  /** The inbox of the requester's units. */
  inbox: (status?: AlertStatus) =>
    queryOptions({
      queryKey: alertKeys.inbox(status),
      queryFn: () => request<{ alerts: Alert[] }>('GET', `/api/alerts${queryString({ status })}`),
    }),
  rules: () => queryOptions({ queryKey: alertKeys.rules(), queryFn: () => request<{ rules: AlertRule[] }>('GET', '/api/alert-rules') }),
  subscriptions: () =>
    queryOptions({ queryKey: alertKeys.subscriptions(), queryFn: () => request<AlertSubscriptions>('GET', '/api/alert-subscriptions') }),
};

const rulePath = (id: string) => `/api/alert-rules/${encodeURIComponent(id)}`;

/** Acting on alerts and changing what raises them. */
export const alertApi = {
  /**
   * Acknowledge, or escalate to another unit; a stale `version` is a 409. The inbox on screen keeps
   * the alert (its card shows what was done): it is read again when next shown.
   */
  act: async (id: string, body: AlertAction) => {
    const alert = await request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/actions`, body);
    markStale([...alertKeys.all, 'inbox']);
    return alert;
  },
  createRule: (rule: AlertRuleInput) => written(request<AlertRule>('POST', '/api/alert-rules', rule), alertKeys.rules()),
  updateRule: (id: string, version: number, rule: AlertRuleInput) =>
    written(request<AlertRule>('PUT', rulePath(id), { version, rule }), alertKeys.rules()),
  setSubscriptions: (unit: string, areas: readonly string[]) =>
    written(
      request<AlertSubscriptions>('PUT', `/api/alert-subscriptions/${encodeURIComponent(unit)}`, { areas }),
      alertKeys.subscriptions(),
    ),
};
