import { z } from 'zod';
import {
  alertActionSchema,
  alertQuerySchema,
  alertRuleInputSchema,
  alertRuleSchema,
  alertRuleUpdateSchema,
  alertSchema,
  subscriptionsBodySchema,
  subscriptionsSchema,
} from '../../contracts/alerts.js';
import { unitCodeSchema } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { actOnAlert, createRule, listAlerts, listRules, listSubscriptions, setSubscriptions, updateRule } from './alerts.service.js';

const tags = ['alerts'];

export function alertRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/alerts',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The alert inbox of the requester’s units',
        querystring: alertQuerySchema,
        response: { 200: z.object({ alerts: z.array(alertSchema) }) },
      },
    },
    async (request) => ({ alerts: await listAlerts(ctx, requireAuth(request).actor, request.query.status) }),
  );

  app.post(
    '/api/alerts/:id/actions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Acknowledge an alert, or escalate it to another unit',
        params: z.strictObject({ id: z.uuid() }),
        body: alertActionSchema,
        response: { 200: alertSchema },
      },
    },
    async (request) => actOnAlert(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/alert-rules',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Early-warning rules', response: { 200: z.object({ rules: z.array(alertRuleSchema) }) } },
    },
    async (request) => ({ rules: await listRules(ctx, requireAuth(request).actor) }),
  );

  app.post(
    '/api/alert-rules',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Create an early-warning rule (managers of the owning unit)',
        body: alertRuleInputSchema,
        response: { 201: alertRuleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRule(ctx, requireAuth(request).actor, request.body)),
  );

  app.put(
    '/api/alert-rules/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Change or deactivate a rule',
        params: z.strictObject({ id: z.uuid() }),
        body: alertRuleUpdateSchema,
        response: { 200: alertRuleSchema },
      },
    },
    async (request) => updateRule(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.body.rule),
  );

  app.get(
    '/api/alert-subscriptions',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'The areas each of the requester’s units is alerted about', response: { 200: subscriptionsSchema } },
    },
    async (request) => listSubscriptions(ctx, requireAuth(request).actor),
  );

  app.put(
    '/api/alert-subscriptions/:unit',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Set the areas a unit is alerted about (its managers)',
        params: z.strictObject({ unit: unitCodeSchema }),
        body: subscriptionsBodySchema,
        response: { 200: subscriptionsSchema },
      },
    },
    async (request) => setSubscriptions(ctx, requireAuth(request).actor, request.params.unit, request.body.areas),
  );
}
