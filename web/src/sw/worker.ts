import { OFFLINE_COPY_HEADER, OFFLINE_REFERENCE_PATHS, offlineKind } from '../../../src/contracts/offline.js';
import { DATA_CACHE, MESSAGE, SAVED_AT_HEADER, type WorkerMessage } from './protocol.js';
import { sift } from './sift.js';

/**
 * The web app's service worker, built into dist/web/sw.js by web/service-worker.ts, which writes
 * the build's file list and its version in `__PRECACHE__`.
 *
 * - The app shell: index.html and what it names are kept at install (the first page loaded them
 *   already); every other file of the build as the app fetches it and, once someone signs in, one
 *   after the other in the background. A page opened once opens again without a network. A new build installs beside the running one and waits until the
 *   person chooses to reload (`MESSAGE.skipWaiting`, sent by the update prompt).
 * - Answers of the API are kept only when the offline allowlist names their path
 *   (src/contracts/offline.ts) and the server marked them `Mandat-Offline: keep`; a single record of a
 *   class never kept offline is refused again here, and a list's items of such a class are left out
 *   of the copy. They are read from the network first; the copy, stamped with the time it was
 *   saved, answers only when the network fails, and the page is told (`MESSAGE.copy`).
 * - The copies belong to one account: signing out, or another account signing in, deletes them.
 */

declare const __PRECACHE__: { version: string; files: string[]; core: string[] };

/** The little of the service worker's scope this file uses (the DOM library has no worker types). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  readonly clientId: string;
  respondWith(response: Promise<Response> | Response): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; get(id: string): Promise<{ postMessage(message: WorkerMessage): void } | undefined> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  location: Location;
}

const scope = self as unknown as WorkerScope;
/** Read once: the build writes the whole list in place of the name. */
const PRECACHE = __PRECACHE__;
const SHELL_PREFIX = 'mandat-shell-';
const SHELL = `${SHELL_PREFIX}${PRECACHE.version}`;
/** Reference data and recent records of the signed-in account. */
const DATA = DATA_CACHE;
/** Where the data cache notes whose copies it holds, and when the reference data was last read. */
const ACCOUNT_KEY = '/__mandat/account';
/** Reference data is read again at most this often, and at every sign-in. */
const REFERENCE_EVERY_MS = 60 * 60_000;
/** Copies kept at most; the oldest go first. */
const MAX_COPIES = 300;
const PRECACHED = new Set(PRECACHE.files);

scope.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE.core)));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === MESSAGE.skipWaiting) void scope.skipWaiting();
  if (data?.type === MESSAGE.clearData) event.waitUntil(caches.delete(DATA));
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/auth/logout') {
    // Whatever the page does next, nothing of the account stays.
    event.waitUntil(caches.delete(DATA));
    return;
  }
  if (request.method === 'POST' && url.pathname === '/api/auth/login') {
    event.respondWith(signIn(request, event));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/api/')) {
    if (offlineKind(url.pathname)) event.respondWith(networkFirst(request, event));
    return;
  }
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(shellFile(request));
    return;
  }
  // A page of the app; a file the server makes (/sitemap.xml) goes to the server.
  if (request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname)) event.respondWith(shellPage(request));
});

/** Any page of the app is index.html; the router draws it. */
async function shellPage(request: Request): Promise<Response> {
  const kept = await caches.match('/index.html', { cacheName: SHELL });
  return kept ?? fetch(request);
}

/** A file of the build: the copy, or the network's answer, kept for next time. */
async function shellFile(request: Request): Promise<Response> {
  const kept = await caches.match(request, { cacheName: SHELL });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.status === 200) {
    const copy = response.clone();
    void caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

/**
 * Keeps the files of the build not kept yet, one after the other so that the link stays free for
 * the person's own requests: once signed in, every page opens offline, not only those opened.
 */
async function fillShell(): Promise<void> {
  const cache = await caches.open(SHELL);
  for (const file of PRECACHE.files) {
    if (await cache.match(file)) continue;
    try {
      const response = await fetch(file);
      if (response.status === 200) await cache.put(file, response);
    } catch {
      return;
    }
  }
}

async function tell(event: FetchEvent, message: WorkerMessage): Promise<void> {
  if (!event.clientId) return;
  const client = await scope.clients.get(event.clientId);
  client?.postMessage(message);
}

/** The network's answer, kept when allowed; the copy only when the network fails. */
async function networkFirst(request: Request, event: FetchEvent): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const copy = await caches.match(request, { cacheName: DATA });
    if (!copy) throw error;
    // The page marks records read from a copy; reference data (the account, vocabularies) goes unmarked.
    if (offlineKind(new URL(request.url).pathname) === 'records') {
      event.waitUntil(tell(event, { type: MESSAGE.copy, url: request.url, savedAt: copy.headers.get(SAVED_AT_HEADER) ?? '' }));
    }
    return copy;
  }
  if (response.status === 200) {
    // The account is noted before anything of it is kept (and before the page reads on).
    if (new URL(request.url).pathname === '/api/auth/me') await adoptAccount(request, response.clone(), event, false);
    event.waitUntil(keep(request, response.clone()));
    event.waitUntil(tell(event, { type: MESSAGE.fresh, url: request.url }));
  } else if (response.status === 401) {
    // No session: no copy is the reader's to see.
    event.waitUntil(caches.delete(DATA));
  }
  return response;
}

async function signIn(request: Request, event: FetchEvent): Promise<Response> {
  const response = await fetch(request);
  if (response.status === 200) await adoptAccount(request, response.clone(), event, true);
  return response;
}

/**
 * Notes the account a Me answer names: another account's copies are deleted first. At sign-in (and
 * when the reference data is older than an hour) the reference data is read for use offline.
 */
async function adoptAccount(request: Request, me: Response, event: FetchEvent, signingIn: boolean): Promise<void> {
  const id = ((await me.json().catch(() => null)) as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') return;
  const cache = await caches.open(DATA);
  const noted = (await (await cache.match(ACCOUNT_KEY))?.json().catch(() => null)) as { id?: string; referenceAt?: number } | null;
  if (noted?.id !== id) {
    await caches.delete(DATA);
  }
  const due = signingIn || noted?.id !== id || !noted?.referenceAt || Date.now() - noted.referenceAt > REFERENCE_EVERY_MS;
  const fresh = await caches.open(DATA);
  await fresh.put(ACCOUNT_KEY, Response.json({ id, referenceAt: due ? Date.now() : noted?.referenceAt }));
  if (due) event.waitUntil(readReference(request.headers.get('accept-language') ?? 'fr'));
  event.waitUntil(fillShell());
}

/** Reads the reference data in the background, as the app will ask for it (same language). */
async function readReference(language: string): Promise<void> {
  await Promise.all(
    OFFLINE_REFERENCE_PATHS.filter((path) => path !== '/api/auth/me').map(async (path) => {
      const request = new Request(path, {
        headers: { Accept: 'application/json', 'Accept-Language': language },
        credentials: 'same-origin',
      });
      try {
        const response = await fetch(request);
        if (response.status === 200) await keep(request, response);
      } catch {
        // Read again at the next start of the app.
      }
    }),
  );
}

/** Keeps a copy when the server allows it; records of a class never kept offline are left out. */
async function keep(request: Request, response: Response): Promise<void> {
  if (response.headers.get(OFFLINE_COPY_HEADER) !== 'keep') return;
  const body = sift(await response.text());
  if (body === null) return;
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT_HEADER, new Date().toISOString());
  headers.delete('content-encoding');
  headers.delete('content-length');
  const cache = await caches.open(DATA);
  // A copy of an account that signed out meanwhile is not kept.
  if (!(await cache.match(ACCOUNT_KEY))) return;
  await cache.put(request, new Response(body, { status: 200, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_COPIES))) {
    if (new URL(old.url).pathname !== ACCOUNT_KEY) await cache.delete(old);
  }
}
