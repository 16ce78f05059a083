import { NEVER_OFFLINE_CLASSES } from '../../../src/contracts/offline.js';

function neverOffline(record: unknown): boolean {
  if (record === null || typeof record !== 'object') return false;
  return NEVER_OFFLINE_CLASSES.includes(String((record as { classification?: unknown }).classification));
}

/**
 * An answer of the API as the service worker may keep it: null when it is not JSON or is itself a
 * record of a class never kept offline (restricted, confidential); a list (`items`) without its
 * items of such a class; anything else as it is.
 */
export function sift(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (neverOffline(value)) return null;
  if (value !== null && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    const list = value as { items: unknown[] };
    return JSON.stringify({ ...list, items: list.items.filter((item) => !neverOffline(item)) });
  }
  return text;
}
