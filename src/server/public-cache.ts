import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditedVersion, unlessChanged } from '../platform/audit-version.js';
import type { AppContext } from '../platform/context.js';
import { type CachePolicy, etagMatches } from '../platform/http.js';
import { publicDataVersionOf } from '../platform/public-data.js';

/**
 * Public reads of slowly changing data (routes declaring `config.cache`, see `CachePolicy`).
 *
 * Such a response is a function of the version of its data (the one-row version of the public
 * data, or the newest audit entry among the actions that change it, committed with the change by
 * whichever process), of what its policy's `alsoKeyedBy` reads (an embargo that ended), the
 * reader's language and the URL; for a route whose answer depends on who
 * is asking, only readers without credentials share it. Its `ETag` is derived from those alone
 * and the content coding, so a request that repeats it in `If-None-Match` is answered 304 after
 * one read of the version, before the route runs; and the body, once built, is answered from
 * memory until the version moves. The version is read before the body is built, so a kept body
 * is never older than its key.
 *
 * A kept body is also kept compressed, brotli and gzip, made once off the event loop: a reader
 * whose `Accept-Encoding` takes one gets it (`Content-Encoding`, `Vary: Accept-Encoding`), so a
 * public page read by many over a thin link costs a fraction of its bytes and no CPU per request.
 */

type Coding = 'br' | 'gzip' | 'identity';

interface Kept {
  body: string;
  type: string;
  br: Promise<Buffer>;
  gzip: Promise<Buffer>;
  bytes: number;
}

interface Pending {
  key: string;
  /** The ETag of the body, whatever its coding; each coding's adds a suffix (`etagOf`). */
  tag: string;
  coding: Coding;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCache: Pending | null;
  }
}

/** Bodies kept: at most this many, and this many bytes in all (compressed copies included); the least recently used go first. */
const CAPACITY = 500;
const MAX_BYTES = 32 * 2 ** 20;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/**
 * Brotli at quality 5 and gzip at level 9, paid once per body and version. On a section's JSON,
 * brotli 5 comes within 1 % of quality 9 at half its CPU time and a seventh of quality 11's, which
 * gains 9 %: a public search can key many bodies, each compressed once.
 */
function compressed(body: string): Pick<Kept, 'br' | 'gzip'> {
  const input = Buffer.from(body, 'utf8');
  const br = compressBrotli(input, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
  const gz = compressGzip(input, { level: 9 });
  return { br, gzip: gz };
}

/**
 * The coding a request's `Accept-Encoding` takes (RFC 9110, 12.5.3): brotli before gzip, a
 * coding refused with `q=0` (or `*;q=0` for those not named) never, identity otherwise.
 */
export function preferredCoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const takes = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return 'identity';
}

function etagOf(tag: string, coding: Coding): string {
  return coding === 'identity' ? `"${tag}"` : `"${tag}-${coding}"`;
}

function versionOf(ctx: AppContext, versionedBy: CachePolicy['versionedBy']): Promise<string> {
  if (versionedBy === 'public data') return publicDataVersionOf(ctx.database);
  return unlessChanged(ctx.database, `audited:${versionedBy.join(',')}`, (db) => auditedVersion(db, versionedBy), { lagging: true });
}

export function registerPublicCache(app: FastifyInstance, ctx: AppContext): void {
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    kept.delete(key);
  };
  const keep = (key: string, body: string, type: string): Kept => {
    const entry: Kept = { body, type, ...compressed(body), bytes: body.length };
    kept.set(key, entry);
    bytes += entry.bytes;
    // Counted at their size once made; a copy that failed to be made is dropped with its entry.
    Promise.all([entry.br, entry.gzip]).then(
      ([br, gz]) => {
        if (kept.get(key) !== entry) return;
        entry.bytes += br.length + gz.length;
        bytes += br.length + gz.length;
        trim();
      },
      () => forget(key),
    );
    trim();
    return entry;
  };
  const trim = () => {
    for (const oldest of kept.keys()) {
      if (kept.size <= CAPACITY && bytes <= MAX_BYTES) break;
      forget(oldest);
    }
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
    const version = await versionOf(ctx, policy.versionedBy);
    const moment = policy.alsoKeyedBy ? [await policy.alsoKeyedBy(ctx)] : [];
    const key = JSON.stringify([ctx.config.version, version, ...moment, request.locale, request.url]);
    const tag = createHash('sha256').update(key).digest('base64url').slice(0, 27);
    const coding = preferredCoding(request.headers['accept-encoding']);
    // The same content whatever its coding: any of its ETags is a match.
    const header = request.headers['if-none-match'];
    if (header && (['identity', 'br', 'gzip'] as const).some((c) => etagMatches(header, etagOf(tag, c)))) {
      validators(reply, etagOf(tag, coding), policy.sameFor);
      return reply.code(304).send();
    }
    const entry = kept.get(key);
    if (entry) {
      kept.delete(key);
      kept.set(key, entry);
      validators(reply, etagOf(tag, coding), policy.sameFor);
      reply.type(entry.type);
      if (coding === 'identity') return reply.send(entry.body);
      const body = await entry[coding];
      return reply.header('content-encoding', coding).send(body);
    }
    request.publicCache = { key, tag, coding };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.publicCache;
    if (!pending || reply.statusCode !== 200) return payload;
    const sameFor = request.routeOptions.config.cache?.sameFor ?? 'anonymous';
    const entry =
      typeof payload !== 'string'
        ? null
        : (kept.get(pending.key) ??
          (payload.length <= MAX_BYTES
            ? keep(pending.key, payload, String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'))
            : null));
    // A body not kept (a stream, or too large) goes as it is.
    if (!entry || entry.body !== payload || pending.coding === 'identity') {
      validators(reply, etagOf(pending.tag, 'identity'), sameFor);
      return payload;
    }
    validators(reply, etagOf(pending.tag, pending.coding), sameFor);
    const body = await entry[pending.coding];
    reply.header('content-encoding', pending.coding);
    return body;
  });
}

function validators(reply: FastifyReply, etag: string, sameFor: 'everyone' | 'anonymous'): void {
  reply.header('etag', etag);
  // Kept by browsers, asked again each time: a 304 while the data has not changed.
  reply.header('cache-control', 'no-cache');
  reply.header(
    'vary',
    sameFor === 'anonymous' ? 'accept-encoding, accept-language, authorization, cookie' : 'accept-encoding, accept-language',
  );
}
