import type { Classification } from '../../contracts/common.js';
import type { ProposalMay } from '../../contracts/organisation.js';
import { type Actor, can } from '../../platform/policy.js';

/**
 * May `actor` change a text or a contact of `unit`'s section with this class? Non-public content
 * changes at once; public content only through a proposal that someone else publishes.
 */
export function mayEditSection(actor: Actor | null, unit: string, classification: Classification): boolean {
  return can(actor, 'update', { unit, classification });
}

/** The units whose section (its public and internal texts and contacts) `actor` may edit. */
export function editableSectionsOf(actor: Actor): string[] {
  return [...actor.memberships.keys()].filter((unit) => mayEditSection(actor, unit, 'internal'));
}

/** May `actor` propose a change to the public content of `unit`'s section? Its officers and managers. */
export function mayProposeIn(actor: Actor | null, unit: string): boolean {
  return mayEditSection(actor, unit, 'public');
}

/**
 * May `actor` publish or reject proposals for `unit`'s section? Its managers and the
 * administrators: what goes public on the mission's behalf is a decision above an officer's.
 * Never for their own proposals (`mayOnProposal`).
 */
export function mayReviewIn(actor: Actor | null, unit: string): boolean {
  if (!actor) return false;
  return actor.admin || actor.memberships.get(unit) === 'manager';
}

/** Who sees a section's proposals, which are not public until published: those who may propose or review them. */
export function mayReadProposalsOf(actor: Actor | null, unit: string): boolean {
  return mayProposeIn(actor, unit) || mayReviewIn(actor, unit);
}

/** What `actor` may do with a proposal: four eyes, the author only withdraws it; only while it is pending. */
export function mayOnProposal(actor: Actor | null, proposal: { unit: string; status: string; proposedBy: string }): ProposalMay {
  const pending = proposal.status === 'pending';
  const author = actor !== null && actor.id === proposal.proposedBy;
  const review = pending && !author && mayReviewIn(actor, proposal.unit);
  // An author who has left the unit, or lost the right to propose, may still withdraw.
  return { publish: review, reject: review, withdraw: pending && author };
}
