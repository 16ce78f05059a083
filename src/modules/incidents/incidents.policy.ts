import { type IncidentMay, TRANSITIONS, type TransitionName } from '../../contracts/incidents.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';
import type { IncidentRow } from './incidents.repository.js';

/** The incident log's rules on top of `can()`: drafts, editing per status, four-eyes verification. */

/**
 * What the policy sees of an incident. A draft is its unit's working copy: readable inside the
 * unit only, whatever its class, and not shared until submitted.
 */
export function guardOf(row: Pick<IncidentRow, 'unit_code' | 'classification' | 'status'>, shares: readonly string[]): Guarded {
  const draft = row.status === 'draft';
  const classification = draft && row.classification !== 'restricted' ? 'restricted' : (row.classification as Guarded['classification']);
  return { unit: row.unit_code, classification, sharedWith: draft ? [] : shares };
}

export function mayEdit(actor: Actor | null, row: IncidentRow, shares: readonly string[]): boolean {
  if (!actor || !can(actor, 'update', guardOf(row, shares))) return false;
  if (row.status === 'draft' || row.status === 'submitted') return true;
  return row.status === 'verified' && actor.memberships.get(row.unit_code) === 'manager';
}

/** The moves `actor` may make now; verification needs a second person (four-eyes). */
export function allowedTransitions(actor: Actor | null, row: IncidentRow, shares: readonly string[]): TransitionName[] {
  if (!actor || !can(actor, 'update', guardOf(row, shares))) return [];
  const manager = actor.memberships.get(row.unit_code) === 'manager';
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => {
    const move = TRANSITIONS[name];
    if (!(move.from as readonly string[]).includes(row.status)) return false;
    if (move.by === 'manager' && !manager) return false;
    if (name === 'verify' && row.created_by === actor.id) return false;
    return true;
  });
}

/** Every action on the incident, one flag each, as the write routes decide it (`IncidentMay`). */
export function mayOnIncident(actor: Actor | null, row: IncidentRow, shares: readonly string[]): IncidentMay {
  const edit = mayEdit(actor, row, shares);
  const moves = new Set(allowedTransitions(actor, row, shares));
  return {
    edit,
    attach: edit,
    submit: moves.has('submit'),
    verify: moves.has('verify'),
    reject: moves.has('reject'),
    close: moves.has('close'),
    reopen: moves.has('reopen'),
  };
}

/** May `actor` record an incident of `unit`? (POST /api/incidents; any class: creating depends on the unit only.) */
export function mayCreateIncident(actor: Actor | null, unit: string, classification: Guarded['classification'] = 'internal'): boolean {
  return can(actor, 'create', { unit, classification });
}

/** The units whose incidents `actor` may record. */
export function incidentUnitsOf(actor: Actor): string[] {
  return [...actor.memberships.keys()].filter((unit) => mayCreateIncident(actor, unit));
}

/**
 * The units whose managers keep the actor registry: the Office of the SRSG, where the Joint
 * Operations Centre and the Joint Mission Analysis Centre sit, and the Force, whose
 * intelligence branch follows the parties on the ground.
 */
export const ACTOR_REGISTRY_KEEPERS: readonly string[] = ['OSRSG', 'FORCE'];

/** May `actor` add, alias, merge and retire actors of the registry? Its keepers' managers and the administrators. */
export function mayKeepActorRegistry(actor: Actor | null): boolean {
  if (!actor) return false;
  return actor.admin || ACTOR_REGISTRY_KEEPERS.some((unit) => actor.memberships.get(unit) === 'manager');
}
