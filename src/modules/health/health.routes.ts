import { z } from 'zod';
import { ping } from '../../db/database.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

export function healthRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: healthSchema } },
    },
    async () => {
      await ping(ctx.database);
      return { status: 'ok' as const, database: ctx.database.dialect, version: ctx.config.version };
    },
  );

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
}
