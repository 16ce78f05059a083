import type { Me } from '../../src/contracts/auth.js';
import { WRITER_ROLES } from '../../src/contracts/common.js';

/** A section's page: the editable one for a signed-in user, the public fact sheet otherwise. */
export function sectionPath(me: Me | null, unit: string): string {
  return me ? `/sections/${encodeURIComponent(unit)}` : `/fiche/${encodeURIComponent(unit)}`;
}

/** Officers and managers of a unit may edit its section (the server decides; this only hides useless buttons). */
export function canEditSection(me: Me | null, unit: string): boolean {
  return me?.memberships.some((membership) => membership.unit === unit && WRITER_ROLES.includes(membership.role)) ?? false;
}

/** A partner is named by several sections: its anchor on a page says which. */
export function partnerAnchor(unit: string, partnerId: string): string {
  return `partner-${unit}-${partnerId}`;
}
