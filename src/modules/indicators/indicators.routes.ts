import { z } from 'zod';
import { unitCodeSchema } from '../../contracts/common.js';
import { figureParamsSchema, figureSchema, historySchema, updateFigureBodySchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { figureHistory, listFigures, updateFigure } from './indicators.service.js';

export function indicatorRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/figures',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['indicators'],
        summary: 'Figures (indicator values) with computed percentages and consistency warnings',
        querystring: z.strictObject({ unit: unitCodeSchema.optional() }),
        response: { 200: z.object({ figures: z.array(figureSchema) }) },
      },
    },
    async (request) => ({ figures: await listFigures(ctx, request.auth?.actor ?? null, request.locale, request.query.unit) }),
  );

  app.patch(
    '/api/figures/:key',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['indicators'],
        summary: 'Correct a stored figure (optimistic concurrency on version)',
        params: figureParamsSchema,
        body: updateFigureBodySchema,
        response: { 200: figureSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return updateFigure(ctx, actor, request.params.key, request.body, request.locale);
    },
  );

  app.get(
    '/api/figures/:key/history',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['indicators'],
        summary: 'Who changed a figure, when, from what to what',
        params: figureParamsSchema,
        response: { 200: historySchema },
      },
    },
    async (request) => ({ entries: await figureHistory(ctx, request.auth?.actor ?? null, request.params.key) }),
  );
}
