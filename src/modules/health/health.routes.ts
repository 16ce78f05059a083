import { z } from 'zod';
import { ping } from '../../db/database.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { databaseProbe } from './probe.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

/** How long a database that answered counts as reachable without asking it again. */
const PROBE_FRESH_MS = 1_000;

export function healthRoutes(app: Router, ctx: AppContext): void {
  const databaseAnswers = databaseProbe(() => ping(ctx.database), PROBE_FRESH_MS);
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability (the database is asked at most once a second)',
        response: { 200: healthSchema },
      },
    },
    async () => {
      await databaseAnswers();
      return { status: 'ok' as const, database: ctx.database.dialect, version: ctx.config.version };
    },
  );

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
}
