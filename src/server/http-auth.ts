import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../contracts/common.js';
import { negotiateLocale } from '../i18n/index.js';
import { authenticateBearer, authenticateSession } from '../modules/auth/auth.service.js';
import type { AppContext } from '../platform/context.js';
import { safeEqual } from '../platform/crypto.js';
import { AppError } from '../platform/errors.js';
import { type Authenticated, SESSION_COOKIE } from '../platform/http.js';
import { passesGate } from '../platform/policy.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs first on every request: who is asking, in which language, and may they pass this route's
 * gate. Failing here means nothing else about the request is looked at.
 */
export function authenticateRequest(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.auth = await resolveAuth(ctx, request);
    request.locale = explicitLocale(request.headers['accept-language']) ?? (request.auth?.user.locale as Locale | undefined) ?? 'fr';

    const access = request.routeOptions.config.access;
    // Unknown routes carry no gate: they reach the not-found handler.
    if (!access) return;
    // A password someone else chose opens nothing but its change: whoever chose it cannot use the account.
    if (request.auth?.user.password_must_change === 1 && !request.routeOptions.config.beforePasswordChange) {
      throw new AppError(403, 'password_change_required');
    }
    if (!passesGate(request.auth?.actor ?? null, access)) {
      throw request.auth ? new AppError(403, 'forbidden') : new AppError(401, 'unauthenticated');
    }
    if (request.auth?.token?.scope === 'read' && !SAFE_METHODS.has(request.method)) throw new AppError(403, 'token_read_only');
    const session = request.auth?.session;
    if (session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError(403, 'csrf');
    }
  };
}

async function resolveAuth(ctx: AppContext, request: FastifyRequest): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const auth = await authenticateBearer(ctx, header.slice(7).trim());
    if (!auth) throw new AppError(401, 'unauthenticated');
    return auth;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? authenticateSession(ctx, cookie) : null;
}

/** The language the client asks for explicitly, if it is one Mandat speaks. */
function explicitLocale(header: string | undefined): Locale | null {
  if (!header || !/\b(fr|en)\b/i.test(header)) return null;
  return negotiateLocale(header);
}
