import { worklistSchema } from '../../contracts/worklist.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { worklistOf } from './worklist.service.js';

export function worklistRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/worklist',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['worklist'],
        summary:
          'What waits for the signed-in account: incidents to verify, drafts, open alerts, queued calls, its cases (only what it may read)',
        response: { 200: worklistSchema },
      },
    },
    async (request) => worklistOf(ctx, requireAuth(request).actor),
  );
}
