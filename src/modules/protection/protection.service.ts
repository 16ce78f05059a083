import { randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type actInputSchema,
  type CaseInput,
  type CaseTransition,
  type consentInputSchema,
  type IdentityInput,
  type PersonInput,
  type Programme,
  type ProtectionCase,
  type serviceInputSchema,
  WORKFLOWS,
} from '../../contracts/protection.js';
import { findArea } from '../../data/mali/boundaries.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { Db, Trx } from '../../db/database.js';
import type { ProtectionCaseTable, ProtectionPersonTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Keyring, keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { attachmentsOf } from '../attachments/attachments.repository.js';
import { listActors } from '../incidents/incidents.repository.js';
import { getIncident } from '../incidents/incidents.service.js';
import { isLateVerification, mayAssignTeam, mayReadCase, mayWorkOnCase, movesFrom, requireSecondFactor } from './protection.policy.js';
import {
  caseParts,
  casesWithNameIndexes,
  findCaseByRef,
  listReadableCases,
  reserveNumber,
  teamOf,
  touchCase,
  updateCaseIfVersion,
} from './protection.repository.js';

/**
 * Protection cases: documentation, verification and reporting of violations, misconduct
 * allegations and explosive-ordnance survivors. Identities, summaries, exact places and
 * comments are sealed with the keyring before they reach the database; every read is audited;
 * a case the caller may not read answers exactly like one that does not exist.
 */

const RECORD_TYPE = 'protection_case';
const PSEUDONYM_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ROLE_LETTER: Record<string, string> = { victim: 'V', perpetrator: 'P', witness: 'W', source: 'S', intervening: 'I' };
const CHILD_UNDER_12 = new Set(['0_4', '5_11']);
const CHILD_GROUPS = new Set(['0_4', '5_11', '12_17']);

export function formatCaseRef(year: number, n: number): string {
  return `PRO-${year}-${String(n).padStart(6, '0')}`;
}

/** The violation vocabulary of a programme. */
function violationCodes(programme: Programme): Set<string> {
  const v = protectionVocabulary();
  const list = {
    human_rights: v.humanRightsViolations,
    mrm: v.graveViolations,
    crsv: v.crsvForms,
    misconduct: v.misconductCategories,
    explosive_ordnance: v.explosiveOrdnanceAccidents,
  }[programme];
  return new Set(list.map((t) => t.code));
}

/** Parties an act may name: personnel categories for misconduct, the actor registry otherwise. */
async function partyCodes(db: Db | Trx, programme: Programme): Promise<Set<string>> {
  if (programme === 'misconduct') return new Set(protectionVocabulary().personnelCategories.map((t) => t.code));
  return new Set([...(await listActors(db)).map((a) => a.code), 'unknown']);
}

export function programmeUnit(programme: Programme): string {
  return protectionVocabulary().programmes.find((p) => p.code === programme)?.unit as string;
}

function placeIssues(region: string, cercle: string | null, path: string[] = []): { path: string[]; message: string }[] {
  const area = findArea(region);
  if (!area || area.id !== area.regionIso) return [{ path: [...path, 'region'], message: 'region_unknown' }];
  if (cercle !== null) {
    const c = findArea(cercle);
    if (!c || c.id === c.regionIso || c.regionIso !== region) return [{ path: [...path, 'cercle'], message: 'cercle_not_in_region' }];
  }
  return [];
}

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

function notInFuture(ctx: AppContext, date: string | null, path: string[]): { path: string[]; message: string }[] {
  return date !== null && date > today(ctx) ? [{ path, message: 'date_in_future' }] : [];
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Found {
  row: ProtectionCaseTable;
  team: { id: string; name: string }[];
}

async function readable(db: Db | Trx, actor: Actor | null, ref: string): Promise<Found | null> {
  const row = await findCaseByRef(db, ref);
  if (!row) return null;
  const team = await teamOf(db, row.id);
  return mayReadCase(
    actor,
    row,
    team.map((m) => m.id),
  )
    ? { row, team }
    : null;
}

async function readableOr404(ctx: AppContext, actor: Actor, ref: string): Promise<Found> {
  requireSecondFactor(actor);
  const found = await readable(ctx.database.db, actor, ref);
  if (!found) throw notFound();
  return found;
}

/** A case the actor may work on (team officer or unit manager); 404 if unreadable, 403 if read-only. */
async function workable(ctx: AppContext, actor: Actor, ref: string): Promise<Found> {
  const found = await readableOr404(ctx, actor, ref);
  if (
    !mayWorkOnCase(
      actor,
      found.row,
      found.team.map((m) => m.id),
    )
  )
    throw new AppError(403, 'forbidden');
  return found;
}

/** The id of a case the actor may work on, for files attached to it (404 / 403 like every other write). */
export async function workableCaseId(ctx: AppContext, actor: Actor, ref: string): Promise<string> {
  return (await workable(ctx, actor, ref)).row.id;
}

/**
 * Whether the actor may read the case with this id (second factor required). Not readable, rather
 * than 403, without one: the caller (a file download) has already found the record by its id, so
 * a 403 here would tell that the id is a case's file, where a missing id answers 404.
 */
export async function readableCaseId(ctx: AppContext, actor: Actor, id: string): Promise<boolean> {
  if (!actor.secondFactor) return false;
  const row = await ctx.database.db.selectFrom('protection_cases').select('ref').where('id', '=', id).executeTakeFirst();
  return row ? (await readable(ctx.database.db, actor, row.ref)) !== null : false;
}

function isChild(person: Pick<ProtectionPersonTable, 'age' | 'age_group'>): boolean {
  return person.age !== null ? person.age < 18 : person.age_group !== null && CHILD_GROUPS.has(person.age_group);
}

function open(keyring: Keyring, sealed: string | null, recordId: string, field: string): string {
  return sealed === null ? '' : keyring.decrypt(sealed, { recordId, field });
}

async function present(ctx: AppContext, actor: Actor, found: Found): Promise<ProtectionCase> {
  const db = ctx.database.db;
  const keyring = await keyringFor(ctx);
  const { row, team } = found;
  const [parts, files] = await Promise.all([caseParts(db, row.id), attachmentsOf(db, RECORD_TYPE, row.id)]);
  const pseudonymOf = new Map(parts.persons.map((p) => [p.id, p.pseudonym]));
  const duplicates = await casesWithNameIndexes(
    db,
    actor,
    parts.persons.flatMap((p) => (p.name_index ? [p.name_index] : [])),
    row.id,
  );
  const call = row.call_id
    ? await db.selectFrom('hotline_calls').select('ref').where('id', '=', row.call_id).executeTakeFirst()
    : undefined;
  const teamIds = team.map((m) => m.id);
  const work = mayWorkOnCase(actor, row, teamIds);
  return {
    ref: row.ref,
    programme: row.programme as Programme,
    unit: row.unit_code,
    status: row.status,
    occurredOn: row.occurred_on,
    datePrecision: row.date_precision,
    region: row.region,
    cercle: row.cercle,
    place: open(keyring, row.place_sealed, row.id, 'place'),
    summary: open(keyring, row.summary_sealed, row.id, 'summary'),
    channel: row.channel,
    office: row.office,
    incidentRefs: JSON.parse(row.incident_refs) as string[],
    standardOfProof: row.standard_of_proof,
    referredTo: row.referred_to,
    referredOn: row.referred_on,
    outcome: row.outcome,
    actionTaken: row.action_taken,
    callRef: call?.ref ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    team,
    persons: parts.persons.map((p) => ({
      pseudonym: p.pseudonym,
      role: p.role,
      kind: p.kind,
      groupSize: p.group_size,
      sex: p.sex,
      age: p.age,
      ageGroup: p.age_group,
      child: isChild(p),
      affiliation: p.affiliation,
      hasIdentity: p.identity_sealed !== null,
      duplicates: (p.name_index && duplicates.get(p.name_index)) || [],
    })),
    acts: parts.acts.map((a) => ({
      id: a.id,
      victim: pseudonymOf.get(a.victim_id) ?? '',
      perpetrator: a.perpetrator_id ? (pseudonymOf.get(a.perpetrator_id) ?? null) : null,
      party: a.party,
      violation: a.violation,
      occurredOn: a.occurred_on,
      region: a.region,
      verification: a.verification,
      verifiedOn: a.verified_on,
      standardOfProof: a.standard_of_proof,
      late: isLateVerification(a.occurred_on, a.verification, a.verified_on),
    })),
    consents: parts.consents.map((c) => ({
      id: c.id,
      person: pseudonymOf.get(c.person_id) ?? '',
      purpose: c.purpose,
      partner: c.partner,
      givenBy: c.given_by,
      obtainedBy: { id: c.obtained_by, name: c.obtained_by_name ?? '' },
      obtainedOn: c.obtained_on,
      withdrawnOn: c.withdrawn_on,
      active: c.withdrawn_on === null,
    })),
    services: parts.services.map((s) => ({
      id: s.id,
      person: pseudonymOf.get(s.person_id) ?? '',
      kind: s.kind,
      provider: s.provider,
      status: s.status,
      referredOn: s.referred_on,
      updatedOn: s.updated_on,
    })),
    attachments: files.map((f) => ({
      id: f.id,
      filename: open(keyring, f.filename_sealed, f.id, 'filename'),
      mediaType: f.media_type,
      size: f.size,
      createdAt: f.created_at,
    })),
    shares: parts.shares.map((s) => ({ id: s.id, partner: s.partner, persons: JSON.parse(s.persons) as string[], sharedAt: s.shared_at })),
    steps: parts.steps.map((s) => ({
      action: s.action,
      from: s.from_status,
      to: s.to_status,
      actor: s.actor_name ?? s.actor_label,
      at: s.at,
      comment: open(keyring, s.comment_sealed, s.id, 'comment'),
    })),
    allowed: {
      edit: work,
      assignTeam: mayAssignTeam(actor, row),
      reveal: true,
      moves: work ? movesFrom(row.programme as Programme, row.status) : [],
    },
  };
}

/** One case, audited as a read of confidential data. */
export async function getCase(ctx: AppContext, actor: Actor, ref: string): Promise<ProtectionCase> {
  const found = await readableOr404(ctx, actor, ref);
  const result = await present(ctx, actor, found);
  await recordAudit(ctx, actor, { action: 'protection.case.read', recordType: RECORD_TYPE, recordId: found.row.id });
  return result;
}

export async function listCases(
  ctx: AppContext,
  actor: Actor,
  query: {
    programme?: string | undefined;
    status?: string | undefined;
    office?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  requireSecondFactor(actor);
  const q = query.q?.toUpperCase();
  let caseIds: string[] | undefined;
  let ref: string | undefined;
  if (q && /^[VPWSI]-[0-9A-Z]{4}$/.test(q)) {
    const person = await ctx.database.db.selectFrom('protection_persons').select('case_id').where('pseudonym', '=', q).execute();
    caseIds = person.map((p) => p.case_id);
  } else if (q) ref = q;
  const { rows, total } = await listReadableCases(
    ctx.database.db,
    actor,
    { programme: query.programme, status: query.status, office: query.office, caseIds, ref },
    query.limit,
    query.offset,
  );
  await recordAudit(ctx, actor, {
    action: 'protection.case.list',
    recordType: RECORD_TYPE,
    recordId: null,
    details: { returned: rows.length, total },
  });
  return {
    total,
    items: rows.map((r) => ({
      ref: r.ref,
      programme: r.programme as Programme,
      unit: r.unit_code,
      status: r.status,
      occurredOn: r.occurred_on,
      region: r.region,
      office: r.office,
      persons: Number(r.persons),
      acts: Number(r.acts),
      updatedAt: r.updated_at,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the case

async function caseIssues(ctx: AppContext, actor: Actor, programme: Programme, input: CaseInput) {
  const issues = [...placeIssues(input.region, input.cercle), ...notInFuture(ctx, input.occurredOn, ['occurredOn'])];
  if (programme === 'misconduct') {
    if (input.channel === null) issues.push({ path: ['channel'], message: 'channel_required' });
    else if (!protectionVocabulary().intakeChannels.some((c) => c.code === input.channel))
      issues.push({ path: ['channel'], message: 'vocabulary' });
  } else if (input.channel !== null) issues.push({ path: ['channel'], message: 'channel_misconduct_only' });
  if (input.office !== null && !protectionVocabulary().offices.some((o) => o.code === input.office))
    issues.push({ path: ['office'], message: 'vocabulary' });
  for (const [i, ref] of input.incidentRefs.entries()) {
    try {
      await getIncident(ctx, actor, ref, 'fr');
    } catch (error) {
      if (error instanceof AppError && error.status === 404)
        issues.push({ path: ['incidentRefs', String(i)], message: 'unknown_incident' });
      else throw error;
    }
  }
  throwFieldErrors(issues);
}

function sealedCaseValues(keyring: Keyring, id: string, input: CaseInput) {
  return {
    occurred_on: input.occurredOn,
    date_precision: input.datePrecision,
    region: input.region,
    cercle: input.cercle,
    place_sealed: input.place ? keyring.encrypt(input.place, { recordId: id, field: 'place' }) : null,
    summary_sealed: keyring.encrypt(input.summary, { recordId: id, field: 'summary' }),
    channel: input.channel,
    office: input.office,
    incident_refs: JSON.stringify([...new Set(input.incidentRefs)]),
  };
}

/** Inserts a case with its author on the team and a first step; used by `createCase` and hotline intake. */
export async function insertCase(
  trx: Trx,
  ctx: AppContext,
  keyring: Keyring,
  actor: Actor,
  programme: Programme,
  input: CaseInput,
  callId: string | null,
): Promise<{ id: string; ref: string }> {
  const now = ctx.now();
  const at = now.toISOString();
  const id = randomUUID();
  const ref = formatCaseRef(now.getUTCFullYear(), await reserveNumber(trx, 'case', now.getUTCFullYear()));
  const status = WORKFLOWS[programme].initial;
  await trx
    .insertInto('protection_cases')
    .values({
      id,
      ref,
      programme,
      unit_code: programmeUnit(programme),
      status,
      ...sealedCaseValues(keyring, id, input),
      standard_of_proof: null,
      referred_to: null,
      referred_on: null,
      outcome: null,
      action_taken: null,
      call_id: callId,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await trx.insertInto('protection_team').values({ case_id: id, user_id: actor.id, assigned_by: actor.id, assigned_at: at }).execute();
  await trx
    .insertInto('protection_steps')
    .values({
      id: randomUUID(),
      case_id: id,
      action: 'create',
      from_status: null,
      to_status: status,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment_sealed: null,
    })
    .execute();
  return { id, ref };
}

export async function createCase(ctx: AppContext, actor: Actor, programme: Programme, input: CaseInput): Promise<ProtectionCase> {
  requireSecondFactor(actor);
  const unit = programmeUnit(programme);
  const role = actor.memberships.get(unit);
  if (role !== 'officer' && role !== 'manager') throw new AppError(403, 'forbidden');
  await caseIssues(ctx, actor, programme, input);
  const keyring = await keyringFor(ctx);
  const { ref } = await auditedTransaction(ctx, actor, async (trx) => {
    const created = await insertCase(trx, ctx, keyring, actor, programme, input, null);
    return {
      result: created,
      audit: { action: 'protection.case.create', recordType: RECORD_TYPE, recordId: created.id, details: { ref: created.ref, programme } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

export async function updateCase(ctx: AppContext, actor: Actor, ref: string, version: number, input: CaseInput): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const programme = found.row.programme as Programme;
  await caseIssues(ctx, actor, programme, input);
  const keyring = await keyringFor(ctx);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateCaseIfVersion(trx, found.row.id, version, { ...sealedCaseValues(keyring, found.row.id, input), updated_at: at })))
      throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'protection.case.update', recordType: RECORD_TYPE, recordId: found.row.id, details: { ref } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}

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
    await trx
      .insertInto('protection_steps')
      .values({
        id: stepId,
        case_id: row.id,
        action: body.action,
        from_status: row.status,
        to_status: move.to,
        actor_id: actor.id,
        actor_label: actor.label,
        at,
        comment_sealed: body.comment ? keyring.encrypt(body.comment, { recordId: stepId, field: 'comment' }) : null,
      })
      .execute();
    return {
      result: undefined,
      audit: {
        action: `protection.case.${body.action}`,
        recordType: RECORD_TYPE,
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
  const victims = await db
    .selectFrom('protection_persons')
    .select(['id', 'pseudonym'])
    .where('case_id', '=', caseId)
    .where('role', '=', 'victim')
    .where('kind', '=', 'individual')
    .execute();
  for (const victim of victims) {
    if (!(await activeConsent(db, victim.id, 'reporting', null)))
      throw new AppError(422, 'consent_missing_reporting', { person: victim.pseudonym });
  }
}

export async function assignTeam(ctx: AppContext, actor: Actor, ref: string, members: readonly string[]): Promise<ProtectionCase> {
  const found = await readableOr404(ctx, actor, ref);
  if (!mayAssignTeam(actor, found.row)) throw new AppError(403, 'forbidden');
  const unique = [...new Set(members)];
  const eligible = await ctx.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.unit_code', '=', found.row.unit_code)
    .where('memberships.role', 'in', ['officer', 'manager'])
    .where('users.disabled_at', 'is', null)
    .where('users.id', 'in', unique)
    .execute();
  const ok = new Set(eligible.map((e) => e.id));
  throwFieldErrors(unique.flatMap((id, i) => (ok.has(id) ? [] : [{ path: ['members', i], message: 'team_member_unit' }])));
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await trx.deleteFrom('protection_team').where('case_id', '=', found.row.id).execute();
    await trx
      .insertInto('protection_team')
      .values(unique.map((id) => ({ case_id: found.row.id, user_id: id, assigned_by: actor.id, assigned_at: at })))
      .execute();
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.team.assign',
        recordType: RECORD_TYPE,
        recordId: found.row.id,
        details: { ref, members: unique.join(' '), before: found.team.map((m) => m.id).join(' ') },
      },
    };
  });
  const after = await readable(ctx.database.db, actor, ref);
  if (!after) throw notFound();
  return present(ctx, actor, after);
}

/** Who a manager may put on the case team: the unit's active officers and managers. */
export async function teamCandidates(ctx: AppContext, actor: Actor, ref: string): Promise<{ id: string; name: string; role: string }[]> {
  const found = await readableOr404(ctx, actor, ref);
  if (!mayAssignTeam(actor, found.row)) throw new AppError(403, 'forbidden');
  return ctx.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'memberships.role'])
    .where('memberships.unit_code', '=', found.row.unit_code)
    .where('memberships.role', 'in', ['officer', 'manager'])
    .where('users.disabled_at', 'is', null)
    .orderBy('users.name')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Persons, identities and duplicates

async function newPseudonym(trx: Trx, role: string): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 4 }, () => PSEUDONYM_ALPHABET[randomInt(PSEUDONYM_ALPHABET.length)]).join('');
    const pseudonym = `${ROLE_LETTER[role] ?? 'S'}-${code}`;
    const taken = await trx.selectFrom('protection_persons').select('id').where('pseudonym', '=', pseudonym).executeTakeFirst();
    if (!taken) return pseudonym;
  }
}

function identityIsEmpty(identity: IdentityInput): boolean {
  return Object.values(identity).every((v) => v === '');
}

export async function addPerson(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  input: PersonInput,
): Promise<{ pseudonym: string; duplicates: string[] }> {
  const found = await workable(ctx, actor, ref);
  const programme = found.row.programme as Programme;
  const v = protectionVocabulary();
  const issues: { path: string[]; message: string }[] = [];
  let ageGroup = input.ageGroup;
  if (ageGroup !== null && !v.ageGroups.some((g) => g.code === ageGroup)) issues.push({ path: ['ageGroup'], message: 'vocabulary' });
  if (input.age !== null) {
    const derived =
      v.ageGroups.find((g) => (input.age as number) >= g.from && (g.to === null || (input.age as number) <= g.to))?.code ?? null;
    if (ageGroup !== null && ageGroup !== derived) issues.push({ path: ['ageGroup'], message: 'age_group_mismatch' });
    ageGroup = derived;
  }
  if (input.kind === 'group' && input.groupSize === null) issues.push({ path: ['groupSize'], message: 'required' });
  if (input.kind === 'individual' && input.groupSize !== null) issues.push({ path: ['groupSize'], message: 'group_size_individual' });
  if (input.affiliation !== null && !(await partyCodes(ctx.database.db, programme)).has(input.affiliation))
    issues.push({ path: ['affiliation'], message: 'vocabulary' });
  issues.push(...notInFuture(ctx, input.identity.birthDate || null, ['identity', 'birthDate']));
  if (programme === 'mrm' && input.role === 'victim' && input.kind === 'individual' && !isChild({ age: input.age, age_group: ageGroup }))
    issues.push({ path: ['age'], message: 'mrm_victim_child' });
  throwFieldErrors(issues);
  const keyring = await keyringFor(ctx);
  const id = randomUUID();
  const hasIdentity = !identityIsEmpty(input.identity);
  const nameIndex = input.identity.name ? keyring.blindIndex(input.identity.name, 'person.name') : null;
  const pseudonym = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const pseudonym = await newPseudonym(trx, input.role);
    await trx
      .insertInto('protection_persons')
      .values({
        id,
        case_id: found.row.id,
        pseudonym,
        role: input.role,
        kind: input.kind,
        group_size: input.groupSize,
        sex: input.sex,
        age: input.age,
        age_group: ageGroup,
        affiliation: input.affiliation,
        identity_sealed: hasIdentity ? keyring.encrypt(JSON.stringify(input.identity), { recordId: id, field: 'identity' }) : null,
        name_index: nameIndex,
        created_at: at,
      })
      .execute();
    await touchCase(trx, found.row.id, at);
    return {
      result: pseudonym,
      audit: {
        action: 'protection.person.create',
        recordType: 'protection_person',
        recordId: id,
        details: { ref, pseudonym, role: input.role },
      },
    };
  });
  const duplicates = nameIndex
    ? ((await casesWithNameIndexes(ctx.database.db, actor, [nameIndex], found.row.id)).get(nameIndex) ?? [])
    : [];
  return { pseudonym, duplicates };
}

async function personOf(db: Db | Trx, caseId: string, pseudonym: string): Promise<ProtectionPersonTable> {
  const person = await db
    .selectFrom('protection_persons')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('pseudonym', '=', pseudonym)
    .executeTakeFirst();
  if (!person) throw notFound();
  return person;
}

/** The identity behind a pseudonym: an explicit, audited act with its reason. */
export async function revealIdentity(ctx: AppContext, actor: Actor, ref: string, pseudonym: string, reason: string) {
  const found = await readableOr404(ctx, actor, ref);
  const person = await personOf(ctx.database.db, found.row.id, pseudonym);
  const keyring = await keyringFor(ctx);
  const identity: IdentityInput = person.identity_sealed
    ? (JSON.parse(keyring.decrypt(person.identity_sealed, { recordId: person.id, field: 'identity' })) as IdentityInput)
    : { name: '', contact: '', birthDate: '', address: '', description: '' };
  await recordAudit(ctx, actor, {
    action: 'protection.identity.reveal',
    recordType: 'protection_person',
    recordId: person.id,
    details: { ref, pseudonym, reason },
  });
  return { pseudonym, ...identity };
}

// ---------------------------------------------------------------------------------------------
// Acts and verification

export async function addAct(ctx: AppContext, actor: Actor, ref: string, input: z.output<typeof actInputSchema>): Promise<ProtectionCase> {
  const found = await workable(ctx, actor, ref);
  const programme = found.row.programme as Programme;
  const db = ctx.database.db;
  const issues: { path: string[]; message: string }[] = [];
  const persons = await db
    .selectFrom('protection_persons')
    .select(['id', 'pseudonym', 'role'])
    .where('case_id', '=', found.row.id)
    .execute();
  const victim = persons.find((p) => p.pseudonym === input.victim);
  const perpetrator = input.perpetrator ? persons.find((p) => p.pseudonym === input.perpetrator) : null;
  if (victim?.role !== 'victim') issues.push({ path: ['victim'], message: 'act_victim' });
  if (input.perpetrator && perpetrator?.role !== 'perpetrator') issues.push({ path: ['perpetrator'], message: 'act_perpetrator' });
  if (!violationCodes(programme).has(input.violation)) issues.push({ path: ['violation'], message: 'violation_programme' });
  if (!(await partyCodes(db, programme)).has(input.party)) issues.push({ path: ['party'], message: 'vocabulary' });
  issues.push(...placeIssues(input.region, null), ...notInFuture(ctx, input.occurredOn, ['occurredOn']));
  throwFieldErrors(issues);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const id = randomUUID();
    await trx
      .insertInto('protection_acts')
      .values({
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
      })
      .execute();
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
  const act = await ctx.database.db
    .selectFrom('protection_acts')
    .select(['id', 'occurred_on'])
    .where('id', '=', actId)
    .where('case_id', '=', found.row.id)
    .executeTakeFirst();
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
    await trx
      .updateTable('protection_acts')
      .set({
        verification: input.verification,
        verified_on: decided ? input.verifiedOn : null,
        standard_of_proof: input.verification === 'verified' ? input.standardOfProof : null,
      })
      .where('id', '=', act.id)
      .execute();
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

// ---------------------------------------------------------------------------------------------
// Consent, services and shares

function samePartner(a: string | null, b: string): boolean {
  return a !== null && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();
}

async function activeConsent(db: Db | Trx, personId: string, purpose: string, partner: string | null) {
  const rows = await db
    .selectFrom('protection_consents')
    .select(['id', 'partner'])
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('withdrawn_on', 'is', null)
    .execute();
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
    await trx
      .insertInto('protection_consents')
      .values({
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
      })
      .execute();
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
  const consent = await ctx.database.db
    .selectFrom('protection_consents')
    .select(['id', 'withdrawn_on', 'obtained_on'])
    .where('id', '=', consentId)
    .where('case_id', '=', found.row.id)
    .executeTakeFirst();
  if (!consent) throw notFound();
  if (consent.withdrawn_on !== null) throw new AppError(409, 'consent_already_withdrawn');
  throwFieldErrors([
    ...notInFuture(ctx, withdrawnOn, ['withdrawnOn']),
    ...(withdrawnOn < consent.obtained_on ? [{ path: ['withdrawnOn'], message: 'withdrawn_before_obtained' }] : []),
  ]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await trx
      .updateTable('protection_consents')
      .set({ withdrawn_on: withdrawnOn, withdrawn_by: actor.id })
      .where('id', '=', consent.id)
      .execute();
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
    await trx
      .insertInto('protection_services')
      .values({
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
      })
      .execute();
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
  const service = await ctx.database.db
    .selectFrom('protection_services')
    .select(['id', 'referred_on'])
    .where('id', '=', serviceId)
    .where('case_id', '=', found.row.id)
    .executeTakeFirst();
  if (!service) throw notFound();
  throwFieldErrors([
    ...notInFuture(ctx, input.on, ['on']),
    ...(input.on < service.referred_on ? [{ path: ['on'], message: 'service_before_referral' }] : []),
  ]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    await trx.updateTable('protection_services').set({ status: input.status, updated_on: input.on }).where('id', '=', service.id).execute();
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
    await trx
      .insertInto('protection_shares')
      .values({
        id,
        case_id: found.row.id,
        partner: input.partner,
        persons: JSON.stringify(pseudonyms),
        shared_by: actor.id,
        shared_at: at,
      })
      .execute();
    await touchCase(trx, found.row.id, at);
    return {
      result: undefined,
      audit: {
        action: 'protection.case.share',
        recordType: RECORD_TYPE,
        recordId: found.row.id,
        details: { ref, persons: pseudonyms.length },
      },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}
