import type { Db, Trx } from '../../db/database.js';
import type { ReadScope } from '../../db/helpers/readable.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { CsaAttendanceTable, CsaDecisionTable, CsaSessionTable, PeaceProvisionTable, PeaceScoreTable } from '../../db/schema.js';

/** The peace process's tables: provisions and scores, CSA sessions, attendance and decisions. */

type Executor = Db | Trx;

export type ProvisionRow = PeaceProvisionTable;
export type ScoreRow = PeaceScoreTable;
export type SessionRow = CsaSessionTable;
export type AttendanceRow = CsaAttendanceTable;
export type DecisionRow = CsaDecisionTable;

export async function listProvisionRows(db: Executor, scope: ReadScope, pillar?: string): Promise<ProvisionRow[]> {
  let query = db.selectFrom('peace_provisions').selectAll().where(readableBy(scope, 'peace_provisions'));
  if (pillar) query = query.where('pillar', '=', pillar);
  return query.orderBy('pillar').orderBy('chapter').orderBy('code').execute();
}

export async function findProvision(db: Executor, id: string): Promise<ProvisionRow | undefined> {
  return db.selectFrom('peace_provisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several provisions by id, for the audit log's labels. */
export async function findProvisions(db: Executor, ids: readonly string[]): Promise<ProvisionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('peace_provisions').selectAll().where('id', 'in', ids).execute();
}

export async function provisionCodesTaken(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('peace_provisions')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function insertProvision(db: Executor, row: ProvisionRow): Promise<void> {
  await db.insertInto('peace_provisions').values(row).execute();
}

export function updateProvisionIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<ProvisionRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'peace_provisions', id, version, values);
}

/** Every score of the readable provisions (of one provision with `provisionId`), oldest first. */
export async function listScoreRows(
  db: Executor,
  scope: ReadScope,
  filter: { provisionId?: string; pillar?: string | undefined } = {},
): Promise<(ScoreRow & { pillar: string })[]> {
  let query = db
    .selectFrom('peace_scores')
    .innerJoin('peace_provisions', 'peace_provisions.id', 'peace_scores.provision_id')
    .selectAll('peace_scores')
    .select('peace_provisions.pillar')
    .where(readableBy(scope, 'peace_provisions'));
  if (filter.provisionId) query = query.where('peace_scores.provision_id', '=', filter.provisionId);
  if (filter.pillar) query = query.where('peace_provisions.pillar', '=', filter.pillar);
  return query.orderBy('peace_scores.provision_id').orderBy('peace_scores.period').orderBy('peace_scores.recorded_at').execute();
}

export async function findScore(db: Executor, id: string): Promise<ScoreRow | undefined> {
  return db.selectFrom('peace_scores').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertScore(db: Executor, row: ScoreRow): Promise<void> {
  await db.insertInto('peace_scores').values(row).execute();
}

/** Marks a score validated; false when someone validated it first. */
export async function validateScoreRow(db: Executor, id: string, by: { id: string; label: string }, at: string): Promise<boolean> {
  const result = await db
    .updateTable('peace_scores')
    .set({ validated_by: by.id, validated_by_label: by.label, validated_at: at })
    .where('id', '=', id)
    .where('validated_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listSessionRows(db: Executor, scope: ReadScope, body?: string): Promise<SessionRow[]> {
  let query = db.selectFrom('csa_sessions').selectAll().where(readableBy(scope, 'csa_sessions'));
  if (body) query = query.where('body', '=', body);
  return query.orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('csa_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several sessions by id, for the audit log's labels. */
export async function findSessions(db: Executor, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('csa_sessions').selectAll().where('id', 'in', ids).execute();
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('csa_sessions').values(row).execute();
}

export function updateSessionIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<SessionRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'csa_sessions', id, version, values);
}

/** The attendance of the readable sessions (of the given sessions with `sessionIds`). */
export async function listAttendanceRows(db: Executor, scope: ReadScope, sessionIds?: readonly string[]): Promise<AttendanceRow[]> {
  if (sessionIds && sessionIds.length === 0) return [];
  let query = db
    .selectFrom('csa_attendance')
    .innerJoin('csa_sessions', 'csa_sessions.id', 'csa_attendance.session_id')
    .selectAll('csa_attendance')
    .where(readableBy(scope, 'csa_sessions'));
  if (sessionIds) query = query.where('csa_attendance.session_id', 'in', [...sessionIds]);
  return query.orderBy('csa_attendance.session_id').orderBy('csa_attendance.position').execute();
}

export async function replaceAttendance(db: Executor, sessionId: string, rows: readonly AttendanceRow[]): Promise<void> {
  await db.deleteFrom('csa_attendance').where('session_id', '=', sessionId).execute();
  if (rows.length > 0)
    await db
      .insertInto('csa_attendance')
      .values([...rows])
      .execute();
}

export async function listDecisionRows(db: Executor, sessionId: string): Promise<DecisionRow[]> {
  return db.selectFrom('csa_decisions').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();
}

export async function findDecision(db: Executor, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('csa_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDecision(db: Executor, row: DecisionRow): Promise<void> {
  await db.insertInto('csa_decisions').values(row).execute();
}

export function updateDecisionIfVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<Omit<DecisionRow, 'id' | 'version'>>,
): Promise<boolean> {
  return updateIfVersion(db, 'csa_decisions', id, version, values);
}
