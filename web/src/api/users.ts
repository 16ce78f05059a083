import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { apiTokenListSchema } from '../../../src/contracts/auth.js';
import type {
  CreateUserBody,
  createdUserSchema,
  membershipRequestListSchema,
  membershipRequestSchema,
  passwordResetSchema,
  UpdateUserBody,
  userListSchema,
  userSchema,
} from '../../../src/contracts/users.js';
import { authKeys } from './auth.js';
import { request } from './client.js';
import { written } from './queries.js';

export type User = z.output<typeof userSchema>;
export type MembershipRequest = z.output<typeof membershipRequestSchema>;
type UserList = z.output<typeof userListSchema>;
type MembershipRequestList = z.output<typeof membershipRequestListSchema>;
type ApiTokenList = z.output<typeof apiTokenListSchema>;

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** Query keys of the accounts an administrator manages, and of memberships waiting for a second person. */
export const userKeys = {
  all: ['users'] as const,
  list: () => ['users', 'list'] as const,
  tokens: (id: string) => ['users', 'tokens', id] as const,
  membershipRequests: () => ['users', 'membership-requests'] as const,
};

export const userQueries = {
  list: () => queryOptions({ queryKey: userKeys.list(), queryFn: () => request<UserList>('GET', '/api/users') }),
  tokens: (id: string) =>
    queryOptions({ queryKey: userKeys.tokens(id), queryFn: () => request<ApiTokenList>('GET', `${userPath(id)}/tokens`) }),
  /** Memberships waiting for a second person: all for administrators, their units' for managers. */
  membershipRequests: () =>
    queryOptions({
      queryKey: userKeys.membershipRequests(),
      queryFn: () => request<MembershipRequestList>('GET', '/api/membership-requests'),
    }),
};

/** Accounts and their memberships. A membership of a confidential unit waits for a second person. */
export const userApi = {
  create: (body: CreateUserBody) => written(request<z.output<typeof createdUserSchema>>('POST', '/api/users', body), userKeys.all),
  update: (id: string, body: UpdateUserBody) => written(request<User>('PATCH', userPath(id), body), userKeys.all),
  /** A generated password, in this answer only; the account changes it at its next sign-in. */
  resetPassword: (id: string) => written(request<z.output<typeof passwordResetSchema>>('POST', `${userPath(id)}/password`), userKeys.all),
  revokeToken: (id: string, tokenId: string) =>
    written(request<void>('DELETE', `${userPath(id)}/tokens/${encodeURIComponent(tokenId)}`), userKeys.tokens(id), authKeys.tokens()),
  decideMembershipRequest: (id: string, decision: 'approve' | 'reject') =>
    written(request<MembershipRequest>('POST', `/api/membership-requests/${encodeURIComponent(id)}`, { decision }), userKeys.all),
};
