import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../contracts/common.js';
import type { UserTable } from '../db/schema.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import type { Actor, RouteAccess } from './policy.js';

/**
 * What a module's routes need from HTTP: the router type, who is asking, and the session
 * cookie. The server (src/server) composes the app and authenticates each request before a
 * route runs; modules only read the result.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's gate; every route must declare one (see tests/routes.test.ts). */
    access?: RouteAccess;
    /** Answered with validators and kept per version of its data (src/server/public-cache.ts). */
    cache?: CachePolicy;
    /**
     * Open to an account that must first change a password someone else chose: that change,
     * signing in and out, and the account itself. Every other route answers 403
     * `password_change_required` to it.
     */
    beforePasswordChange?: true;
    /** A signed-in reader's repeated GET answered from memory, for that reader alone (src/server/reader-cache.ts). */
    keptForReader?: true;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
    locale: Locale;
  }
}

/**
 * A public read of slowly changing data: its response carries an `ETag`, a request repeating it
 * in `If-None-Match` gets 304, and the body is kept in memory per version of the data, shared by
 * the readers it is identical for.
 */
export interface CachePolicy {
  /**
   * The version of the data: `public data`, the one-row version of the public data
   * (src/platform/public-data.ts), or the audited actions whose newest entry is the version
   * (see `auditedVersion`).
   */
  versionedBy: 'public data' | readonly string[];
  /**
   * Whom one response is the same for, apart from their language: `everyone`, or only readers
   * without credentials (`anonymous`: what a signed-in reader gets depends on who they are, so
   * their requests are neither answered from nor kept in the shared memory).
   */
  sameFor: 'everyone' | 'anonymous';
  /**
   * What else the response depends on besides the version of its data, read before each request
   * it may answer: a value that time alone changes (the latest embargo passed of the news, so that
   * a release shows when its embargo ends, without a write).
   */
  alsoKeyedBy?: (ctx: AppContext) => Promise<string>;
}

export type Router = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in side of a request. */
export interface Authenticated {
  actor: Actor;
  user: UserTable;
  /** Present when authenticated by session cookie (then CSRF applies). */
  session: { tokenHash: string; csrfToken: string } | null;
  /** Present when authenticated by a personal API token. */
  token?: { id: string; scope: 'read' | 'write' } | null;
  /** The credentials' version this was resolved under (answers kept per reader, src/server/reader-cache.ts). */
  credentialsVersion?: string;
}

export const SESSION_COOKIE = 'mandat_session';

/**
 * The signed-in side of a request whose gate already required a signed-in caller; a route that
 * forgot its gate fails closed with a 401 rather than running anonymously.
 */
export function requireAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError(401, 'unauthenticated');
  return request.auth;
}

/**
 * Like requireAuth, for what only a signed-in person may do, never a script: managing the
 * account's credentials (second factor, tokens, password). A token cannot extend itself.
 */
export function requireSession(request: FastifyRequest): Authenticated {
  const auth = requireAuth(request);
  if (!auth.session) throw new AppError(403, 'session_required');
  return auth;
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    maxAge: ctx.config.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

/** Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for it). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || (t.startsWith('W/') ? t.slice(2) : t) === etag;
  });
}
