import type { Classification } from '../../contracts/common.js';
import { ENGAGEMENT_UNITS } from '../../contracts/engagements.js';
import { type Actor, can, type Guarded, type ReadScope, readScope } from '../../platform/policy.js';

/**
 * Political engagements are restricted by default and kept by Political Affairs (PAD) and the
 * mission's leadership (OSRSG): a restricted engagement or report is shared, by rule, between the
 * two units, so a member of either reads what the other recorded. Internal and public records
 * follow `can()` as everywhere else. Writes are for the owning unit's officers and managers.
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return {
    unit: row.unit_code,
    classification: row.classification as Classification,
    sharedWith: ENGAGEMENT_UNITS.filter((u) => u !== row.unit_code),
  };
}

/**
 * The read scope over engagement tables (whose units are PAD or OSRSG only): a member of either
 * unit reads the restricted records of both. Agrees with `can(actor, 'read', guardOf(row))`.
 */
export function engagementReadScope(actor: Actor | null): ReadScope {
  const scope = readScope(actor);
  if (!actor || !ENGAGEMENT_UNITS.some((u) => actor.memberships.has(u))) return scope;
  return {
    anyUnit: scope.anyUnit,
    inUnits: scope.inUnits.map((entry) =>
      entry.classification === 'restricted' ? { ...entry, units: [...new Set([...entry.units, ...ENGAGEMENT_UNITS])] } : entry,
    ),
  };
}

/** May `actor` record engagements and reports for `unit`? (PAD or OSRSG officers and managers.) */
export function mayCreateEngagement(actor: Actor | null, unit: string): boolean {
  return (ENGAGEMENT_UNITS as readonly string[]).includes(unit) && can(actor, 'create', { unit, classification: 'restricted' });
}

/** The units whose engagements `actor` may record (`/api/auth/me`). */
export function engagementUnitsOf(actor: Actor): string[] {
  return ENGAGEMENT_UNITS.filter((unit) => mayCreateEngagement(actor, unit));
}

/** Edit an engagement or a report, add or follow up its follow-ups. */
export function mayWriteEngagement(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(row)) && can(actor, 'update', guardOf(row));
}

const RANK: Record<Classification, number> = { public: 0, internal: 1, restricted: 2, confidential: 3 };

/** The most sensitive of the classes given (`internal` when none: a report is never public by default). */
export function mostSensitive(classes: readonly Classification[]): Classification {
  return classes.reduce<Classification>((top, c) => (RANK[c] > RANK[top] ? c : top), 'internal');
}
