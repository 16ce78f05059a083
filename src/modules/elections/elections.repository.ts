import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { CivicSessionTable, ElectoralEventTable, ElectoralIncidentLinkTable, ElectoralRequestTable } from '../../db/schema.js';

/** Electoral support's tables: the calendar, requests and deliveries, civic education, linked incidents. */

type Executor = Db | Trx;

export type EventRow = ElectoralEventTable;
export type RequestRow = ElectoralRequestTable;
export type CivicRow = CivicSessionTable;
export type LinkRow = ElectoralIncidentLinkTable;

export async function listEventRows(db: Executor, scope: ReadScope): Promise<EventRow[]> {
  return db
    .selectFrom('electoral_events')
    .selectAll()
    .where(readableBy(scope, 'electoral_events'))
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
}

export async function findEvent(db: Executor, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('electoral_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: Executor, row: EventRow): Promise<void> {
  await db.insertInto('electoral_events').values(row).execute();
}

export async function listRequestRows(db: Executor, scope: ReadScope): Promise<RequestRow[]> {
  return db
    .selectFrom('electoral_requests')
    .selectAll()
    .where(readableBy(scope, 'electoral_requests'))
    .orderBy('requested_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('electoral_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRequest(db: Executor, row: RequestRow): Promise<void> {
  await db.insertInto('electoral_requests').values(row).execute();
}

export function updateRequestIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<RequestRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'electoral_requests', id, version, values);
}

export async function listCivicRows(db: Executor, scope: ReadScope): Promise<CivicRow[]> {
  return db
    .selectFrom('civic_sessions')
    .selectAll()
    .where(readableBy(scope, 'civic_sessions'))
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertCivic(db: Executor, row: CivicRow): Promise<void> {
  await db.insertInto('civic_sessions').values(row).execute();
}

/** The incident links of the given events (the caller keeps the readable events only). */
export async function listLinkRows(db: Executor, eventIds: readonly string[]): Promise<LinkRow[]> {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('electoral_incident_links')
    .selectAll()
    .where('event_id', 'in', [...eventIds])
    .orderBy('event_id')
    .orderBy('linked_at')
    .execute();
}

export async function linkExists(db: Executor, eventId: string, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('electoral_incident_links')
    .select('event_id')
    .where('event_id', '=', eventId)
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLink(db: Executor, row: LinkRow): Promise<void> {
  await db.insertInto('electoral_incident_links').values(row).execute();
}
