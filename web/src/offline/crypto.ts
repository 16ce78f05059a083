import type { OutboxDatabase, Sealed } from './db.js';

/**
 * Encryption at rest of the outbox: one AES-GCM 256 key per account, generated in the browser as
 * non-extractable (no script can read its bytes, only use it) and kept in IndexedDB, where a
 * CryptoKey is stored as is. Each value is sealed with a fresh 96-bit nonce.
 */

/** The account's key, generated on first use. */
export async function accountKey(db: OutboxDatabase, account: string): Promise<CryptoKey> {
  const found = await db.keys.get(account);
  if (found) return found.key;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // Two tabs may generate one each at once: the first stored wins, and both use it.
  return db.transaction('rw', db.keys, async () => {
    const again = await db.keys.get(account);
    if (again) return again.key;
    await db.keys.add({ account, key });
    return key;
  });
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
