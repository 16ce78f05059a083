import { apiTokenListSchema, tokenIdParamsSchema } from '../../contracts/auth.js';
import {
  createdUserSchema,
  createUserBodySchema,
  membershipDecisionBodySchema,
  membershipRequestListSchema,
  membershipRequestParamsSchema,
  membershipRequestSchema,
  passwordResetSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListSchema,
  userSchema,
} from '../../contracts/users.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { decideMembershipRequest, listMembershipRequests } from './membership-requests.service.js';
import { listUsers } from './users.repository.js';
import { createUser, listApiTokens, resetPassword, revokeApiToken, updateUser } from './users.service.js';

const tags = ['users'];
const access = { capability: 'accounts:manage' } as const;

export function userRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/users',
    {
      config: { access },
      schema: { tags, summary: 'All accounts with their memberships (administrators)', response: { 200: userListSchema } },
    },
    async () => ({ users: await listUsers(ctx.database.db) }),
  );

  app.post(
    '/api/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create an account; a generated password is returned once',
        body: createUserBodySchema,
        response: { 201: createdUserSchema },
      },
    },
    async (request, reply) => {
      const created = await createUser(ctx, requireAuth(request).actor, request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change an account (optimistic concurrency on version)',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Give an account a generated password, returned once; it must be changed at the next sign-in, and the account’s sessions end',
        params: userIdParamsSchema,
        response: { 200: passwordResetSchema },
      },
    },
    async (request) => resetPassword(ctx, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/users/:id/tokens',
    {
      config: { access },
      schema: {
        tags,
        summary: 'An account’s personal API tokens (administrators)',
        params: userIdParamsSchema,
        response: { 200: apiTokenListSchema },
      },
    },
    async (request) => ({ tokens: await listApiTokens(ctx, request.params.id) }),
  );

  app.delete(
    '/api/users/:id/tokens/:tokenId',
    {
      config: { access },
      schema: { tags, summary: 'Revoke an account’s token (administrators)', params: userIdParamsSchema.extend(tokenIdParamsSchema.shape) },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, requireAuth(request).actor, request.params.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/membership-requests',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Memberships waiting for a second person: all for administrators, their units’ for managers',
        response: { 200: membershipRequestListSchema },
      },
    },
    async (request) => ({ requests: await listMembershipRequests(ctx, requireAuth(request).actor) }),
  );

  app.post(
    '/api/membership-requests/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Approve or reject a membership request (the unit’s manager, or another administrator when it has none)',
        params: membershipRequestParamsSchema,
        body: membershipDecisionBodySchema,
        response: { 200: membershipRequestSchema },
      },
    },
    async (request) => decideMembershipRequest(ctx, requireAuth(request).actor, request.params.id, request.body.decision),
  );
}
