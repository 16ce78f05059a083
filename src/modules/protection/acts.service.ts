import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { actInputSchema, Programme, ProtectionCase } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { notInFuture, partyCodes, placeIssues, violationCodes } from './protection.checks.js';
import { findAct, insertAct, personRolesOf, setActVerification, touchCase } from './protection.repository.js';
import { present, readableOr404, workable } from './protection.service.js';

/** The acts of a case (a violation, its victim, its perpetrator and party) and their verification. */

export async function addAct(ctx: AppContext, actor: Actor, ref: string, input: z.output<typeof actInputSchema>): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const programme = found.row.programme as Programme;
  const db = ctx.database.db;
  const issues: { path: string[]; message: string }[] = [];
  const persons = await personRolesOf(db, found.row.id);
  const victim = persons.find((p) => p.pseudonym === input.victim);
  const perpetrator = input.perpetrator ? persons.find((p) => p.pseudonym === input.perpetrator) : null;
  if (victim?.role !== 'victim') issues.push({ path: ['victim'], message: 'act_victim' });
  if (input.perpetrator && perpetrator?.role !== 'perpetrator') issues.push({ path: ['perpetrator'], message: 'act_perpetrator' });
  if (!violationCodes(programme).has(input.violation)) issues.push({ path: ['violation'], message: 'violation_programme' });
  if (!(await partyCodes(ctx, programme)).has(input.party)) issues.push({ path: ['party'], message: 'vocabulary' });
  issues.push(...placeIssues(input.region, null), ...notInFuture(ctx, input.occurredOn, ['occurredOn']));
  throwFieldErrors(issues);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const id = randomUUID();
    await insertAct(trx, {
      id,
      case_id: found.row.id,
      victim_id: (victim as { id: string }).id,
      perpetrator_id: perpetrator?.id ?? null,
      party: input.party,
      violation: input.violation,
      occurred_on: input.occurredOn,
      region: input.region,
      verification: 'pending',
      verified_on: null,
      standard_of_proof: null,
      created_at: at,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: { action: 'protection.act.create', recordType: 'protection_act', recordId: id, details: { ref, violation: input.violation } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

export async function verifyAct(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  actId: string,
  input: { verification: string; verifiedOn: string | null; standardOfProof: string | null },
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const act = await findAct(ctx.database.db, found.row.id, actId);
  if (!act) throw notFound();
  const issues: { path: string[]; message: string }[] = [];
  const decided = input.verification !== 'pending';
  if (decided && input.verifiedOn === null) issues.push({ path: ['verifiedOn'], message: 'required' });
  if (decided && input.verifiedOn !== null && input.verifiedOn < act.occurred_on)
    issues.push({ path: ['verifiedOn'], message: 'verified_before_act' });
  issues.push(...notInFuture(ctx, input.verifiedOn, ['verifiedOn']));
  if (
    input.verification === 'verified' &&
    !protectionVocabulary().standardsOfProof.some((s) => s.code === input.standardOfProof && s.code !== 'not_verified')
  )
    issues.push({ path: ['standardOfProof'], message: 'standard_of_proof_required' });
  throwFieldErrors(issues);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await setActVerification(trx, act.id, {
      verification: input.verification,
      verified_on: decided ? input.verifiedOn : null,
      standard_of_proof: input.verification === 'verified' ? input.standardOfProof : null,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.act.verify',
        recordType: 'protection_act',
        recordId: act.id,
        details: { ref, verification: input.verification },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}
