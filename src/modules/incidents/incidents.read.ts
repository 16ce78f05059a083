import type { IncidentFilter } from '../../contracts/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import type { Dialect } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';
import { countVisible, findWithShares } from './incidents.repository.js';

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

export { guardOf } from './incidents.policy.js';
