import { type RawBuilder, sql } from 'kysely';
import type { CommitKind } from '../db/commit-signal.js';
import type { DatabaseHandle, Db } from '../db/database.js';

/**
 * A short token that changes whenever a write audited as one of `actions` commits: the newest
 * such entry's sequence number and hash. Every write goes through `auditedTransaction`, so the
 * entry commits with the change, from whichever process made it; a cache keyed on this token
 * cannot serve a state older than the database's.
 *
 * Cheap whatever the length of the log: one lookup of the index `audit_log_action (action, seq)`
 * per action, then one by primary key. The hash tells apart two histories that reached the same
 * sequence number (a database restored from a backup, then written to again).
 */
export async function auditedVersion(db: Db, actions: readonly string[]): Promise<string> {
  if (actions.length === 0) return 'none';
  const { rows } = await versionQuery(actions).execute(db);
  const row = rows[0];
  return row ? `${row.seq}:${row.hash.slice(0, 16)}` : 'none';
}

type VersionQuery = RawBuilder<{ seq: number | string; hash: string }>;
const versionQueries = new WeakMap<readonly string[], VersionQuery>();

/** The query for a list of actions, built once per list: it is asked on every request. */
function versionQuery(actions: readonly string[]): VersionQuery {
  let query = versionQueries.get(actions);
  if (!query) {
    const newest = sql.join(
      actions.map((action) => sql`SELECT max(seq) FROM audit_log WHERE action = ${action}`),
      sql` UNION ALL `,
    );
    query = sql<{ seq: number | string; hash: string }>`
      SELECT seq, hash FROM audit_log WHERE seq IN (${newest}) ORDER BY seq DESC LIMIT 1`;
    versionQueries.set(actions, query);
  }
  return query;
}

interface Known {
  mark: number;
  value: string;
}
const known = new WeakMap<DatabaseHandle, Map<string, Known>>();

/**
 * A version read with `read`, asked again only when the database may have changed since: on
 * SQLite when its `data_version` moved (`DatabaseHandle.dataVersion`, any commit of any process,
 * seen at once). On PostgreSQL, for a version that may lag another process's commit by the time
 * its notification takes (`lagging`), when the count of audited commits moved
 * (`DatabaseHandle.commitSignal`; with `'credentials'`, the count of those that changed
 * credentials in use); otherwise it is read every time. Every version
 * kept this way changes only in an audited transaction. The mark is taken before the read, so the
 * value kept is never older than the mark it is kept under. `name` tells apart the versions of
 * one database.
 */
export async function unlessChanged(
  handle: DatabaseHandle,
  name: string,
  read: (db: Db) => Promise<string>,
  options: { lagging?: boolean | CommitKind } = {},
): Promise<string> {
  const { lagging } = options;
  const kind: CommitKind = lagging === 'credentials' ? 'credentials' : 'commits';
  const mark = handle.dataVersion?.() ?? (lagging ? handle.commitSignal?.version(kind) : undefined);
  if (mark === undefined) return read(handle.db);
  let versions = known.get(handle);
  if (!versions) {
    versions = new Map();
    known.set(handle, versions);
  }
  const kept = versions.get(name);
  if (kept && kept.mark === mark) return kept.value;
  const value = await read(handle.db);
  versions.set(name, { mark, value });
  return value;
}
