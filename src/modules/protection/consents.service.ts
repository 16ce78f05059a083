import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { consentInputSchema, ProtectionCase, serviceInputSchema } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { Db, Trx } from '../../db/database.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { personOf } from './persons.service.js';
import { notInFuture } from './protection.checks.js';
import {
  consentsInForce,
  findConsent,
  findServiceReferral,
  insertConsent,
  insertServiceReferral,
  insertShare,
  markConsentWithdrawn,
  setServiceStatus,
  touchCase,
} from './protection.repository.js';
import { CASE_RECORD_TYPE, present, readableOr404, workable } from './protection.service.js';

/**
 * Consent and what rests on it: referrals of victims to services, and shares of a case's
 * information with named partners, each refused unless the person's consent for it stands.
 */

const CHILD_UNDER_12 = new Set(['0_4', '5_11']);

function samePartner(a: string | null, b: string): boolean {
  return a !== null && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();
}

/** The person's consent in force for a purpose (and, for sharing, with that partner), if any. */
export async function activeConsent(db: Db | Trx, personId: string, purpose: string, partner: string | null) {
  const rows = await consentsInForce(db, personId, purpose);
  return rows.find((r) => partner === null || samePartner(r.partner, partner)) ?? null;
}

export async function recordConsent(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  pseudonym: string,
  input: z.output<typeof consentInputSchema>,
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const person = await personOf(ctx.database.db, found.row.id, pseudonym);
  const issues: { path: string[]; message: string }[] = [...notInFuture(ctx, input.obtainedOn, ['obtainedOn'])];
  if (input.purpose === 'sharing' && input.partner === '') issues.push({ path: ['partner'], message: 'partner_required' });
  // A child under 12 cannot consent alone; from 12 to 17 the child or the guardian may.
  const under12 = person.age !== null ? person.age < 12 : person.age_group !== null && CHILD_UNDER_12.has(person.age_group);
  if (input.givenBy === 'person' && under12) issues.push({ path: ['givenBy'], message: 'guardian_consent_required' });
  throwFieldErrors(issues);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const id = randomUUID();
    await insertConsent(trx, {
      id,
      case_id: found.row.id,
      person_id: person.id,
      purpose: input.purpose,
      partner: input.partner === '' ? null : input.partner,
      given_by: input.givenBy,
      obtained_by: actor.id,
      obtained_on: input.obtainedOn,
      withdrawn_on: null,
      withdrawn_by: null,
      created_at: at,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.consent.record',
        recordType: 'protection_consent',
        recordId: id,
        details: { ref, pseudonym, purpose: input.purpose },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

export async function withdrawConsent(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  consentId: string,
  withdrawnOn: string,
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const consent = await findConsent(ctx.database.db, found.row.id, consentId);
  if (!consent) throw notFound();
  if (consent.withdrawn_on !== null) throw new AppError(409, 'consent_already_withdrawn');
  throwFieldErrors([
    ...notInFuture(ctx, withdrawnOn, ['withdrawnOn']),
    ...(withdrawnOn < consent.obtained_on ? [{ path: ['withdrawnOn'], message: 'withdrawn_before_obtained' }] : []),
  ]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await markConsentWithdrawn(trx, consent.id, withdrawnOn, actor.id);
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: { action: 'protection.consent.withdraw', recordType: 'protection_consent', recordId: consent.id, details: { ref } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

/** Refers a victim to a service; refused unless the person's consent to referral stands. */
export async function referToService(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  input: z.output<typeof serviceInputSchema>,
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const person = await personOf(ctx.database.db, found.row.id, input.person);
  const issues: { path: string[]; message: string }[] = [...notInFuture(ctx, input.referredOn, ['referredOn'])];
  if (!protectionVocabulary().serviceKinds.some((k) => k.code === input.kind)) issues.push({ path: ['kind'], message: 'vocabulary' });
  if (person.role !== 'victim') issues.push({ path: ['person'], message: 'service_victim_only' });
  throwFieldErrors(issues);
  const consent = await activeConsent(ctx.database.db, person.id, 'referral', null);
  if (!consent) throw new AppError(422, 'consent_missing_referral', { person: person.pseudonym });
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const id = randomUUID();
    await insertServiceReferral(trx, {
      id,
      case_id: found.row.id,
      person_id: person.id,
      consent_id: consent.id,
      kind: input.kind,
      provider: input.provider,
      status: 'referred',
      referred_on: input.referredOn,
      updated_on: input.referredOn,
      created_by: actor.id,
      created_at: at,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: { action: 'protection.service.refer', recordType: 'protection_service', recordId: id, details: { ref, kind: input.kind } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

export async function updateService(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  serviceId: string,
  input: { status: string; on: string },
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const service = await findServiceReferral(ctx.database.db, found.row.id, serviceId);
  if (!service) throw notFound();
  throwFieldErrors([
    ...notInFuture(ctx, input.on, ['on']),
    ...(input.on < service.referred_on ? [{ path: ['on'], message: 'service_before_referral' }] : []),
  ]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await setServiceStatus(trx, service.id, input.status, input.on);
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.service.update',
        recordType: 'protection_service',
        recordId: service.id,
        details: { ref, status: input.status },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

/** Records that a case's information about these persons went to a named partner; each must have consented to sharing with it. */
export async function shareCase(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  input: { partner: string; persons: string[] },
): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const db = ctx.database.db;
  const pseudonyms = [...new Set(input.persons)];
  for (const pseudonym of pseudonyms) {
    const person = await personOf(db, found.row.id, pseudonym);
    if (!(await activeConsent(db, person.id, 'sharing', input.partner)))
      throw new AppError(422, 'consent_missing_share', { person: pseudonym, partner: input.partner });
  }
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const id = randomUUID();
    await insertShare(trx, {
      id,
      case_id: found.row.id,
      partner: input.partner,
      persons: JSON.stringify(pseudonyms),
      shared_by: actor.id,
      shared_at: at,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.case.share',
        recordType: CASE_RECORD_TYPE,
        recordId: found.row.id,
        details: { ref, persons: pseudonyms.length },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}
