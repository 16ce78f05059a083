import type { Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { DdrCustodyTable, DdrSiteTable, DdrWeaponTable } from '../../db/schema.js';

type Executor = Db | Trx;

/**
 * The SQL of cantonment sites, weapons and their chain of custody. Persons are read here only as
 * far as counting and access need: which site, which steps on which days, who keeps the record.
 */

// ---------------------------------------------------------------------------------------------
// Sites

export async function insertSite(trx: Trx, row: Insertable<DdrSiteTable>): Promise<void> {
  await trx.insertInto('ddr_sites').values(row).execute();
}

export function updateSiteIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<DdrSiteTable, 'id' | 'version' | 'unit_code' | 'created_by' | 'created_at'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'ddr_sites', id, version, values);
}

export function findSite(db: Executor, id: string): Promise<DdrSiteTable | undefined> {
  return db.selectFrom('ddr_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function siteNameTaken(db: Executor, name: string, except: string | null): Promise<boolean> {
  let query = db.selectFrom('ddr_sites').select('id').where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The sites of these classifications, by name. */
export function listSites(db: Executor, classifications: readonly string[]): Promise<DdrSiteTable[]> {
  if (classifications.length === 0) return Promise.resolve([]);
  return db.selectFrom('ddr_sites').selectAll().where('classification', 'in', classifications).orderBy('name').orderBy('id').execute();
}

/** Steps that begin or end a person's stay at a cantonment site. */
export const STAY_STEPS = ['canton', 'demobilise', 'integrate', 'reinsert', 'leave', 'child_referral'] as const;

/**
 * For each person cantoned at one of these sites who counts (not a confirmed duplicate of another
 * record), the days of the steps that begin and end the stay.
 */
export function staysAt(db: Executor, unit: string, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ddr_persons as p')
    .innerJoin('ddr_steps as s', 's.person_id', 'p.id')
    .select(['p.id as person_id', 'p.site', 's.step', 's.on_date'])
    .where('p.unit_code', '=', unit)
    .where('p.duplicate_of', 'is', null)
    .where('p.site', 'in', siteIds)
    .where('s.step', 'in', STAY_STEPS)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Weapons and custody

export async function weaponCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('ddr_weapons').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertWeapon(trx: Trx, row: Insertable<DdrWeaponTable>): Promise<void> {
  await trx.insertInto('ddr_weapons').values(row).execute();
}

export async function insertCustody(trx: Trx, row: Insertable<DdrCustodyTable>): Promise<void> {
  await trx.insertInto('ddr_custody').values(row).execute();
}

export function updateWeaponIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Pick<DdrWeaponTable, 'status' | 'custodian' | 'location' | 'updated_at'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'ddr_weapons', id, version, values);
}

const weaponColumns = [
  'w.id',
  'w.code',
  'w.person_id',
  'w.site_id',
  'w.kind',
  'w.calibre',
  'w.serial',
  'w.serial_key',
  'w.markings',
  'w.condition',
  'w.quantity',
  'w.handed_in_on',
  'w.status',
  'w.custodian',
  'w.location',
  'w.version',
  'p.code as person_code',
  'p.unit_code as person_unit',
  'p.created_by as person_created_by',
  's.name as site_name',
] as const;

function weapons(db: Executor) {
  return db
    .selectFrom('ddr_weapons as w')
    .innerJoin('ddr_persons as p', 'p.id', 'w.person_id')
    .innerJoin('ddr_sites as s', 's.id', 'w.site_id')
    .select(weaponColumns);
}
export type WeaponRow = Awaited<ReturnType<typeof findWeaponByCode>> & object;

export function findWeaponByCode(db: Executor, code: string) {
  return weapons(db).where('w.code', '=', code).executeTakeFirst();
}

export function weaponsOfPerson(db: Executor, personId: string) {
  return weapons(db).where('w.person_id', '=', personId).orderBy('w.handed_in_on').orderBy('w.code').execute();
}

/** Weapons whose normalised serial number is one of these, with who keeps their person's record. */
export function weaponsWithSerials(db: Executor, keys: readonly string[]) {
  const wanted = keys.filter((k) => k !== '');
  if (wanted.length === 0) return Promise.resolve([]);
  return weapons(db).where('w.serial_key', 'in', wanted).execute();
}

export function custodyOf(db: Executor, weaponId: string) {
  return db.selectFrom('ddr_custody').selectAll().where('weapon_id', '=', weaponId).orderBy('seq').execute();
}

/** Every weapon or lot handed in, as counted: site, kind and day (no person, no serial). */
export function weaponFacts(db: Executor, siteIds: readonly string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('ddr_weapons').select(['site_id', 'kind', 'handed_in_on']).where('site_id', 'in', siteIds).execute();
}
