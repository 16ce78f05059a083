import type { Unit } from '../../contracts/units.js';
import type { Db, Trx } from '../../db/database.js';

type Executor = Db | Trx;

export async function listUnits(db: Executor): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('sort_order').execute();
  return rows.map((row) => ({
    code: row.code,
    parentCode: row.parent_code,
    kind: row.kind as Unit['kind'],
    nameFr: row.name_fr,
    nameEn: row.name_en,
    abbreviationFr: row.abbreviation_fr,
    abbreviationEn: row.abbreviation_en,
  }));
}

export async function existingUnitCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('units').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** Inserts missing units and refreshes names; never deletes (records refer to unit codes). */
export async function upsertUnits(db: Executor, units: readonly Unit[]): Promise<void> {
  for (const [index, unit] of units.entries()) {
    const row = {
      code: unit.code,
      parent_code: unit.parentCode,
      kind: unit.kind,
      name_fr: unit.nameFr,
      name_en: unit.nameEn,
      abbreviation_fr: unit.abbreviationFr,
      abbreviation_en: unit.abbreviationEn,
      sort_order: index,
    };
    await db
      .insertInto('units')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet({ ...row, code: undefined }))
      .execute();
  }
}
