import {
  apiTokenListSchema,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  identityProofSchema,
  loginBodySchema,
  meSchema,
  recoveryCodesSchema,
  setupBodySchema,
  setupStatusSchema,
  tokenIdParamsSchema,
  totpDisableBodySchema,
  totpEnableBodySchema,
  totpEnabledSchema,
  totpSetupSchema,
  updateMeBodySchema,
} from '../../contracts/auth.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { clearSessionCookie, requireAuth, requireSession, setSessionCookie } from '../../platform/http.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../users/users.service.js';
import {
  changePassword,
  disableTotp,
  enableTotp,
  login,
  logout,
  presentMe,
  renewRecoveryCodes,
  setLocale,
  startTotp,
} from './auth.service.js';
import type { LoginThrottle } from './login-throttle.js';
import { completeSetup, setupNeeded } from './setup.service.js';

const tags = ['auth'];

export function authRoutes(app: Router, ctx: AppContext, { throttle }: { throttle: LoginThrottle }): void {
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
      config: { access: { public: true }, beforePasswordChange: true },
      schema: { tags, summary: 'Sign in; sets the session cookie', body: loginBodySchema, response: { 200: meSchema } },
    },
    async (request, reply) => {
      const { token, me } = await login(ctx, throttle, request.body, request.ip, request.auth?.session?.tokenHash ?? null);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { signedIn: true }, beforePasswordChange: true }, schema: { tags, summary: 'Sign out; revokes the session' } },
    async (request, reply) => {
      await logout(ctx, requireAuth(request));
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { signedIn: true }, beforePasswordChange: true },
      schema: { tags, summary: 'The signed-in account', response: { 200: meSchema } },
    },
    async (request) => {
      const auth = requireAuth(request);
      return presentMe(ctx, auth.user.id, auth.session?.csrfToken ?? null);
    },
  );

  app.patch(
    '/api/auth/me',
    {
      config: { access: { signedIn: true }, beforePasswordChange: true },
      schema: { tags, summary: 'Change the account’s language', body: updateMeBodySchema, response: { 200: meSchema } },
    },
    async (request) => setLocale(ctx, requireAuth(request), request.body.locale),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { signedIn: true }, beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Change password (required first when someone else chose it); revokes every other session',
        body: changePasswordBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await changePassword(ctx, requireSession(request), request.body);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Generate a pending TOTP key (password, and a current code or recovery code once enrolled)',
        body: identityProofSchema,
        response: { 200: totpSetupSchema },
      },
    },
    async (request) => startTotp(ctx, throttle, requireSession(request), request.ip, request.body),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Confirm the pending TOTP key with a code; returns recovery codes once and continues in a new session',
        body: totpEnableBodySchema,
        response: { 200: totpEnabledSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await enableTotp(ctx, requireSession(request), request.body.code);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Turn two-factor off (password and a current code or recovery code); continues in a new session',
        body: totpDisableBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { token, me } = await disableTotp(ctx, throttle, requireSession(request), request.ip, request.body);
      setSessionCookie(ctx, reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/totp/recovery-codes',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'New one-time recovery codes, shown once (password and a current code)',
        body: identityProofSchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => renewRecoveryCodes(ctx, throttle, requireSession(request), request.ip, request.body),
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'My personal API tokens (never their secret)', response: { 200: apiTokenListSchema } },
    },
    async (request) => ({ tokens: await listApiTokens(ctx, requireSession(request).user.id) }),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Create a personal API token, shown once (read scope unless write is asked for; expires)',
        body: createApiTokenBodySchema,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (request, reply) => {
      const auth = requireSession(request);
      return reply.status(201).send(await createApiToken(ctx, auth.actor, auth.user.email, request.body));
    },
  );

  app.delete(
    '/api/auth/tokens/:tokenId',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Revoke one of my tokens', params: tokenIdParamsSchema },
    },
    async (request, reply) => {
      const auth = requireSession(request);
      await revokeApiToken(ctx, auth.actor, auth.user.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );
}
