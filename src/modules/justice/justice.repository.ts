import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { JusticeAssessmentTable, JusticeFacilityTable, JusticeIncidentTable, JusticePopulationTable } from '../../db/schema.js';

/** Justice and corrections' tables: facilities, assessments, population counts, linked incidents. */

type Executor = Db | Trx;

export type FacilityRow = JusticeFacilityTable;
export type AssessmentRow = JusticeAssessmentTable;
export type PopulationRow = JusticePopulationTable;
export type IncidentLinkRow = JusticeIncidentTable;

/** The facilities `scope` may read, by name. */
export async function listFacilityRows(db: Executor, scope: ReadScope): Promise<FacilityRow[]> {
  return db
    .selectFrom('justice_facilities')
    .selectAll()
    .where(readableBy(scope, 'justice_facilities'))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findFacility(db: Executor, id: string): Promise<FacilityRow | undefined> {
  return db.selectFrom('justice_facilities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several facilities by id, for the audit log's labels. */
export async function findFacilities(db: Executor, ids: readonly string[]): Promise<FacilityRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('justice_facilities').selectAll().where('id', 'in', ids).execute();
}

export async function insertFacility(db: Executor, row: FacilityRow): Promise<void> {
  await db.insertInto('justice_facilities').values(row).execute();
}

export function updateFacilityIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<FacilityRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'justice_facilities', id, version, values);
}

/** The assessments of the readable facilities (of one facility with `facilityId`), oldest first. */
export async function listAssessmentRows(db: Executor, scope: ReadScope, facilityId?: string): Promise<AssessmentRow[]> {
  let query = db
    .selectFrom('justice_assessments')
    .innerJoin('justice_facilities', 'justice_facilities.id', 'justice_assessments.facility_id')
    .selectAll('justice_assessments')
    .where(readableBy(scope, 'justice_facilities'));
  if (facilityId) query = query.where('justice_assessments.facility_id', '=', facilityId);
  return query
    .orderBy('justice_assessments.facility_id')
    .orderBy('justice_assessments.assessed_on')
    .orderBy('justice_assessments.recorded_at')
    .execute();
}

export async function findAssessment(db: Executor, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('justice_assessments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAssessment(db: Executor, row: AssessmentRow): Promise<void> {
  await db.insertInto('justice_assessments').values(row).execute();
}

export function updateAssessmentIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<AssessmentRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'justice_assessments', id, version, values);
}

/** The population counts of the readable prisons (of one with `facilityId`), oldest first. */
export async function listPopulationRows(db: Executor, scope: ReadScope, facilityId?: string): Promise<PopulationRow[]> {
  let query = db
    .selectFrom('justice_population')
    .innerJoin('justice_facilities', 'justice_facilities.id', 'justice_population.facility_id')
    .selectAll('justice_population')
    .where(readableBy(scope, 'justice_facilities'));
  if (facilityId) query = query.where('justice_population.facility_id', '=', facilityId);
  return query
    .orderBy('justice_population.facility_id')
    .orderBy('justice_population.counted_on')
    .orderBy('justice_population.recorded_at')
    .execute();
}

export async function insertPopulation(db: Executor, row: PopulationRow): Promise<void> {
  await db.insertInto('justice_population').values(row).execute();
}

export async function listIncidentLinks(db: Executor, facilityId: string): Promise<IncidentLinkRow[]> {
  return db.selectFrom('justice_incidents').selectAll().where('facility_id', '=', facilityId).orderBy('linked_at').execute();
}

export async function insertIncidentLink(db: Executor, row: IncidentLinkRow): Promise<boolean> {
  const held = await db
    .selectFrom('justice_incidents')
    .select('incident_id')
    .where('facility_id', '=', row.facility_id)
    .where('incident_id', '=', row.incident_id)
    .executeTakeFirst();
  if (held) return false;
  await db.insertInto('justice_incidents').values(row).execute();
  return true;
}
