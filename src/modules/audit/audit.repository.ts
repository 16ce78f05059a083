import type { AuditFilter } from '../../contracts/audit.js';
import type { Db } from '../../db/database.js';
import type { AuditLogTable } from '../../db/schema.js';

export type AuditRow = Omit<AuditLogTable, 'seq'> & { seq: number };

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The day after an ISO day, for an inclusive upper bound on `at`. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** Newest first, keyset-paginated on the sequence number, narrowed by the filter. */
export async function auditRows(db: Db, filter: AuditFilter, page: { before?: number | undefined; limit: number }): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(page.limit);
  if (page.before) q = q.where('seq', '<', page.before);
  if (filter.action) {
    const action = filter.action.replace(/[%_\\]/g, '');
    q = filter.action.endsWith('.') ? q.where('action', 'like', `${action}%`) : q.where('action', '=', filter.action);
  }
  if (filter.actor) {
    q = ACCOUNT_ID.test(filter.actor)
      ? q.where('actor_id', '=', filter.actor.toLowerCase())
      : q.where('actor_label', '=', filter.actor.toLowerCase());
  }
  if (filter.recordType) q = q.where('record_type', '=', filter.recordType);
  if (filter.from) q = q.where('at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where('at', '<', dayAfter(filter.to));
  const rows = await q.execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
