import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
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
  totpEnabledSchema,
  totpSetupSchema,
  updateMeBodySchema,
} from '../../../src/contracts/auth.js';
import { ApiError, request } from './client.js';
import { written } from './queries.js';

export type Me = z.output<typeof meSchema>;
export type SetupStatus = z.output<typeof setupStatusSchema>;
export type SetupBody = z.input<typeof setupBodySchema>;
export type LoginBody = z.input<typeof loginBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type UpdateMeBody = z.input<typeof updateMeBodySchema>;
export type TotpSetup = z.output<typeof totpSetupSchema>;
/** The password, and a current code or a recovery code once a second factor is enrolled. */
export type IdentityProof = z.input<typeof identityProofSchema>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;
export type ApiTokenList = z.output<typeof apiTokenListSchema>;
export type ApiToken = ApiTokenList['tokens'][number];
type RecoveryCodes = z.output<typeof recoveryCodesSchema>;

/** Query keys of the session's own account: first-run setup and personal API tokens. */
export const authKeys = {
  all: ['auth'] as const,
  setupStatus: () => ['auth', 'setup-status'] as const,
  tokens: () => ['auth', 'tokens'] as const,
};

export const authQueries = {
  setupStatus: () =>
    queryOptions({ queryKey: authKeys.setupStatus(), queryFn: () => request<SetupStatus>('GET', '/api/setup/status'), staleTime: 0 }),
  tokens: () => queryOptions({ queryKey: authKeys.tokens(), queryFn: () => request<ApiTokenList>('GET', '/api/auth/tokens') }),
};

/** Sign-in, the session's account, its second factor and its API tokens. */
export const authApi = {
  setup: (body: SetupBody) => written(request<Me>('POST', '/api/setup', body), authKeys.all),
  login: (body: LoginBody) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  /** The signed-in user, or null when nobody is signed in. */
  me: async (): Promise<Me | null> => {
    try {
      return await request<Me>('GET', '/api/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  updateMe: (body: UpdateMeBody) => request<Me>('PATCH', '/api/auth/me', body),
  changePassword: (body: ChangePasswordBody) => request<Me>('POST', '/api/auth/password', body),
  totpSetup: (proof: IdentityProof) => request<TotpSetup>('POST', '/api/auth/totp/setup', proof),
  /** Turns the pending key on; the recovery codes come back this once, and other sessions end. */
  totpEnable: (code: string) => request<z.output<typeof totpEnabledSchema>>('POST', '/api/auth/totp/enable', { code }),
  totpDisable: (proof: IdentityProof) => request<Me>('POST', '/api/auth/totp/disable', proof),
  /** New one-time recovery codes, shown once; the earlier ones stop working. */
  renewRecoveryCodes: (proof: IdentityProof) => request<RecoveryCodes>('POST', '/api/auth/totp/recovery-codes', proof),

  /** A personal API token: its secret is in this answer only. */
  createToken: (body: CreateApiTokenBody) =>
    written(request<z.output<typeof createdApiTokenSchema>>('POST', '/api/auth/tokens', body), authKeys.tokens()),
  revokeToken: (tokenId: string) =>
    written(request<void>('DELETE', `/api/auth/tokens/${encodeURIComponent(tokenId)}`), authKeys.tokens(), ['users']),
};
