import type { Db, Trx } from '../../db/database.js';
import type { ProtectionActTable, ProtectionCaseTable, ProtectionPersonTable, ProtectionStatsReleaseTable } from '../../db/schema.js';

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

/** The verified acts of a programme that occurred between two dates (inclusive), with their victim's sex and age group. */
export function verifiedActsWithVictims(db: Executor, programme: string, from: string, to: string) {
  return db
    .selectFrom('protection_acts')
    .innerJoin('protection_cases', 'protection_cases.id', 'protection_acts.case_id')
    .innerJoin('protection_persons', 'protection_persons.id', 'protection_acts.victim_id')
    .select([
      'protection_acts.occurred_on',
      'protection_acts.region',
      'protection_acts.violation',
      'protection_acts.party',
      'protection_acts.verified_on',
      'protection_persons.sex',
      'protection_persons.age_group',
    ])
    .where('protection_cases.programme', '=', programme)
    .where('protection_acts.verification', '=', 'verified')
    .where('protection_acts.occurred_on', '>=', from)
    .where('protection_acts.occurred_on', '<=', to)
    .execute();
}

/** The cases of a programme that occurred between two dates (inclusive). */
export function casesOccurredBetween(
  db: Executor,
  programme: string,
  from: string,
  to: string,
): Promise<Pick<ProtectionCaseTable, 'id' | 'occurred_on' | 'region' | 'channel'>[]> {
  return db
    .selectFrom('protection_cases')
    .select(['id', 'occurred_on', 'region', 'channel'])
    .where('programme', '=', programme)
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
}

/** The persons of these cases, in the order they were entered. */
export function personsOfCases(
  db: Executor,
  caseIds: readonly string[],
): Promise<Pick<ProtectionPersonTable, 'id' | 'case_id' | 'role' | 'sex' | 'age_group' | 'affiliation'>[]> {
  return db
    .selectFrom('protection_persons')
    .select(['id', 'case_id', 'role', 'sex', 'age_group', 'affiliation'])
    .where('case_id', 'in', caseIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The acts of these cases, earliest first. */
export function actsOfCases(
  db: Executor,
  caseIds: readonly string[],
): Promise<Pick<ProtectionActTable, 'case_id' | 'victim_id' | 'perpetrator_id' | 'violation'>[]> {
  return db
    .selectFrom('protection_acts')
    .select(['case_id', 'victim_id', 'perpetrator_id', 'violation'])
    .where('case_id', 'in', caseIds)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .execute();
}

/** The latest date on which a record of a programme that its live statistics count occurred, or null. */
export async function latestCountedDate(db: Executor, programme: string): Promise<string | null> {
  if (programme === 'human_rights' || programme === 'mrm' || programme === 'crsv') {
    const row = await db
      .selectFrom('protection_acts')
      .innerJoin('protection_cases', 'protection_cases.id', 'protection_acts.case_id')
      .select((eb) => eb.fn.max('protection_acts.occurred_on').as('latest'))
      .where('protection_cases.programme', '=', programme)
      .where('protection_acts.verification', '=', 'verified')
      .executeTakeFirst();
    return row?.latest ?? null;
  }
  const row = await db
    .selectFrom('protection_cases')
    .select((eb) => eb.fn.max('occurred_on').as('latest'))
    .where('programme', '=', programme)
    .executeTakeFirst();
  return row?.latest ?? null;
}
