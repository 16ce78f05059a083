import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { SitrepRecordTable, SitrepSectionTable, SitrepTable } from '../../db/schema.js';

/** The SQL of the daily situation reports: the report, its sections, the records it contains. */

type Executor = Db | Trx;
export type SitrepRow = Selectable<SitrepTable>;
export type SitrepSectionRow = Selectable<SitrepSectionTable>;
export type SitrepRecordRow = Selectable<SitrepRecordTable>;

export async function insertSitrep(
  trx: Trx,
  row: Insertable<SitrepTable>,
  sections: readonly Insertable<SitrepSectionTable>[],
  records: readonly Insertable<SitrepRecordTable>[],
): Promise<void> {
  await trx.insertInto('sitreps').values(row).execute();
  if (sections.length > 0)
    await trx
      .insertInto('sitrep_sections')
      .values([...sections])
      .execute();
  for (let i = 0; i < records.length; i += 200) {
    await trx
      .insertInto('sitrep_records')
      .values(records.slice(i, i + 200))
      .execute();
  }
}

export function findSitrep(db: Executor, id: string): Promise<SitrepRow | undefined> {
  return db.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest reports first; the service keeps those the reader may read. */
export function latestSitreps(db: Executor, limit: number): Promise<SitrepRow[]> {
  return db.selectFrom('sitreps').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function sectionsOf(db: Executor, id: string): Promise<SitrepSectionRow[]> {
  return db.selectFrom('sitrep_sections').selectAll().where('sitrep_id', '=', id).orderBy('position').execute();
}

export function recordsOf(db: Executor, id: string): Promise<SitrepRecordRow[]> {
  return db.selectFrom('sitrep_records').selectAll().where('sitrep_id', '=', id).orderBy('record_type').orderBy('record_id').execute();
}

export async function setSectionText(trx: Trx, id: string, key: string, text: string): Promise<void> {
  await trx.updateTable('sitrep_sections').set({ text }).where('sitrep_id', '=', id).where('key', '=', key).execute();
}

export function updateSitrepIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<SitrepRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'sitreps', id, version, values);
}
