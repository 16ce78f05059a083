import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  type Body,
  type CsaDecision,
  type CsaSession,
  type CsaSessionDetail,
  type decisionInputSchema,
  type decisionUpdateSchema,
  type Participation,
  type Share,
  type sessionInputSchema,
  type sessionUpdateSchema,
  WOMEN_QUOTA,
} from '../../contracts/peace.js';
import { bodyName } from '../../data/peace.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { round } from '../indicators/indicators.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { guardOf, mayCreatePeaceRecord, mayWrite } from './peace.policy.js';
import {
  type AttendanceRow,
  type DecisionRow,
  findDecision,
  findSession,
  findSessions,
  insertDecision,
  insertSession,
  listAttendanceRows,
  listDecisionRows,
  listSessionRows,
  replaceAttendance,
  type SessionRow,
  updateDecisionIfVersion,
  updateSessionIfVersion,
} from './peace.repository.js';

/**
 * The CSA and its sub-committees: sessions with attendance by delegation and sex, the women's
 * share against the quota per session, delegation and year, and the decisions with their follow-up.
 */

const SESSION = 'csa_session';
const DECISION = 'csa_decision';

type SessionInput = z.output<typeof sessionInputSchema>;
type SessionUpdate = z.output<typeof sessionUpdateSchema>;
type DecisionUpdate = z.output<typeof decisionUpdateSchema>;

/**
 * The women's share of a group: one decimal for display; the quota is met on the exact counts
 * (29.96 % shows as 30.0 but does not meet 30 %). Nobody attending gives no share.
 */
export function shareOf(women: number, men: number): Share {
  const total = women + men;
  if (total === 0) return { women, men, total, womenShare: null, meetsQuota: null };
  return { women, men, total, womenShare: round((women / total) * 100, 1), meetsQuota: women * 100 >= WOMEN_QUOTA * total };
}

function sum(rows: readonly Pick<AttendanceRow, 'women' | 'men'>[]): Share {
  return shareOf(
    rows.reduce((n, r) => n + r.women, 0),
    rows.reduce((n, r) => n + r.men, 0),
  );
}

function presentSession(row: SessionRow, attendance: readonly AttendanceRow[]): CsaSession {
  return {
    id: row.id,
    body: row.body as Body,
    heldOn: row.held_on,
    place: row.place,
    chair: row.chair,
    agenda: row.agenda,
    unit: row.unit_code,
    classification: guardOf(row).classification,
    version: row.version,
    participation: sum(attendance),
  };
}

function presentDecision(row: DecisionRow): CsaDecision {
  return {
    id: row.id,
    sessionId: row.session_id,
    kind: row.kind as CsaDecision['kind'],
    text: row.text,
    owner: row.owner,
    deadline: row.deadline,
    status: row.status as CsaDecision['status'],
    followUp: row.follow_up,
    version: row.version,
  };
}

export async function listSessions(ctx: AppContext, actor: Actor | null, body?: Body): Promise<CsaSession[]> {
  const scope = readScope(actor);
  const rows = await listSessionRows(ctx.database.db, scope, body);
  const attendance = await listAttendanceRows(
    ctx.database.db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    presentSession(
      row,
      attendance.filter((a) => a.session_id === row.id),
    ),
  );
}

async function readableSession(ctx: AppContext, actor: Actor | null, id: string): Promise<SessionRow> {
  const row = await findSession(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getSession(ctx: AppContext, actor: Actor | null, id: string): Promise<CsaSessionDetail> {
  const row = await readableSession(ctx, actor, id);
  const attendance = await listAttendanceRows(ctx.database.db, readScope(actor), [id]);
  const decisions = await listDecisionRows(ctx.database.db, id);
  const write = mayWrite(actor, row);
  return {
    ...presentSession(row, attendance),
    attendance: attendance.map((a) => ({ delegation: a.delegation, women: a.women, men: a.men, share: shareOf(a.women, a.men) })),
    decisions: decisions.map(presentDecision),
    may: { edit: write, decide: write },
  };
}

/** One line per delegation: a delegation named twice is a mistake, not a sum. */
function attendanceRows(sessionId: string, attendance: SessionInput['attendance']): AttendanceRow[] {
  const seen = new Set<string>();
  return attendance.map((a, position) => {
    if (seen.has(a.delegation)) throw new AppError(400, 'peace_delegation_twice', { delegation: a.delegation });
    seen.add(a.delegation);
    return { session_id: sessionId, delegation: a.delegation, position, women: a.women, men: a.men };
  });
}

export async function createSession(ctx: AppContext, actor: Actor, input: SessionInput): Promise<CsaSessionDetail> {
  if (!mayCreatePeaceRecord(actor, input.unit)) throw forbidden();
  const id = randomUUID();
  const attendance = attendanceRows(id, input.attendance);
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    const now = ctx.now().toISOString();
    await insertSession(trx, {
      id,
      body: input.body,
      held_on: input.heldOn,
      place: input.place,
      chair: input.chair,
      agenda: input.agenda,
      unit_code: input.unit,
      classification: input.classification,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await replaceAttendance(trx, id, attendance);
    return {
      result: undefined,
      audit: { action: 'peace.session.create', recordType: SESSION, recordId: id, details: { body: input.body, heldOn: input.heldOn } },
    };
  });
  return getSession(ctx, actor, id);
}

const SESSION_FIELDS = {
  body: 'body',
  heldOn: 'held_on',
  place: 'place',
  chair: 'chair',
  agenda: 'agenda',
  unit: 'unit_code',
  classification: 'classification',
} as const satisfies Record<Exclude<keyof SessionUpdate, 'version' | 'attendance'>, keyof SessionRow>;

const attendanceText = (rows: readonly Pick<AttendanceRow, 'delegation' | 'women' | 'men'>[]) =>
  rows.map((r) => `${r.delegation}: ${r.women}/${r.men}`).join('; ');

export async function updateSession(ctx: AppContext, actor: Actor, id: string, body: SessionUpdate): Promise<CsaSessionDetail> {
  const row = await readableSession(ctx, actor, id);
  if (!mayWrite(actor, row)) throw forbidden();
  if (body.unit !== undefined && body.unit !== row.unit_code && !mayCreatePeaceRecord(actor, body.unit)) throw forbidden();
  const next: Partial<SessionRow> = {};
  for (const [field, column] of Object.entries(SESSION_FIELDS) as [keyof typeof SESSION_FIELDS, keyof SessionRow][]) {
    if (body[field] !== undefined) Object.assign(next, { [column]: body[field] });
  }
  const attendance = body.attendance ? attendanceRows(id, body.attendance) : null;
  await auditedTransaction(ctx, actor, async (trx) => {
    if (next.unit_code !== undefined && next.unit_code !== row.unit_code) await requireOpenUnit(trx, next.unit_code);
    const changes = diff(row as unknown as Record<string, unknown>, next);
    if (attendance) {
      const before = attendanceText(await listAttendanceRows(trx, readScope(actor), [id]));
      const after = attendanceText(attendance);
      if (before !== after) changes.attendance = { from: before, to: after };
      await replaceAttendance(trx, id, attendance);
    }
    const at = ctx.now().toISOString();
    if (!(await updateSessionIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: SESSION, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'peace.session.update', recordType: SESSION, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getSession(ctx, actor, id);
}

export async function sessionHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableSession(ctx, actor, id);
  return readHistory(ctx.database.db, SESSION, id);
}

export async function addDecision(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  input: z.output<typeof decisionInputSchema>,
): Promise<CsaSessionDetail> {
  const session = await readableSession(ctx, actor, sessionId);
  if (!mayWrite(actor, session)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.now().toISOString();
    const row: DecisionRow = {
      id: randomUUID(),
      session_id: sessionId,
      kind: input.kind,
      text: input.text,
      owner: input.owner,
      deadline: input.deadline,
      status: input.status,
      follow_up: input.followUp,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertDecision(trx, row);
    return {
      result: undefined,
      audit: { action: 'peace.decision.create', recordType: DECISION, recordId: row.id, details: { session: sessionId, kind: input.kind } },
    };
  });
  return getSession(ctx, actor, sessionId);
}

export async function updateDecision(ctx: AppContext, actor: Actor, id: string, body: DecisionUpdate): Promise<CsaSessionDetail> {
  const decision = await findDecision(ctx.database.db, id);
  if (!decision) throw notFound();
  const session = await readableSession(ctx, actor, decision.session_id);
  if (!mayWrite(actor, session)) throw forbidden();
  const next: Partial<DecisionRow> = {};
  if (body.status !== undefined) next.status = body.status;
  if (body.followUp !== undefined) next.follow_up = body.followUp;
  if (body.owner !== undefined) next.owner = body.owner;
  if (body.deadline !== undefined) next.deadline = body.deadline;
  const changes = diff(decision as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateDecisionIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: DECISION, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'peace.decision.update', recordType: DECISION, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getSession(ctx, actor, session.id);
}

/** Women's participation in the readable sessions: overall, per delegation, per year. */
export async function participation(ctx: AppContext, actor: Actor | null, body?: Body): Promise<Participation> {
  const scope = readScope(actor);
  const sessions = await listSessionRows(ctx.database.db, scope, body);
  const year = new Map(sessions.map((s) => [s.id, s.held_on.slice(0, 4)]));
  const attendance = await listAttendanceRows(
    ctx.database.db,
    scope,
    sessions.map((s) => s.id),
  );
  const group = <K>(keyOf: (row: AttendanceRow) => K) => {
    const groups = new Map<K, AttendanceRow[]>();
    for (const row of attendance) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
    return groups;
  };
  return {
    quota: WOMEN_QUOTA,
    overall: sum(attendance),
    byDelegation: [...group((r) => r.delegation)]
      .map(([delegation, rows]) => ({ delegation, ...sum(rows) }))
      .sort((a, b) => a.delegation.localeCompare(b.delegation, 'fr')),
    byYear: [...group((r) => year.get(r.session_id) ?? '')]
      .map(([y, rows]) => ({ year: y, ...sum(rows) }))
      .sort((a, b) => a.year.localeCompare(b.year)),
  };
}

/** For the audit log: a session's body, date and place, only where the reader may read it. */
export async function readableSessionLabels(ctx: AppContext, reader: Actor, ids: string[], locale: Locale): Promise<Map<string, string>> {
  const rows = await findSessions(ctx.database.db, ids);
  return new Map(
    rows
      .filter((row) => can(reader, 'read', guardOf(row)))
      .map((row) => [row.id, `${bodyName(row.body as Body, locale)} — ${row.held_on}, ${row.place}`]),
  );
}
