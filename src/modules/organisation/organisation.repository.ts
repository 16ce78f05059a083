import type { ReferenceUnit } from '../../contracts/units.js';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { UnitTable } from '../../db/schema.js';

type Executor = Db | Trx;

export type UnitRow = Omit<UnitTable, 'version'> & { version: number };

/** Every unit, open and closed, in the mission's order. */
export async function listUnitRows(db: Executor): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function findUnitRow(db: Executor, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function existingUnitCodes(db: Executor, codes: readonly string[], openOnly = false): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  let query = db.selectFrom('units').select('code').where('code', 'in', codes);
  if (openOnly) query = query.where('closed_at', 'is', null);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.code));
}

/** A new unit placed after every other one. */
export async function insertUnitRow(db: Executor, row: Omit<UnitTable, 'sort_order' | 'version' | 'closed_at'>): Promise<void> {
  const last = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max('sort_order').as('last'))
    .executeTakeFirst();
  await db
    .insertInto('units')
    .values({ ...row, sort_order: Number(last?.last ?? -1) + 1, closed_at: null, version: 1 })
    .execute();
}

export function updateUnitIfVersion(
  db: Executor,
  code: string,
  version: number,
  values: Partial<Pick<UnitTable, 'parent_code' | 'kind' | 'name_fr' | 'name_en' | 'abbreviation_fr' | 'abbreviation_en' | 'closed_at'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'units', code, version, values, 'code');
}

/**
 * Inserts missing units and refreshes the ones still as loaded (version 1); never deletes
 * (records refer to unit codes) and never undoes an administrator's change.
 */
export async function upsertUnits(db: Executor, units: readonly ReferenceUnit[]): Promise<void> {
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
      .values({ ...row, closed_at: null, version: 1 })
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet({ ...row, code: undefined })
          .where('units.version', '=', 1),
      )
      .execute();
  }
}
