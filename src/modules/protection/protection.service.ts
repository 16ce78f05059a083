import { randomUUID } from 'node:crypto';
import { type CaseInput, type Programme, type ProtectionCase, WORKFLOWS } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { Trx } from '../../db/database.js';
import type { ProtectionCaseTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Keyring, keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { attachmentsOf } from '../attachments/attachments.read.js';
import { getIncident } from '../incidents/incidents.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { findCallRefById } from './hotline.repository.js';
import { formatCaseRef, isChild, notInFuture, placeIssues, programmeUnit } from './protection.checks.js';
import {
  isLateVerification,
  mayOnCase,
  mayOpenCase,
  mayReadCase,
  mayWorkOnCase,
  movesFrom,
  requireSecondFactor,
} from './protection.policy.js';
import {
  addTeamMembers,
  caseIdsWithPseudonym,
  caseParts,
  casesWaitingFor,
  casesWithNameIndexes,
  findCaseByRef,
  findCaseRefById,
  findCasesByIds,
  insertCaseRow,
  insertStep,
  listReadableCases,
  reserveNumber,
  teamMemberIds,
  teamsOfCases,
  updateCaseIfVersion,
} from './protection.repository.js';

/**
 * Protection cases: documentation, verification and reporting of violations, misconduct
 * allegations and explosive-ordnance survivors. Identities, summaries, exact places and
 * comments are sealed with the keyring before they reach the database; every read is audited;
 * a case the caller may not read answers exactly like one that does not exist.
 *
 * This file holds the case itself (reading, presenting, creating, editing) and what the other
 * case services of this folder build on: `readableOr404`, `workable` and `present`. Persons,
 * acts, consent and what rests on it, and the team and workflow have files of their own.
 */

/** Marks a case as changed when something attached to it changes (its files). */
export { touchCase } from './protection.repository.js';

export const CASE_RECORD_TYPE = 'protection_case';

// ---------------------------------------------------------------------------------------------
// Reading

/** A case found for a caller, with its team in name order. */
export interface Found {
  row: ProtectionCaseTable;
  team: { id: string; name: string }[];
}

/** The case with this reference if `actor` may read it. */
export async function readable(ctx: AppContext, actor: Actor | null, ref: string): Promise<Found | null> {
  const row = await findCaseByRef(ctx.database.db, ref);
  if (!row) return null;
  const team = await userNames(ctx, await teamMemberIds(ctx.database.db, row.id));
  return mayReadCase(
    actor,
    row,
    team.map((m) => m.id),
  )
    ? { row, team }
    : null;
}

/** A case the actor may read (second factor required); 404 otherwise. */
export async function readableOr404(ctx: AppContext, actor: Actor, ref: string): Promise<Found> {
  requireSecondFactor(actor);
  const found = await readable(ctx, actor, ref);
  if (!found) throw notFound();
  return found;
}

/** A case the actor may work on (team officer or unit manager); 404 if unreadable, 403 if read-only. */
export async function workable(ctx: AppContext, actor: Actor, ref: string): Promise<Found> {
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
  const row = await findCaseRefById(ctx.database.db, id);
  return row ? (await readable(ctx, actor, row.ref)) !== null : false;
}

/**
 * The references of the cases with these ids that the actor may read (second factor required),
 * read in one batch for a whole page (the audit log's labels, the cases calls became): a case the
 * actor may not read is left out, so what shows it tells no more than its id.
 */
export async function readableCaseRefs(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!actor.secondFactor || ids.length === 0) return new Map();
  const db = ctx.database.db;
  const unique = [...new Set(ids)];
  const [cases, team] = await Promise.all([findCasesByIds(db, unique), teamsOfCases(db, unique)]);
  const teamOf = new Map<string, string[]>();
  for (const member of team) teamOf.set(member.case_id, [...(teamOf.get(member.case_id) ?? []), member.user_id]);
  return new Map(cases.filter((row) => mayReadCase(actor, row, teamOf.get(row.id) ?? [])).map((row) => [row.id, row.ref]));
}

function open(keyring: Keyring, sealed: string | null, recordId: string, field: string): string {
  return sealed === null ? '' : keyring.decrypt(sealed, { recordId, field });
}

/** The case as its reader sees it, sealed fields opened. */
export async function present(ctx: AppContext, actor: Actor, found: Found): Promise<ProtectionCase> {
  const db = ctx.database.db;
  const keyring = await keyringFor(ctx);
  const { row, team } = found;
  const [parts, files] = await Promise.all([caseParts(db, row.id), attachmentsOf(db, CASE_RECORD_TYPE, row.id)]);
  const pseudonymOf = new Map(parts.persons.map((p) => [p.id, p.pseudonym]));
  const duplicates = await casesWithNameIndexes(
    db,
    actor,
    parts.persons.flatMap((p) => (p.name_index ? [p.name_index] : [])),
    row.id,
  );
  const call = row.call_id ? await findCallRefById(db, row.call_id) : undefined;
  const names = new Map(
    (
      await userNames(ctx, [...parts.consents.map((c) => c.obtained_by), ...parts.steps.flatMap((s) => (s.actor_id ? [s.actor_id] : []))])
    ).map((u) => [u.id, u.name]),
  );
  const teamIds = team.map((m) => m.id);
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
      obtainedBy: { id: c.obtained_by, name: names.get(c.obtained_by) ?? '' },
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
      actor: (s.actor_id && names.get(s.actor_id)) ?? s.actor_label,
      at: s.at,
      comment: open(keyring, s.comment_sealed, s.id, 'comment'),
    })),
    may: mayOnCase(actor, row, teamIds),
  };
}

/** One case, audited as a read of confidential data. */
export async function getCase(ctx: AppContext, actor: Actor, ref: string): Promise<ProtectionCase> {
  const found = await readableOr404(ctx, actor, ref);
  const result = await present(ctx, actor, found);
  await recordAudit(ctx, actor, { action: 'protection.case.read', recordType: CASE_RECORD_TYPE, recordId: found.row.id });
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
    caseIds = await caseIdsWithPseudonym(ctx.database.db, q);
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
    recordType: CASE_RECORD_TYPE,
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

/** The first day of the reporting period (calendar quarter) that holds `day`. */
function periodStartOf(day: string): string {
  const month = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
}

/**
 * The open cases waiting for `actor` (their team's, and in the units they manage those with late
 * verifications), with the workflow's next moves and how many acts await a verification already
 * late (MRM: verified after the end of the period in which it occurred). References, codes and
 * counts only; empty without a second factor. Not audited here: the worklist records what it shows.
 */
export async function casesWaitingForActor(ctx: AppContext, actor: Actor, limit: number) {
  if (!actor.secondFactor || actor.viaToken) return { total: 0, items: [] };
  const periodStart = periodStartOf(ctx.now().toISOString().slice(0, 10));
  const { rows, total } = await casesWaitingFor(ctx.database.db, actor, periodStart, limit);
  return {
    total,
    items: rows.map((r) => ({
      ref: r.ref,
      programme: r.programme as Programme,
      unit: r.unit_code,
      status: r.status,
      next: movesFrom(r.programme as Programme, r.status).filter((move) => move !== 'close' && move !== 'reopen'),
      lateVerifications: r.late,
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
  await insertCaseRow(trx, {
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
  });
  await addTeamMembers(trx, id, [actor.id], actor.id, at);
  await insertStep(trx, {
    id: randomUUID(),
    case_id: id,
    action: 'create',
    from_status: null,
    to_status: status,
    actor_id: actor.id,
    actor_label: actor.label,
    at,
    comment_sealed: null,
  });
  return { id, ref };
}

export async function createCase(ctx: AppContext, actor: Actor, programme: Programme, input: CaseInput): Promise<ProtectionCase> {
  requireSecondFactor(actor);
  if (!mayOpenCase(actor, programme)) throw new AppError(403, 'forbidden');
  await caseIssues(ctx, actor, programme, input);
  const keyring = await keyringFor(ctx);
  const { ref } = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, programmeUnit(programme));
    const created = await insertCase(trx, ctx, keyring, actor, programme, input, null);
    return {
      result: created,
      audit: {
        action: 'protection.case.create',
        recordType: CASE_RECORD_TYPE,
        recordId: created.id,
        details: { ref: created.ref, programme },
      },
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
      audit: { action: 'protection.case.update', recordType: CASE_RECORD_TYPE, recordId: found.row.id, details: { ref } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, ref));
}
