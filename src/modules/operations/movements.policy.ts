import { WRITER_ROLES } from '../../contracts/common.js';
import type { SupportAction, SupportStatus } from '../../contracts/support.js';
import type { Actor, Guarded } from '../../platform/policy.js';
import { JOC_UNITS } from './operations.policy.js';

/**
 * Who reads and writes ceasefire movement control and support to the Malian forces, on the rule of
 * the operations log (`operations.policy.ts`): need to know, whatever the role elsewhere — not
 * administrators, not another unit's manager, never public.
 *
 * - Movements (notifications, declarations, observed movements): read by every member of the
 *   Force (its observers included) and of the JOC; recorded and decided (approved or refused) by
 *   their officers and managers, the Force's ceasefire staff.
 * - Support requests: read by the handling unit (the Force, UNPOL or the JOC), the JOC, and the
 *   Human Rights and Protection Division, which assesses the human-rights due diligence (HRDDP);
 *   recorded by the writers of the Force, UNPOL or the JOC; the HRDDP check by the writers of the
 *   division or of the JOC, never by the request's recorder (four eyes); approved or refused by the
 *   JOC; delivered or cancelled by the handling unit or the JOC.
 */

export const CEASEFIRE_STAFF_UNITS: readonly string[] = ['FORCE', ...JOC_UNITS];
export const SUPPORT_UNITS: readonly string[] = ['FORCE', 'UNPOL', ...JOC_UNITS];
export const HRDDP_UNITS: readonly string[] = ['HRPD', ...JOC_UNITS];
/** Beside the handling unit, who always reads a support request. */
export const SUPPORT_READERS: readonly string[] = [...JOC_UNITS, 'HRPD'];

const writesIn = (actor: Actor | null, unit: string) => {
  const role = actor?.memberships.get(unit);
  return role !== undefined && WRITER_ROLES.includes(role);
};
const writesInAny = (actor: Actor | null, units: readonly string[]) => units.some((unit) => writesIn(actor, unit));

export function movementGuard(row: { unit_code: string }): Guarded {
  return { unit: row.unit_code, classification: 'restricted', needToKnow: [row.unit_code, ...CEASEFIRE_STAFF_UNITS] };
}

/** The units `actor` may record movements for. */
export function movementUnitsOf(actor: Actor | null): string[] {
  return CEASEFIRE_STAFF_UNITS.filter((unit) => writesIn(actor, unit));
}

export function mayRecordMovement(actor: Actor | null, unit: string): boolean {
  return CEASEFIRE_STAFF_UNITS.includes(unit) && writesIn(actor, unit);
}

export function mayDecideMovement(actor: Actor | null, row: { kind: string; status: string }): boolean {
  return row.kind !== 'observed' && row.status === 'notified' && writesInAny(actor, CEASEFIRE_STAFF_UNITS);
}

export function supportGuard(row: { unit_code: string }): Guarded {
  return { unit: row.unit_code, classification: 'restricted', needToKnow: [row.unit_code, ...SUPPORT_READERS] };
}

export function supportUnitsOf(actor: Actor | null): string[] {
  return SUPPORT_UNITS.filter((unit) => writesIn(actor, unit));
}

export function mayRecordSupport(actor: Actor | null, unit: string): boolean {
  return SUPPORT_UNITS.includes(unit) && writesIn(actor, unit);
}

type SupportRow = { unit_code: string; status: string; created_by: string };

/** The HRDDP check: before any decision, by the division or the JOC, not by the recorder. */
export function mayAssessHrddp(actor: Actor | null, row: SupportRow): boolean {
  return (
    actor !== null &&
    (row.status === 'requested' || row.status === 'assessed') &&
    writesInAny(actor, HRDDP_UNITS) &&
    actor.id !== row.created_by
  );
}

const MOVES: Record<SupportAction, readonly SupportStatus[]> = {
  approve: ['assessed'],
  refuse: ['requested', 'assessed'],
  deliver: ['approved'],
  cancel: ['requested', 'assessed', 'approved'],
};

/** Whether `actor` is the one who makes `action` (the status is checked apart, for its own error). */
export function makesSupportMove(actor: Actor | null, row: SupportRow, action: SupportAction): boolean {
  if (action === 'approve' || action === 'refuse') return writesInAny(actor, JOC_UNITS);
  return writesIn(actor, row.unit_code) || writesInAny(actor, JOC_UNITS);
}

export function supportMoveFrom(action: SupportAction, status: string): boolean {
  return (MOVES[action] as readonly string[]).includes(status);
}

export function mayOnSupport(actor: Actor | null, row: SupportRow & { hrddp_outcome: string | null }) {
  const move = (action: SupportAction) => supportMoveFrom(action, row.status) && makesSupportMove(actor, row, action);
  return {
    hrddp: mayAssessHrddp(actor, row),
    approve: move('approve') && row.hrddp_outcome !== null && row.hrddp_outcome !== 'refused',
    refuse: move('refuse'),
    deliver: move('deliver'),
    cancel: move('cancel'),
  };
}
