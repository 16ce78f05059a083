import { z } from 'zod';
import { unitCodeSchema } from '../../contracts/common.js';
import { figureSchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../server/context.js';
import type { Router } from '../../server/routes.js';
import { listFigures } from './indicators.service.js';

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
}
