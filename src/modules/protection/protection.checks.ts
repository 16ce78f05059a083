import type { Programme } from '../../contracts/protection.js';
import { findArea } from '../../data/mali/boundaries.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { ProtectionPersonTable } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { actorRegistry } from '../incidents/incidents.service.js';

/**
 * What every protection service checks of what it is given: the programme's unit and
 * vocabularies, places in Mali, dates not in the future, who counts as a child.
 */

const CHILD_GROUPS = new Set(['0_4', '5_11', '12_17']);

export function formatCaseRef(year: number, n: number): string {
  return `PRO-${year}-${String(n).padStart(6, '0')}`;
}

export function programmeUnit(programme: Programme): string {
  return protectionVocabulary().programmes.find((p) => p.code === programme)?.unit as string;
}

/** The violation vocabulary of a programme. */
export function violationCodes(programme: Programme): Set<string> {
  const v = protectionVocabulary();
  const list = {
    human_rights: v.humanRightsViolations,
    mrm: v.graveViolations,
    crsv: v.crsvForms,
    misconduct: v.misconductCategories,
    explosive_ordnance: v.explosiveOrdnanceAccidents,
  }[programme];
  return new Set(list.map((t) => t.code));
}

/** Parties an act may name: personnel categories for misconduct, the actor registry otherwise. */
export async function partyCodes(ctx: AppContext, programme: Programme): Promise<Set<string>> {
  if (programme === 'misconduct') return new Set(protectionVocabulary().personnelCategories.map((t) => t.code));
  return new Set([...(await actorRegistry(ctx.database.db)).map((a) => a.code), 'unknown']);
}

export function placeIssues(region: string, cercle: string | null, path: string[] = []): { path: string[]; message: string }[] {
  const area = findArea(region);
  if (!area || area.id !== area.regionIso) return [{ path: [...path, 'region'], message: 'region_unknown' }];
  if (cercle !== null) {
    const c = findArea(cercle);
    if (!c || c.id === c.regionIso || c.regionIso !== region) return [{ path: [...path, 'cercle'], message: 'cercle_not_in_region' }];
  }
  return [];
}

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function notInFuture(ctx: AppContext, date: string | null, path: string[]): { path: string[]; message: string }[] {
  return date !== null && date > today(ctx) ? [{ path, message: 'date_in_future' }] : [];
}

export function isChild(person: Pick<ProtectionPersonTable, 'age' | 'age_group'>): boolean {
  return person.age !== null ? person.age < 18 : person.age_group !== null && CHILD_GROUPS.has(person.age_group);
}
