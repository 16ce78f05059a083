import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { EngagementCounterpartTable, EngagementFollowupTable, EngagementReportTable, EngagementTable } from '../../db/schema.js';

/** Political engagements' tables: engagements, counterparts, follow-ups and periodic reports. */

type Executor = Db | Trx;

export type EngagementRow = EngagementTable;
export type CounterpartRow = EngagementCounterpartTable;
export type FollowupRow = EngagementFollowupTable;
export type ReportRow = EngagementReportTable;

export async function listEngagementRows(
  db: Executor,
  scope: ReadScope,
  filter: { from?: string | undefined; to?: string | undefined } = {},
): Promise<EngagementRow[]> {
  let query = db.selectFrom('engagements').selectAll().where(readableBy(scope, 'engagements'));
  if (filter.from) query = query.where('held_on', '>=', filter.from);
  if (filter.to) query = query.where('held_on', '<=', filter.to);
  return query.orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
}

export async function findEngagement(db: Executor, id: string): Promise<EngagementRow | undefined> {
  return db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEngagement(db: Executor, row: EngagementRow): Promise<void> {
  await db.insertInto('engagements').values(row).execute();
}

export function updateEngagementIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<EngagementRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'engagements', id, version, values);
}

/** The counterparts of the given engagements (the caller has checked they are readable). */
export async function listCounterpartRows(db: Executor, engagementIds: readonly string[]): Promise<CounterpartRow[]> {
  if (engagementIds.length === 0) return [];
  return db
    .selectFrom('engagement_counterparts')
    .selectAll()
    .where('engagement_id', 'in', [...engagementIds])
    .orderBy('engagement_id')
    .orderBy('position')
    .execute();
}

export async function replaceCounterparts(db: Executor, engagementId: string, rows: readonly CounterpartRow[]): Promise<void> {
  await db.deleteFrom('engagement_counterparts').where('engagement_id', '=', engagementId).execute();
  if (rows.length > 0)
    await db
      .insertInto('engagement_counterparts')
      .values([...rows])
      .execute();
}

/** The follow-ups of the given engagements (the caller has checked they are readable). */
export async function listFollowupRows(db: Executor, engagementIds: readonly string[]): Promise<FollowupRow[]> {
  if (engagementIds.length === 0) return [];
  return db
    .selectFrom('engagement_followups')
    .selectAll()
    .where('engagement_id', 'in', [...engagementIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findFollowup(db: Executor, id: string): Promise<FollowupRow | undefined> {
  return db.selectFrom('engagement_followups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertFollowups(db: Executor, rows: readonly FollowupRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('engagement_followups')
      .values([...rows])
      .execute();
}

export function updateFollowupIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<FollowupRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'engagement_followups', id, version, values);
}

export async function listReportRows(db: Executor, scope: ReadScope): Promise<Omit<ReportRow, 'body' | 'sources'>[]> {
  return db
    .selectFrom('engagement_reports')
    .select([
      'id',
      'period_kind',
      'period_start',
      'period_end',
      'language',
      'title',
      'unit_code',
      'classification',
      'created_by',
      'author_label',
      'created_at',
      'updated_at',
      'version',
    ])
    .where(readableBy(scope, 'engagement_reports'))
    .orderBy('period_start', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findReport(db: Executor, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('engagement_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReport(db: Executor, row: ReportRow): Promise<void> {
  await db.insertInto('engagement_reports').values(row).execute();
}

export function updateReportIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<ReportRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'engagement_reports', id, version, values);
}
