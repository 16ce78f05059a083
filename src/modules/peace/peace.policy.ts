import type { Classification } from '../../contracts/common.js';
import { PEACE_UNITS } from '../../contracts/peace.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * The peace process's rules on top of `can()`: Political Affairs and Mediation keep the records
 * (their officers and managers write them), and a score is validated by a manager of the unit
 * other than its author (four eyes). Everything is internal unless marked otherwise.
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return { unit: row.unit_code, classification: row.classification as Classification };
}

/** May `actor` create provisions and CSA sessions kept by `unit`? (A peace unit only.) */
export function mayCreatePeaceRecord(actor: Actor | null, unit: string): boolean {
  return (PEACE_UNITS as readonly string[]).includes(unit) && can(actor, 'create', { unit, classification: 'internal' });
}

/** The units whose peace-process records `actor` may create (`/api/auth/me`). */
export function peaceUnitsOf(actor: Actor): string[] {
  return PEACE_UNITS.filter((unit) => mayCreatePeaceRecord(actor, unit));
}

/** Edit a provision or a session, score a provision, record or follow up a session's decisions. */
export function mayWrite(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(row)) && can(actor, 'update', guardOf(row));
}

/** Validate a score: a manager of the provision's unit who is not its author, once. */
export function mayValidateScore(
  actor: Actor | null,
  provision: { unit_code: string; classification: string },
  score: { author_id: string | null; validated_at: string | null },
): boolean {
  if (!actor || score.validated_at !== null || score.author_id === actor.id) return false;
  return can(actor, 'read', guardOf(provision)) && actor.memberships.get(provision.unit_code) === 'manager';
}
