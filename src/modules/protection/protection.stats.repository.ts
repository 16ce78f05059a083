import type { Db, Trx } from '../../db/database.js';
import type { ProtectionStatsReleaseTable } from '../../db/schema.js';

type Executor = Db | Trx;

/**
 * Stores a release unless one of the same programme, quarter and unit of count exists; returns
 * whether it was stored. The unique period decides, so two managers releasing at once get one
 * release, not two.
 */
export async function insertRelease(trx: Trx, row: ProtectionStatsReleaseTable): Promise<boolean> {
  const result = await trx
    .insertInto('protection_stats_releases')
    .values(row)
    .onConflict((oc) => oc.columns(['programme', 'year', 'quarter', 'unit_of_count']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export function findRelease(db: Executor, id: string): Promise<ProtectionStatsReleaseTable | undefined> {
  return db.selectFrom('protection_stats_releases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function releaseOf(
  db: Executor,
  period: Pick<ProtectionStatsReleaseTable, 'programme' | 'year' | 'quarter' | 'unit_of_count'>,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('protection_stats_releases')
    .select('id')
    .where('programme', '=', period.programme)
    .where('year', '=', period.year)
    .where('quarter', '=', period.quarter)
    .where('unit_of_count', '=', period.unit_of_count)
    .executeTakeFirst();
}

/** Releases without their cells, newest period first. */
export function listReleases(
  db: Executor,
  filter: { programme?: string | undefined; year?: number | undefined },
): Promise<Omit<ProtectionStatsReleaseTable, 'dimensions' | 'cells'>[]> {
  let query = db
    .selectFrom('protection_stats_releases')
    .select(['id', 'programme', 'unit_code', 'year', 'quarter', 'unit_of_count', 'min_cell', 'released_by', 'released_at']);
  if (filter.programme !== undefined) query = query.where('programme', '=', filter.programme);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  return query.orderBy('year', 'desc').orderBy('quarter', 'desc').orderBy('programme').orderBy('unit_of_count').execute();
}
