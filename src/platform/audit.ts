import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { LOCK_KEYS, lockForTransaction } from '../db/helpers/locks.js';
import type { AuditLogTable, Dialect } from '../db/schema.js';
import { sha256Hex } from './crypto.js';
import type { Actor } from './policy.js';

/**
 * The tamper-evident audit chain (SECURITY.md, AUD). Each entry's hash covers a canonical
 * encoding of the entry and the previous entry's hash, so editing, deleting or reordering any
 * entry breaks every hash after it. Entries never carry confidential content.
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

export function entryHash(entry: Hashed): string {
  const { prev_hash, ...fields } = entry;
  return sha256Hex(`${prev_hash}\n${canonical(fields)}`);
}

/**
 * Appends one entry inside the caller's transaction, so the entry commits or rolls back with the
 * change it records.
 */
export async function appendAudit(trx: Trx, dialect: Dialect, actor: AuditActor, event: AuditEvent, now: Date): Promise<void> {
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
    .values({ ...entry, hash: entryHash(entry) })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: number | null;
  problem: 'hash_mismatch' | 'chain_break' | 'sequence_gap' | null;
}

/** Walks the whole chain in order, in pages; reports the first entry that does not hold. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5_000;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (problem: VerifyResult['problem']): VerifyResult => ({
        ok: false,
        checked,
        firstBroken: problem === 'sequence_gap' ? expectedSeq : seq,
        problem,
      });
      if (seq !== expectedSeq) return broken('sequence_gap');
      if (row.prev_hash !== prevHash) return broken('chain_break');
      const { hash, ...rest } = row;
      if (entryHash({ ...rest, seq }) !== hash) return broken('hash_mismatch');
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked, firstBroken: null, problem: null };
  }
}

/** Number of entries, for status displays. */
export async function auditLength(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
