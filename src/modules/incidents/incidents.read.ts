import type { IncidentFilter } from '../../contracts/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import type { Dialect } from '../../db/schema.js';
import { type Actor, type ReadScope, readScope } from '../../platform/policy.js';
import { countVisible, findRefs, findWithShares, pageByAuthor } from './incidents.repository.js';

/**
 * What other modules read of the incident log, re-exported by incidents.service. Kept apart from
 * it because the service raises alerts when an incident is submitted or verified: the alerts
 * module imports this file, never the service, so loading either never runs into the other.
 */

/** How many incidents matching `filter` a reader with `scope` sees. */
export function countVisibleIncidents(db: Db | Trx, dialect: Dialect, filter: IncidentFilter, scope: ReadScope): Promise<number> {
  return countVisible(db, dialect, filter, scope);
}

/** The incidents with these ids, each with the units it is shared with (for `guardOf`); no access check. */
export function incidentsWithShares(db: Db | Trx, ids: readonly string[]) {
  return findWithShares(db, ids);
}

/** The ids of the incidents with these references (e.g. `INC-2020-000123`); no access check. */
export function incidentIdsByRef(db: Db | Trx, refs: readonly string[]) {
  return findRefs(db, refs);
}

/**
 * What waits for `actor` in the log: the submitted incidents of the units they manage that someone
 * else recorded (four-eyes: they may verify them), and their own drafts; only what they may read.
 */
export async function incidentsWaitingFor(db: Db | Trx, dialect: Dialect, actor: Actor, limit: number) {
  const scope = readScope(actor);
  const managed = [...actor.memberships].filter(([, role]) => role === 'manager').map(([unit]) => unit);
  const none = { rows: [], total: 0 };
  const [toVerify, drafts] = await Promise.all([
    managed.length > 0 ? pageByAuthor(db, dialect, { status: ['submitted'], unit: managed }, scope, { isNot: actor.id }, limit) : none,
    pageByAuthor(db, dialect, { status: ['draft'] }, scope, { is: actor.id }, limit),
  ]);
  return { toVerify, drafts };
}

export { guardOf } from './incidents.policy.js';

/** The incidents with these references, each with the units it is shared with (for `guardOf`); no access check. */
export async function incidentsByRefWithShares(db: Db | Trx, refs: readonly string[]) {
  const found = await findRefs(db, refs);
  return findWithShares(
    db,
    found.map((r) => r.id),
  );
}
