import type { Classification } from '../../contracts/common.js';
import { ELECTION_UNITS } from '../../contracts/elections.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Electoral support is kept by the Electoral Affairs Division (EAD): its officers and managers
 * record the calendar, requests, deliveries and civic-education sessions; a request is accepted
 * or declined by a manager of the division. Reads follow `can()` (internal by default).
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return { unit: row.unit_code, classification: row.classification as Classification };
}

export function mayCreateElectoralRecord(actor: Actor | null, unit: string = ELECTION_UNITS[0]): boolean {
  return (ELECTION_UNITS as readonly string[]).includes(unit) && can(actor, 'create', { unit, classification: 'internal' });
}

/** Record a delivery, link an incident. */
export function mayWriteElectoral(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(row)) && can(actor, 'update', guardOf(row));
}

/** Accept or decline a request: a manager of the owning unit, while it is requested. */
export function mayDecide(actor: Actor | null, row: { unit_code: string; classification: string; status: string }): boolean {
  return row.status === 'requested' && can(actor, 'read', guardOf(row)) && actor?.memberships.get(row.unit_code) === 'manager';
}

/** Record the delivery of an accepted request. */
export function mayDeliver(actor: Actor | null, row: { unit_code: string; classification: string; status: string }): boolean {
  return row.status === 'accepted' && mayWriteElectoral(actor, row);
}
