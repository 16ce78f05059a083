import { WRITER_ROLES } from '../../contracts/common.js';
import {
  OPERATION_TRANSITION_NAMES,
  OPERATION_TRANSITIONS,
  type OperationMay,
  type OperationStatus,
  type OperationTransition,
  SECRET_STATUSES,
} from '../../contracts/operations.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';
import type { OperationRow } from './operations.repository.js';

/**
 * Who may do what in the operations log. Operational security: an operation that is planned,
 * ordered, under way or cancelled is read only by the members of the units taking part and of the
 * JOC (`needToKnow`), whatever its class — not by administrators, not by any other unit's
 * manager. Once completed it follows its class (internal: every member; restricted: the leading
 * unit, the units taking part and the JOC, which reports on it), never public.
 *
 * The JOC: in the shipped units it sits in the Office of the SRSG (`OSRSG`, with the JMAC, as for
 * the actor registry); an administrator may also create it as its own unit under the code `JOC`.
 * Its officers and managers plan, order and cancel; the officers and managers of a unit taking
 * part plan their own operations, start them and complete them with a report.
 */
export const JOC_UNITS: readonly string[] = ['OSRSG', 'JOC'];

export const isSecret = (status: string) => (SECRET_STATUSES as readonly string[]).includes(status);

export function guardOf(row: Pick<OperationRow, 'unit_code' | 'classification' | 'status'>, units: readonly string[]): Guarded {
  return {
    unit: row.unit_code,
    classification: row.classification as Guarded['classification'],
    sharedWith: [...units, ...JOC_UNITS],
    ...(isSecret(row.status) ? { needToKnow: [...units, ...JOC_UNITS] } : {}),
  };
}

const writesIn = (actor: Actor, unit: string) => {
  const role = actor.memberships.get(unit);
  return role !== undefined && WRITER_ROLES.includes(role);
};

/** An officer or manager of the JOC. */
export function isJocWriter(actor: Actor | null): boolean {
  return actor !== null && JOC_UNITS.some((unit) => writesIn(actor, unit));
}

/** Planning an operation led by `unit`: the JOC's writers, and the leading unit's. */
export function mayPlan(actor: Actor | null, unit: string): boolean {
  return actor !== null && (isJocWriter(actor) || writesIn(actor, unit));
}

/** The units whose operations `actor` may plan, for `/api/auth/me` and the form. */
export function operationUnitsOf(actor: Actor): string[] {
  return [...actor.memberships.keys()].filter((unit) => mayPlan(actor, unit));
}

/** The plan changes while planned or ordered, by those who may plan it. */
export function mayEditOperation(actor: Actor | null, row: OperationRow, units: readonly string[]): boolean {
  if (!actor || !can(actor, 'read', guardOf(row, units))) return false;
  return (row.status === 'planned' || row.status === 'ordered') && mayPlan(actor, row.unit_code);
}

/** The moves `actor` may make now. */
export function allowedTransitions(actor: Actor | null, row: OperationRow, units: readonly string[]): OperationTransition[] {
  if (!actor || !can(actor, 'read', guardOf(row, units))) return [];
  return OPERATION_TRANSITION_NAMES.filter((name) => {
    const move = OPERATION_TRANSITIONS[name];
    if (!(move.from as readonly OperationStatus[]).includes(row.status as OperationStatus)) return false;
    return move.by === 'joc' ? isJocWriter(actor) : units.some((unit) => writesIn(actor, unit));
  });
}

export function mayOnOperation(actor: Actor | null, row: OperationRow, units: readonly string[]): OperationMay {
  const moves = new Set(allowedTransitions(actor, row, units));
  return {
    edit: mayEditOperation(actor, row, units),
    order: moves.has('order'),
    start: moves.has('start'),
    complete: moves.has('complete'),
    cancel: moves.has('cancel'),
  };
}
