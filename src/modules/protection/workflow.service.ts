import { randomUUID } from 'node:crypto';
import { type CaseTransition, type Programme, type ProtectionCase, WORKFLOWS } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { ProtectionCaseTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { activeOfficersAndManagers } from '../users/users.service.js';
import { activeConsent } from './consents.service.js';
import { notInFuture } from './protection.checks.js';
import { mayAssignTeam } from './protection.policy.js';
import { addTeamMembers, clearTeam, individualVictimsOf, insertStep, touchCase, updateCaseIfVersion } from './protection.repository.js';
import { CASE_RECORD_TYPE, present, readable, readableOr404, workable } from './protection.service.js';

/** The case team and the case's workflow: who works on a case, and its moves from one status to the next. */

export async function transitionCase(ctx: AppContext, actor: Actor, ref: string, body: CaseTransition): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const { row } = found;
  const programme = row.programme as Programme;
  const move = WORKFLOWS[programme].moves[body.action];
  if (!move?.from.includes(row.status as never)) throw new AppError(409, 'case_transition_not_allowed');
  const v = protectionVocabulary();
  const issues: { path: string[]; message: string }[] = [];
  const values: Partial<ProtectionCaseTable> = {};
  for (const need of move.requires) {
    if (need === 'comment' && body.comment === '') issues.push({ path: ['comment'], message: 'comment_required' });
    if (need === 'standardOfProof') {
      if (!v.standardsOfProof.some((s) => s.code === body.standardOfProof && s.code !== 'not_verified'))
        issues.push({ path: ['standardOfProof'], message: 'standard_of_proof_required' });
      else values.standard_of_proof = body.standardOfProof;
    }
    if (need === 'referral') {
      if (!v.misconductReferrals.some((s) => s.code === body.referredTo))
        issues.push({ path: ['referredTo'], message: 'referral_body_required' });
      if (body.referredOn === null) issues.push({ path: ['referredOn'], message: 'required' });
      issues.push(...notInFuture(ctx, body.referredOn, ['referredOn']));
      values.referred_to = body.referredTo;
      values.referred_on = body.referredOn;
    }
    if (need === 'outcome') {
      if (!v.investigationOutcomes.some((s) => s.code === body.outcome)) issues.push({ path: ['outcome'], message: 'outcome_required' });
      values.outcome = body.outcome;
    }
    if (need === 'actionTaken') {
      if (!v.actionsTaken.some((s) => s.code === body.actionTaken)) issues.push({ path: ['actionTaken'], message: 'action_required' });
      values.action_taken = body.actionTaken;
    }
  }
  throwFieldErrors(issues);
  if (body.action === 'report') await requireReportingConsent(ctx, row.id);
  const keyring = await keyringFor(ctx);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateCaseIfVersion(trx, row.id, body.version, { ...values, status: move.to, updated_at: at }))) throw versionConflict();
    const stepId = randomUUID();
    await insertStep(trx, {
      id: stepId,
      case_id: row.id,
      action: body.action,
      from_status: row.status,
      to_status: move.to,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment_sealed: body.comment ? keyring.encrypt(body.comment, { recordId: stepId, field: 'comment' }) : null,
    });
    return {
      result: undefined,
      audit: {
        action: `protection.case.${body.action}`,
        recordType: CASE_RECORD_TYPE,
        recordId: row.id,
        details: { ref, from: row.status, to: move.to, ...(values.referred_to ? { referredTo: values.referred_to } : {}) },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

/** Reporting includes a case only when each identified victim agreed to inclusion in reporting. */
async function requireReportingConsent(ctx: AppContext, caseId: string): Promise<void> {
  const db = ctx.database.db;
  const victims = await individualVictimsOf(db, caseId);
  for (const victim of victims) {
    if (!(await activeConsent(db, victim.id, 'reporting', null)))
      throw new AppError(422, 'consent_missing_reporting', { person: victim.pseudonym });
  }
}

export async function assignTeam(ctx: AppContext, actor: Actor, ref: string, members: readonly string[]): Promise<ProtectionCase> {
  const found = await readableOr404(ctx, actor, ref);
  if (!mayAssignTeam(actor, found.row)) throw new AppError(403, 'forbidden');
  const unique = [...new Set(members)];
  const ok = new Set((await activeOfficersAndManagers(ctx, found.row.unit_code)).map((e) => e.id));
  throwFieldErrors(unique.flatMap((id, i) => (ok.has(id) ? [] : [{ path: ['members', i], message: 'team_member_unit' }])));
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await clearTeam(trx, found.row.id);
    await addTeamMembers(trx, found.row.id, unique, actor.id, at);
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.team.assign',
        recordType: CASE_RECORD_TYPE,
        recordId: found.row.id,
        details: { ref, members: unique.join(' '), before: found.team.map((m) => m.id).join(' ') },
      },
    };
  });
  const after = await readable(ctx, actor, ref);
  if (!after) throw notFound();
  return present(ctx, actor, after);
}

/** Who a manager may put on the case team: the unit's active officers and managers. */
export async function teamCandidates(ctx: AppContext, actor: Actor, ref: string): Promise<{ id: string; name: string; role: string }[]> {
  const found = await readableOr404(ctx, actor, ref);
  if (!mayAssignTeam(actor, found.row)) throw new AppError(403, 'forbidden');
  return activeOfficersAndManagers(ctx, found.row.unit_code);
}
