/** What the service worker (worker.ts) and the page (register.ts) say to each other. */

/** The cache of the signed-in account's reference data and recent records (the app shell has its own, per build). */
export const DATA_CACHE = 'mandat-data';

/** The header a kept copy carries: when it was saved (ISO-8601). */
export const SAVED_AT_HEADER = 'x-mandat-saved-at';

export const MESSAGE = {
  /** Page → worker: the person chose to reload into the new version. */
  skipWaiting: 'mandat:skip-waiting',
  /** Page → worker: delete the account's copies (sign-out). */
  clearData: 'mandat:clear-data',
  /** Worker → page: an answer came from the copy saved at `savedAt`, the network having failed. */
  copy: 'mandat:offline-copy',
  /** Worker → page: an answer came from the network. */
  fresh: 'mandat:fresh',
} as const;

export type WorkerMessage = { type: typeof MESSAGE.copy; url: string; savedAt: string } | { type: typeof MESSAGE.fresh; url: string };
