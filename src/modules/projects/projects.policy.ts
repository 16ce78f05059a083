import {
  type Currency,
  PROJECT_TRANSITION_NAMES,
  PROJECT_TRANSITIONS,
  type ProjectMay,
  type ProjectTransition,
  QIP_CEILING_USD_MINOR,
  QIP_MAX_MONTHS,
} from '../../contracts/projects.js';
import type { ProjectTable } from '../../db/schema.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';
import { addMonths, toUsdMinor } from './projects.money.js';
import type { ProjectRow } from './projects.repository.js';

/**
 * Projects' rules on top of `can()`: the owning unit's officers and managers keep a project;
 * approval and closing are a manager's; approval, and the approval of a QIP's exception, are
 * never made by the person who proposed it or recorded the exception (four eyes); a closed or
 * cancelled project is frozen.
 */

export const FROZEN_STATUSES: readonly string[] = ['closed', 'cancelled'];

export function guardOf(row: Pick<ProjectRow, 'unit_code' | 'classification'>): Guarded {
  return { unit: row.unit_code, classification: row.classification as Guarded['classification'] };
}

/** Where a QIP stands against the mission's rule: within USD 50,000 and six months (planned, and actual once known), or not. */
export function qipWithinLimits(
  p: Pick<ProjectTable, 'budget_minor' | 'currency' | 'rate_to_usd' | 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end'>,
) {
  const ceiling = toUsdMinor(p.budget_minor, p.currency as Currency, p.rate_to_usd) <= QIP_CEILING_USD_MINOR;
  const planned = p.planned_end <= addMonths(p.planned_start, QIP_MAX_MONTHS);
  const actual = !p.actual_start || !p.actual_end || p.actual_end <= addMonths(p.actual_start, QIP_MAX_MONTHS);
  return { ceiling, duration: planned && actual };
}

/** A QIP beyond its limits is approved only once a second person has approved its exception. */
export function approvable(row: ProjectRow): boolean {
  if (row.fund !== 'qip' || row.exception_approved_at !== null) return true;
  const within = qipWithinLimits(row);
  return within.ceiling && within.duration;
}

const isManager = (actor: Actor, row: Pick<ProjectRow, 'unit_code'>) => actor.memberships.get(row.unit_code) === 'manager';

/** May `actor` change the project's facts (and record its commitments and disbursements, once approved)? */
export function mayEditProject(actor: Actor | null, row: ProjectRow): boolean {
  if (!actor || FROZEN_STATUSES.includes(row.status)) return false;
  return can(actor, 'update', guardOf(row));
}

/** Money moves only once the project is approved, and until it is closed. */
export function mayTransact(actor: Actor | null, row: ProjectRow): boolean {
  return mayEditProject(actor, row) && ['approved', 'ongoing', 'finalised'].includes(row.status);
}

/** A manager of the unit other than the person who recorded the exception, while one waits. */
export function mayApproveException(actor: Actor | null, row: ProjectRow): boolean {
  if (!actor || !mayEditProject(actor, row) || !isManager(actor, row)) return false;
  return row.exception_justification !== null && row.exception_approved_at === null && row.exception_by !== actor.id;
}

/** The moves `actor` may make now. */
export function allowedTransitions(actor: Actor | null, row: ProjectRow): ProjectTransition[] {
  if (!actor || !can(actor, 'update', guardOf(row))) return [];
  return PROJECT_TRANSITION_NAMES.filter((name) => {
    const move = PROJECT_TRANSITIONS[name];
    if (!(move.from as readonly string[]).includes(row.status)) return false;
    if (move.by === 'manager' && !isManager(actor, row)) return false;
    if (name === 'approve' && (row.created_by === actor.id || !approvable(row))) return false;
    return true;
  });
}

export function mayOnProject(actor: Actor | null, row: ProjectRow): ProjectMay {
  const moves = new Set(allowedTransitions(actor, row));
  return {
    edit: mayEditProject(actor, row),
    transact: mayTransact(actor, row),
    approveException: mayApproveException(actor, row),
    review: moves.has('review'),
    approve: moves.has('approve'),
    start: moves.has('start'),
    finalise: moves.has('finalise'),
    close: moves.has('close'),
    cancel: moves.has('cancel'),
  };
}

/** May `actor` propose a project for `unit`? */
export function mayCreateProject(actor: Actor | null, unit: string): boolean {
  return can(actor, 'create', { unit, classification: 'internal' });
}

/** The units whose projects `actor` may propose, for `/api/auth/me`. */
export function projectUnitsOf(actor: Actor): string[] {
  return [...actor.memberships.keys()].filter((unit) => mayCreateProject(actor, unit));
}
