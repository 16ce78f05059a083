import {
  createdUserSchema,
  createUserBodySchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListSchema,
  userSchema,
} from '../../contracts/users.js';
import type { AppContext } from '../../server/context.js';
import { requireAuth } from '../../server/http-auth.js';
import type { Router } from '../../server/routes.js';
import { listUsers } from './users.repository.js';
import { createUser, updateUser } from './users.service.js';

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
}
