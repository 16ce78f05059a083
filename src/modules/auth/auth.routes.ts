import {
  changePasswordBodySchema,
  loginBodySchema,
  meSchema,
  setupBodySchema,
  setupStatusSchema,
  totpDisableBodySchema,
  totpEnableBodySchema,
  totpSetupSchema,
  updateMeBodySchema,
} from '../../contracts/auth.js';
import type { AppContext } from '../../server/context.js';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../../server/http-auth.js';
import type { RouteDeps, Router } from '../../server/routes.js';
import { changePassword, disableTotp, enableTotp, login, logout, presentMe, setLocale, startTotp } from './auth.service.js';
import { completeSetup, setupNeeded } from './setup.service.js';

const tags = ['auth'];

export function authRoutes(app: Router, ctx: AppContext, { throttle }: RouteDeps): void {
  app.get(
    '/api/setup/status',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Whether first-run setup is pending', response: { 200: setupStatusSchema } },
    },
    async () => ({ needed: await setupNeeded(ctx) }),
  );

  app.post(
    '/api/setup',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Create the first administrator with the one-time setup token',
        body: setupBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await completeSetup(ctx, request.body);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Sign in; sets the session cookie', body: loginBodySchema, response: { 200: meSchema } },
    },
    async (request, reply) => {
      const { token, me } = await login(ctx, throttle, request.body, request.ip);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { signedIn: true } }, schema: { tags, summary: 'Sign out; revokes the session' } },
    async (request, reply) => {
      await logout(ctx, requireAuth(request));
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: { signedIn: true } }, schema: { tags, summary: 'The signed-in account', response: { 200: meSchema } } },
    async (request) => {
      const auth = requireAuth(request);
      return presentMe(ctx, auth.user.id, auth.session?.csrfToken ?? null);
    },
  );

  app.patch(
    '/api/auth/me',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Change the account’s language', body: updateMeBodySchema, response: { 200: meSchema } },
    },
    async (request) => setLocale(ctx, requireAuth(request), request.body.locale),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Change password; revokes every other session',
        body: changePasswordBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await changePassword(ctx, requireAuth(request), request.body);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Generate a pending TOTP key', response: { 200: totpSetupSchema } },
    },
    async (request) => startTotp(ctx, requireAuth(request)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Confirm the pending TOTP key with a code', body: totpEnableBodySchema, response: { 200: meSchema } },
    },
    async (request) => enableTotp(ctx, requireAuth(request), request.body.code),
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Turn two-factor off (password required)', body: totpDisableBodySchema, response: { 200: meSchema } },
    },
    async (request) => disableTotp(ctx, requireAuth(request), request.body.password),
  );
}
