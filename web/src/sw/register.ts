import { useSyncExternalStore } from 'react';
import { currentLocale } from '../i18n.js';
import { DATA_CACHE, MESSAGE, type WorkerMessage } from './protocol.js';

/**
 * The page's side of the service worker (worker.ts): registered once the page has loaded, so it
 * never competes with the first load; what the page shows of it: a new version waiting, the copies
 * an answer came from while the network failed, and whether the browser is offline.
 */

export interface OfflineAppState {
  /** A new build is installed and waits for the person to reload. */
  updateWaiting: boolean;
  /** The answers served from a copy, by URL, with when each was saved. */
  copies: ReadonlyMap<string, string>;
  online: boolean;
}

let state: OfflineAppState = {
  updateWaiting: false,
  copies: new Map(),
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
};
let waiting: ServiceWorker | null = null;
const listeners = new Set<() => void>();

function set(next: Partial<OfflineAppState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOfflineApp(): OfflineAppState {
  return useSyncExternalStore(subscribe, () => state);
}

/** True while the browser says it has no network. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => state.online);
}

function onMessage(event: MessageEvent): void {
  const message = event.data as WorkerMessage | null;
  if (message?.type === MESSAGE.copy) {
    set({ copies: new Map(state.copies).set(message.url, message.savedAt) });
  } else if (message?.type === MESSAGE.fresh && state.copies.has(message.url)) {
    const copies = new Map(state.copies);
    copies.delete(message.url);
    set({ copies });
  }
}

/** Forgets the copies shown so far (a new page reads its own). */
export function forgetCopies(): void {
  if (state.copies.size > 0) set({ copies: new Map() });
}

function watchWaiting(registration: ServiceWorkerRegistration): void {
  const found = (worker: ServiceWorker | null) => {
    // The first worker of this browser is no update: there is nothing older to replace.
    if (!worker || !navigator.serviceWorker.controller) return;
    waiting = worker;
    set({ updateWaiting: true });
  };
  found(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') found(installing);
    });
  });
}

/** Registers /sw.js after the page has loaded; asks for a new version every hour and when the network returns. */
export function registerServiceWorker(): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('online', () => set({ online: true }));
  window.addEventListener('offline', () => set({ online: false }));
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container.addEventListener('message', onMessage);
  let controlled = container.controller !== null;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      // The first worker took this page over: it learns whose copies it keeps from the account's Me.
      // Read to the end: a body left unread holds its request open.
      void fetch('/api/auth/me', { headers: { Accept: 'application/json', 'Accept-Language': currentLocale() } })
        .then((response) => response.text())
        .catch(() => undefined);
      return;
    }
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  const start = () => {
    container.register('/sw.js').then(
      (registration: ServiceWorkerRegistration | undefined) => {
        // A browser whose policy blocks service workers may answer without a registration.
        if (!registration) return;
        watchWaiting(registration);
        const check = () => void registration.update().catch(() => undefined);
        window.setInterval(check, 60 * 60_000);
        window.addEventListener('online', check);
      },
      () => undefined,
    );
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Reloads into the new version: the waiting worker takes over, then the page reloads (controllerchange). */
export function reloadIntoUpdate(): void {
  if (waiting) waiting.postMessage({ type: MESSAGE.skipWaiting });
  else window.location.reload();
}

/**
 * Deletes everything the device kept of the account (its reference data and recent records); the
 * app shell stays. Called when the person signs out; the worker also deletes them when it sees the
 * sign-out, a refused session, or another account's sign-in.
 */
export async function clearOfflineCopies(): Promise<void> {
  set({ copies: new Map() });
  navigator.serviceWorker?.controller?.postMessage({ type: MESSAGE.clearData });
  if (typeof caches !== 'undefined') await caches.delete(DATA_CACHE).catch(() => false);
}
