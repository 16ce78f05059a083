import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle, Db, Trx } from '../db/database.js';
import { appendOnlyProblems } from '../db/helpers/append-only.js';
import { LOCK_KEYS, lockForTransaction } from '../db/helpers/locks.js';
import type { AuditLogTable, Dialect } from '../db/schema.js';
import { sha256Hex } from './crypto.js';
import { KEY_BYTES, KeyringError, lockKeyFile, readKeyFile, writeKeyFile } from './keyfile.js';
import type { Actor } from './policy.js';

/**
 * The tamper-evident audit chain (SECURITY.md, AUD). Each entry's hash covers a canonical
 * encoding of the entry and the previous entry's hash, so editing, deleting or reordering any
 * entry breaks every hash after it. Entries never carry confidential content.
 *
 * The hash is an HMAC-SHA256 under the audit key, which lives in the key file and never in the
 * database: someone who can write to the database cannot recompute the chain after an edit.
 * Entries written before the chain was keyed carry a plain SHA-256; they verify only as the
 * chain's first entries, before any keyed one. Deleting the newest entries leaves a valid
 * chain: anchors (the head's number and hash kept elsewhere) and the checks of `verifyAudit`
 * against the rest of the database catch that.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  decision?: 'allow' | 'deny';
  reason?: string | null;
  /** Small, non-confidential facts (field names changed, counts); never record content. */
  details?: Record<string, unknown> | null;
}

/** Who an entry is attributed to: a signed-in actor, or a label such as `cli` or `anonymous`. */
export type AuditActor = Pick<Actor, 'label'> & { id: string | null };

type Hashed = Omit<AuditLogTable, 'hash'>;

/** Canonical JSON: keys sorted, no whitespace; stable across databases and Node versions. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** An entry's hash: HMAC-SHA256 under the audit key; without a key, the plain SHA-256 of entries written before keying. */
export function entryHash(entry: Hashed, key: KeyObject | null = null): string {
  const { prev_hash, ...fields } = entry;
  const message = `${prev_hash}\n${canonical(fields)}`;
  return key ? createHmac('sha256', key).update(message, 'utf8').digest('hex') : sha256Hex(message);
}

// ---------------------------------------------------------------------------------------------
// The audit key

/** Audit keys of this process by key-file path: read once, since the key never changes. */
const auditKeys = new Map<string, KeyObject>();

/**
 * The audit key of the key file, for appending. On first use adds one to the key file (creating
 * the file if there is none), serialised with every other writer of the key file. Refuses to
 * start a new key when the newest entry was keyed with one the file does not hold: the chain
 * would silently continue under another key, and nothing before could be verified.
 */
export async function auditKeyFor(trx: Trx, dialect: Dialect, keyFile: string): Promise<KeyObject> {
  const path = resolve(keyFile);
  const cached = auditKeys.get(path);
  if (cached) return cached;
  await lockKeyFile(trx, dialect);
  for (;;) {
    const file = readKeyFile(path);
    if (file?.audit) return remember(path, file.audit);
    const last = await trx.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (last && entryHash(unhashed(last)) !== last.hash)
      throw new KeyringError(
        `the newest audit entry (no. ${last.seq}) was written with an audit key that the key file ${path} does not hold, or was altered: restore that key file (MANDAT_KEY_FILE)`,
      );
    const audit = randomBytes(KEY_BYTES);
    if (file) {
      writeKeyFile(path, { ...file, audit });
      return remember(path, audit);
    }
    // Linked in place only if still absent; otherwise another process created it: read it again.
    if (writeKeyFile(path, { current: 'm1', keys: new Map([['m1', randomBytes(KEY_BYTES)]]), audit }, true)) return remember(path, audit);
  }
}

/** The audit key of the key file for verifying, or null when the file holds none (yet). Never writes. */
export function readAuditKey(keyFile: string): KeyObject | null {
  const path = resolve(keyFile);
  const cached = auditKeys.get(path);
  if (cached) return cached;
  const audit = readKeyFile(path)?.audit;
  return audit ? remember(path, audit) : null;
}

function remember(path: string, bytes: Buffer): KeyObject {
  const key = createSecretKey(bytes);
  bytes.fill(0);
  auditKeys.set(path, key);
  return key;
}

function unhashed(row: AuditLogTable): Hashed {
  const { hash: _hash, ...rest } = row;
  return { ...rest, seq: Number(rest.seq) };
}

// ---------------------------------------------------------------------------------------------
// Appending

/**
 * Appends one entry inside the caller's transaction, so the entry commits or rolls back with the
 * change it records. `key` is the audit key (`auditKeyFor`).
 */
export async function appendAudit(
  trx: Trx,
  dialect: Dialect,
  actor: AuditActor,
  event: AuditEvent,
  now: Date,
  key: KeyObject,
): Promise<void> {
  await lockForTransaction(trx, dialect, LOCK_KEYS.auditChain);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry: Hashed = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actor_id: actor.id,
    actor_label: actor.label,
    action: event.action,
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    decision: event.decision ?? 'allow',
    reason: event.reason ?? null,
    details: event.details ? canonical(event.details) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...entry, hash: entryHash(entry, key) })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Verifying

export type AuditProblem =
  | 'sequence_gap'
  | 'chain_break'
  | 'hash_mismatch'
  | 'unkeyed_after_keyed'
  | 'head_unkeyed'
  | 'anchor_missing'
  | 'anchor_mismatch'
  | 'log_too_short'
  | 'triggers_missing';

export interface AuditFailure {
  problem: AuditProblem;
  /** The entry concerned, when there is one. */
  seq: number | null;
  /** What was found, for the operator (English, like the rest of the command line). */
  message: string;
}

/** An entry's number, hash and time: kept outside the database, it proves the log reached it. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Entries checked in order before the first break (all of them when the chain holds). */
  checked: number;
  /** Of those, entries under the audit key, and plain SHA-256 entries written before keying. */
  keyed: number;
  unkeyed: number;
  /** The newest entry as stored, whether or not the chain holds up to it. */
  head: AuditAnchor | null;
  /** The entry where the chain breaks (or the first failure naming an entry). */
  firstBroken: number | null;
  /** The first failure's problem. */
  problem: AuditProblem | null;
  /** Every failure found: the chain's first break, then the anchor, the log's length, the triggers. */
  failures: AuditFailure[];
}

/** What verification needs: the database, and the key file holding the audit key. */
export interface AuditVerifyContext {
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  config: { keyFile: string };
}

/**
 * Checks everything that can be checked from the database and the key file:
 *
 * - the chain, in order: numbers without gaps, each entry linked to the one before, each hash
 *   an HMAC under the audit key, or plain SHA-256 only for entries before the first keyed one;
 * - when the key file holds an audit key, that the newest entry is keyed (the log was not cut
 *   back to, or rewritten as, unkeyed entries);
 * - with an anchor, that its entry still exists with its hash (the newest entries were not cut off);
 * - that the log is not shorter than the records written with an entry each;
 * - that the database still refuses changes to the log (the append-only triggers).
 */
export async function verifyAudit(ctx: AuditVerifyContext, options: { anchor?: AuditAnchor } = {}): Promise<VerifyResult> {
  const { db, dialect } = ctx.database;
  const key = readAuditKey(ctx.config.keyFile);
  const chain = await walkChain(db, key);
  const failures: AuditFailure[] = chain.failure ? [chain.failure] : [];
  const head = await auditHead(db);
  if (!chain.failure && key && chain.checked > 0 && chain.keyed === 0)
    failures.push({
      problem: 'head_unkeyed',
      seq: head?.seq ?? null,
      message: `the key file holds an audit key, but no entry is keyed (the newest is no. ${head?.seq}): the keyed entries were deleted, or the log was rewritten without the key`,
    });
  if (options.anchor) {
    const anchor = options.anchor;
    const row = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', anchor.seq).executeTakeFirst();
    if (!row)
      failures.push({
        problem: 'anchor_missing',
        seq: anchor.seq,
        message: `entry ${anchor.seq}, anchored at ${anchor.at}, no longer exists (the log ${head ? `ends at entry ${head.seq}` : 'is empty'}): the newest entries were cut off`,
      });
    else if (row.hash !== anchor.hash)
      failures.push({
        problem: 'anchor_mismatch',
        seq: anchor.seq,
        message: `entry ${anchor.seq} no longer has the hash anchored at ${anchor.at}: the log was rewritten`,
      });
  }
  const length = await auditLength(db);
  const records = await recordsWrittenWithEntries(db);
  if (length < records.minimum)
    failures.push({
      problem: 'log_too_short',
      seq: null,
      message: `${length === 0 ? 'the audit log is empty' : `the audit log holds ${length} entries`}, but the database holds ${records.found.join(', ')}, written with at least ${records.minimum} entries: entries were deleted`,
    });
  const triggers = await appendOnlyProblems(db, dialect, 'audit_log');
  if (triggers.length > 0)
    failures.push({
      problem: 'triggers_missing',
      seq: null,
      message: `the database no longer refuses changes to the audit log: ${triggers.join('; ')}`,
    });
  const first = failures[0];
  return {
    ok: failures.length === 0,
    checked: chain.checked,
    keyed: chain.keyed,
    unkeyed: chain.unkeyed,
    head,
    firstBroken: chain.failure?.seq ?? failures.find((f) => f.seq !== null)?.seq ?? null,
    problem: first?.problem ?? null,
    failures,
  };
}

interface ChainWalk {
  checked: number;
  keyed: number;
  unkeyed: number;
  failure: AuditFailure | null;
}

/** Walks the whole chain in order, in pages; stops at the first entry that does not hold. */
async function walkChain(db: Db, key: KeyObject | null): Promise<ChainWalk> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let keyed = 0;
  const pageSize = 5_000;
  const broken = (problem: AuditProblem, seq: number, what: string): ChainWalk => ({
    checked,
    keyed,
    unkeyed: checked - keyed,
    failure: { problem, seq, message: `${what}; ${checked} entries verified before it` },
  });
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken('sequence_gap', expectedSeq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return broken('chain_break', seq, `entry ${seq} does not follow the entry before it`);
      const entry = unhashed(row);
      if (key && entryHash(entry, key) === row.hash) keyed += 1;
      else if (entryHash(entry) !== row.hash)
        return broken(
          'hash_mismatch',
          seq,
          `entry ${seq} was altered, or hashed with another key${key ? '' : ' (the key file holds no audit key: restore the one the log was written with)'}`,
        );
      else if (keyed > 0)
        return broken(
          'unkeyed_after_keyed',
          seq,
          `entry ${seq} is not keyed, though keyed entries precede it: the log was rewritten from there`,
        );
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { checked, keyed, unkeyed: checked - keyed, failure: null };
  }
}

/**
 * Records that are only ever written together with an audit entry: each account and data key
 * its own, the fact book, incidents and protection cases at least one. The mission's units are
 * not among them: they are loaded at every start without an entry.
 */
async function recordsWrittenWithEntries(db: Db): Promise<{ minimum: number; found: string[] }> {
  const count = async (table: 'users' | 'data_keys' | 'sections' | 'incidents' | 'protection_cases') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const users = await count('users');
  const dataKeys = await count('data_keys');
  const present = [
    ['the fact book', await count('sections')],
    ['incidents', await count('incidents')],
    ['protection cases', await count('protection_cases')],
  ] as const;
  const found = [
    ...(users > 0 ? [`${users} account${users === 1 ? '' : 's'}`] : []),
    ...(dataKeys > 0 ? [`${dataKeys} data key${dataKeys === 1 ? '' : 's'}`] : []),
    ...present.filter(([, n]) => n > 0).map(([what]) => what),
  ];
  return { minimum: users + dataKeys + present.filter(([, n]) => n > 0).length, found };
}

/** The newest entry, as stored. */
export async function auditHead(db: Db): Promise<AuditAnchor | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, at: row.at } : null;
}

/**
 * The anchor of the head, to keep outside the database. Refuses when the log is empty or the
 * newest entry's own hash does not hold, so a forged head is never anchored.
 */
export async function auditAnchor(ctx: AuditVerifyContext): Promise<AuditAnchor> {
  const row = await ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new Error('the audit log is empty: there is nothing to anchor');
  const key = readAuditKey(ctx.config.keyFile);
  const entry = unhashed(row);
  if ((key ? entryHash(entry, key) : entryHash(entry)) !== row.hash)
    throw new Error(`the newest audit entry (no. ${row.seq}) does not verify under the audit key: run "mandat audit verify"`);
  return { seq: entry.seq, hash: row.hash, at: row.at };
}

const ANCHOR_LINE = /^seq=([1-9][0-9]{0,14}) hash=([0-9a-f]{64}) at=(\S+)$/;

/** One line: `seq=<n> hash=<64 hex> at=<ISO time>`. */
export function formatAnchor(anchor: AuditAnchor): string {
  return `seq=${anchor.seq} hash=${anchor.hash} at=${anchor.at}`;
}

/** Reads a line written by `formatAnchor`; null when it is not one. */
export function parseAnchor(line: string): AuditAnchor | null {
  const match = ANCHOR_LINE.exec(line.trim());
  return match ? { seq: Number(match[1]), hash: match[2] as string, at: match[3] as string } : null;
}

/** Number of entries, for status displays. */
export async function auditLength(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
