import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { ProjectFilter } from '../../contracts/projects.js';
import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { ProjectPlaceTable, ProjectStepTable, ProjectTable, ProjectTransactionTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';

/** The SQL of projects and funds: rows, their partners, places, transactions and steps. */

type Executor = Db | Trx;
export type ProjectRow = Selectable<ProjectTable>;
export type ProjectPlaceRow = Selectable<ProjectPlaceTable>;
export type ProjectTransactionRow = Selectable<ProjectTransactionTable>;
export type ProjectStepRow = Selectable<ProjectStepTable>;
export interface ProjectPartnerLink {
  partner_id: string;
  role: string;
}
/** Keyset position in the portfolio: newest first, then id. */
export type Cursor = [string, string];

function inList(column: string, values: readonly string[] | undefined): RawBuilder<boolean> | null {
  if (!values || values.length === 0) return null;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(values)})`;
}

/** The one SQL translation of the portfolio filter, inside the reader's scope: list, totals and export. */
export function filterConditions(filter: ProjectFilter, scope: ReadScope): RawBuilder<boolean> {
  const conditions = [
    readableBy(scope, 'projects'),
    inList('projects.fund', filter.fund),
    inList('projects.status', filter.status),
    inList('projects.unit_code', filter.unit),
    filter.region && filter.region.length > 0
      ? sql<boolean>`EXISTS (SELECT 1 FROM project_places pp WHERE pp.project_id = projects.id AND pp.region IN (${sql.join(filter.region)}))`
      : null,
  ].filter((c): c is RawBuilder<boolean> => c !== null);
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

export async function insertProject(
  trx: Trx,
  row: Insertable<ProjectTable>,
  partners: readonly ProjectPartnerLink[],
  places: readonly Omit<ProjectPlaceRow, 'project_id'>[],
): Promise<void> {
  await trx.insertInto('projects').values(row).execute();
  await replaceRelations(trx, row.id, partners, places);
}

export async function replaceRelations(
  trx: Trx,
  id: string,
  partners: readonly ProjectPartnerLink[],
  places: readonly Omit<ProjectPlaceRow, 'project_id'>[],
): Promise<void> {
  await trx.deleteFrom('project_partners').where('project_id', '=', id).execute();
  await trx.deleteFrom('project_places').where('project_id', '=', id).execute();
  if (partners.length > 0)
    await trx
      .insertInto('project_partners')
      .values(partners.map((p) => ({ ...p, project_id: id })))
      .execute();
  if (places.length > 0)
    await trx
      .insertInto('project_places')
      .values(places.map((p) => ({ ...p, project_id: id })))
      .execute();
}

export function findProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function projectRelations(db: Executor, id: string) {
  const [partners, places, transactions, steps] = await Promise.all([
    db
      .selectFrom('project_partners')
      .select(['partner_id', 'role'])
      .where('project_id', '=', id)
      .orderBy('role')
      .orderBy('partner_id')
      .execute(),
    db.selectFrom('project_places').selectAll().where('project_id', '=', id).orderBy('position').execute(),
    db.selectFrom('project_transactions').selectAll().where('project_id', '=', id).orderBy('on_date').orderBy('at').execute(),
    db.selectFrom('project_steps').selectAll().where('project_id', '=', id).orderBy('at').orderBy('id').execute(),
  ]);
  return { partners, places, transactions, steps };
}

export function updateProjectIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Omit<Partial<Insertable<ProjectTable>>, 'version' | 'id'>,
): Promise<boolean> {
  return updateIfVersion(trx, 'projects', id, version, values);
}

export async function insertStep(trx: Trx, step: Insertable<ProjectStepTable>): Promise<void> {
  await trx.insertInto('project_steps').values(step).execute();
}

export async function insertTransaction(trx: Trx, row: Insertable<ProjectTransactionTable>): Promise<void> {
  await trx.insertInto('project_transactions').values(row).execute();
}

export function listPage(
  db: Executor,
  filter: ProjectFilter,
  scope: ReadScope,
  limit: number,
  after: Cursor | null,
): Promise<ProjectRow[]> {
  let query = db.selectFrom('projects').selectAll().where(filterConditions(filter, scope));
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The regions of a page of projects, for the summaries. */
export function regionsOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('project_places').select(['project_id', 'region']).where('project_id', 'in', ids).execute();
}

/**
 * Count and sums of a filter by status and fund, apart per currency and rate: each group is
 * converted to USD once, exactly, by the service.
 */
export async function groupedSums(db: Executor, filter: ProjectFilter, scope: ReadScope) {
  const rows = await db
    .selectFrom('projects')
    .select([
      'status',
      'fund',
      'currency',
      'rate_to_usd',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`CAST(SUM(budget_minor) AS BIGINT)`.as('budget'),
      sql<number>`CAST(SUM(committed_minor) AS BIGINT)`.as('committed'),
      sql<number>`CAST(SUM(disbursed_minor) AS BIGINT)`.as('disbursed'),
    ])
    .where(filterConditions(filter, scope))
    .groupBy(['status', 'fund', 'currency', 'rate_to_usd'])
    .execute();
  return rows.map((r) => ({
    ...r,
    n: Number(r.n),
    budget: Number(r.budget),
    committed: Number(r.committed),
    disbursed: Number(r.disbursed),
  }));
}

export function findProjects(db: Executor, ids: readonly string[]): Promise<ProjectRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('projects').selectAll().where('id', 'in', ids).execute();
}

const peopleSums = [
  sql<number>`CAST(SUM(planned_people) AS BIGINT)`.as('planned_people'),
  sql<number>`CAST(SUM(planned_women) AS BIGINT)`.as('planned_women'),
  sql<number>`CAST(SUM(reached_people) AS BIGINT)`.as('reached_people'),
  sql<number>`CAST(SUM(reached_women) AS BIGINT)`.as('reached_women'),
] as const;

function numbers<T extends Record<string, unknown>>(row: T, keys: readonly (keyof T)[]): T {
  const out = { ...row };
  for (const key of keys) out[key] = Number(row[key]) as T[keyof T];
  return out;
}

const SUM_KEYS = ['n', 'budget', 'committed', 'disbursed', 'planned_people', 'planned_women', 'reached_people', 'reached_women'] as const;

/**
 * The dashboard's sums of a filter, inside the reader's scope: counts, money (apart per currency
 * and rate, converted once by the service) and people by sex, by status, fund and unit.
 */
export async function dashboardSums(db: Executor, filter: ProjectFilter, scope: ReadScope) {
  const rows = await db
    .selectFrom('projects')
    .select([
      'status',
      'fund',
      'unit_code',
      'currency',
      'rate_to_usd',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`CAST(SUM(budget_minor) AS BIGINT)`.as('budget'),
      sql<number>`CAST(SUM(committed_minor) AS BIGINT)`.as('committed'),
      sql<number>`CAST(SUM(disbursed_minor) AS BIGINT)`.as('disbursed'),
      ...peopleSums,
    ])
    .where(filterConditions(filter, scope))
    .groupBy(['status', 'fund', 'unit_code', 'currency', 'rate_to_usd'])
    .execute();
  return rows.map((r) => numbers(r, SUM_KEYS));
}

/** The same sums by region: a project counts once in each region where it has a place. */
export async function regionSums(db: Executor, filter: ProjectFilter, scope: ReadScope) {
  const rows = await db
    .selectFrom('projects')
    .innerJoin(
      (eb) => eb.selectFrom('project_places').select(['project_id', 'region']).distinct().as('r'),
      (join) => join.onRef('r.project_id', '=', 'projects.id'),
    )
    .select([
      'r.region',
      'currency',
      'rate_to_usd',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`CAST(SUM(budget_minor) AS BIGINT)`.as('budget'),
      sql<number>`CAST(SUM(committed_minor) AS BIGINT)`.as('committed'),
      sql<number>`CAST(SUM(disbursed_minor) AS BIGINT)`.as('disbursed'),
      ...peopleSums,
    ])
    .where(filterConditions(filter, scope))
    .groupBy(['r.region', 'currency', 'rate_to_usd'])
    .execute();
  return rows.map((r) => numbers(r, SUM_KEYS));
}

/** The places of the filter's projects, inside the reader's scope, newest projects first; `limit` rows at most. */
export function mapPlaces(db: Executor, filter: ProjectFilter, scope: ReadScope, limit: number) {
  return db
    .selectFrom('project_places')
    .innerJoin('projects', 'projects.id', 'project_places.project_id')
    .select([
      'projects.id',
      'projects.title_fr',
      'projects.title_en',
      'projects.fund',
      'projects.status',
      'project_places.place',
      'project_places.latitude',
      'project_places.longitude',
      'project_places.region',
    ])
    .where(filterConditions(filter, scope))
    .orderBy('projects.created_at', 'desc')
    .orderBy('projects.id', 'desc')
    .orderBy('project_places.position')
    .limit(limit)
    .execute();
}

/**
 * A page of the projects published in IATI, in the order of their ids: the portfolio's filter with
 * the scope given (the service gives an anonymous reader's: public projects only) and the statuses
 * published; a cancelled project only if it had been approved.
 */
export function publishedPage(
  db: Executor,
  scope: ReadScope,
  statuses: ProjectFilter['status'],
  limit: number,
  after: string | null,
): Promise<ProjectRow[]> {
  let query = db
    .selectFrom('projects')
    .selectAll()
    .where(filterConditions({ status: statuses }, scope))
    .where((eb) =>
      eb.or([
        eb('status', '!=', 'cancelled'),
        eb.exists(
          eb
            .selectFrom('project_steps')
            .select('project_steps.id')
            .whereRef('project_steps.project_id', '=', 'projects.id')
            .where('project_steps.to_status', '=', 'approved'),
        ),
      ]),
    );
  if (after) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}
