import type { AppContext } from '../../platform/context.js';
import { credentialsVersion } from '../../platform/credentials.js';
import type { Authenticated } from '../../platform/http.js';

/**
 * Who a session or an API token stands for, kept a few seconds so that a request does not read
 * the token, the account and its memberships again each time.
 *
 * An entry holds only while the version of the credentials (`authVersion`) is the one read
 * before it was resolved. Everything that can change who a credential in use stands for is an
 * audited write listed in `CREDENTIAL_ACTIONS`: `auditedTransaction` gives the credentials a new
 * version in the transaction of the change, from this process or any other (a `mandat` command,
 * another server on the same database), and the next request resolves the credential again. So a request pays one read of the
 * version instead of three reads, and a change is seen at once. Expiry (of a token, of a session
 * idle or too old) is checked on every hit against the values read when the entry was made.
 */
export interface CachedAuth {
  auth: Authenticated;
  /** Token: its expiry. Session: its absolute expiry. */
  expiresAt: string | null;
  /** Session only: when it was last seen (the idle limit counts from it). */
  lastSeenAt?: string;
}

interface Entry extends CachedAuth {
  version: string;
  at: number;
}

export class AuthCache {
  readonly #ttlMs: number;
  readonly #capacity: number;
  readonly #entries = new Map<string, Entry>();

  constructor(options: { ttlMs?: number; capacity?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#capacity = options.capacity ?? 1_000;
  }

  /** The entry for `key` if it was made under this version less than the time to live ago. */
  get(key: string, version: string, now: Date): CachedAuth | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = now.getTime() - entry.at;
    if (entry.version !== version || age < 0 || age >= this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, version: string, now: Date, value: CachedAuth): void {
    this.#entries.delete(key);
    this.#entries.set(key, { ...value, version, at: now.getTime() });
    // Map keeps insertion order: the oldest entries go first.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

const perContext = new WeakMap<AppContext, AuthCache>();

/** The cache of one running application (one database). */
export function authCache(ctx: AppContext): AuthCache {
  let cache = perContext.get(ctx);
  if (!cache) {
    cache = new AuthCache();
    perContext.set(ctx, cache);
  }
  return cache;
}

/** The version an entry is checked against, read now (src/platform/credentials.ts). */
export function authVersion(ctx: AppContext): Promise<string> {
  return credentialsVersion(ctx.database);
}
