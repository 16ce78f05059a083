import { z } from 'zod';
import { unitCodeSchema } from './common.js';

/**
 * Early warning: rules raise alerts for the units subscribed to an area. An alert says that a
 * rule fired, never more of an incident than its recipient may read.
 */

export const ALERT_RULE_KINDS = ['threshold', 'threat_to_civilians'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'escalated'] as const;
/** The whole country, as a subscription area. */
export const WHOLE_COUNTRY = 'MLI';

const area = z.string().min(2).max(40);

export const alertRuleInputSchema = z.strictObject({
  unit: unitCodeSchema,
  name: z.string().trim().min(3).max(200),
  kind: z.enum(ALERT_RULE_KINDS),
  eventType: z.string().max(60).nullable().default(null),
  category: z.string().max(60).nullable().default(null),
  /** A region ISO code or a cercle id; null for anywhere in Mali. */
  area: area.nullable().default(null),
  /** N incidents… */
  threshold: z.number().int().min(1).max(10_000).default(1),
  /** …within D days. */
  windowDays: z.number().int().min(1).max(366).default(7),
  active: z.boolean().default(true),
});
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;

export const alertRuleSchema = z.object({
  id: z.string(),
  unit: z.string(),
  name: z.string(),
  kind: z.enum(ALERT_RULE_KINDS),
  eventType: z.string().nullable(),
  category: z.string().nullable(),
  area: z.string().nullable(),
  areaName: z.string().nullable(),
  threshold: z.number(),
  windowDays: z.number(),
  active: z.boolean(),
  version: z.number(),
  mayEdit: z.boolean(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertRuleUpdateSchema = z.strictObject({ version: z.number().int().min(1), rule: alertRuleInputSchema });

export const subscriptionsSchema = z.object({
  subscriptions: z.array(
    z.object({ unit: z.string(), areas: z.array(z.object({ code: z.string(), name: z.string() })), mayEdit: z.boolean() }),
  ),
});
export const subscriptionsBodySchema = z.strictObject({ areas: z.array(area).max(100) });

export const alertSchema = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), kind: z.enum(ALERT_RULE_KINDS), threshold: z.number(), windowDays: z.number() }),
  unit: z.string(),
  area: z.string(),
  areaName: z.string(),
  /** The incident that made the rule fire, when the reader may read it. */
  incident: z.object({ ref: z.string(), title: z.string() }).nullable(),
  count: z.number(),
  windowFrom: z.string(),
  windowTo: z.string(),
  raisedAt: z.string(),
  status: z.enum(ALERT_STATUSES),
  actedBy: z.string().nullable(),
  actedAt: z.string().nullable(),
  comment: z.string().nullable(),
  escalatedFrom: z.string().nullable(),
  version: z.number(),
  mayAct: z.boolean(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertQuerySchema = z.strictObject({ status: z.enum(ALERT_STATUSES).optional() });

export const alertActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge'), version: z.number().int().min(1), comment: z.string().trim().max(2000).default('') }),
  z.strictObject({
    action: z.literal('escalate'),
    version: z.number().int().min(1),
    comment: z.string().trim().min(1).max(2000),
    to: unitCodeSchema,
  }),
]);
