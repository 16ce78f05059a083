import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type { Finding, FindingCounts, Verification, VerificationInputParsed, VerificationQuery } from '../../contracts/operations.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import {
  countVisibleIncidents,
  guardOf as incidentGuard,
  incidentsByRefWithShares,
  incidentsWithShares,
} from '../incidents/incidents.read.js';
import { actorRegistry } from '../incidents/incidents.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { insertVerification, readableVerifications, type VerificationRow } from './ceasefire.repository.js';

/**
 * Ceasefire monitoring: verification missions by observer or mixed teams on allegations (incidents
 * of the ceasefire-violation category), each with its team, visit, evidence and finding with its
 * standard of proof; a confirmed violation names the party it is attributed to. Counts by party and
 * period come from each allegation's latest finding the reader may read; the allegations without
 * one are the unverified, counted apart. A verification follows its class (internal or restricted
 * to its unit), and is shown only with an allegation its reader may read.
 */

const RECORD_TYPE = 'ceasefire_verification';
export const CEASEFIRE_CATEGORY = 'ceasefire_violation';

export async function recordVerification(
  ctx: AppContext,
  actor: Actor,
  input: VerificationInputParsed,
  locale: Locale,
): Promise<Verification> {
  if (!can(actor, 'create', { unit: input.unit, classification: 'internal' })) throw new AppError(403, 'forbidden');
  const db = ctx.database.db;
  const errors: FieldRuleError[] = [];
  const [found] = (await incidentsByRefWithShares(db, [input.incident])).filter((f) => can(actor, 'read', incidentGuard(f.row, f.shares)));
  // An incident the recorder may not read is unknown: its existence is not disclosed.
  if (!found) errors.push({ path: ['incident'], message: 'incident_unknown' });
  else {
    if (found.row.category !== CEASEFIRE_CATEGORY) errors.push({ path: ['incident'], message: 'allegation_not_ceasefire' });
    if (input.visitedOn < found.row.occurred_on) errors.push({ path: ['visitedOn'], message: 'visit_before_allegation' });
  }
  if (input.visitedOn > ctx.now().toISOString().slice(0, 10)) errors.push({ path: ['visitedOn'], message: 'date_in_future' });
  if (input.finding === 'confirmed') {
    if (input.party === null) errors.push({ path: ['party'], message: 'party_required' });
    if (input.standardOfProof === 'not_verified') errors.push({ path: ['standardOfProof'], message: 'proof_required' });
  } else if (input.party !== null) errors.push({ path: ['party'], message: 'party_only_confirmed' });
  if (input.party !== null && !(await actorRegistry(db)).some((a) => a.code === input.party))
    errors.push({ path: ['party'], message: 'unknown_actor' });
  throwFieldErrors(errors);
  const incident = found as NonNullable<typeof found>;
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    await insertVerification(trx, {
      id,
      incident_id: incident.row.id,
      occurred_on: incident.row.occurred_on,
      unit_code: input.unit,
      classification: input.classification,
      team: JSON.stringify(input.team),
      visited_on: input.visitedOn,
      place: input.place,
      evidence: input.evidence,
      finding: input.finding,
      standard_of_proof: input.standardOfProof,
      party: input.party,
      created_by: actor.id,
      created_by_label: actor.label,
      created_at: ctx.now().toISOString(),
    });
    return {
      result: undefined,
      audit: {
        action: 'ceasefire.verification.create',
        recordType: RECORD_TYPE,
        recordId: id,
        details: { incident: input.incident, finding: input.finding, unit: input.unit },
      },
    };
  });
  const [created] = (await listVerifications(ctx, actor, { incident: input.incident }, locale)).items.filter((v) => v.id === id);
  if (!created) throw new AppError(500, 'internal');
  return created;
}

/** The readable verifications whose allegation the reader may also read, with that allegation. */
async function readable(
  ctx: AppContext,
  actor: Actor,
  query: VerificationQuery,
  only: { ids?: readonly string[]; recordedOrVisited?: { from: string; to: string } } = {},
) {
  const db = ctx.database.db;
  let incidentId: string | undefined;
  if (query.incident) {
    const [found] = await incidentsByRefWithShares(db, [query.incident]);
    if (!found) return [];
    incidentId = found.row.id;
  }
  const rows = await readableVerifications(db, readScope(actor), { from: query.from, to: query.to, incidentId, ...only });
  const incidents = await incidentsWithShares(db, [...new Set(rows.map((r) => r.incident_id))]);
  const visible = new Map(incidents.filter((f) => can(actor, 'read', incidentGuard(f.row, f.shares))).map((f) => [f.row.id, f.row]));
  return rows.flatMap((row) => {
    const incident = visible.get(row.incident_id);
    return incident ? [{ row, incident }] : [];
  });
}

export async function listVerifications(
  ctx: AppContext,
  actor: Actor,
  query: VerificationQuery,
  locale: Locale,
): Promise<{ items: Verification[] }> {
  return presentAll(ctx, await readable(ctx, actor, query), locale);
}

/**
 * For the situation picture and report: the readable verifications (same rule as the list)
 * recorded within the period or visited on one of its days, however many the history holds.
 */
export async function verificationsOfPeriod(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string },
  locale: Locale,
): Promise<{ items: Verification[] }> {
  return presentAll(ctx, await readable(ctx, actor, {}, { recordedOrVisited: period }), locale);
}

/** Which of `ids` the reader may read now, by the list's rule (the situation report's check). */
export async function readableVerificationIds(ctx: AppContext, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500)
    for (const { row } of await readable(ctx, actor, {}, { ids: unique.slice(i, i + 500) })) found.add(row.id);
  return found;
}

async function presentAll(
  ctx: AppContext,
  found: Awaited<ReturnType<typeof readable>>,
  locale: Locale,
): Promise<{ items: Verification[] }> {
  const parties = new Map((await actorRegistry(ctx.database.db)).map((a) => [a.code, locale === 'fr' ? a.name_fr : a.name_en]));
  const names = new Map((await userNames(ctx, [...new Set(found.map((f) => f.row.created_by))])).map((u) => [u.id, u.name]));
  return {
    items: found.map(({ row, incident }) => present(row, incident, parties, names)),
  };
}

function present(
  row: VerificationRow,
  incident: { ref: string; title: string; occurred_on: string },
  parties: Map<string, string>,
  names: Map<string, string>,
): Verification {
  return {
    id: row.id,
    incident: { ref: incident.ref, title: incident.title, occurredOn: incident.occurred_on },
    unit: row.unit_code,
    classification: row.classification as Verification['classification'],
    team: JSON.parse(row.team) as string[],
    visitedOn: row.visited_on,
    place: row.place,
    evidence: row.evidence,
    finding: row.finding as Finding,
    standardOfProof: row.standard_of_proof as Verification['standardOfProof'],
    party: row.party,
    partyName: row.party ? (parties.get(row.party) ?? row.party) : null,
    recordedBy: { id: row.created_by, name: names.get(row.created_by) || row.created_by_label },
    recordedAt: row.created_at,
  };
}

/**
 * Findings over a period by the allegation's date: each allegation counts once, by its latest
 * verification the reader may read; confirmed ones by party; allegations without one, unverified.
 */
export async function findingCounts(
  ctx: AppContext,
  actor: Actor,
  period: { from?: string | undefined; to?: string | undefined },
  locale: Locale,
): Promise<FindingCounts> {
  const allegations = await countVisibleIncidents(
    ctx.database.db,
    ctx.database.dialect,
    { category: [CEASEFIRE_CATEGORY], ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) },
    readScope(actor),
  );
  const latest = new Map<string, VerificationRow>();
  for (const { row } of await readable(ctx, actor, period)) latest.set(row.incident_id, row);
  const byFinding = { confirmed: 0, not_confirmed: 0, inconclusive: 0 };
  const byParty = new Map<string, number>();
  for (const row of latest.values()) {
    byFinding[row.finding as Finding] += 1;
    if (row.finding === 'confirmed' && row.party) byParty.set(row.party, (byParty.get(row.party) ?? 0) + 1);
  }
  const parties = new Map((await actorRegistry(ctx.database.db)).map((a) => [a.code, locale === 'fr' ? a.name_fr : a.name_en]));
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    allegations,
    verified: latest.size,
    unverified: Math.max(0, allegations - latest.size),
    byFinding,
    confirmedByParty: [...byParty]
      .map(([party, count]) => ({ party, name: parties.get(party) ?? party, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, locale)),
  };
}
