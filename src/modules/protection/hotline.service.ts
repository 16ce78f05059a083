import { randomUUID } from 'node:crypto';
import { type CallInput, type HotlineCall, type Programme, programmeSchema } from '../../contracts/protection.js';
import { findArea } from '../../data/mali/boundaries.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { HotlineCallTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { notifyAfterCommit } from '../notifications/notifications.service.js';
import { userNames } from '../users/users.service.js';
import { type CallListFilter, countCallRows, findCallByRef, insertCall, listCallRows, updateCallIfVersion } from './hotline.repository.js';
import { programmeUnit } from './protection.checks.js';
import { mayAnswerFor, requireSecondFactor } from './protection.policy.js';
import { reserveNumber } from './protection.repository.js';
import { insertCase, readableCaseRefs } from './protection.service.js';

/**
 * Hotline and call-centre intake. An operator of a unit that runs a line records the call; what
 * the caller alleges decides the unit whose intake queue receives it (misconduct → CDT, sexual
 * violence → the Women Protection Advisers, …). The operator sees the calls they took and
 * nothing else; the receiving unit's officers and managers see its queue and turn a call into a
 * case or dismiss it. Summaries and contacts are sealed like case content.
 */

const RECORD_TYPE = 'hotline_call';

export function formatCallRef(year: number, n: number): string {
  return `APP-${year}-${String(n).padStart(6, '0')}`;
}

function intakeRole(actor: Actor, unit: string): boolean {
  const role = actor.memberships.get(unit);
  return role === 'officer' || role === 'manager';
}

function mayReadCall(actor: Actor, row: HotlineCallTable): boolean {
  return row.operator_id === actor.id || intakeRole(actor, row.routed_to);
}

/** The programme and unit a concern is routed to. */
export function routeOf(concern: string): { programme: Programme; unit: string } | null {
  const found = protectionVocabulary().callConcerns.find((c) => c.code === concern);
  if (!found) return null;
  const programme = programmeSchema.parse(found.programme);
  return { programme, unit: programmeUnit(programme) };
}

export async function recordCall(ctx: AppContext, actor: Actor, input: CallInput): Promise<HotlineCall> {
  requireSecondFactor(actor);
  const v = protectionVocabulary();
  const line = v.hotlineLines.find((l) => l.code === input.line);
  if (line && !mayAnswerFor(actor, line.unit)) throw new AppError(403, 'forbidden');
  if (!line && ![...actor.memberships.values()].includes('operator')) throw new AppError(403, 'forbidden');
  const route = routeOf(input.concern);
  const issues: { path: string[]; message: string }[] = [];
  if (!line) issues.push({ path: ['line'], message: 'vocabulary' });
  if (!route) issues.push({ path: ['concern'], message: 'vocabulary' });
  if (!v.callLanguages.some((l) => l.code === input.language)) issues.push({ path: ['language'], message: 'vocabulary' });
  if (input.region !== null) {
    const area = findArea(input.region);
    if (!area || area.id !== area.regionIso) issues.push({ path: ['region'], message: 'region_unknown' });
    else if (input.cercle !== null && findArea(input.cercle)?.regionIso !== input.region)
      issues.push({ path: ['cercle'], message: 'cercle_not_in_region' });
  } else if (input.cercle !== null) issues.push({ path: ['region'], message: 'required' });
  if (!input.mayContact && input.callerContact !== '') issues.push({ path: ['callerContact'], message: 'contact_without_consent' });
  if (new Date(input.receivedAt).getTime() > ctx.now().getTime() + 5 * 60_000)
    issues.push({ path: ['receivedAt'], message: 'date_in_future' });
  throwFieldErrors(issues);
  const keyring = await keyringFor(ctx);
  const ref = await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.now();
    const id = randomUUID();
    const ref = formatCallRef(now.getUTCFullYear(), await reserveNumber(trx, 'call', now.getUTCFullYear()));
    await insertCall(trx, {
      id,
      ref,
      line: input.line,
      received_at: new Date(input.receivedAt).toISOString(),
      language: input.language,
      concern: input.concern,
      region: input.region,
      cercle: input.cercle,
      summary_sealed: keyring.encrypt(input.summary, { recordId: id, field: 'summary' }),
      contact_sealed: input.callerContact ? keyring.encrypt(input.callerContact, { recordId: id, field: 'contact' }) : null,
      may_contact: input.mayContact ? 1 : 0,
      routed_to: (route as { unit: string }).unit,
      operator_id: actor.id,
      status: 'queued',
      case_id: null,
      handled_by: null,
      handled_at: null,
      created_at: now.toISOString(),
      version: 1,
    });
    return {
      result: ref,
      audit: {
        action: 'hotline.call.create',
        recordType: RECORD_TYPE,
        recordId: id,
        details: { ref, line: input.line, routedTo: route?.unit ?? '' },
      },
    };
  });
  notifyAfterCommit(ctx, [{ kind: 'call_waiting', unit: (route as { unit: string }).unit }]);
  return getCall(ctx, actor, ref, false);
}

async function readableCall(ctx: AppContext, actor: Actor, ref: string): Promise<HotlineCallTable> {
  requireSecondFactor(actor);
  const row = await findCallByRef(ctx.database.db, ref);
  if (!row || !mayReadCall(actor, row)) throw notFound();
  return row;
}

/** What calls need from other tables, read once for a whole list: their operators, and the refs of the cases they became that the actor may read. */
async function callRelations(ctx: AppContext, actor: Actor, rows: readonly HotlineCallTable[]) {
  const operatorIds = [...new Set(rows.map((r) => r.operator_id))];
  const caseIds = rows.flatMap((r) => (r.case_id ? [r.case_id] : []));
  const [operators, caseRefs] = await Promise.all([userNames(ctx, operatorIds), readableCaseRefs(ctx, actor, caseIds)]);
  return { operators: new Map(operators.map((o) => [o.id, o])), caseRefs };
}

type CallRelations = Awaited<ReturnType<typeof callRelations>>;

async function presentCall(
  ctx: AppContext,
  actor: Actor,
  row: HotlineCallTable,
  withContent: boolean,
  related: CallRelations,
): Promise<HotlineCall> {
  const caseRef = row.case_id ? (related.caseRefs.get(row.case_id) ?? null) : null;
  const intake = intakeRole(actor, row.routed_to) && row.status === 'queued';
  // Once a call has become a case, what the caller said belongs to the case: only its readers see it.
  const content = withContent && (row.status !== 'accepted' || caseRef !== null);
  const keyring = content ? await keyringFor(ctx) : null;
  return {
    ref: row.ref,
    line: row.line,
    receivedAt: row.received_at,
    language: row.language,
    concern: row.concern,
    region: row.region,
    cercle: row.cercle,
    summary: keyring ? keyring.decrypt(row.summary_sealed, { recordId: row.id, field: 'summary' }) : '',
    callerContact: keyring && row.contact_sealed ? keyring.decrypt(row.contact_sealed, { recordId: row.id, field: 'contact' }) : '',
    contentWithCase: !content && withContent,
    mayContact: row.may_contact === 1,
    routedTo: row.routed_to,
    status: row.status,
    operator: related.operators.get(row.operator_id) ?? { id: row.operator_id, name: '' },
    caseRef,
    version: row.version,
    may: { accept: intake, dismiss: intake, forward: intake },
  };
}

/** One call with its content, for the operator who took it or the receiving unit's intake; audited. */
export async function getCall(ctx: AppContext, actor: Actor, ref: string, audit = true): Promise<HotlineCall> {
  const row = await readableCall(ctx, actor, ref);
  const call = await presentCall(ctx, actor, row, true, await callRelations(ctx, actor, [row]));
  if (audit) await recordAudit(ctx, actor, { action: 'hotline.call.read', recordType: RECORD_TYPE, recordId: row.id });
  return call;
}

/** `mine`: the calls the actor took; `queue`: a unit's intake queue, for its officers and managers. */
export async function listCalls(
  ctx: AppContext,
  actor: Actor,
  query: { scope: 'mine' | 'queue'; unit?: string | undefined; status?: string | undefined },
) {
  requireSecondFactor(actor);
  let filter: CallListFilter = { status: query.status };
  if (query.scope === 'mine') filter = { ...filter, operatorId: actor.id };
  else {
    const units = query.unit ? [query.unit] : [...actor.memberships.keys()];
    const allowed = units.filter((u) => intakeRole(actor, u));
    if (query.unit && allowed.length === 0) throw new AppError(403, 'forbidden');
    if (allowed.length === 0) return { items: [] };
    filter = { ...filter, routedTo: allowed };
  }
  const rows = await listCallRows(ctx.database.db, filter, 200);
  const related = await callRelations(ctx, actor, rows);
  const items = await Promise.all(rows.map((r) => presentCall(ctx, actor, r, false, related)));
  await recordAudit(ctx, actor, {
    action: 'hotline.call.list',
    recordType: RECORD_TYPE,
    recordId: null,
    details: { scope: query.scope, returned: rows.length },
  });
  return { items: items.map(({ summary: _s, callerContact: _c, contentWithCase: _w, may: _a, ...rest }) => rest) };
}

/**
 * The calls waiting in the intake queues `actor` works (their officers and managers), oldest first:
 * references, lines, concerns and times, never what the caller said. Empty without a second factor.
 * Not audited here: the caller (the worklist) records one entry for what it shows.
 */
export async function queuedCallsFor(ctx: AppContext, actor: Actor, limit: number) {
  if (!actor.secondFactor || actor.viaToken) return { total: 0, items: [] };
  const units = [...actor.memberships.keys()].filter((unit) => intakeRole(actor, unit));
  if (units.length === 0) return { total: 0, items: [] };
  const filter: CallListFilter = { routedTo: units, status: 'queued' };
  const [rows, total] = await Promise.all([listCallRows(ctx.database.db, filter, 200), countCallRows(ctx.database.db, filter)]);
  const oldest = rows.slice(-limit).reverse();
  return {
    total,
    items: oldest.map((r) => ({ ref: r.ref, line: r.line, concern: r.concern, receivedAt: r.received_at, routedTo: r.routed_to })),
  };
}

async function intakeCall(ctx: AppContext, actor: Actor, ref: string, version: number): Promise<HotlineCallTable> {
  const row = await readableCall(ctx, actor, ref);
  if (!intakeRole(actor, row.routed_to)) throw new AppError(403, 'forbidden');
  if (row.status !== 'queued') throw new AppError(409, 'call_already_handled');
  if (row.version !== version) throw versionConflict();
  return row;
}

/** Turns a queued call into a case of the receiving unit, with the accepting officer on its team. */
export async function acceptCall(ctx: AppContext, actor: Actor, ref: string, version: number): Promise<{ caseRef: string }> {
  const row = await intakeCall(ctx, actor, ref, version);
  const route = routeOf(row.concern);
  if (!route || route.unit !== row.routed_to) throw new AppError(409, 'call_already_handled');
  if (row.region === null) throwFieldErrors([{ path: ['region'], message: 'call_region_required' }]);
  const keyring = await keyringFor(ctx);
  const summary = keyring.decrypt(row.summary_sealed, { recordId: row.id, field: 'summary' });
  return auditedTransaction(ctx, actor, async (trx) => {
    const created = await insertCase(
      trx,
      ctx,
      keyring,
      actor,
      route.programme,
      {
        occurredOn: row.received_at.slice(0, 10),
        datePrecision: 'day',
        region: row.region as string,
        cercle: row.cercle,
        place: '',
        summary,
        channel: route.programme === 'misconduct' ? 'hotline' : null,
        office: null,
        incidentRefs: [],
      },
      row.id,
    );
    const at = ctx.now().toISOString();
    if (
      !(await updateCallIfVersion(trx, row.id, version, { status: 'accepted', case_id: created.id, handled_by: actor.id, handled_at: at }))
    )
      throw versionConflict();
    return {
      result: { caseRef: created.ref },
      audit: [
        { action: 'hotline.call.accept', recordType: RECORD_TYPE, recordId: row.id, details: { ref, case: created.ref } },
        {
          action: 'protection.case.create',
          recordType: 'protection_case',
          recordId: created.id,
          details: { ref: created.ref, programme: route.programme },
        },
      ],
    };
  });
}

export async function dismissCall(ctx: AppContext, actor: Actor, ref: string, version: number): Promise<HotlineCall> {
  const row = await intakeCall(ctx, actor, ref, version);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateCallIfVersion(trx, row.id, version, { status: 'dismissed', handled_by: actor.id, handled_at: at })))
      throw versionConflict();
    return { result: undefined, audit: { action: 'hotline.call.dismiss', recordType: RECORD_TYPE, recordId: row.id, details: { ref } } };
  });
  return getCall(ctx, actor, ref, false);
}

/**
 * Forwards a queued call to the queue its concern belongs to, when intake finds the operator's
 * classification wrong (a misconduct allegation on a DDHP line, say). The call then leaves this
 * unit's queue: its officers no longer see it.
 */
export async function forwardCall(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  version: number,
  concern: string,
): Promise<{ routedTo: string }> {
  const row = await intakeCall(ctx, actor, ref, version);
  const route = routeOf(concern);
  if (!route) throwFieldErrors([{ path: ['concern'], message: 'vocabulary' }]);
  if (concern === row.concern) throwFieldErrors([{ path: ['concern'], message: 'forward_same_concern' }]);
  const to = (route as { unit: string }).unit;
  await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await updateCallIfVersion(trx, row.id, version, { concern, routed_to: to }))) throw versionConflict();
    return {
      result: undefined,
      audit: {
        action: 'hotline.call.forward',
        recordType: RECORD_TYPE,
        recordId: row.id,
        details: { ref, from: row.routed_to, to, concern },
      },
    };
  });
  notifyAfterCommit(ctx, [{ kind: 'call_waiting', unit: to }]);
  return { routedTo: to };
}
