import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { LOCK_KEYS, lockForTransaction } from '../../db/helpers/locks.js';
import type { Dialect } from '../../db/schema.js';
import { deleteAttempts, deleteAttemptsBefore, insertAttempts, recentAttempts } from './auth.repository.js';

/**
 * Slows password guessing without letting an attacker lock a field officer out.
 *
 * Attempts are counted per (address, account) pair and per address, never per account alone:
 * an attacker guessing from elsewhere exhausts their own budget, not the victim's, and the
 * victim signing in from their own address is unaffected. Argon2id makes each guess costly.
 *
 * The count lives in the database and an attempt is *reserved* before the password is hashed,
 * in one transaction under a lock: parallel guesses, restarts and several server processes on
 * one PostgreSQL all meet the same limit. A successful sign-in releases its reservations and
 * clears the pair; a failed one leaves its reservation standing as the failure.
 */
export interface ThrottleLimits {
  windowMs: number;
  perPair: number;
  perAddress: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perPair: 5, perAddress: 50 };

/** A reserved attempt: either refused (wait that many seconds) or granted with its row ids. */
export type Reservation = { wait: number; ids: [] } | { wait: 0; ids: string[] };

const pairKey = (address: string, email: string) => `p:${address}|${email}`;
const addressKey = (address: string) => `a:${address}`;

export class LoginThrottle {
  constructor(readonly limits: ThrottleLimits = DEFAULT_LIMITS) {}

  /** Reserves one attempt, or says how many seconds to wait before the next is allowed. */
  async reserve(db: Db, dialect: Dialect, now: Date, address: string, email: string): Promise<Reservation> {
    const keys = [pairKey(address, email), addressKey(address)] as const;
    const since = new Date(now.getTime() - this.limits.windowMs).toISOString();
    return db.transaction().execute(async (trx) => {
      await lockForTransaction(trx, dialect, LOCK_KEYS.loginThrottle);
      const rows = await recentAttempts(trx, keys, since);
      const wait = (key: string, limit: number) => {
        const row = rows.find((r) => r.key === key);
        return row && row.n >= limit ? new Date(row.first).getTime() + this.limits.windowMs : 0;
      };
      const until = Math.max(wait(keys[0], this.limits.perPair), wait(keys[1], this.limits.perAddress));
      if (until > 0) return { wait: Math.max(1, Math.ceil((until - now.getTime()) / 1000)), ids: [] };
      const ids = keys.map(() => randomUUID());
      await insertAttempts(
        trx,
        keys.map((key, i) => ({ id: ids[i] as string, key, at: now.toISOString() })),
      );
      return { wait: 0, ids };
    });
  }

  /** A successful sign-in: its own reservations go, and the pair's past failures with them. */
  async succeeded(db: Db, reservation: Reservation, address: string, email: string): Promise<void> {
    await deleteAttempts(db, reservation.ids, pairKey(address, email));
  }

  /** Gives a reservation back: the attempt turned out to be a step of a sign-in, not a guess. */
  async release(db: Db, reservation: Reservation): Promise<void> {
    await deleteAttempts(db, reservation.ids);
  }

  /** Forgets attempts older than the window. */
  async prune(db: Db, now: Date): Promise<void> {
    const before = new Date(now.getTime() - this.limits.windowMs).toISOString();
    await deleteAttemptsBefore(db, before);
  }
}
