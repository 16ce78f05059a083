import type { Subscription } from 'dexie';
import { onServerAnswered, request } from '../api/client.js';
import { queryClient } from '../api/queries.js';
import type { OutboxDatabase } from './db.js';
import type { OutboxKindName, PayloadOf } from './kinds.js';
import { Outbox, type OutboxRecord, type Transport } from './outbox.js';

/**
 * The outbox of the signed-in account in the running app: bound to the account id of
 * /api/auth/me (unbound when nobody is signed in, so nothing is sent under another account), it
 * sends on start, after sign-in, on the browser's `online` event and when a back-off ends, and at
 * once whenever the server is seen answering again (any answer of the API, or a small probe every
 * 15 s while it is unreachable and records wait); it tells the shell whether the server answers
 * and how many records wait.
 */

export type Link = 'online' | 'offline' | 'unreachable';

export interface OutboxStatus {
  account: string | null;
  link: Link;
  /** Records of the account on this device, waiting or refused. */
  count: number;
  refused: number;
}

let db: OutboxDatabase | null = null;
let outbox: Outbox | null = null;
let status: OutboxStatus = { account: null, link: navigatorLink(), count: 0, refused: 0 };
let reachable = true;
let counting: Subscription | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let flushing: Promise<void> | null = null;
let again = false;
/** Off while the session is not known (loading, or /api/auth/me unreachable): the count shows, nothing is sent. */
let sending = false;
const LAST_ACCOUNT = 'mandat.outbox.account';

/** The account last signed in on this device (its id only), whose waiting records the shell counts before the session is known. */
export function lastAccount(): string | null {
  try {
    return localStorage.getItem(LAST_ACCOUNT);
  } catch {
    return null;
  }
}
const listeners = new Set<() => void>();

function navigatorLink(): Link {
  return typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'online';
}

/** The account the outbox is bound to, set at once though the outbox itself arrives with its module. */
let boundAccount: string | null = null;

function update(change: Partial<OutboxStatus>): void {
  const next = { ...status, ...change };
  next.link = navigatorLink() === 'offline' ? 'offline' : reachable ? 'online' : 'unreachable';
  status = next;
  for (const listener of listeners) listener();
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outboxStatus(): OutboxStatus {
  return status;
}

/** The signed-in account's outbox, or null when nobody is signed in. */
export function currentOutbox(): Outbox | null {
  return outbox;
}

/** Binds the outbox to the account now signed in (or to nobody) and sends what waits. */
export function bindAccount(account: string | null, { send = true }: { send?: boolean } = {}): void {
  const wasSending = sending;
  sending = send && account !== null;
  if (sending && account) {
    try {
      localStorage.setItem(LAST_ACCOUNT, account);
    } catch {
      // Private mode: the count before sign-in is not shown, nothing else changes.
    }
  }
  if (boundAccount === account) {
    if (sending && !wasSending) void flushOutbox();
    return;
  }
  boundAccount = account;
  counting?.unsubscribe();
  counting = null;
  outbox = null;
  update({ account, count: 0, refused: 0 });
  if (!account) return;
  void import('./storage.js').then(({ liveQuery, openOutboxDatabase }) => {
    if (boundAccount !== account) return;
    db ??= openOutboxDatabase();
    const bound = new Outbox(db, account);
    outbox = bound;
    counting = liveQuery(() => bound.list()).subscribe({
      next: (records) => {
        if (outbox === bound) update({ count: records.length, refused: records.filter((r) => r.state === 'refused').length });
      },
      error: () => undefined,
    });
    // The app starts or an account signs in: what waits is tried at once, whatever its back-off.
    void bound.dueNow().then(() => flushOutbox());
  });
}

/**
 * Sends one request with the record's key and the time it was entered, so the server keeps when it
 * was entered rather than when it arrived; an HTTP error comes back as an `ApiError` (status, problem).
 */
const transport: Transport = (outgoing, key, enteredAt) =>
  request<unknown>(outgoing.method, outgoing.path, outgoing.body, outgoing.idempotent ? { idempotencyKey: key, enteredAt } : {});

/** Sends every due record of the bound account; a second call while one runs runs once more after it. */
export function flushOutbox(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      const box = outbox;
      if (!box || !sending) break;
      const result = await box.flush(async (outgoing, key, enteredAt) => {
        // Never under another account: the session may have changed while the round ran.
        if (outbox !== box) throw Object.assign(new Error('account changed'), { status: 401 });
        return transport(outgoing, key, enteredAt);
      });
      const networkFailed = result.retrying > 0 && result.sent.length === 0;
      if (result.sent.length > 0 || result.refused > 0) {
        reachable = true;
        // The server answers: what still waits goes now rather than at the end of its back-off.
        if (result.retrying > 0) {
          await box.dueNow();
          again = true;
        }
      } else if (networkFailed) reachable = false;
      update({});
      if (result.sent.length > 0) void queryClient.invalidateQueries();
      if (!result.unauthenticated) schedule(box);
    } while (again);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** While the server is unreachable and records wait, it is asked whether it answers again this often (a few hundred bytes). */
const PROBE_MS = 15_000;

async function schedule(box: Outbox): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const due = await box.nextDue();
  if (!due || outbox !== box) return;
  const wait = Math.max(0, due.getTime() - Date.now()) + 50;
  if (reachable || wait <= PROBE_MS) {
    timer = setTimeout(() => void flushOutbox(), wait);
    return;
  }
  // A back-off may have grown long while the link was down: a small probe tells when it is back.
  timer = setTimeout(() => {
    timer = null;
    request('GET', '/api/health').then(
      () => undefined,
      () => {
        if (outbox === box && !reachable) void schedule(box);
      },
    );
  }, PROBE_MS);
}

/** The server answered a request of the app: once unreachable, it now is again, and what waits is sent at once. */
function serverAnswered(): void {
  if (reachable) return;
  reachable = true;
  update({});
  const box = outbox;
  if (box && sending) void box.dueNow().then(() => flushOutbox());
}

if (typeof window !== 'undefined') {
  onServerAnswered(serverAnswered);
  window.addEventListener('online', () => {
    reachable = true;
    update({});
    const box = outbox;
    if (box && sending) void box.dueNow().then(() => flushOutbox());
    else void flushOutbox();
  });
  window.addEventListener('offline', () => update({}));
}

/** The request failed before the server answered (or the server is unavailable): the record is better kept. */
export function isUnreachable(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 0 || status === 502 || status === 503 || status === 504;
}

/**
 * Sends a record now, or keeps it in the outbox when the network is down or the server unreachable
 * (with the same key, so a send that reached the server is not made twice). `reopened`: the outbox
 * record being fixed, discarded once sent, replaced when kept again.
 */
export async function sendOrKeep<K extends OutboxKindName, T>(
  kind: K,
  payload: PayloadOf<K>,
  summary: string,
  key: string,
  send: () => Promise<T>,
  reopened?: string,
): Promise<{ sent: T } | { kept: OutboxRecord | null }> {
  const box = sending ? outbox : null;
  if (!box) return { sent: await send() };
  const keep = async () => {
    if (reopened) {
      await box.replace(reopened, payload, summary);
      return { kept: null };
    }
    return { kept: await box.add(kind, payload, summary, key) };
  };
  if (navigatorLink() === 'offline') return keep();
  try {
    const sent = await send();
    reachable = true;
    update({});
    if (reopened) await box.discard(reopened);
    return { sent };
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    reachable = false;
    update({});
    const kept = await keep();
    void schedule(box);
    return kept;
  }
}
