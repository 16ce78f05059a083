import type { Classification } from '../../contracts/common.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';

/**
 * Who may do what in the results framework, on top of `can()`: a unit's officers and managers
 * define its objectives and indicators and enter their values (the mission's, for the MISSION
 * unit); reads follow each record's class. A fiche figure is bound or unbound by those who may
 * correct it (its unit's officers and managers).
 */

export function guardOf(row: { unit_code: string; classification: string }): Guarded {
  return { unit: row.unit_code, classification: row.classification as Classification };
}

/** May `actor` define objectives (and their indicators) of `unit`? */
export function mayDefineResults(actor: Actor | null, unit: string): boolean {
  return can(actor, 'create', { unit, classification: 'internal' });
}

/** Edit an objective or indicator, or add an indicator to an objective. */
export function mayEditResult(actor: Actor | null, row: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(row)) && can(actor, 'update', guardOf(row));
}

/** Enter a value: only for an indicator entered by hand, by those who may edit it. */
export function mayEnterValue(actor: Actor | null, row: { unit_code: string; classification: string; rule_kind: string | null }): boolean {
  return row.rule_kind === null && mayEditResult(actor, row);
}

/** Bind a fiche figure to an indicator or a rule, or unbind it: who may correct the figure. */
export function mayBindFigure(actor: Actor | null, figure: { unit_code: string; classification: string }): boolean {
  return can(actor, 'read', guardOf(figure)) && can(actor, 'update', guardOf(figure));
}
