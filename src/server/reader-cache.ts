import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authVersion } from '../modules/auth/auth-cache.js';
import type { AppContext } from '../platform/context.js';

/**
 * Answers kept for one signed-in reader: the serialised body of a read a reader repeats (a page
 * of the incident log polled by a JOC screen, a briefing's refreshes), kept a few seconds.
 *
 * An answer is kept under a key that holds everything it was computed from, and is found only
 * under that same key:
 * - the reader: the account and the very credential (session or token) of the request, never a
 *   role, a unit or a class of access, so an answer never reaches anyone but the one it was made
 *   for;
 * - the credentials' version (src/platform/credentials.ts), so a change of roles, memberships,
 *   disablement or revocation makes every kept answer unreachable;
 * - the database's mark of commits, taken before the read: on SQLite `PRAGMA data_version` (any
 *   commit of any process, seen at once), on PostgreSQL the commit signal's count of audited
 *   commits (src/db/commit-signal.ts; another process's commit seen when its notification
 *   arrives, as for the credentials: docs/SECURITY.md). Where neither exists (one SQLite
 *   connection; PostgreSQL while the signal does not listen) nothing is kept;
 * - the method, URL with its full query string and the language of the request.
 * Entries live `ttlMs` at most (a write behind the application's back is seen by then) and are
 * bounded in number and in bytes, the oldest going first.
 */
export interface ReaderCacheOptions {
  ttlMs?: number;
  capacity?: number;
  maxBytes?: number;
}

interface Entry {
  body: string;
  at: number;
}

export class ReaderCache {
  readonly #ttlMs: number;
  readonly #capacity: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(options: ReaderCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#capacity = options.capacity ?? 500;
    this.#maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  get(key: string, now: number): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.at;
    if (age < 0 || age >= this.#ttlMs) {
      this.delete(key);
      return undefined;
    }
    return entry.body;
  }

  set(key: string, body: string, now: number): void {
    // A body larger than a tenth of the budget is not kept: it would push out many others.
    if (body.length * 2 > this.#maxBytes / 10) return;
    this.delete(key);
    this.#entries.set(key, { body, at: now });
    this.#bytes += body.length * 2;
    // Map keeps insertion order: the oldest entries go first.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity && this.#bytes <= this.#maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.length * 2;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Approximate memory held by the bodies (UTF-16). */
  get bytes(): number {
    return this.#bytes;
  }
}

const perContext = new WeakMap<AppContext, ReaderCache>();

/** The cache of one running application (one database). */
export function readerCache(ctx: AppContext): ReaderCache {
  let cache = perContext.get(ctx);
  if (!cache) {
    cache = new ReaderCache();
    perContext.set(ctx, cache);
  }
  return cache;
}

/** The mark of commits an answer computed now is at least as new as, or null if none is kept. */
function commitMark(ctx: AppContext): number | null {
  const { dataVersion, commitSignal } = ctx.database;
  if (dataVersion) return dataVersion();
  if (commitSignal?.listening) return commitSignal.version('commits');
  return null;
}

/** Which credential of the request: the session's or the token's hash (never shared by two readers). */
function credentialOf(request: FastifyRequest): string | null {
  const auth = request.auth;
  if (!auth) return null;
  if (auth.session) return `session:${auth.session.tokenHash}`;
  if (auth.token) return `token:${auth.token.id}`;
  return null;
}

/**
 * The key a signed-in reader's answer is kept under, or null when it may not be kept: anonymous,
 * no mark of commits, or credentials changed since the request was authenticated (its reader may
 * no longer be who it was).
 */
async function keyOf(ctx: AppContext, request: FastifyRequest): Promise<string | null> {
  const credential = credentialOf(request);
  const resolvedUnder = request.auth?.credentialsVersion;
  // Taken before anything is read, so a kept answer is never older than the mark it is kept under.
  const mark = commitMark(ctx);
  if (!credential || mark === null || !request.auth || !resolvedUnder) return null;
  if ((await authVersion(ctx)) !== resolvedUnder) return null;
  return [request.auth.user.id, credential, resolvedUnder, mark, request.method, request.url, request.locale].join('\u0000');
}

declare module 'fastify' {
  interface FastifyRequest {
    readerCacheKey: string | null;
  }
}

/**
 * Routes declaring `config.keptForReader` answer a signed-in reader's repeated GET from memory
 * (200 answers only). Registered after authentication, so `request.auth` is known.
 */
export function registerReaderCache(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('readerCacheKey', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.keptForReader || request.method !== 'GET') return;
    const key = await keyOf(ctx, request);
    if (key === null) return;
    const body = readerCache(ctx).get(key, ctx.now().getTime());
    if (body !== undefined) return reply.type('application/json; charset=utf-8').send(body);
    request.readerCacheKey = key;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.readerCacheKey;
    if (key === null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    readerCache(ctx).set(key, payload, ctx.now().getTime());
    return payload;
  });
}
