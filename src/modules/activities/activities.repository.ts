import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { ActivityFilter } from '../../contracts/activities.js';
import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { ActivityAgeBandTable, ActivityTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';

/** The SQL of activities and trainings: rows, their age bands, the one filter, sums by type. */

type Executor = Db | Trx;
export type ActivityRow = Selectable<ActivityTable>;
export type ActivityBandRow = Omit<Selectable<ActivityAgeBandTable>, 'activity_id'>;
/** Keyset position in the list: latest start first, then id. */
export type Cursor = [string, string];

function inList(column: string, values: readonly string[] | undefined): RawBuilder<boolean> | null {
  if (!values || values.length === 0) return null;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(values)})`;
}

/** The one SQL translation of the filter, inside the reader's scope: list, totals, export and indicators. */
export function filterConditions(filter: ActivityFilter, scope: ReadScope): RawBuilder<boolean> {
  const conditions = [
    readableBy(scope, 'activities'),
    inList('activities.unit_code', filter.unit),
    inList('activities.type', filter.type),
    inList('activities.topic', filter.topic),
    inList('activities.category', filter.category),
    inList('activities.region', filter.region),
    filter.project ? sql<boolean>`activities.project_id = ${filter.project}` : null,
    filter.from ? sql<boolean>`activities.start_date >= ${filter.from}` : null,
    filter.to ? sql<boolean>`activities.start_date <= ${filter.to}` : null,
  ].filter((c): c is RawBuilder<boolean> => c !== null);
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

export async function insertActivity(trx: Trx, row: Insertable<ActivityTable>, bands: readonly ActivityBandRow[]): Promise<void> {
  await trx.insertInto('activities').values(row).execute();
  await replaceBands(trx, row.id, bands);
}

export async function replaceBands(trx: Trx, id: string, bands: readonly ActivityBandRow[]): Promise<void> {
  await trx.deleteFrom('activity_age_bands').where('activity_id', '=', id).execute();
  if (bands.length > 0)
    await trx
      .insertInto('activity_age_bands')
      .values(bands.map((b) => ({ ...b, activity_id: id })))
      .execute();
}

export function findActivity(db: Executor, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
}

export function activityBands(db: Executor, id: string): Promise<ActivityBandRow[]> {
  return db.selectFrom('activity_age_bands').select(['band', 'women', 'men']).where('activity_id', '=', id).execute();
}

export function updateActivityIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Omit<Partial<Insertable<ActivityTable>>, 'version' | 'id'>,
): Promise<boolean> {
  return updateIfVersion(trx, 'activities', id, version, values);
}

export function listPage(
  db: Executor,
  filter: ActivityFilter,
  scope: ReadScope,
  limit: number,
  after: Cursor | null,
): Promise<ActivityRow[]> {
  let query = db.selectFrom('activities').selectAll().where(filterConditions(filter, scope));
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('start_date', '<', after[0]), eb.and([eb('start_date', '=', after[0]), eb('id', '<', after[1])])]),
    );
  }
  return query.orderBy('start_date', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Participants of a filter by type: count of activities and sums by sex and by age group. */
export async function sumsByType(db: Executor, filter: ActivityFilter, scope: ReadScope) {
  const rows = await db
    .selectFrom('activities')
    .select([
      'type',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`CAST(SUM(women) AS BIGINT)`.as('women'),
      sql<number>`CAST(SUM(men) AS BIGINT)`.as('men'),
      sql<number>`CAST(SUM(children) AS BIGINT)`.as('children'),
      sql<number>`CAST(SUM(adults) AS BIGINT)`.as('adults'),
    ])
    .where(filterConditions(filter, scope))
    .groupBy('type')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    activities: Number(r.n),
    women: Number(r.women),
    men: Number(r.men),
    children: Number(r.children),
    adults: Number(r.adults),
  }));
}

/** The ids and participants of every activity of a filter, for indicators computed from them. */
export function countedActivities(db: Executor, filter: ActivityFilter, scope: ReadScope) {
  return db
    .selectFrom('activities')
    .select(['id', 'women', 'men', 'children', 'adults'])
    .where(filterConditions(filter, scope))
    .orderBy('start_date')
    .orderBy('id')
    .execute();
}

export function findActivities(db: Executor, ids: readonly string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('activities').selectAll().where('id', 'in', ids).execute();
}
