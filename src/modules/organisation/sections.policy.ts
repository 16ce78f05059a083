import type { Classification } from '../../contracts/common.js';
import { type Actor, can } from '../../platform/policy.js';

/** May `actor` change a text or a contact of `unit`'s section with this class? */
export function mayEditSection(actor: Actor | null, unit: string, classification: Classification): boolean {
  return can(actor, 'update', { unit, classification });
}

/** The units whose section (its public and internal texts and contacts) `actor` may edit. */
export function editableSectionsOf(actor: Actor): string[] {
  return [...actor.memberships.keys()].filter((unit) => mayEditSection(actor, unit, 'internal'));
}
