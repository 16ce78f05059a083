import { auditedVersion } from './audit-version.js';
import type { AppContext } from './context.js';

/**
 * The audited writes that can change the mission's public data: sections, their texts, places
 * and partners (all loaded by the fact-book seed), contacts and figures (the strength chart of
 * the fiche is drawn from figures). What the fiche shows and what the sections, partners and
 * search answer to a reader without an account all come from these tables. A new write to any
 * of them must be listed here.
 *
 * A public text or contact changes only when a proposal is published (`section_proposal.publish`);
 * proposing, rejecting or withdrawing changes nothing public and is not listed. The direct edits
 * (`section_text.update`, `contact.update`) now reach only non-public texts and contacts, but they
 * write the same tables and stay listed: a needless new version costs one rebuild, a missing one
 * would serve stale public data.
 */
export const PUBLIC_DATA_ACTIONS = [
  'factbook.seed',
  'section_text.update',
  'contact.update',
  'figure.update',
  'section_proposal.publish',
] as const;

/**
 * The version of the public data: it changes whenever one of those writes commits, from
 * whichever process. Cheap enough to ask on every request (see `auditedVersion`).
 */
export function publicDataVersion(ctx: AppContext): Promise<string> {
  return auditedVersion(ctx.database.db, PUBLIC_DATA_ACTIONS);
}
