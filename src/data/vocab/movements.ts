import type { Locale } from '../../contracts/common.js';

/**
 * The vocabularies of ceasefire movement control and of support to the Malian forces, in French
 * and English. Codes are stable identifiers (src/contracts/movements.ts, src/contracts/support.ts).
 */

interface Term {
  code: string;
  fr: string;
  en: string;
}

export const MOVEMENT_KIND_TERMS: readonly Term[] = [
  { code: 'movement', fr: 'Notification de mouvement', en: 'Movement notification' },
  { code: 'declaration', fr: 'Déclaration d’armement', en: 'Weapons declaration' },
  { code: 'observed', fr: 'Mouvement observé sans notification', en: 'Movement observed without notification' },
];

export const MOVEMENT_STATUS_TERMS: readonly Term[] = [
  { code: 'notified', fr: 'Notifié', en: 'Notified' },
  { code: 'approved', fr: 'Approuvé', en: 'Approved' },
  { code: 'refused', fr: 'Refusé', en: 'Refused' },
  { code: 'observed', fr: 'Observé', en: 'Observed' },
];

export const WEAPON_KIND_TERMS: readonly Term[] = [
  { code: 'small_arms', fr: 'Armes légères', en: 'Small arms' },
  { code: 'machine_guns', fr: 'Mitrailleuses', en: 'Machine guns' },
  { code: 'heavy_weapons', fr: 'Armes lourdes', en: 'Heavy weapons' },
  { code: 'mortars', fr: 'Mortiers', en: 'Mortars' },
  { code: 'rocket_launchers', fr: 'Lance-roquettes', en: 'Rocket launchers' },
  { code: 'ammunition', fr: 'Munitions (caisses)', en: 'Ammunition (boxes)' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

export const SUPPORT_KIND_TERMS: readonly Term[] = [
  { code: 'transport', fr: 'Transport', en: 'Transport' },
  { code: 'logistics', fr: 'Logistique', en: 'Logistics' },
  { code: 'medevac', fr: 'Évacuation sanitaire', en: 'Medical evacuation' },
  { code: 'fuel', fr: 'Carburant', en: 'Fuel' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

export const MALIAN_FORCE_TERMS: readonly Term[] = [
  { code: 'fama', fr: 'Forces armées maliennes (FAMa)', en: 'Malian Armed Forces (FAMa)' },
  { code: 'gendarmerie', fr: 'Gendarmerie nationale', en: 'National Gendarmerie' },
  { code: 'police', fr: 'Police nationale', en: 'National Police' },
  { code: 'garde_nationale', fr: 'Garde nationale', en: 'National Guard' },
  { code: 'protection_civile', fr: 'Protection civile', en: 'Civil Protection' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

export const SUPPORT_STATUS_TERMS: readonly Term[] = [
  { code: 'requested', fr: 'Demandé', en: 'Requested' },
  { code: 'assessed', fr: 'Évalué (PDDDH)', en: 'Assessed (HRDDP)' },
  { code: 'approved', fr: 'Approuvé', en: 'Approved' },
  { code: 'refused', fr: 'Refusé', en: 'Refused' },
  { code: 'delivered', fr: 'Fourni', en: 'Delivered' },
  { code: 'cancelled', fr: 'Annulé', en: 'Cancelled' },
];

export const HRDDP_OUTCOME_TERMS: readonly Term[] = [
  { code: 'no_risk', fr: 'Aucun risque', en: 'No risk' },
  { code: 'mitigation', fr: 'Mesures d’atténuation requises', en: 'Mitigation measures required' },
  { code: 'refused', fr: 'Appui refusé', en: 'Support refused' },
];

export const pick = (terms: readonly Term[], locale: Locale) => terms.map((t) => ({ code: t.code, name: t[locale] }));
