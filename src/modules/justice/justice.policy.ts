import { JUSTICE_UNIT } from '../../contracts/justice.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Who may do what in justice and corrections. The Justice and Corrections Section (JCS) keeps the
 * records: its officers and managers enter facilities, assess them, count prison population and
 * link incidents; its managers correct (edit a facility, correct an assessment). Facilities and
 * what is computed from them are internal (every signed-in member reads them) unless marked public.
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return { unit: row.unit_code, classification: row.classification as Guarded['classification'] };
}

/** Enter a facility: the section's officers and managers. */
export function mayCreateFacility(actor: Actor | null): boolean {
  return can(actor, 'create', { unit: JUSTICE_UNIT, classification: 'internal' });
}

/** Assess a facility, count its population, link an incident: the section's officers and managers. */
export function mayRecord(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(row)) && can(actor, 'update', guardOf(row));
}

/** Correct a facility or an assessment: the section's managers. */
export function mayCorrect(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return actor !== null && can(actor, 'read', guardOf(row)) && actor.memberships.get(row.unit_code) === 'manager';
}
