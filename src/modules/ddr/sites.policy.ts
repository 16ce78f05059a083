import type { DdrSiteTable } from '../../db/schema.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';
import { DDR_UNIT, mayReadPerson, mayWorkOnPerson } from './ddr.policy.js';

/**
 * Who may do what with cantonment sites and weapons. A site is internal or public, as its keeper
 * marks it; the DDR section's officers and managers record and change sites. A weapon is tied to a
 * person, so it is read and moved exactly as the person is (the section's managers and the case
 * team, with a second factor). Counts are exact for the section's members, who keep the registry;
 * every other reader gets them with small-cell suppression.
 */

export function siteGuard(row: Pick<DdrSiteTable, 'unit_code' | 'classification'>): Guarded {
  return { unit: row.unit_code, classification: row.classification as Guarded['classification'] };
}

export function mayReadSite(actor: Actor | null, row: Pick<DdrSiteTable, 'unit_code' | 'classification'>): boolean {
  return can(actor, 'read', siteGuard(row));
}

/** Recording and changing sites: the section's officers and managers. */
export function mayKeepSites(actor: Actor | null): boolean {
  return actor !== null && can(actor, 'update', { unit: DDR_UNIT, classification: 'internal' });
}

/** The classifications of sites `actor` reads, as `mayReadSite` decides them. */
export function readableSiteClasses(actor: Actor | null): string[] {
  return actor ? ['public', 'internal'] : ['public'];
}

/** Exact counts for the section's members; suppressed counts for everyone else. */
export function readsExactCounts(actor: Actor | null): boolean {
  return actor?.memberships.has(DDR_UNIT) ?? false;
}

type PersonKeeper = { person_unit: string; person_created_by: string };
const asPerson = (row: PersonKeeper) => ({ unit_code: row.person_unit, created_by: row.person_created_by });

export function mayReadWeapon(actor: Actor | null, row: PersonKeeper): boolean {
  return mayReadPerson(actor, asPerson(row));
}

/** Moving a weapon along its chain: the person's workers, while the weapon is not destroyed. */
export function mayMoveWeapon(actor: Actor, row: PersonKeeper & { status: string }): boolean {
  return row.status !== 'destroyed' && mayWorkOnPerson(actor, asPerson(row));
}
