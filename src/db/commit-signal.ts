import { sql } from 'kysely';
import pg from 'pg';
import type { Trx } from './database.js';

/**
 * What a count follows: every audited commit (`commits`), or only those that changed credentials
 * in use (`credentials`, a notification whose payload says so), so that a write elsewhere does
 * not make every process read the credentials' version again.
 */
export type CommitKind = 'commits' | 'credentials';

/** The payload of a notification sent by a transaction that changed credentials. */
const CREDENTIALS = 'credentials';

/**
 * PostgreSQL's counterpart of SQLite's `PRAGMA data_version`: a number that moves whenever an
 * audited write of any process commits. Each audited transaction sends a notification on the
 * database's channel (`notify`, delivered by PostgreSQL at commit, never for a rollback); one
 * connection of each process listens and counts them, and this process's own commits count at
 * once (`committed`). While the connection listens, a version read from the database may be
 * reused until the count moves (`unlessChanged`); while it does not — not yet connected, lost,
 * reconnecting — every call gives a new number, so every version is read again, as without it.
 *
 * Another process's commit is seen once its notification arrives (a loopback round trip): a
 * request in that interval is answered as if it had come just before the commit.
 *
 * A second count moves only for commits that changed credentials in use (the notification's
 * payload says so, `CREDENTIALS`), and whenever the first moves for any other reason than a
 * commit (listening began, or stopped): the credentials' version is read again only then.
 */
export class CommitSignal {
  readonly #connectionString: string;
  readonly #channel: string;
  #count = 0;
  #credentials = 0;
  #client: pg.Client | null = null;
  #listening = false;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;
  #delayMs = 250;

  constructor(connectionString: string, channel: string) {
    this.#connectionString = connectionString;
    this.#channel = channel;
  }

  /** The count; a new one on each call while nothing listens (and the first call starts listening). */
  version(kind: CommitKind = 'commits'): number {
    if (this.#listening) return kind === 'credentials' ? this.#credentials : this.#count;
    this.#listen();
    this.#moveBoth();
    return kind === 'credentials' ? this.#credentials : this.#count;
  }

  /** Whether notifications are being counted (tests; the health of the signal). */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * In the audited transaction: the notification other processes count once it commits, saying
   * whether the transaction changed credentials in use.
   */
  async notify(trx: Trx, options: { credentials?: boolean } = {}): Promise<void> {
    await sql`SELECT pg_notify(${this.#channel}, ${options.credentials ? CREDENTIALS : ''})`.execute(trx);
  }

  /**
   * After this process's own commit: the counts move now, synchronously, not when its
   * notification comes back.
   */
  committed(options: { credentials?: boolean } = {}): void {
    this.#count += 1;
    if (options.credentials) this.#credentials += 1;
  }

  #moveBoth(): void {
    this.#count += 1;
    this.#credentials += 1;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const client = this.#client;
    this.#client = null;
    this.#listening = false;
    await client?.end().catch(() => undefined);
  }

  #listen(): void {
    if (this.#client || this.#retry || this.#closed) return;
    const client = new pg.Client({ connectionString: this.#connectionString });
    this.#client = client;
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#listening = false;
      this.#moveBoth();
      client.end().catch(() => undefined);
      if (this.#closed) return;
      // Back off while the server is away; requests meanwhile read every version.
      this.#retry = setTimeout(() => {
        this.#retry = null;
        this.#listen();
      }, this.#delayMs);
      this.#retry.unref();
      this.#delayMs = Math.min(this.#delayMs * 2, 30_000);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      this.#count += 1;
      if (message.payload === CREDENTIALS) this.#credentials += 1;
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${client.escapeIdentifier(this.#channel)}`))
      .then(() => {
        if (this.#client !== client) return;
        // Anything may have committed before listening began: the count moves once more.
        this.#listening = true;
        this.#moveBoth();
        this.#delayMs = 250;
      }, lost);
  }
}
