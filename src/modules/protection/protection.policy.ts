import { type CaseMay, type CaseStatus, PROGRAMMES, type Programme, WORKFLOWS } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { ProtectionCaseTable } from '../../db/schema.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Who may do what with a protection case. A case is `confidential`, always: its unit's managers
 * and its case team read it; team members who are the unit's officers and the managers work on
 * it; only managers assign the team. Nobody else — not an administrator, not another unit's
 * manager, not the hotline operator who took the call — learns that it exists.
 */
export function caseGuard(row: Pick<ProtectionCaseTable, 'unit_code'>, team: readonly string[]): Guarded {
  return { unit: row.unit_code, classification: 'confidential', caseTeam: team };
}

export function mayReadCase(actor: Actor | null, row: Pick<ProtectionCaseTable, 'unit_code'>, team: readonly string[]): boolean {
  return can(actor, 'read', caseGuard(row, team));
}

export function mayWorkOnCase(actor: Actor, row: Pick<ProtectionCaseTable, 'unit_code'>, team: readonly string[]): boolean {
  return can(actor, 'update', caseGuard(row, team));
}

export function mayAssignTeam(actor: Actor, row: Pick<ProtectionCaseTable, 'unit_code'>): boolean {
  return can(actor, 'assignTeam', caseGuard(row, []));
}

/** The unit that keeps a programme's cases. */
function unitOf(programme: Programme): string {
  return protectionVocabulary().programmes.find((p) => p.code === programme)?.unit as string;
}

/**
 * May `actor` open a case of `programme`, and work the intake queue of its unit: the unit's
 * officers and managers (with a second factor, which every protection route asks first).
 */
export function mayOpenCase(actor: Actor, programme: Programme): boolean {
  const role = actor.memberships.get(unitOf(programme));
  return role === 'officer' || role === 'manager';
}

/** The programmes whose cases `actor` may open. */
export function openableProgrammes(actor: Actor): Programme[] {
  return PROGRAMMES.filter((programme) => mayOpenCase(actor, programme));
}

/** The units of those programmes: where `actor` opens cases and works the call queue. */
export function caseUnitsOf(actor: Actor): string[] {
  return [...new Set(openableProgrammes(actor).map(unitOf))];
}

/** May `actor` record a call on a line run by `unit`: its operators, officers and managers. */
export function mayAnswerFor(actor: Actor, unit: string): boolean {
  return ['operator', 'officer', 'manager'].includes(actor.memberships.get(unit) ?? '');
}

/** The hotline lines `actor` may record calls on. */
export function answerableLines(actor: Actor): string[] {
  return protectionVocabulary()
    .hotlineLines.filter((line) => mayAnswerFor(actor, line.unit))
    .map((line) => line.code);
}

/** The moves the workflow allows from the case's status, for someone who may work on it. */
export function movesFrom(programme: Programme, status: string): string[] {
  return Object.entries(WORKFLOWS[programme].moves)
    .filter(([, move]) => move.from.includes(status as CaseStatus))
    .map(([name]) => name);
}

/**
 * Every action on a case its reader may take, one flag each, as the write routes decide it
 * (`CaseMay`). Only for a reader of the case: anyone else is told nothing about it.
 */
export function mayOnCase(
  actor: Actor,
  row: Pick<ProtectionCaseTable, 'unit_code' | 'programme' | 'status'>,
  team: readonly string[],
): CaseMay {
  const work = mayWorkOnCase(actor, row, team);
  const possible = new Set(movesFrom(row.programme as Programme, row.status));
  return {
    edit: work,
    attach: work,
    reveal: mayReadCase(actor, row, team),
    assignTeam: mayAssignTeam(actor, row),
    moves: Object.fromEntries(Object.keys(WORKFLOWS[row.programme as Programme].moves).map((move) => [move, work && possible.has(move)])),
  };
}

/** The second-factor rule of confidential content, kept where every protection service finds it. */
export { requireSecondFactor } from '../../platform/policy.js';

/** The reporting period (calendar quarter) of a date: `Q1`…`Q4`. */
export function quarterOf(date: string): string {
  return `Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * MRM: a violation verified after the end of the reporting period (quarter) in which it occurred
 * is late; the Secretary-General's reports count it apart.
 */
export function isLateVerification(occurredOn: string, verification: string, verifiedOn: string | null): boolean {
  if (verification !== 'verified' || verifiedOn === null) return false;
  const month = Math.floor((Number(occurredOn.slice(5, 7)) - 1) / 3) * 3 + 3;
  const end = new Date(Date.UTC(Number(occurredOn.slice(0, 4)), month, 0)).toISOString().slice(0, 10);
  return verifiedOn > end;
}
