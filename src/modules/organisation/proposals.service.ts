import { randomUUID } from 'node:crypto';
import type { Proposal, RejectProposalBody, UpdateContactBody, UpdateTextBody } from '../../contracts/organisation.js';
import type { Trx } from '../../db/database.js';
import type { AuditEvent } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, type Changes, diff } from '../../platform/history.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { searchKey } from '../../platform/text.js';
import { wordDiffs } from '../../platform/word-diff.js';
import { userNames } from '../users/users.service.js';
import { decideProposal, findProposal, insertProposal, listProposals, markOthersStale, type ProposalRow } from './proposals.repository.js';
import { mayOnProposal, mayProposeIn, mayReadProposalsOf, mayReviewIn } from './sections.policy.js';
import {
  findContact,
  findSection,
  findText,
  replaceTextCitations,
  updateContactVersioned,
  updateTextVersioned,
} from './sections.repository.js';
import { readableContact, readableText } from './sections.service.js';

/**
 * Proposals: a change to the public content of a section (a text or a contact) is proposed by
 * one of the unit's officers or managers and goes public only when a manager of the section, or
 * an administrator, other than its author publishes it. Publishing applies the change under
 * optimistic concurrency on the version the proposal was made against, writes the record's
 * history and moves the version of the public data (its audit action is in PUBLIC_DATA_ACTIONS),
 * so the public section, search, fiche and PDF change then and only then. The other pending
 * proposals on the same record were made against the version just replaced: they are marked
 * stale in the same transaction, never published over the change.
 */

type Target = Proposal['target'];
const RECORD_TYPE = { text: 'section_text', contact: 'contact' } as const satisfies Record<Target, string>;
const TARGET_OF: Record<string, Target> = { section_text: 'text', contact: 'contact' };

/** Proposals as the requester sees them; people are named by their account's current name, as in histories. */
async function presentAll(ctx: AppContext, actor: Actor | null, rows: readonly ProposalRow[]): Promise<Proposal[]> {
  if (rows.length === 0) return [];
  const ids = new Set(rows.flatMap((row) => (row.decided_by ? [row.proposed_by, row.decided_by] : [row.proposed_by])));
  const names = new Map((await userNames(ctx, [...ids])).map((user) => [user.id, user.name]));
  return rows.map((row) =>
    present(actor, {
      ...row,
      proposed_by_label: names.get(row.proposed_by) ?? row.proposed_by_label,
      decided_by_label: (row.decided_by && names.get(row.decided_by)) || row.decided_by_label,
    }),
  );
}

async function presentOne(ctx: AppContext, actor: Actor | null, row: ProposalRow): Promise<Proposal> {
  const [proposal] = await presentAll(ctx, actor, [row]);
  if (!proposal) throw notFound();
  return proposal;
}

function present(actor: Actor | null, row: ProposalRow): Proposal {
  const changes = JSON.parse(row.changes) as Changes;
  return {
    id: row.id,
    unit: row.unit_code,
    target: TARGET_OF[row.target_type] ?? 'text',
    targetId: row.target_id,
    baseVersion: row.base_version,
    status: row.status as Proposal['status'],
    changes,
    words: wordDiffs(changes),
    proposedBy: row.proposed_by_label,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at,
    reason: row.reason,
    may: mayOnProposal(actor, { unit: row.unit_code, status: row.status, proposedBy: row.proposed_by }),
  };
}

const readable = (actor: Actor | null, row: ProposalRow) =>
  mayReadProposalsOf(actor, row.unit_code) || (actor !== null && actor.id === row.proposed_by);

async function record(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  target: Target,
  input: { version: number; changes: Changes },
  targetId: string,
): Promise<Proposal> {
  if (Object.keys(input.changes).length === 0) throw new AppError(400, 'proposal_empty');
  const row = await auditedTransaction(ctx, actor, async (trx) => {
    const id = randomUUID();
    await insertProposal(trx, {
      id,
      unit_code: unit,
      target_type: RECORD_TYPE[target],
      target_id: targetId,
      base_version: input.version,
      changes: JSON.stringify(input.changes),
      status: 'pending',
      proposed_by: actor.id,
      proposed_by_label: actor.label,
      proposed_at: ctx.now().toISOString(),
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      reason: null,
    });
    const row = await findProposal(trx, id);
    if (!row) throw notFound();
    return {
      result: row,
      audit: {
        action: 'section_proposal.create',
        recordType: 'section_proposal',
        recordId: id,
        details: { unit, target: RECORD_TYPE[target], targetId, version: input.version, fields: Object.keys(input.changes) },
      },
    };
  });
  return presentOne(ctx, actor, row);
}

/** Checks shared by proposals on a text and on a contact, once the record is loaded. */
function checkProposable(actor: Actor, unit: string, classification: string, current: number, version: number): void {
  if (!mayProposeIn(actor, unit)) throw new AppError(403, 'forbidden');
  if (classification !== 'public') throw new AppError(409, 'proposal_not_public');
  if (current !== version) throw versionConflict();
}

/** Proposes a change to a public text, against the version the author read. Changes nothing public. */
export async function proposeTextChange(ctx: AppContext, actor: Actor, unit: string, id: string, input: UpdateTextBody): Promise<Proposal> {
  const current = await readableText(ctx, actor, unit, id);
  checkProposable(actor, current.unit_code, current.classification, current.version, input.version);
  const changes = diff(
    { body: current.body, heading: current.heading, kind: current.kind },
    { body: input.body, heading: input.heading, kind: input.kind },
  );
  return record(ctx, actor, current.unit_code, 'text', { version: input.version, changes }, id);
}

/** Proposes a change to a public contact, against the version the author read. Changes nothing public. */
export async function proposeContactChange(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  id: string,
  input: UpdateContactBody,
): Promise<Proposal> {
  const current = await readableContact(ctx, actor, unit, id);
  checkProposable(actor, current.unit_code, current.classification, current.version, input.version);
  const changes = diff(
    { kind: current.kind, label: current.label, value: current.value, place: current.place },
    { kind: input.kind, label: input.label, value: input.value, place: input.place },
  );
  return record(ctx, actor, current.unit_code, 'contact', { version: input.version, changes }, id);
}

/** A proposal of `unit` the actor may see, or 404 as if it did not exist. */
async function readableProposal(ctx: AppContext, actor: Actor, unit: string, id: string): Promise<ProposalRow> {
  const row = await findProposal(ctx.database.db, id);
  if (!row || row.unit_code !== unit || !readable(actor, row)) throw notFound();
  return row;
}

/** Why `actor` may not publish or reject this proposal, if they may not: four eyes first, then the role. */
function checkReview(actor: Actor, row: ProposalRow): void {
  if (row.status !== 'pending') throw new AppError(409, 'proposal_closed');
  if (row.proposed_by === actor.id) throw new AppError(403, 'proposal_own');
  if (!mayReviewIn(actor, row.unit_code)) throw new AppError(403, 'forbidden');
}

/** The decision on a pending proposal, or 409 when someone decided it in between. */
async function decide(trx: Trx, actor: Actor, row: ProposalRow, status: Proposal['status'], at: string, reason: string | null) {
  const decided = await decideProposal(trx, row.id, {
    status,
    decided_by: actor.id,
    decided_by_label: actor.label,
    decided_at: at,
    reason,
  });
  if (!decided) throw new AppError(409, 'proposal_closed');
}

/**
 * Applies a proposal's changes to its record, if the record is still at the version the
 * proposal was made against; 409 `proposal_stale` otherwise.
 */
async function apply(trx: Trx, row: ProposalRow, changes: Changes, at: string): Promise<void> {
  const to = (field: string) => changes[field]?.to;
  const has = (field: string) => field in changes;
  let applied = false;
  if (row.target_type === 'section_text') {
    const current = await findText(trx, row.target_id);
    if (!current) throw notFound();
    const next = {
      body: has('body') ? String(to('body')) : current.body,
      heading: has('heading') ? ((to('heading') as string | null) ?? null) : current.heading,
      kind: has('kind') ? String(to('kind')) : current.kind,
    };
    applied = await updateTextVersioned(trx, row.target_id, row.base_version, {
      ...next,
      search_key: searchKey(`${next.heading ?? ''} ${next.body}`),
      updated_at: at,
    });
    if (applied) await replaceTextCitations(trx, row.target_id, next.body);
  } else {
    const current = await findContact(trx, row.target_id);
    if (!current) throw notFound();
    const next = {
      kind: has('kind') ? String(to('kind')) : current.kind,
      label: has('label') ? String(to('label')) : current.label,
      value: has('value') ? String(to('value')) : current.value,
      place: has('place') ? ((to('place') as string | null) ?? null) : current.place,
    };
    applied = await updateContactVersioned(trx, row.target_id, row.base_version, {
      ...next,
      search_key: searchKey(`${next.label} ${next.value} ${next.place ?? ''}`),
    });
  }
  if (!applied) throw new AppError(409, 'proposal_stale');
}

/**
 * Publishes a proposal: a manager of the section or an administrator, never its author. The
 * record changes, its history names the publisher (and, through the proposal, the author), the
 * other pending proposals on it become stale, and the public data version moves.
 */
export async function publishProposal(ctx: AppContext, actor: Actor, unit: string, id: string): Promise<Proposal> {
  const row = await readableProposal(ctx, actor, unit, id);
  checkReview(actor, row);
  const published = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const changes = JSON.parse(row.changes) as Changes;
    await decide(trx, actor, row, 'published', at, null);
    await apply(trx, row, changes, at);
    await appendHistory(trx, { recordType: row.target_type, recordId: row.target_id, version: row.base_version + 1, actor, changes, at });
    const stale = await markOthersStale(trx, row.target_type, row.target_id, row.id, at);
    const published = await findProposal(trx, id);
    if (!published) throw notFound();
    const about = { unit, target: row.target_type, targetId: row.target_id };
    const audit: AuditEvent[] = [
      {
        action: 'section_proposal.publish',
        recordType: 'section_proposal',
        recordId: id,
        details: { ...about, version: row.base_version + 1, fields: Object.keys(changes), proposedBy: row.proposed_by },
      },
      ...stale.map((staleId) => ({
        action: 'section_proposal.stale',
        recordType: 'section_proposal',
        recordId: staleId,
        details: { ...about, overtakenBy: id },
      })),
    ];
    return { result: published, audit };
  });
  return presentOne(ctx, actor, published);
}

/** Rejects a proposal with the reason given to its author: a manager of the section or an administrator, never its author. */
export async function rejectProposal(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  id: string,
  input: RejectProposalBody,
): Promise<Proposal> {
  const row = await readableProposal(ctx, actor, unit, id);
  checkReview(actor, row);
  return closeProposal(ctx, actor, row, 'rejected', input.reason);
}

/** Withdraws a pending proposal: its author only. */
export async function withdrawProposal(ctx: AppContext, actor: Actor, unit: string, id: string): Promise<Proposal> {
  const row = await readableProposal(ctx, actor, unit, id);
  if (row.status !== 'pending') throw new AppError(409, 'proposal_closed');
  if (row.proposed_by !== actor.id) throw new AppError(403, 'forbidden');
  return closeProposal(ctx, actor, row, 'withdrawn', null);
}

async function closeProposal(ctx: AppContext, actor: Actor, row: ProposalRow, status: 'rejected' | 'withdrawn', reason: string | null) {
  const closed = await auditedTransaction(ctx, actor, async (trx) => {
    await decide(trx, actor, row, status, ctx.now().toISOString(), reason);
    const closed = await findProposal(trx, row.id);
    if (!closed) throw notFound();
    return {
      result: closed,
      audit: {
        action: status === 'rejected' ? 'section_proposal.reject' : 'section_proposal.withdraw',
        recordType: 'section_proposal',
        recordId: row.id,
        reason,
        details: { unit: row.unit_code, target: row.target_type, targetId: row.target_id },
      },
    };
  });
  return presentOne(ctx, actor, closed);
}

/**
 * The proposals of a section with `status` that the requester may see (none for those who may
 * neither propose nor review), and what they may do there. 404 for a section they may not read.
 */
export async function sectionProposals(ctx: AppContext, actor: Actor | null, unit: string, status: Proposal['status']) {
  const db = ctx.database.db;
  if (!(await findSection(db, unit, readScope(actor)))) throw notFound();
  const may = { propose: mayProposeIn(actor, unit), review: mayReviewIn(actor, unit) };
  if (!actor) return { proposals: [], may };
  const rows = await listProposals(db, status, [unit]);
  return {
    proposals: await presentAll(
      ctx,
      actor,
      rows.filter((row) => readable(actor, row)),
    ),
    may,
  };
}

/**
 * The pending proposals of every section the requester may see them in (and their own), and how
 * many of them await their review: the managers' list and count.
 */
export async function pendingProposals(ctx: AppContext, actor: Actor) {
  const units = actor.admin ? 'all' : [...actor.memberships.keys()];
  const rows = (await listProposals(ctx.database.db, 'pending', units)).filter((row) => readable(actor, row));
  const proposals = await presentAll(ctx, actor, rows);
  return { proposals, awaitingReview: proposals.filter((p) => p.may.publish).length };
}
