import type { Locale } from '../../contracts/common.js';

/**
 * Vocabularies of the DDR registry's cantonment sites and of the weapons and ammunition handed in,
 * in French and English: the services a site offers, its status, the kinds of arms (small arms and
 * light weapons as the ALPC/SALW programmes class them, ammunition, explosives), their condition,
 * and the moves of a weapon's chain of custody. Codes are stable identifiers (src/contracts/ddr-sites.ts).
 */

interface Term {
  code: string;
  fr: string;
  en: string;
}

export const SITE_SERVICES: readonly Term[] = [
  { code: 'water', fr: 'Eau potable', en: 'Drinking water' },
  { code: 'sanitation', fr: 'Assainissement et hygiène', en: 'Sanitation and hygiene' },
  { code: 'health', fr: 'Soins de santé', en: 'Health care' },
  { code: 'food', fr: 'Alimentation', en: 'Food' },
  { code: 'shelter', fr: 'Hébergement', en: 'Shelter' },
  { code: 'electricity', fr: 'Électricité', en: 'Electricity' },
  { code: 'storage', fr: 'Magasin d’armes sécurisé', en: 'Secure weapons store' },
  { code: 'training', fr: 'Formation et sensibilisation', en: 'Training and awareness' },
];

export const SITE_STATUSES: readonly Term[] = [
  { code: 'planned', fr: 'Prévu', en: 'Planned' },
  { code: 'open', fr: 'Ouvert', en: 'Open' },
  { code: 'closed', fr: 'Fermé', en: 'Closed' },
];

export const WEAPON_KINDS: readonly Term[] = [
  {
    code: 'small_arm',
    fr: 'Arme légère de petit calibre (pistolet, fusil, fusil d’assaut)',
    en: 'Small arm (pistol, rifle, assault rifle)',
  },
  {
    code: 'light_weapon',
    fr: 'Arme légère (mitrailleuse, lance-roquettes, mortier)',
    en: 'Light weapon (machine gun, rocket launcher, mortar)',
  },
  { code: 'ammunition', fr: 'Munitions', en: 'Ammunition' },
  { code: 'explosive', fr: 'Explosifs (grenades, mines, charges)', en: 'Explosives (grenades, mines, charges)' },
  { code: 'other', fr: 'Autre matériel', en: 'Other materiel' },
];

export const WEAPON_CONDITIONS: readonly Term[] = [
  { code: 'serviceable', fr: 'En état de fonctionnement', en: 'Serviceable' },
  { code: 'repairable', fr: 'Réparable', en: 'Repairable' },
  { code: 'unserviceable', fr: 'Hors d’usage', en: 'Unserviceable' },
];

export const CUSTODY_MOVES: readonly Term[] = [
  { code: 'hand_in', fr: 'Remise', en: 'Hand-in' },
  { code: 'store', fr: 'Entreposage', en: 'Storage' },
  { code: 'transfer', fr: 'Transfert', en: 'Transfer' },
  { code: 'destroy', fr: 'Destruction', en: 'Destruction' },
];

const localize = (terms: readonly Term[], locale: Locale) => terms.map((t) => ({ code: t.code, name: t[locale] }));

export function ddrSiteTerms(locale: Locale) {
  return {
    services: localize(SITE_SERVICES, locale),
    siteStatuses: localize(SITE_STATUSES, locale),
    weaponKinds: localize(WEAPON_KINDS, locale),
    conditions: localize(WEAPON_CONDITIONS, locale),
    moves: localize(CUSTODY_MOVES, locale),
  };
}

/** The fact book's count of cantonment sites, shown beside the number of sites recorded. */
export const SITES_SOURCED_FIGURE = 'ssrddr.ddr.cantonment_sites.count';
