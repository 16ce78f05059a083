import { z } from 'zod';
import { okSchema } from '../../contracts/common.js';
import { figureParamsSchema } from '../../contracts/organisation.js';
import {
  bindingInputSchema,
  bindingListSchema,
  bindingSchema,
  frameworkQuerySchema,
  frameworkSchema,
  indicatorDetailSchema,
  indicatorInputSchema,
  indicatorUpdateSchema,
  objectiveInputSchema,
  objectiveSchema,
  objectiveUpdateSchema,
  ruleKindsSchema,
  valueInputSchema,
} from '../../contracts/results.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { updateIndicator } from './results.indicators.js';
import {
  bindFigure,
  createIndicator,
  createObjective,
  enterValue,
  framework,
  getIndicator,
  getObjective,
  listBindings,
  ruleKinds,
  unbindFigure,
  updateObjective,
} from './results.service.js';

const tags = ['results'];
const idParams = z.strictObject({ id: z.uuid() });

/**
 * The results framework. Reads are open at the gate and filtered per record (internal unless
 * marked public; a computed value counts only what the reader may read); writes need an account,
 * and the service asks the policy.
 */
export function resultRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/results',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The results framework the requester may read: objectives with their indicators and progress against target',
        querystring: frameworkQuerySchema,
        response: { 200: frameworkSchema },
      },
    },
    async (request) => framework(ctx, request.auth?.actor ?? null, request.locale, request.query.unit),
  );

  app.get(
    '/api/results/rule-kinds',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The kinds of rule an indicator may be computed by, with their parameters',
        response: { 200: ruleKindsSchema },
      },
    },
    async (request) => ruleKinds(request.locale),
  );

  app.post(
    '/api/results/objectives',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Define an objective of a unit or of the mission (the unit’s officers and managers)',
        body: objectiveInputSchema,
        response: { 201: objectiveSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await createObjective(ctx, actor, request.body, request.locale));
    },
  );

  app.get(
    '/api/results/objectives/:id',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'An objective with its indicators', params: idParams, response: { 200: objectiveSchema } },
    },
    async (request) => getObjective(ctx, request.auth?.actor ?? null, request.params.id, request.locale),
  );

  app.patch(
    '/api/results/objectives/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Change an objective’s code or titles (optimistic concurrency on version)',
        params: idParams,
        body: objectiveUpdateSchema,
        response: { 200: objectiveSchema },
      },
    },
    async (request) => updateObjective(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/results/objectives/:id/indicators',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Add an indicator to an objective: entered by hand, or computed by a rule over records',
        params: idParams,
        body: indicatorInputSchema,
        response: { 201: indicatorDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await createIndicator(ctx, actor, request.params.id, request.body, request.locale));
    },
  );

  app.get(
    '/api/results/indicators/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'An indicator with its values, or its derivation and the records behind it the requester may read',
        params: idParams,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => getIndicator(ctx, request.auth?.actor ?? null, request.params.id, request.locale),
  );

  app.patch(
    '/api/results/indicators/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Change an indicator’s titles, unit of measure, baseline, target, period or project (those who may define it; optimistic concurrency on version)',
        params: idParams,
        body: indicatorUpdateSchema,
        response: { 200: indicatorDetailSchema },
      },
    },
    async (request) => updateIndicator(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/results/indicators/:id/values',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Enter a value of an indicator entered by hand (value, period, source, evidence; women and men where people are counted)',
        params: idParams,
        body: valueInputSchema,
        response: { 201: indicatorDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await enterValue(ctx, actor, request.params.id, request.body, request.locale));
    },
  );

  app.get(
    '/api/results/bindings',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Fiche figures bound to an indicator or a rule', response: { 200: bindingListSchema } },
    },
    async (request) => listBindings(ctx, request.locale),
  );

  app.put(
    '/api/figures/:key/binding',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Bind a fiche figure to an indicator or a rule: the fiche then shows the computed value (who may correct the figure)',
        params: figureParamsSchema,
        body: bindingInputSchema,
        response: { 200: bindingSchema },
      },
    },
    async (request) => bindFigure(ctx, requireAuth(request).actor, request.params.key, request.body, request.locale),
  );

  app.delete(
    '/api/figures/:key/binding',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Unbind a fiche figure: it shows its sourced value again',
        params: figureParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await unbindFigure(ctx, requireAuth(request).actor, request.params.key);
      return { ok: true as const };
    },
  );
}
