/**
 * Slows password guessing without letting an attacker lock a field officer out.
 *
 * Failures are counted per (address, account) pair and per address, never per account alone:
 * an attacker guessing from elsewhere exhausts their own budget, not the victim's, and the
 * victim signing in from their own address is unaffected. Argon2id makes each guess costly.
 * Counts live in memory: Mandat runs one server process per database.
 */
export interface ThrottleLimits {
  windowMs: number;
  perPair: number;
  perAddress: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perPair: 5, perAddress: 50 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next attempt is allowed, or 0. */
  retryAfter(address: string, email: string): number {
    const pair = this.recent(`p:${address}|${email}`);
    const addr = this.recent(`a:${address}`);
    const waits = [
      pair.length >= this.limits.perPair ? (pair[0] ?? 0) + this.limits.windowMs : 0,
      addr.length >= this.limits.perAddress ? (addr[0] ?? 0) + this.limits.windowMs : 0,
    ];
    const until = Math.max(...waits);
    return until > 0 ? Math.max(1, Math.ceil((until - this.now()) / 1000)) : 0;
  }

  recordFailure(address: string, email: string): void {
    for (const key of [`p:${address}|${email}`, `a:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  recordSuccess(address: string, email: string): void {
    this.failures.delete(`p:${address}|${email}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}
