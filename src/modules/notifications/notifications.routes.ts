import { notificationSettingsBodySchema, notificationSettingsSchema } from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { notificationSettings, setNotificationSettings } from './notifications.service.js';

const tags = ['account'];

export function notificationRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/account/notifications',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Whether the account is told by e-mail when something waits for it',
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request) => notificationSettings(ctx, requireAuth(request).actor),
  );

  app.put(
    '/api/account/notifications',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Turn the account’s e-mail notifications on or off (a link, never content)',
        body: notificationSettingsBodySchema,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request) => setNotificationSettings(ctx, requireAuth(request).actor, request.body.email),
  );
}
