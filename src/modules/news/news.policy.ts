import { NEWS_UNIT } from '../../contracts/news.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Who does what with public information. The Strategic Communications and Public Information
 * Division (SCPI) keeps it: its members read the desk (drafts and releases awaiting clearance are
 * restricted to the unit), its officers and managers draft, submit and publish, and a release is
 * cleared by a manager of the unit — the chief of public information — who is not its author
 * (four eyes). Withdrawing and correcting a published release are a manager's. What readers
 * without an account see is decided in SQL (`publicReleases`), not here.
 */

const DESK: Guarded = { unit: NEWS_UNIT, classification: 'restricted' };

interface ReleaseState {
  status: string;
  author_id: string | null;
}

/** Members of the unit read the desk: every release in every state. */
export function mayReadDesk(actor: Actor | null): boolean {
  return can(actor, 'read', DESK);
}

/** Officers and managers of the unit draft releases, enter press points and programmes. */
export function mayDraft(actor: Actor | null): boolean {
  return can(actor, 'create', DESK);
}

function isChief(actor: Actor | null): actor is Actor {
  return actor !== null && actor.memberships.get(NEWS_UNIT) === 'manager';
}

export function mayEdit(actor: Actor | null, row: ReleaseState): boolean {
  return row.status === 'draft' && mayDraft(actor);
}

export function maySubmit(actor: Actor | null, row: ReleaseState): boolean {
  return row.status === 'draft' && mayDraft(actor);
}

/** Four eyes: the chief of public information clears, never the author. */
export function mayClear(actor: Actor | null, row: ReleaseState): boolean {
  return row.status === 'submitted' && isChief(actor) && row.author_id !== actor.id;
}

/** Sending a release back to its author is the same decision as clearing it. */
export function mayReturn(actor: Actor | null, row: ReleaseState): boolean {
  return mayClear(actor, row);
}

export function mayPublish(actor: Actor | null, row: ReleaseState): boolean {
  return row.status === 'cleared' && mayDraft(actor);
}

export function mayWithdraw(actor: Actor | null, row: ReleaseState): boolean {
  return (row.status === 'published' || row.status === 'cleared') && isChief(actor);
}

export function mayCorrect(actor: Actor | null, row: ReleaseState): boolean {
  return row.status === 'published' && isChief(actor);
}
