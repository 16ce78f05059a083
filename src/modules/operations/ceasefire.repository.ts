import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import type { CeasefireVerificationTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';

/** The SQL of ceasefire monitoring: verification missions and their findings. */

type Executor = Db | Trx;
export type VerificationRow = Selectable<CeasefireVerificationTable>;

export async function insertVerification(trx: Trx, row: Insertable<CeasefireVerificationTable>): Promise<void> {
  await trx.insertInto('ceasefire_verifications').values(row).execute();
}

/**
 * The verifications `scope` reads, of allegations in a period (or of one allegation), oldest
 * first; for the situation report, also only these ids, or only those recorded (instants) or
 * visited (their days) within a period.
 */
export function readableVerifications(
  db: Executor,
  scope: ReadScope,
  filter: {
    from?: string | undefined;
    to?: string | undefined;
    incidentId?: string | undefined;
    ids?: readonly string[] | undefined;
    recordedOrVisited?: { from: string; to: string } | undefined;
  },
): Promise<VerificationRow[]> {
  let query = db.selectFrom('ceasefire_verifications').selectAll().where(readableBy(scope, 'ceasefire_verifications'));
  if (filter.from) query = query.where('occurred_on', '>=', filter.from);
  if (filter.to) query = query.where('occurred_on', '<=', filter.to);
  if (filter.incidentId) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.ids) query = query.where('id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  const period = filter.recordedOrVisited;
  if (period)
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', period.from), eb('created_at', '<=', period.to)]),
        eb.and([eb('visited_on', '>=', period.from.slice(0, 10)), eb('visited_on', '<=', period.to.slice(0, 10))]),
      ]),
    );
  return query.orderBy('created_at').orderBy('id').execute();
}
