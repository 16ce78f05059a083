import type { Locale } from '../../src/contracts/common.js';
import type { Unit } from '../../src/contracts/units.js';

export function unitName(unit: Unit, locale: Locale): string {
  return locale === 'en' ? unit.nameEn : unit.nameFr;
}

export function unitAbbreviation(unit: Unit, locale: Locale): string | null {
  return locale === 'en' ? unit.abbreviationEn : unit.abbreviationFr;
}

/** "Division des droits de l’homme et de la protection (DDHP)", or the code when unknown. */
export function unitLabel(code: string, units: readonly Unit[], locale: Locale): string {
  const unit = units.find((candidate) => candidate.code === code);
  if (!unit) return code;
  const abbreviation = unitAbbreviation(unit, locale);
  const name = unitName(unit, locale);
  return abbreviation && abbreviation !== name ? `${name} (${abbreviation})` : name;
}

/** Whether a unit takes new records and members: pickers offer open units (and what a record already names). */
export function isOpen(unit: Unit): boolean {
  return unit.closedAt === null;
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Arranges the flat unit list as a forest, keeping the server's order among siblings. */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.code, { unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentCode ? nodes.get(node.unit.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
