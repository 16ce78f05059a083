import type { AuditEntry } from '../../contracts/audit.js';
import type { Db } from '../../db/database.js';

interface AuditQuery {
  before?: number | undefined;
  limit: number;
  action?: string | undefined;
  actor?: string | undefined;
}

/** Newest first, keyset-paginated on the sequence number. */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.before) q = q.where('seq', '<', query.before);
  if (query.action) q = q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '')}%`);
  if (query.actor) q = q.where('actor_label', '=', query.actor.toLowerCase());
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      seq: Number(row.seq),
      at: row.at,
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      action: row.action,
      recordType: row.record_type,
      recordId: row.record_id,
      decision: row.decision as AuditEntry['decision'],
      reason: row.reason,
      hash: row.hash,
    })),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
