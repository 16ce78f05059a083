/**
 * What a device may keep of the API to work without a network: the one allowlist the server (which
 * marks these answers `Mandat-Offline: keep`, every one still `no-store` for the browser's HTTP
 * cache) and the web app's service worker (which keeps only answers so marked) both read.
 *
 * Reference data is kept at sign-in and refreshed on each visit; records are the signed-in
 * person's recent reading (the incident log's and the activities' lists and the records opened),
 * read from the network first and from the copy only when the network fails. Nothing of
 * protection, the hotline, the DDR registry, users, audit or files is ever listed here: an answer
 * not listed is never marked and never kept.
 */

/** The header by which the server tells the service worker that an answer may be kept offline. */
export const OFFLINE_COPY_HEADER = 'mandat-offline';

export type OfflineKind = 'reference' | 'records';

/** Reference data read at sign-in for use offline: the account, vocabularies, gazetteer, units. */
export const OFFLINE_REFERENCE_PATHS = [
  '/api/auth/me',
  '/api/units',
  '/api/incidents/vocabulary',
  '/api/activities/vocabulary',
  '/api/map/places',
  '/api/map/base-layer',
] as const;

/** Records kept as read (any query string): lists, counts and single records of the incident log and of activities. */
const RECORD_PATTERNS: readonly RegExp[] = [
  /^\/api\/incidents$/,
  /^\/api\/incidents\/stats$/,
  /^\/api\/incidents\/(?!vocabulary$|stats$|map$|export\.)[^/]+$/,
  /^\/api\/activities$/,
  /^\/api\/activities\/totals$/,
  /^\/api\/activities\/(?!vocabulary$|totals$|series$|export\.)[^/]+$/,
];

/** Whether a device may keep the answer to a GET of this path (without its query string), and as what. */
export function offlineKind(pathname: string): OfflineKind | null {
  if ((OFFLINE_REFERENCE_PATHS as readonly string[]).includes(pathname)) return 'reference';
  if (RECORD_PATTERNS.some((pattern) => pattern.test(pathname))) return 'records';
  return null;
}

/** Data classes a device never keeps, whatever the path: a record of these classes is left out of a copy. */
export const NEVER_OFFLINE_CLASSES: readonly string[] = ['restricted', 'confidential'];

/**
 * Pages of confidential work (protection cases, hotline calls, the DDR registry of persons and
 * weapons): offline they say they are unavailable and read nothing, not even a copy.
 */
export function confidentialPage(pathname: string): boolean {
  if (pathname === '/protection' || pathname.startsWith('/protection/')) return true;
  if (pathname === '/ddr/sites' || pathname.startsWith('/ddr/sites/')) return false;
  return pathname === '/ddr' || pathname.startsWith('/ddr/');
}
