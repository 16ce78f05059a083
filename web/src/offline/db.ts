import { Dexie, type EntityTable } from 'dexie';

/**
 * The outbox's IndexedDB database (Dexie): records entered on this device and not yet accepted by
 * the server, and one AES-GCM key per account that seals them. Nothing in it is readable without
 * the key, and the key cannot leave the browser (`extractable: false`).
 */

/** Where a record stands: waiting to be sent (again), being sent, or refused by the server. */
export type OutboxState = 'waiting' | 'sending' | 'refused';

/** An AES-GCM ciphertext and the nonce it was sealed with. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** One queued record as stored: what the outbox needs to schedule it in clear, the rest sealed. */
export interface StoredRecord {
  /** The key generated on the device, sent as `Idempotency-Key`: the server makes the record once. */
  key: string;
  /** The account that entered it (from /api/auth/me): it is never sent under another. */
  account: string;
  /** What it is (`incident`, `activity`, …), registered in `kinds.ts`. */
  kind: string;
  /** When it was entered on the device (ISO-8601). */
  enteredAt: string;
  state: OutboxState;
  attempts: number;
  /** Not sent again before this time (ISO-8601): the back-off after a failed attempt. */
  nextAttemptAt: string;
  /** When a send started (ISO-8601): a send left `sending` by a closed tab is taken up again after a while. */
  sendingSince: string | null;
  /** The payload, a one-line summary and, once refused, the server's problem: sealed under the account's key. */
  sealed: Sealed;
}

export interface AccountKey {
  account: string;
  key: CryptoKey;
}

export type OutboxDatabase = Dexie & {
  records: EntityTable<StoredRecord, 'key'>;
  keys: EntityTable<AccountKey, 'account'>;
};

export const OUTBOX_DATABASE = 'mandat-outbox';

/** Opens (creating on first use) the outbox database; tests pass fake-indexeddb's factory. */
export function openOutboxDatabase(options: ConstructorParameters<typeof Dexie>[1] = {}): OutboxDatabase {
  const db = new Dexie(OUTBOX_DATABASE, options) as OutboxDatabase;
  db.version(1).stores({ records: 'key, account, [account+enteredAt]', keys: 'account' });
  return db;
}
