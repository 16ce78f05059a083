import type { Me } from '../../src/contracts/auth.js';

/** A section's page: the editable one for a signed-in user, the public fact sheet otherwise. */
export function sectionPath(me: Me | null, unit: string): string {
  return me ? `/sections/${encodeURIComponent(unit)}` : `/fiche/${encodeURIComponent(unit)}`;
}

/** A partner is named by several sections: its anchor on a page says which. */
export function partnerAnchor(unit: string, partnerId: string): string {
  return `partner-${unit}-${partnerId}`;
}
