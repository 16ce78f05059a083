import { randomUUID } from 'node:crypto';
import type { Membership } from '../../contracts/auth.js';
import type { UnitRole } from '../../contracts/common.js';
import type { MembershipRequest } from '../../contracts/users.js';
import type { Db, Trx } from '../../db/database.js';
import type { MembershipRequestTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { confidentialUnitCodes, requireOpenUnit } from '../organisation/organisation.service.js';
import {
  cancelPendingFor,
  closeMembershipRequest,
  findMembershipRequest,
  insertMembershipRequest,
  managersOf,
  pendingMembershipRequests,
  setMembership,
} from './membership-requests.repository.js';
import { findUserById, namesAndEmailsOf } from './users.repository.js';

/**
 * Separation of duties (SECURITY.md): access to a unit that holds confidential content is
 * granted by two people. An administrator (or the command line) asks; the membership takes effect
 * when one of that unit's managers approves — the people who answer for its need-to-know — or,
 * while the unit has no manager other than the people concerned, a second administrator. The
 * one who asked and the account concerned never approve. Removing or lowering a membership takes
 * effect at once: it only narrows access.
 */

/** Roles from narrowest to widest. */
export const RANK: Record<UnitRole, number> = { viewer: 0, operator: 1, officer: 2, manager: 3 };

/** The units whose records include confidential content: the protection programmes and hotlines. */
export function confidentialUnits(): ReadonlySet<string> {
  return confidentialUnitCodes();
}

/** Splits a new list of memberships into what applies now and the grants that need approval. */
export function splitGrants(
  current: readonly Membership[],
  wanted: readonly Membership[],
): { applied: Membership[]; requested: Membership[] } {
  const guarded = confidentialUnits();
  const before = new Map(current.map((m) => [m.unit, m.role]));
  const applied: Membership[] = [];
  const requested: Membership[] = [];
  for (const m of wanted) {
    const had = before.get(m.unit);
    const widens = had === undefined || RANK[m.role] > RANK[had];
    if (guarded.has(m.unit) && widens) {
      requested.push(m);
      if (had !== undefined) applied.push({ unit: m.unit, role: had });
    } else applied.push(m);
  }
  return { applied, requested };
}

/** Files requests for the grants that wait for a second person; earlier pending ones for the same unit are replaced. */
export async function fileMembershipRequests(
  ctx: AppContext,
  trx: Trx,
  by: { id: string },
  userId: string,
  grants: readonly Membership[],
): Promise<string[]> {
  const now = ctx.now().toISOString();
  const ids: string[] = [];
  for (const grant of grants) {
    await cancelPendingFor(trx, userId, grant.unit, now);
    const id = randomUUID();
    await insertMembershipRequest(trx, {
      id,
      user_id: userId,
      unit_code: grant.unit,
      role: grant.role,
      status: 'pending',
      requested_by: by.id,
      requested_at: now,
      decided_by: null,
      decided_at: null,
    });
    ids.push(id);
  }
  return ids;
}

/** Whether this actor may approve or reject this request. */
async function mayDecide(db: Db | Trx, actor: Actor, request: MembershipRequestTable): Promise<boolean> {
  if (actor.id === request.requested_by || actor.id === request.user_id) return false;
  const approvers = (await managersOf(db, request.unit_code)).filter((id) => id !== request.requested_by && id !== request.user_id);
  if (approvers.length > 0) return approvers.includes(actor.id);
  return actor.admin;
}

async function present(db: Db | Trx, actor: Actor, rows: readonly MembershipRequestTable[]): Promise<MembershipRequest[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.user_id, r.requested_by, ...(r.decided_by ? [r.decided_by] : [])]))];
  const people = await namesAndEmailsOf(db, ids);
  const person = (id: string) => {
    const p = people.find((x) => x.id === id);
    return { id, name: p?.name ?? '', email: p?.email ?? '' };
  };
  const out: MembershipRequest[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      user: person(r.user_id),
      unit: r.unit_code,
      role: r.role as UnitRole,
      status: r.status,
      requestedBy: person(r.requested_by),
      requestedAt: r.requested_at,
      decidedBy: r.decided_by ? person(r.decided_by) : null,
      decidedAt: r.decided_at,
      mayDecide: r.status === 'pending' && (await mayDecide(db, actor, r)),
    });
  }
  return out;
}

/**
 * Pending requests the actor may see: administrators see all of them; a unit's manager sees
 * those for the units they manage (this is how managers learn that someone is to join).
 */
export async function listMembershipRequests(ctx: AppContext, actor: Actor): Promise<MembershipRequest[]> {
  const db = ctx.database.db;
  const managed = new Set([...actor.memberships].filter(([, role]) => role === 'manager').map(([unit]) => unit));
  const rows = (await pendingMembershipRequests(db)).filter((r) => actor.admin || managed.has(r.unit_code));
  return present(db, actor, rows);
}

/** Approves (the membership takes effect) or rejects a pending request; audited with who asked and who decided. */
export async function decideMembershipRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
): Promise<MembershipRequest> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const request = await findMembershipRequest(trx, id);
    const managed = request && (actor.admin || actor.memberships.get(request.unit_code) === 'manager');
    if (!request || !managed) throw notFound();
    if (request.status !== 'pending') throw new AppError(409, 'request_decided');
    if (!(await mayDecide(trx, actor, request))) throw new AppError(403, 'second_person_required');
    const status = decision === 'approve' ? 'approved' : 'rejected';
    if (!(await closeMembershipRequest(trx, id, status, actor.id, ctx.now().toISOString()))) throw new AppError(409, 'request_decided');
    const subject = await findUserById(trx, request.user_id);
    if (decision === 'approve') {
      if (!subject || subject.disabled_at) throw new AppError(409, 'request_decided');
      await requireOpenUnit(trx, request.unit_code);
      await setMembership(trx, request.user_id, request.unit_code, request.role);
    }
    const updated = await findMembershipRequest(trx, id);
    if (!updated) throw notFound();
    const [presented] = await present(trx, actor, [updated]);
    return {
      result: presented as MembershipRequest,
      audit: {
        action: `membership.${decision}`,
        recordType: 'user',
        recordId: request.user_id,
        details: { request: id, unit: request.unit_code, role: request.role, requestedBy: request.requested_by, decidedBy: actor.id },
      },
    };
  });
}
