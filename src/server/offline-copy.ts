import type { FastifyReply, FastifyRequest } from 'fastify';
import { NEVER_OFFLINE_CLASSES, OFFLINE_COPY_HEADER, offlineKind } from '../contracts/offline.js';

/**
 * Whether the web app's service worker may keep this answer of the API for reading without a
 * network: a successful GET of a path the offline allowlist names (src/contracts/offline.ts), unless
 * it is a single record of a class a device never keeps (restricted, confidential). Public data with
 * validators (public-cache.ts) is sent compressed and never of such a class.
 */
export function offlineCopyAllowed(request: FastifyRequest, reply: FastifyReply, payload: unknown): boolean {
  if (request.method !== 'GET' || reply.statusCode !== 200) return false;
  const pathname = request.url.split('?', 1)[0] ?? '';
  if (!offlineKind(pathname)) return false;
  if (reply.hasHeader('etag')) return true;
  return typeof payload === 'string' && !keepsNeverOfflineClass(payload);
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

/**
 * Every answer of the API without validators is `no-store`: the browser's HTTP cache never holds a
 * record, whatever its class. An answer the worker may keep says so with `Mandat-Offline: keep`
 * (`OFFLINE_COPY_HEADER`); the worker keeps nothing else, and leaves a list's restricted and
 * confidential items out of its copy (`sift`).
 */
export function markApiCaching(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  if (!request.url.startsWith('/api/')) return;
  if (offlineCopyAllowed(request, reply, payload)) reply.header(OFFLINE_COPY_HEADER, 'keep');
  if (!reply.hasHeader('etag')) reply.header('cache-control', 'no-store');
}
