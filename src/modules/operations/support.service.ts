import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type {
  HrddpInput,
  SupportFilter,
  SupportInputParsed,
  SupportRequest,
  SupportTransition,
  SupportVocabulary,
} from '../../contracts/support.js';
import { gazetteer } from '../../data/mali/places.js';
import { HRDDP_OUTCOME_TERMS, MALIAN_FORCE_TERMS, pick, SUPPORT_KIND_TERMS, SUPPORT_STATUS_TERMS } from '../../data/vocab/movements.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Actor, can, memberUnits } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import {
  makesSupportMove,
  mayAssessHrddp,
  mayOnSupport,
  mayRecordSupport,
  SUPPORT_READERS,
  supportGuard,
  supportMoveFrom,
  supportUnitsOf,
} from './movements.policy.js';
import { checkWhere } from './movements.service.js';
import { guardOf as operationGuard } from './operations.policy.js';
import { findReadable, unitsOf } from './operations.repository.js';
import { readerOf } from './operations.service.js';
import {
  findSupport,
  insertSupport,
  listSupport as listRows,
  type SupportQuery,
  type SupportRow,
  updateSupportIfVersion,
} from './support.repository.js';

/**
 * Support to the Malian forces: requests for transport, logistics, medical evacuation or fuel from
 * a unit of the Malian defence and security forces, and the human-rights due-diligence policy
 * (HRDDP): no request is approved without a completed check whose outcome is not `refused`, and
 * the check is made by someone other than the request's recorder. Lifecycle: requested → assessed
 * → approved or refused → delivered (with its outcome); cancelled from any open step. UNPOL's
 * capacity-building is recorded as activities (the activities module), not here.
 */

const RECORD_TYPE = 'support_request';
const LIMIT = 500;

function queryOf(actor: Actor | null, filter: Partial<SupportFilter> = {}): SupportQuery {
  return { memberOf: memberUnits(actor), always: SUPPORT_READERS, ...filter };
}

export function supportVocabulary(actor: Actor, locale: Locale): SupportVocabulary {
  return {
    kinds: pick(SUPPORT_KIND_TERMS, locale),
    forces: pick(MALIAN_FORCE_TERMS, locale),
    statuses: pick(SUPPORT_STATUS_TERMS, locale),
    outcomes: pick(HRDDP_OUTCOME_TERMS, locale),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
    units: supportUnitsOf(actor),
  };
}

/** The linked operation if `actor` reads it (the operations log's rule). */
async function readableOperation(ctx: AppContext, actor: Actor | null, id: string) {
  const db = ctx.database.db;
  const row = await findReadable(db, id, readerOf(actor));
  if (!row) return null;
  const units = (await unitsOf(db, [id])).get(id) ?? [];
  return can(actor, 'read', operationGuard(row, units)) ? row : null;
}

export async function recordSupport(ctx: AppContext, actor: Actor, input: SupportInputParsed, locale: Locale): Promise<SupportRequest> {
  if (!mayRecordSupport(actor, input.unit)) throw new AppError(403, 'forbidden');
  const errors: FieldRuleError[] = [...checkWhere(input.where, ['where'])];
  if (input.neededTo !== null && input.neededTo < input.neededFrom) errors.push({ path: ['neededTo'], message: 'end_before_start' });
  if (input.requestedOn > ctx.now().toISOString().slice(0, 10)) errors.push({ path: ['requestedOn'], message: 'date_in_future' });
  if (input.operation !== null && !(await readableOperation(ctx, actor, input.operation)))
    errors.push({ path: ['operation'], message: 'operation_unknown' });
  throwFieldErrors(errors);
  const id = randomUUID();
  const at = ctx.now().toISOString();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    await insertSupport(trx, {
      id,
      kind: input.kind,
      malian_force: input.force,
      malian_unit: input.malianUnit,
      requested_by: input.requestedBy,
      requested_on: input.requestedOn,
      needed_from: input.neededFrom,
      needed_to: input.neededTo,
      place: input.where.place,
      point: input.where.point ? JSON.stringify(input.where.point) : null,
      unit_code: input.unit,
      operation_id: input.operation,
      description: input.description,
      status: 'requested',
      hrddp_outcome: null,
      hrddp_measures: '',
      hrddp_by: null,
      hrddp_by_label: null,
      hrddp_at: null,
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      decision_comment: '',
      closed_by: null,
      closed_by_label: null,
      closed_at: null,
      delivery_outcome: '',
      created_by: actor.id,
      created_by_label: actor.label,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    return {
      result: undefined,
      audit: { action: 'support.create', recordType: RECORD_TYPE, recordId: id, details: { kind: input.kind, unit: input.unit } },
    };
  });
  return getSupport(ctx, actor, id, locale);
}

async function readableIn(trx: Parameters<typeof findSupport>[0], actor: Actor, id: string, version: number): Promise<SupportRow> {
  const row = await findSupport(trx, id, queryOf(actor));
  if (!row || !can(actor, 'read', supportGuard(row))) throw notFound();
  if (row.version !== version) throw versionConflict();
  return row;
}

/** The HRDDP check, before any decision: by the division or the JOC, never by the recorder. */
export async function assessHrddp(ctx: AppContext, actor: Actor, id: string, input: HrddpInput, locale: Locale): Promise<SupportRequest> {
  if (input.outcome === 'mitigation' && input.measures === '') throwFieldErrors([{ path: ['measures'], message: 'measures_required' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const row = await readableIn(trx, actor, id, input.version);
    if (row.status !== 'requested' && row.status !== 'assessed') throw new AppError(409, 'hrddp_closed');
    if (row.created_by === actor.id) throw new AppError(403, 'hrddp_four_eyes');
    if (!mayAssessHrddp(actor, row)) throw new AppError(403, 'forbidden');
    const at = ctx.now().toISOString();
    const done = await updateSupportIfVersion(trx, id, input.version, {
      status: 'assessed',
      hrddp_outcome: input.outcome,
      hrddp_measures: input.measures,
      hrddp_by: actor.id,
      hrddp_by_label: actor.label,
      hrddp_at: at,
      updated_at: at,
    });
    if (!done) throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'support.hrddp', recordType: RECORD_TYPE, recordId: id, details: { outcome: input.outcome } },
    };
  });
  return getSupport(ctx, actor, id, locale);
}

export async function transitionSupport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: SupportTransition,
  locale: Locale,
): Promise<SupportRequest> {
  if (body.action === 'deliver' && body.outcome === '') throwFieldErrors([{ path: ['outcome'], message: 'delivery_outcome_required' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const row = await readableIn(trx, actor, id, body.version);
    if (!makesSupportMove(actor, row, body.action)) throw new AppError(403, 'forbidden');
    if (body.action === 'approve') {
      // The HRDDP rule: a completed check, not `refused`, before any approval.
      if (row.hrddp_outcome === null || row.status === 'requested') throw new AppError(409, 'hrddp_required');
      if (row.hrddp_outcome === 'refused') throw new AppError(409, 'hrddp_refused');
    }
    if (!supportMoveFrom(body.action, row.status)) throw new AppError(409, 'support_move_not_allowed');
    const at = ctx.now().toISOString();
    const status = { approve: 'approved', refuse: 'refused', deliver: 'delivered', cancel: 'cancelled' }[body.action];
    const values =
      body.action === 'approve' || body.action === 'refuse'
        ? { decided_by: actor.id, decided_by_label: actor.label, decided_at: at, decision_comment: body.comment }
        : {
            closed_by: actor.id,
            closed_by_label: actor.label,
            closed_at: at,
            delivery_outcome: body.action === 'deliver' ? body.outcome : body.comment,
          };
    const done = await updateSupportIfVersion(trx, id, body.version, { ...values, status, updated_at: at });
    if (!done) throw versionConflict();
    return {
      result: undefined,
      audit: { action: `support.${body.action}`, recordType: RECORD_TYPE, recordId: id, details: { from: row.status, to: status } },
    };
  });
  return getSupport(ctx, actor, id, locale);
}

async function present(ctx: AppContext, actor: Actor | null, rows: SupportRow[], locale: Locale): Promise<SupportRequest[]> {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.created_by, r.hrddp_by, r.decided_by, r.closed_by].filter((x): x is string => x !== null))),
  ];
  const people = new Map((await userNames(ctx, ids)).map((u) => [u.id, u.name]));
  const who = (id: string | null, label: string | null) => (id ? { id, name: people.get(id) || (label ?? '') } : null);
  const operations = new Map<string, { id: string; title: string }>();
  for (const opId of new Set(rows.flatMap((r) => (r.operation_id ? [r.operation_id] : [])))) {
    const op = await readableOperation(ctx, actor, opId);
    if (op) operations.set(opId, { id: op.id, title: locale === 'en' && op.title_en ? op.title_en : op.title_fr });
  }
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as SupportRequest['kind'],
    force: row.malian_force as SupportRequest['force'],
    malianUnit: row.malian_unit,
    requestedBy: row.requested_by,
    requestedOn: row.requested_on,
    neededFrom: row.needed_from,
    neededTo: row.needed_to,
    where: { place: row.place, point: row.point ? (JSON.parse(row.point) as [number, number]) : null },
    unit: row.unit_code,
    operation: row.operation_id ? (operations.get(row.operation_id) ?? null) : null,
    description: row.description,
    status: row.status as SupportRequest['status'],
    hrddp:
      row.hrddp_outcome && row.hrddp_at
        ? {
            outcome: row.hrddp_outcome as NonNullable<SupportRequest['hrddp']>['outcome'],
            measures: row.hrddp_measures,
            by: who(row.hrddp_by, row.hrddp_by_label) ?? { id: null, name: '' },
            at: row.hrddp_at,
          }
        : null,
    decision: row.decided_at ? { by: who(row.decided_by, row.decided_by_label) ?? { id: null, name: '' }, at: row.decided_at } : null,
    decisionComment: row.decision_comment,
    closed: row.closed_at ? { by: who(row.closed_by, row.closed_by_label) ?? { id: null, name: '' }, at: row.closed_at } : null,
    deliveryOutcome: row.delivery_outcome,
    recordedBy: { id: row.created_by, name: people.get(row.created_by) || row.created_by_label },
    recordedAt: row.created_at,
    version: row.version,
    may: mayOnSupport(actor, row),
  }));
}

export async function getSupport(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<SupportRequest> {
  const row = await findSupport(ctx.database.db, id, queryOf(actor));
  if (!row || !can(actor, 'read', supportGuard(row))) throw notFound();
  const [found] = await present(ctx, actor, [row], locale);
  return found as SupportRequest;
}

export async function listSupport(
  ctx: AppContext,
  actor: Actor | null,
  filter: SupportFilter,
  locale: Locale,
): Promise<{ items: SupportRequest[]; truncated: boolean }> {
  const rows = (await listRows(ctx.database.db, queryOf(actor, filter), LIMIT + 1)).filter((row) => can(actor, 'read', supportGuard(row)));
  return { items: await present(ctx, actor, rows.slice(0, LIMIT), locale), truncated: rows.length > LIMIT };
}
