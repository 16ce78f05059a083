import type { ActivityMay } from '../../contracts/activities.js';
import type { Classification } from '../../contracts/common.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Activities' rules on top of `can()`: a unit's officers and managers record its activities; its
 * managers correct them. They are read like projects: public by anyone, internal by the staff,
 * restricted by the owning unit.
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return { unit: row.unit_code, classification: row.classification as Classification };
}

/** May `actor` record activities of `unit`? */
export function mayCreateActivity(actor: Actor | null, unit: string): boolean {
  return can(actor, 'create', { unit, classification: 'internal' });
}

/** The units whose activities `actor` may record, for the form. */
export function activityUnitsOf(actor: Actor | null): string[] {
  if (!actor) return [];
  return [...actor.memberships.keys()].filter((unit) => mayCreateActivity(actor, unit)).sort();
}

/** Correct an activity: a manager of its unit. */
export function mayEditActivity(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  if (!actor || !can(actor, 'read', guardOf(row))) return false;
  return actor.memberships.get(row.unit_code) === 'manager';
}

export function mayOnActivity(actor: Actor | null, row: { unit_code: string; classification: string }): ActivityMay {
  return { edit: mayEditActivity(actor, row) };
}
