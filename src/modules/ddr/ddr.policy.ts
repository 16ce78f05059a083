import { DDR_STEPS, type DdrMay, type DdrStatus, type DdrStepName } from '../../contracts/ddr.js';
import type { DdrPersonTable } from '../../db/schema.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Who may do what in the DDR registry. A person's record is `confidential`, always: the DDR
 * section's managers and the record's case team (the officer who registered the person) read and
 * work on it, with a second factor, as for protection content. Nobody else — not an administrator,
 * not another section's manager — learns that it exists. Aggregates (counts by step and movement)
 * are internal: any signed-in member reads them.
 */

/** The section that keeps the registry. */
export const DDR_UNIT = 'SSR-DDR';

export function personGuard(row: Pick<DdrPersonTable, 'unit_code' | 'created_by'>): Guarded {
  return { unit: row.unit_code, classification: 'confidential', caseTeam: [row.created_by] };
}

export function mayReadPerson(actor: Actor | null, row: Pick<DdrPersonTable, 'unit_code' | 'created_by'>): boolean {
  return can(actor, 'read', personGuard(row));
}

export function mayWorkOnPerson(actor: Actor, row: Pick<DdrPersonTable, 'unit_code' | 'created_by'>): boolean {
  return can(actor, 'update', personGuard(row));
}

/** Registering a person: the section's officers and managers. */
export function mayRegister(actor: Actor): boolean {
  const role = actor.memberships.get(DDR_UNIT);
  return role === 'officer' || role === 'manager';
}

/** Deciding whether two records are one person, and setting targets: the section's managers. */
export function mayDecide(actor: Actor | null): boolean {
  return actor?.memberships.get(DDR_UNIT) === 'manager';
}

/**
 * Which records a list may hold for `actor`, in the terms of `can`: all of the section's for its
 * managers, those they registered for its officers, none for anyone else.
 */
export function listScope(actor: Actor): { all: true } | { createdBy: string } | null {
  const role = actor.memberships.get(DDR_UNIT);
  if (role === 'manager') return { all: true };
  if (role === 'officer') return { createdBy: actor.id };
  return null;
}

/** The steps the process allows from `status`. */
export function stepsFrom(status: string): DdrStepName[] {
  return (Object.keys(DDR_STEPS) as DdrStepName[]).filter((step) =>
    (DDR_STEPS[step].from as readonly DdrStatus[]).includes(status as DdrStatus),
  );
}

/** Every action on a person its reader may take, one flag each, as the write routes decide it. */
export function mayOnPerson(actor: Actor, row: Pick<DdrPersonTable, 'unit_code' | 'created_by' | 'status' | 'duplicate_of'>): DdrMay {
  const work = mayWorkOnPerson(actor, row) && row.duplicate_of === null;
  const possible = new Set(stepsFrom(row.status));
  return {
    steps: Object.fromEntries((Object.keys(DDR_STEPS) as DdrStepName[]).map((step) => [step, work && possible.has(step)])),
    reveal: mayReadPerson(actor, row),
    handIn: work && row.status !== 'child_referred',
  };
}
