import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { FigureBindingTable, ResultIndicatorTable, ResultObjectiveTable, ResultValueTable } from '../../db/schema.js';

/** The results framework's tables: objectives, indicators, entered values, bound figures. */

type Executor = Db | Trx;

export type ObjectiveRow = ResultObjectiveTable;
export type IndicatorRow = ResultIndicatorTable;
export type ValueRow = ResultValueTable;
export type BindingRow = FigureBindingTable;

export function listObjectiveRows(db: Executor, scope: ReadScope, unit?: string): Promise<ObjectiveRow[]> {
  let query = db.selectFrom('result_objectives').selectAll().where(readableBy(scope, 'result_objectives'));
  if (unit) query = query.where('unit_code', '=', unit);
  return query.orderBy('unit_code').orderBy('code').orderBy('created_at').execute();
}

export function findObjective(db: Executor, id: string): Promise<ObjectiveRow | undefined> {
  return db.selectFrom('result_objectives').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertObjective(db: Executor, row: ObjectiveRow): Promise<void> {
  await db.insertInto('result_objectives').values(row).execute();
}

export function updateObjectiveIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<ObjectiveRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'result_objectives', id, version, values);
}

/** The readable indicators of these objectives. */
export function listIndicatorRows(db: Executor, scope: ReadScope, objectiveIds: readonly string[]): Promise<IndicatorRow[]> {
  if (objectiveIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('result_indicators')
    .selectAll()
    .where('objective_id', 'in', [...objectiveIds])
    .where(readableBy(scope, 'result_indicators'))
    .orderBy('created_at')
    .execute();
}

export function findIndicator(db: Executor, id: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('result_indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertIndicator(db: Executor, row: IndicatorRow): Promise<void> {
  await db.insertInto('result_indicators').values(row).execute();
}

export function updateIndicatorIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<IndicatorRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'result_indicators', id, version, values);
}

/** The values entered for an indicator, latest first. */
export function listValueRows(db: Executor, indicatorId: string): Promise<ValueRow[]> {
  return db
    .selectFrom('result_values')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('entered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertValue(db: Executor, row: ValueRow): Promise<void> {
  await db.insertInto('result_values').values(row).execute();
}

export function listBindingRows(db: Executor): Promise<BindingRow[]> {
  return db.selectFrom('figure_bindings').selectAll().orderBy('figure_key').execute();
}

export function findBinding(db: Executor, figureKey: string): Promise<BindingRow | undefined> {
  return db.selectFrom('figure_bindings').selectAll().where('figure_key', '=', figureKey).executeTakeFirst();
}

export async function upsertBinding(db: Executor, row: BindingRow): Promise<void> {
  await db.deleteFrom('figure_bindings').where('figure_key', '=', row.figure_key).execute();
  await db.insertInto('figure_bindings').values(row).execute();
}

export async function deleteBinding(db: Executor, figureKey: string): Promise<boolean> {
  const result = await db.deleteFrom('figure_bindings').where('figure_key', '=', figureKey).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The indicators `scope` may read that measure one of these projects (the IATI export reads a page of projects at once). */
export function listProjectIndicatorRows(db: Executor, scope: ReadScope, projectIds: readonly string[]): Promise<IndicatorRow[]> {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('result_indicators')
    .selectAll()
    .where('project_id', 'in', [...projectIds])
    .where(readableBy(scope, 'result_indicators'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
