import type { Classification } from '../../contracts/common.js';
import type { StrengthCategory, StrengthSnapshot } from '../../contracts/strength.js';
import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import type { ContributorTable, StrengthSnapshotTable } from '../../db/schema.js';

type Executor = Db | Trx;

export interface SnapshotKey {
  as_of: string;
  category: string;
  country: string;
  sex: string;
  location: string;
}

export function presentSnapshot(row: StrengthSnapshotTable): StrengthSnapshot {
  return {
    id: row.id,
    asOf: row.as_of,
    category: row.category as StrengthCategory,
    country: row.country || null,
    sex: row.sex as StrengthSnapshot['sex'],
    location: row.location || null,
    authorised: row.authorised,
    deployed: row.deployed,
    unit: row.unit_code,
    classification: row.classification as Classification,
    source: row.source,
    version: row.version,
  };
}

export async function findByKey(db: Executor, key: SnapshotKey): Promise<StrengthSnapshotTable | undefined> {
  return db
    .selectFrom('strength_snapshots')
    .selectAll()
    .where('as_of', '=', key.as_of)
    .where('category', '=', key.category)
    .where('country', '=', key.country)
    .where('sex', '=', key.sex)
    .where('location', '=', key.location)
    .executeTakeFirst();
}

export async function insertSnapshot(db: Executor, row: StrengthSnapshotTable): Promise<void> {
  await db.insertInto('strength_snapshots').values(row).execute();
}

export async function updateSnapshot(
  db: Executor,
  id: string,
  changes: Pick<StrengthSnapshotTable, 'authorised' | 'deployed' | 'classification' | 'source' | 'updated_at'>,
): Promise<void> {
  await db
    .updateTable('strength_snapshots')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

interface Filter {
  category?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listSnapshots(db: Executor, scope: ReadScope, filter: Filter): Promise<StrengthSnapshotTable[]> {
  let query = db.selectFrom('strength_snapshots').selectAll().where(readableBy(scope, 'strength_snapshots'));
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.from) query = query.where('as_of', '>=', filter.from);
  if (filter.to) query = query.where('as_of', '<=', filter.to);
  return query.orderBy('as_of').orderBy('category').orderBy('country').orderBy('sex').orderBy('location').execute();
}

/** Removes what one source (the fact book) loaded, before loading it again. */
export async function deleteFromSource(db: Executor, source: string): Promise<void> {
  await db.deleteFrom('strength_snapshots').where('source', '=', source).execute();
  await db.deleteFrom('contributors').where('source', '=', source).execute();
}

export async function insertContributors(db: Executor, rows: readonly ContributorTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('contributors')
      .values([...rows])
      .execute();
}

export async function listContributorRows(db: Executor): Promise<ContributorTable[]> {
  return db.selectFrom('contributors').selectAll().orderBy('category').orderBy('as_of').execute();
}

export async function findSnapshot(db: Executor, id: string): Promise<StrengthSnapshotTable | undefined> {
  return db.selectFrom('strength_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
}
