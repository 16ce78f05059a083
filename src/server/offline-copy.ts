import type { FastifyReply, FastifyRequest } from 'fastify';
import { NEVER_OFFLINE_CLASSES, offlineKind } from '../contracts/offline.js';

/**
 * How an answer of the API may be kept, when the public cache has not said so with its validators
 * (public-cache.ts). Everything is `no-store`, except a successful GET of a path the offline
 * allowlist names (src/contracts/offline.ts), which the web app's service worker may keep for
 * reading without a network: `private, no-cache` (only this browser, asked again each time), and
 * `Vary: Accept-Language` since it is worded in the reader's language. A single record of a class a
 * device never keeps (restricted, confidential) stays `no-store` even there.
 */
export function apiCacheControl(request: FastifyRequest, reply: FastifyReply, payload: unknown): string {
  if (request.method !== 'GET' || reply.statusCode !== 200) return 'no-store';
  const pathname = request.url.split('?', 1)[0] ?? '';
  if (!offlineKind(pathname)) return 'no-store';
  if (typeof payload !== 'string' || keepsNeverOfflineClass(payload)) return 'no-store';
  return 'private, no-cache';
}

/** Whether the answer is itself a record of a class never kept offline (its top-level `classification`). */
function keepsNeverOfflineClass(body: string): boolean {
  // Only single records carry a top-level classification; a list's items are sifted by the worker.
  if (!body.includes('"classification"')) return false;
  try {
    const value = JSON.parse(body) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const classification = (value as { classification?: unknown }).classification;
    return typeof classification === 'string' && NEVER_OFFLINE_CLASSES.includes(classification);
  } catch {
    return true;
  }
}

/** Sets the header on every answer of the API without validators. */
export function markApiCaching(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  if (!request.url.startsWith('/api/') || reply.hasHeader('etag')) return;
  const value = apiCacheControl(request, reply, payload);
  reply.header('cache-control', value);
  if (value !== 'no-store') reply.header('vary', 'accept-language, cookie');
}
