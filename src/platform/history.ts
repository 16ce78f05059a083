import { randomUUID } from 'node:crypto';
import type { Db, Trx } from '../db/database.js';
import type { AuditActor } from './audit.js';

/**
 * Field-level history of editable records: who changed what, from what, to what, at which
 * version. Written by services in the transaction of the change; shown beside each record.
 */
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose value differs between `before` and `after`. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== undefined && before[field] !== to) changes[field] = { from: before[field], to };
  }
  return changes;
}

export async function appendHistory(
  trx: Trx,
  entry: { recordType: string; recordId: string; version: number; actor: AuditActor; changes: Changes; at: string },
): Promise<void> {
  await trx
    .insertInto('record_history')
    .values({
      id: randomUUID(),
      record_type: entry.recordType,
      record_id: entry.recordId,
      version: entry.version,
      at: entry.at,
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

/** Newest first; the author is named by their account's current name when there is one. */
export async function readHistory(db: Db | Trx, recordType: string, recordId: string) {
  const rows = await db
    .selectFrom('record_history')
    .leftJoin('users', 'users.id', 'record_history.actor_id')
    .select(['record_history.version', 'record_history.at', 'record_history.actor_label', 'record_history.changes', 'users.name'])
    .where('record_history.record_type', '=', recordType)
    .where('record_history.record_id', '=', recordId)
    .orderBy('record_history.version', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    at: row.at,
    actorLabel: row.name ?? row.actor_label,
    changes: JSON.parse(row.changes) as Changes,
  }));
}
