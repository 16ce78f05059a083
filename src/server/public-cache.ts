import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditedVersion } from '../platform/audit-version.js';
import type { AppContext } from '../platform/context.js';
import { etagMatches } from '../platform/http.js';

/**
 * Public reads of slowly changing data (routes declaring `config.cache`, see `CachePolicy`).
 *
 * Such a response is a function of the version of its data (the newest audit entry among the
 * actions that change it, committed with the change by whichever process), the reader's language
 * and the URL; for a route whose answer depends on who is asking, only readers without
 * credentials share it. Its `ETag` is derived from those alone, so a request that repeats it in
 * `If-None-Match` is answered 304 after one read of the version, before the route runs; and the
 * body, once built, is answered from memory until the version moves. The version is read before
 * the body is built, so a kept body is never older than its key.
 */

interface Kept {
  body: string;
  type: string;
}

interface Pending {
  key: string;
  etag: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCache: Pending | null;
  }
}

/** Bodies kept: at most this many, and this many bytes in all; the least recently used go first. */
const CAPACITY = 500;
const MAX_BYTES = 32 * 2 ** 20;

export function registerPublicCache(app: FastifyInstance, ctx: AppContext): void {
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    kept.delete(key);
  };

  app.decorateRequest('publicCache', null);
  // A kept body is shared between readers: only a public route may ask for it.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.config?.cache && !(access && 'public' in access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} keeps responses but is not public`);
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = request.routeOptions.config.cache;
    if (!policy || request.method !== 'GET') return;
    if (policy.sameFor === 'anonymous' && request.auth) return;
    const version = await auditedVersion(ctx.database.db, policy.versionedBy);
    const key = JSON.stringify([ctx.config.version, version, request.locale, request.url]);
    const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
    request.publicCache = { key, etag };
    if (etagMatches(request.headers['if-none-match'], etag)) {
      validators(reply, etag, policy.sameFor);
      return reply.code(304).send();
    }
    const entry = kept.get(key);
    if (entry) {
      kept.delete(key);
      kept.set(key, entry);
      validators(reply, etag, policy.sameFor);
      return reply.type(entry.type).send(entry.body);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.publicCache;
    if (!pending || reply.statusCode !== 200) return payload;
    const policy = request.routeOptions.config.cache;
    validators(reply, pending.etag, policy?.sameFor ?? 'anonymous');
    if (typeof payload === 'string' && !kept.has(pending.key) && payload.length <= MAX_BYTES) {
      kept.set(pending.key, { body: payload, type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8') });
      bytes += payload.length;
      for (const oldest of kept.keys()) {
        if (kept.size <= CAPACITY && bytes <= MAX_BYTES) break;
        forget(oldest);
      }
    }
    return payload;
  });
}

function validators(reply: FastifyReply, etag: string, sameFor: 'everyone' | 'anonymous'): void {
  reply.header('etag', etag);
  // Kept by browsers, asked again each time: a 304 while the data has not changed.
  reply.header('cache-control', 'no-cache');
  reply.header('vary', sameFor === 'anonymous' ? 'accept-language, authorization, cookie' : 'accept-language');
}
