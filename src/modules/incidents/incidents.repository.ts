import { type Insertable, type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { IncidentFilter } from '../../contracts/incidents.js';
import type { DatabaseHandle, Db, Trx } from '../../db/database.js';
import { insertMany } from '../../db/helpers/bulk.js';
import { gridCell } from '../../db/helpers/grid.js';
import { readableBy } from '../../db/helpers/readable.js';
import { type DeferredTextIndex, deferTextIndex, textMatch } from '../../db/helpers/text-search.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type {
  ActorAliasTable,
  ActorTable,
  Database,
  Dialect,
  EventTypeAliasTable,
  IncidentStepTable,
  IncidentTable,
} from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';
import { searchTerms } from '../../platform/text.js';

type Executor = Db | Trx;
export type IncidentRow = Selectable<IncidentTable>;

const SHARING = { table: 'incident_shares', key: 'incident_id' };

/**
 * What a reader may see of the log: the read scope (with explicit shares for restricted
 * incidents), and drafts only inside their own unit.
 */
function visibleTo(scope: ReadScope): RawBuilder<boolean> {
  const members = scope.inUnits.find((s) => s.classification === 'restricted')?.units ?? [];
  const drafts =
    members.length > 0
      ? sql<boolean>`(incidents.status <> 'draft' OR incidents.unit_code IN (${sql.join(members)}))`
      : sql<boolean>`incidents.status <> 'draft'`;
  return sql<boolean>`(${readableBy(scope, 'incidents', SHARING)} AND ${drafts})`;
}

function inList(column: string, values: readonly (string | number)[] | undefined): RawBuilder<boolean> | null {
  if (!values || values.length === 0) return null;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(values)})`;
}

/** The one SQL translation of the filter shared by list, statistics, map and exports. */
export function filterConditions(dialect: Dialect, filter: IncidentFilter, scope: ReadScope): RawBuilder<boolean> {
  const conditions: (RawBuilder<boolean> | null)[] = [
    visibleTo(scope),
    filter.from ? sql<boolean>`incidents.occurred_on >= ${filter.from}` : null,
    filter.to ? sql<boolean>`incidents.occurred_on <= ${filter.to}` : null,
    inList('incidents.region', filter.region),
    inList('incidents.cercle', filter.cercle),
    inList('incidents.event_type', filter.eventType),
    inList('incidents.category', filter.category),
    inList('incidents.status', filter.status),
    inList('incidents.classification', filter.classification),
    inList('incidents.unit_code', filter.unit),
    filter.minKilled !== undefined ? sql<boolean>`incidents.killed_best >= ${filter.minKilled}` : null,
    filter.threatToCivilians ? sql<boolean>`incidents.threat_to_civilians = ${filter.threatToCivilians === 'true' ? 1 : 0}` : null,
    filter.actor
      ? sql<boolean>`(incidents.actor1 = ${filter.actor} OR incidents.actor2 = ${filter.actor} OR EXISTS (SELECT 1 FROM incident_actors a
          WHERE a.incident_id = incidents.id AND a.actor_code = ${filter.actor}))`
      : null,
    filter.q ? textMatch(dialect, 'incidents', searchTerms(filter.q)) : null,
  ];
  return sql<boolean>`(${sql.join(
    conditions.filter((c): c is RawBuilder<boolean> => c !== null),
    sql` AND `,
  )})`;
}

/** Sort orders: each is a keyset on (column, ref), so a page costs the same at any depth. */
export const SORTS = {
  date_desc: { column: 'occurred_on', direction: 'desc' },
  date_asc: { column: 'occurred_on', direction: 'asc' },
  killed_desc: { column: 'killed_best', direction: 'desc' },
  updated_desc: { column: 'updated_at', direction: 'desc' },
} as const;
export type SortName = keyof typeof SORTS;
export type Cursor = [value: string | number, ref: string];

/** The conditions, order and limit of one page, on a query of the incidents selecting anything. */
function paged<QB extends SelectQueryBuilder<Database, 'incidents', object>>(
  query: QB,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  sort: SortName,
  limit: number,
  after: Cursor | null,
): QB {
  const { column, direction } = SORTS[sort];
  const col = sql.ref(`incidents.${column}`);
  let page = query.where(filterConditions(dialect, filter, scope));
  if (after) {
    const comparison = direction === 'desc' ? sql.raw('<') : sql.raw('>');
    page = page.where(sql<boolean>`(${col}, incidents.ref) ${comparison} (${after[0]}, ${after[1]})`);
  }
  return page.orderBy(`incidents.${column}`, direction).orderBy('incidents.ref', direction).limit(limit) as QB;
}

/** One page of the list, as a query (the benchmark compiles it to compare with raw SQL). */
export function listPageQuery(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  sort: SortName,
  limit: number,
  after: Cursor | null,
) {
  return paged(db.selectFrom('incidents').selectAll('incidents'), dialect, filter, scope, sort, limit, after);
}

/** Every column of the rows of one page (exports). */
export async function listPage(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  sort: SortName,
  limit: number,
  after: Cursor | null,
): Promise<IncidentRow[]> {
  return listPageQuery(db, dialect, filter, scope, sort, limit, after).execute();
}

/**
 * What the list presents of an incident, and the columns of every sort's cursor: not the texts,
 * sources and casualties, which the database would otherwise read and copy for every row.
 */
const SUMMARY_COLUMNS = [
  'incidents.ref',
  'incidents.occurred_on',
  'incidents.date_precision',
  'incidents.region',
  'incidents.cercle',
  'incidents.place',
  'incidents.latitude',
  'incidents.longitude',
  'incidents.event_type',
  'incidents.sub_event_type',
  'incidents.category',
  'incidents.title',
  'incidents.killed_best',
  'incidents.injured_best',
  'incidents.status',
  'incidents.unit_code',
  'incidents.classification',
  'incidents.threat_to_civilians',
  'incidents.updated_at',
] as const;
export type IncidentSummaryRow = Pick<IncidentRow, (typeof SUMMARY_COLUMNS)[number] extends `incidents.${infer C}` ? C : never>;

/** One page of the list, with the columns it presents. */
export async function listSummaryPage(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  sort: SortName,
  limit: number,
  after: Cursor | null,
): Promise<IncidentSummaryRow[]> {
  return paged(db.selectFrom('incidents').select(SUMMARY_COLUMNS), dialect, filter, scope, sort, limit, after).execute();
}

export function cursorOf(row: IncidentSummaryRow, sort: SortName): Cursor {
  return [row[SORTS[sort].column], row.ref];
}

export async function countVisible(db: Executor, dialect: Dialect, filter: IncidentFilter, scope: ReadScope): Promise<number> {
  const row = await db
    .selectFrom('incidents')
    .select(sql<number>`count(*)`.as('n'))
    .where(filterConditions(dialect, filter, scope))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts and killed (best estimate) grouped by status and the given columns. */
export async function groupedCounts<K extends 'occurred_on' | 'region' | 'cercle' | 'event_type'>(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  columns: readonly K[],
): Promise<(Record<K, string | null> & { status: string; n: number; killed: number })[]> {
  const rows = await groupedCountsQuery(db, dialect, filter, scope, columns).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n), killed: Number(r.killed) })) as never;
}

export function groupedCountsQuery(db: Executor, dialect: Dialect, filter: IncidentFilter, scope: ReadScope, columns: readonly string[]) {
  const refs = columns.map((c) => sql.ref(`incidents.${c}`));
  return db
    .selectFrom('incidents')
    .select([
      ...columns.map((c) => sql<string | null>`${sql.ref(`incidents.${c}`)}`.as(c)),
      'incidents.status',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(incidents.killed_best)`.as('killed'),
    ])
    .where(filterConditions(dialect, filter, scope))
    .groupBy([...refs, sql.ref('incidents.status')]);
}

/** Grid clusters for the map: one row per cell of `cellDegrees`, with its centroid. */
export async function clusters(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  cellDegrees: number,
  bbox: [number, number, number, number] | null,
) {
  const gy = gridCell(dialect, sql`incidents.latitude + 90`, cellDegrees);
  const gx = gridCell(dialect, sql`incidents.longitude + 180`, cellDegrees);
  let query = db
    .selectFrom('incidents')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(CASE WHEN incidents.status IN ('verified', 'closed') THEN 1 ELSE 0 END)`.as('verified'),
      sql<number>`avg(incidents.latitude)`.as('latitude'),
      sql<number>`avg(incidents.longitude)`.as('longitude'),
      sql<string>`min(incidents.ref)`.as('ref'),
    ])
    .where(filterConditions(dialect, filter, scope));
  if (bbox) {
    const [west, south, east, north] = bbox;
    query = query.where('incidents.latitude', '>=', south).where('incidents.latitude', '<=', north);
    query = query.where('incidents.longitude', '>=', west).where('incidents.longitude', '<=', east);
  }
  const rows = await query.groupBy([gy, gx]).execute();
  return rows.map((r) => ({
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    count: Number(r.n),
    verified: Number(r.verified),
    ref: Number(r.n) === 1 ? r.ref : null,
  }));
}

/** What the map's preview shows of incidents by reference, under the same filter and read scope as their clusters. */
export async function mapPreviews(db: Executor, dialect: Dialect, filter: IncidentFilter, scope: ReadScope, refs: readonly string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select(['ref', 'title', 'occurred_on', 'date_precision', 'event_type', 'category', 'region', 'cercle', 'place'])
    .where(filterConditions(dialect, filter, scope))
    .where('incidents.ref', 'in', refs)
    .execute();
}

/**
 * The incidents of a filter whose author is (`author.is`) or is not (`author.isNot`) one account,
 * newest change first, with how many there are: what waits for someone (drafts, verifications).
 */
export async function pageByAuthor(
  db: Executor,
  dialect: Dialect,
  filter: IncidentFilter,
  scope: ReadScope,
  author: { is: string } | { isNot: string },
  limit: number,
): Promise<{ rows: IncidentRow[]; total: number }> {
  const byAuthor =
    'is' in author
      ? sql<boolean>`incidents.created_by = ${author.is}`
      : sql<boolean>`(incidents.created_by IS NULL OR incidents.created_by <> ${author.isNot})`;
  const base = db
    .selectFrom('incidents')
    .where(filterConditions(dialect, filter, scope))
    .where(byAuthor);
  const [rows, total] = await Promise.all([
    base.selectAll('incidents').orderBy('incidents.updated_at', 'desc').orderBy('incidents.ref', 'desc').limit(limit).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findByRef(db: Executor, ref: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('ref', '=', ref).executeTakeFirst();
}

/** Incidents by id, each with the units it is explicitly shared with: what deciding who may read them needs. */
export async function findWithShares(db: Executor, ids: readonly string[]): Promise<{ row: IncidentRow; shares: string[] }[]> {
  if (ids.length === 0) return [];
  const [rows, shares] = await Promise.all([
    db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('incident_shares').select(['incident_id', 'unit_code']).where('incident_id', 'in', ids).execute(),
  ]);
  return rows.map((row) => ({ row, shares: shares.filter((s) => s.incident_id === row.id).map((s) => s.unit_code) }));
}

export async function findRefById(db: Executor, id: string): Promise<{ ref: string } | undefined> {
  return db.selectFrom('incidents').select('ref').where('id', '=', id).executeTakeFirst();
}

export async function findRefs(db: Executor, refs: readonly string[]): Promise<Pick<IncidentRow, 'id' | 'ref'>[]> {
  if (refs.length === 0) return [];
  return db.selectFrom('incidents').select(['id', 'ref']).where('ref', 'in', refs).execute();
}

export async function relations(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { actors: [], shares: [], links: [] };
  const [actors, shares, links] = await Promise.all([
    db.selectFrom('incident_actors').selectAll().where('incident_id', 'in', ids).execute(),
    db.selectFrom('incident_shares').selectAll().where('incident_id', 'in', ids).execute(),
    db.selectFrom('incident_links').selectAll().where('incident_id', 'in', ids).execute(),
  ]);
  return { actors, shares, links };
}

export async function steps(db: Executor, incidentId: string) {
  return db
    .selectFrom('incident_steps')
    .leftJoin('users', 'users.id', 'incident_steps.actor_id')
    .select([
      'incident_steps.from_status',
      'incident_steps.to_status',
      'incident_steps.actor_id',
      'incident_steps.actor_label',
      'users.name',
      'incident_steps.at',
      'incident_steps.comment',
    ])
    .where('incident_id', '=', incidentId)
    .orderBy('incident_steps.at')
    .execute();
}

/**
 * Reserves `count` consecutive numbers of the year's sequence, in the caller's transaction
 * (the counter row stays locked until it commits, so two writers never get the same numbers).
 */
export async function reserveNumbers(trx: Trx, year: number, count: number): Promise<number> {
  await trx
    .insertInto('incident_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('incident_counters')
    .set({ last: sql`last + ${count}` })
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last - count + 1;
}

/** For a bulk insert: incidents are added to the full-text index in one step at the end (`catchUp`). */
export function deferIncidentTextIndex(trx: Trx, dialect: Dialect): Promise<DeferredTextIndex> {
  return deferTextIndex(trx, dialect, 'incidents');
}

export interface IncidentRelations {
  actors: { role: string; actor_code: string }[];
  shares: string[];
  links: string[];
}

/** Inserts incidents with their relations and first workflow step, in batches. */
export async function insertIncidents(
  trx: Trx,
  database: Pick<DatabaseHandle, 'dialect' | 'sqlite'>,
  rows: readonly {
    incident: Insertable<IncidentTable>;
    relations: IncidentRelations;
    step: { id: string; label: string; comment: string };
  }[],
): Promise<void> {
  await insertMany(
    trx,
    database,
    'incidents',
    rows.map((r) => r.incident),
  );
  await insertMany(
    trx,
    database,
    'incident_steps',
    rows.map(({ incident, step }) => ({
      id: step.id,
      incident_id: incident.id,
      from_status: null,
      to_status: incident.status,
      actor_id: incident.created_by ?? null,
      actor_label: step.label,
      at: incident.created_at,
      comment: step.comment,
    })),
  );
  const actors = rows.flatMap(({ incident, relations }) =>
    relations.actors.map((a) => ({ incident_id: incident.id, actor_code: a.actor_code, role: a.role })),
  );
  if (actors.length > 0) await insertMany(trx, database, 'incident_actors', actors);
  const shares = rows.flatMap(({ incident, relations }) => relations.shares.map((unit) => ({ incident_id: incident.id, unit_code: unit })));
  if (shares.length > 0) await insertMany(trx, database, 'incident_shares', shares);
  const links = rows.flatMap(({ incident, relations }) =>
    relations.links.map((ref) => ({ incident_id: incident.id, target_type: 'incident', target_ref: ref })),
  );
  if (links.length > 0) await insertMany(trx, database, 'incident_links', links);
}

export async function replaceRelations(trx: Trx, incidentId: string, relations: IncidentRelations): Promise<void> {
  await trx.deleteFrom('incident_actors').where('incident_id', '=', incidentId).execute();
  await trx.deleteFrom('incident_shares').where('incident_id', '=', incidentId).execute();
  await trx.deleteFrom('incident_links').where('incident_id', '=', incidentId).execute();
  if (relations.actors.length > 0) {
    await trx
      .insertInto('incident_actors')
      .values(relations.actors.map((a) => ({ incident_id: incidentId, actor_code: a.actor_code, role: a.role })))
      .execute();
  }
  if (relations.shares.length > 0) {
    await trx
      .insertInto('incident_shares')
      .values(relations.shares.map((unit) => ({ incident_id: incidentId, unit_code: unit })))
      .execute();
  }
  if (relations.links.length > 0) {
    await trx
      .insertInto('incident_links')
      .values(relations.links.map((ref) => ({ incident_id: incidentId, target_type: 'incident', target_ref: ref })))
      .execute();
  }
}

/** Updates a row only if it still has `version`; false when someone else changed it first. */
export async function updateIncidentIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Insertable<IncidentTable>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'incidents', id, version, values);
}

export async function insertStep(trx: Trx, step: IncidentStepTable): Promise<void> {
  await trx.insertInto('incident_steps').values(step).execute();
}

export async function listActors(db: Executor) {
  return db.selectFrom('actors').selectAll().orderBy('actor_type').orderBy('code').execute();
}

export async function actorExists(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('actors').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Adds parties to the registry; a code already there is kept as it is. */
export async function insertActorsIfAbsent(db: Executor, rows: readonly Insertable<ActorTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('actors')
    .values([...rows])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function insertActor(trx: Trx, row: Insertable<ActorTable>): Promise<void> {
  await trx.insertInto('actors').values(row).execute();
}

/** How many incidents the reader may see name each actor, in any role. */
export async function incidentCountsByActor(db: Executor, scope: ReadScope): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('incident_actors')
    .innerJoin('incidents', 'incidents.id', 'incident_actors.incident_id')
    .where(visibleTo(scope))
    .select(['incident_actors.actor_code', sql<number>`count(distinct incident_actors.incident_id)`.as('n')])
    .groupBy('incident_actors.actor_code')
    .execute();
  return new Map(rows.map((r) => [r.actor_code, Number(r.n)]));
}

export async function findActor(db: Executor, code: string) {
  return db.selectFrom('actors').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listActorAliases(db: Executor) {
  return db.selectFrom('actor_aliases').selectAll().orderBy('alias').execute();
}

export async function findActorAlias(db: Executor, key: string) {
  return db.selectFrom('actor_aliases').selectAll().where('alias_key', '=', key).executeTakeFirst();
}

export async function insertActorAlias(trx: Trx, row: Insertable<ActorAliasTable>): Promise<void> {
  await trx.insertInto('actor_aliases').values(row).execute();
}

export async function setActorStatus(trx: Trx, code: string, status: string): Promise<void> {
  await trx.updateTable('actors').set({ status }).where('code', '=', code).execute();
}

/**
 * Moves everything that names `merged` to `survivor`: the incidents' actors (a row the survivor
 * already holds in the same role is dropped, not doubled), the aliases and earlier redirects; the
 * merged actor stays as a redirect. Returns how many incidents changed.
 */
/** The incidents that name an actor in any role, with their version. */
export async function incidentsNamingActor(db: Executor, code: string) {
  return db
    .selectFrom('incidents')
    .select(['id', 'version'])
    .where('id', 'in', db.selectFrom('incident_actors').select('incident_id').where('actor_code', '=', code))
    .execute();
}

/** One more version for incidents that a registry change (a merge) changed, so an edit begun before it meets a conflict. */
export async function bumpIncidentVersions(trx: Trx, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('incidents')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', 'in', [...ids])
    .execute();
}

export async function mergeActorInto(trx: Trx, merged: string, survivor: string): Promise<number> {
  const incidents = await trx
    .selectFrom('incident_actors')
    .select(sql<number>`count(distinct incident_id)`.as('n'))
    .where('actor_code', '=', merged)
    .executeTakeFirst();
  await sql`DELETE FROM incident_actors WHERE actor_code = ${merged} AND EXISTS (
      SELECT 1 FROM incident_actors s WHERE s.incident_id = incident_actors.incident_id
        AND s.role = incident_actors.role AND s.actor_code = ${survivor})`.execute(trx);
  await trx.updateTable('incident_actors').set({ actor_code: survivor }).where('actor_code', '=', merged).execute();
  await trx.updateTable('incidents').set({ actor1: survivor }).where('actor1', '=', merged).execute();
  await trx.updateTable('incidents').set({ actor2: survivor }).where('actor2', '=', merged).execute();
  await trx.updateTable('actor_aliases').set({ actor_code: survivor }).where('actor_code', '=', merged).execute();
  await trx.updateTable('actors').set({ merged_into: survivor }).where('merged_into', '=', merged).execute();
  await trx.updateTable('actors').set({ status: 'merged', merged_into: survivor }).where('code', '=', merged).execute();
  return Number(incidents?.n ?? 0);
}

export async function listEventTypeAliases(db: Executor) {
  return db.selectFrom('event_type_aliases').selectAll().execute();
}

export async function upsertEventTypeAlias(trx: Trx, row: Insertable<EventTypeAliasTable>): Promise<void> {
  await trx
    .insertInto('event_type_aliases')
    .values(row)
    .onConflict((oc) => oc.column('alias_key').doUpdateSet({ event_type: row.event_type, sub_event_type: row.sub_event_type }))
    .execute();
}

/** Adds aliases; an alias already known (to any actor) is kept as it is. */
export async function insertActorAliasesIfAbsent(db: Executor, rows: readonly Insertable<ActorAliasTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('actor_aliases')
    .values([...rows])
    .onConflict((oc) => oc.column('alias_key').doNothing())
    .execute();
}
