import { accountKey, seal, unseal } from './crypto.js';
import type { OutboxDatabase, OutboxState, StoredRecord } from './db.js';
import { type OutboxRequest, requestOf } from './kinds.js';

/**
 * One account's outbox: records entered on this device, kept sealed in IndexedDB until the server
 * has made them. `flush` sends what is due, each with its own key so a repeated send makes nothing
 * twice; a network error or a 5xx is tried again later with exponential back-off; a refusal (4xx)
 * keeps the record with the server's message until the user fixes or discards it; a 401 stops the
 * round and keeps everything for the next sign-in of the same account.
 */

/** What the server said when it refused a record: its problem document's message and field errors. */
export interface OutboxProblem {
  status: number;
  code: string;
  message: string;
  errors: { path: string; message: string }[];
}

/** A record as the outbox page shows it: the stored one with its sealed parts opened. */
export interface OutboxRecord {
  key: string;
  account: string;
  kind: string;
  enteredAt: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  payload: unknown;
  summary: string;
  problem: OutboxProblem | null;
}

interface SealedContent {
  payload: unknown;
  summary: string;
  problem: OutboxProblem | null;
}

/**
 * Sends one request with the record's key and the time it was entered on this device; throws an
 * error with `status` and `problem` for an HTTP error, anything else for the network.
 */
export type Transport = (request: OutboxRequest, key: string, enteredAt: string) => Promise<unknown>;

/** What a round of sending did. */
export interface FlushResult {
  sent: { record: OutboxRecord; saved: unknown }[];
  refused: number;
  retrying: number;
  /** The server no longer knows the session: nothing more is sent until the account signs in again. */
  unauthenticated: boolean;
}

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/**
 * A send left `sending` longer than this (its tab was closed or reloaded mid-send) is due again.
 * Short, since sending twice is harmless: the server makes a record once per key and answers a
 * second send with it.
 */
const SENDING_TIMEOUT_MS = 20_000;
/** Sends at once: a few, as a browser opens a few connections to one host. */
const CONCURRENCY = 4;

/** The wait before attempt n+1 after n failed ones: 2 s, 4 s, 8 s … up to 5 minutes. */
export function backOff(attempts: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

interface HttpFailure {
  status: number;
  problem?: { code?: string; title?: string; detail?: string; errors?: { path: string; message: string }[] };
}

function httpFailure(error: unknown): HttpFailure | null {
  if (error && typeof error === 'object' && typeof (error as HttpFailure).status === 'number' && (error as HttpFailure).status > 0) {
    return error as HttpFailure;
  }
  return null;
}

function problemOf(failure: HttpFailure): OutboxProblem {
  const problem = failure.problem ?? {};
  return {
    status: failure.status,
    code: problem.code ?? 'unexpected',
    message: problem.detail ?? problem.title ?? String(failure.status),
    errors: problem.errors ?? [],
  };
}

export class Outbox {
  constructor(
    private readonly db: OutboxDatabase,
    readonly account: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private key(): Promise<CryptoKey> {
    return accountKey(this.db, this.account);
  }

  private async open(stored: StoredRecord): Promise<OutboxRecord> {
    const { sealed, sendingSince: _, ...rest } = stored;
    const content = await unseal<SealedContent>(await this.key(), sealed);
    return { ...rest, ...content };
  }

  /** Queues a record entered now; `key` is the one its form may already have sent with. */
  async add(kind: string, payload: unknown, summary: string, key: string = crypto.randomUUID()): Promise<OutboxRecord> {
    requestOf(kind, payload);
    const enteredAt = this.now().toISOString();
    const content: SealedContent = { payload, summary, problem: null };
    const stored: StoredRecord = {
      key,
      account: this.account,
      kind,
      enteredAt,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: enteredAt,
      sendingSince: null,
      sealed: await seal(await this.key(), content),
    };
    await this.db.records.put(stored);
    return this.open(stored);
  }

  /** The account's records, oldest first. */
  async list(): Promise<OutboxRecord[]> {
    const rows = await this.db.records.where('[account+enteredAt]').between([this.account, ''], [this.account, '\uffff']).toArray();
    return Promise.all(rows.map((row) => this.open(row)));
  }

  async count(): Promise<number> {
    return this.db.records.where('account').equals(this.account).count();
  }

  async get(key: string): Promise<OutboxRecord | undefined> {
    const stored = await this.db.records.get(key);
    return stored && stored.account === this.account ? this.open(stored) : undefined;
  }

  async discard(key: string): Promise<void> {
    await this.db.records.where({ key, account: this.account }).delete();
  }

  /** Discards every record of the account (the user chose so when signing out). */
  async clear(): Promise<void> {
    await this.db.records.where('account').equals(this.account).delete();
  }

  /** Replaces a record's payload after the user fixed it; it waits to be sent again at once. */
  async replace(key: string, payload: unknown, summary: string): Promise<void> {
    const stored = await this.db.records.get(key);
    if (!stored || stored.account !== this.account) return;
    const sealed = await seal(await this.key(), { payload, summary, problem: null } satisfies SealedContent);
    await this.db.records.update(key, {
      sealed,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: this.now().toISOString(),
      sendingSince: null,
    });
  }

  /** Sends a record again now, whatever its back-off. */
  async retry(key: string): Promise<void> {
    const stored = await this.db.records.get(key);
    if (!stored || stored.account !== this.account || stored.state === 'sending') return;
    const record = await this.open(stored);
    const sealed = await seal(await this.key(), {
      payload: record.payload,
      summary: record.summary,
      problem: null,
    } satisfies SealedContent);
    await this.db.records.update(key, { sealed, state: 'waiting', nextAttemptAt: this.now().toISOString() });
  }

  /** Makes every waiting record of the account due now: the server answers again, none waits out its back-off. */
  async dueNow(): Promise<void> {
    const now = this.now().toISOString();
    await this.db.records
      .where('account')
      .equals(this.account)
      .filter((row) => row.state === 'waiting' && row.nextAttemptAt > now)
      .modify({ nextAttemptAt: now });
  }

  /** When the next waiting record is due (or a send left by a closed tab is taken up again), or null when none waits. */
  async nextDue(): Promise<Date | null> {
    const rows = await this.db.records.where('account').equals(this.account).toArray();
    const due = rows.flatMap((row) => {
      if (row.state === 'waiting') return [new Date(row.nextAttemptAt).getTime()];
      if (row.state === 'sending' && row.sendingSince) return [new Date(row.sendingSince).getTime() + SENDING_TIMEOUT_MS];
      return [];
    });
    return due.length === 0 ? null : new Date(Math.min(...due));
  }

  /** Marks a due record as being sent, in one transaction: two tabs never take the same one. */
  private async claim(key: string): Promise<StoredRecord | null> {
    return this.db.transaction('rw', this.db.records, async () => {
      const stored = await this.db.records.get(key);
      if (!stored || !this.isDue(stored)) return null;
      const sendingSince = this.now().toISOString();
      await this.db.records.update(key, { state: 'sending', sendingSince });
      return { ...stored, state: 'sending', sendingSince };
    });
  }

  private isDue(stored: StoredRecord): boolean {
    const now = this.now();
    if (stored.account !== this.account) return false;
    if (stored.state === 'waiting') return stored.nextAttemptAt <= now.toISOString();
    if (stored.state === 'sending') return (stored.sendingSince ?? '') <= new Date(now.getTime() - SENDING_TIMEOUT_MS).toISOString();
    return false;
  }

  /** Sends every due record of the account through `transport`, a few at once, oldest first. */
  async flush(transport: Transport): Promise<FlushResult> {
    const rows = await this.db.records.where('[account+enteredAt]').between([this.account, ''], [this.account, '\uffff']).toArray();
    const queue = rows.filter((row) => this.isDue(row)).map((row) => row.key);
    const result: FlushResult = { sent: [], refused: 0, retrying: 0, unauthenticated: false };
    const worker = async () => {
      for (let key = queue.shift(); key !== undefined && !result.unauthenticated; key = queue.shift()) {
        await this.sendOne(key, transport, result);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return result;
  }

  private async sendOne(key: string, transport: Transport, result: FlushResult): Promise<void> {
    const stored = await this.claim(key);
    if (!stored) return;
    const record = await this.open(stored);
    try {
      const saved = await transport(requestOf(record.kind, record.payload), record.key, record.enteredAt);
      await this.db.records.delete(key);
      result.sent.push({ record, saved });
    } catch (error) {
      const failure = httpFailure(error);
      if (failure && failure.status === 401) {
        // The session ended: the record waits, untouched, for the same account's next sign-in.
        result.unauthenticated = true;
        await this.db.records.update(key, { state: 'waiting', sendingSince: null });
      } else if (failure && failure.status >= 400 && failure.status < 500) {
        result.refused++;
        const problem = problemOf(failure);
        const sealed = await seal(await this.key(), { payload: record.payload, summary: record.summary, problem } satisfies SealedContent);
        await this.db.records.update(key, { state: 'refused', attempts: record.attempts + 1, sendingSince: null, sealed });
      } else {
        result.retrying++;
        const attempts = record.attempts + 1;
        const nextAttemptAt = new Date(this.now().getTime() + backOff(attempts)).toISOString();
        await this.db.records.update(key, { state: 'waiting', attempts, nextAttemptAt, sendingSince: null });
      }
    }
  }
}
