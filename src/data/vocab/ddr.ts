import type { Locale } from '../../contracts/common.js';

/**
 * The DDR registry's vocabularies in French and English: categories of persons, the statuses and
 * steps of the process (pre-registration to integration, reinsertion or leaving), the defence and
 * security forces of Mali that take in integrated ex-combatants, and the reinsertion pathways.
 * Codes are stable identifiers (src/contracts/ddr.ts).
 */

interface Term {
  code: string;
  fr: string;
  en: string;
}

const CATEGORIES: readonly Term[] = [
  { code: 'combatant', fr: 'Ex-combattant', en: 'Ex-combatant' },
  { code: 'associated_member', fr: 'Membre associé', en: 'Associated member' },
  { code: 'woman_associated', fr: 'Femme associée à un groupe armé', en: 'Woman associated with an armed group' },
];

const STATUSES: readonly Term[] = [
  { code: 'pre_registered', fr: 'Pré-enregistré', en: 'Pre-registered' },
  { code: 'registered', fr: 'Enregistré', en: 'Registered' },
  { code: 'enrolled', fr: 'Enrôlement biométrique enregistré', en: 'Biometric enrolment recorded' },
  { code: 'cantoned', fr: 'Cantonné', en: 'Cantoned' },
  { code: 'disarmed', fr: 'Désarmé', en: 'Disarmed' },
  { code: 'demobilised', fr: 'Démobilisé', en: 'Demobilised' },
  { code: 'integrated', fr: 'Intégré', en: 'Integrated' },
  { code: 'reinserted', fr: 'Réinséré / RVC', en: 'Reinserted / CVR' },
  { code: 'left', fr: 'A quitté le processus', en: 'Left the process' },
  { code: 'child_referred', fr: 'Enfant – transmis à la Protection de l’enfance', en: 'Child – referred to Child Protection' },
];

const STEPS: readonly Term[] = [
  { code: 'pre_register', fr: 'Pré-enregistrement', en: 'Pre-registration' },
  { code: 'register', fr: 'Enregistrement', en: 'Registration' },
  { code: 'enrol', fr: 'Enrôlement biométrique (référence nationale)', en: 'Biometric enrolment (national reference)' },
  { code: 'canton', fr: 'Cantonnement', en: 'Cantonment' },
  { code: 'disarm', fr: 'Désarmement', en: 'Disarmament' },
  { code: 'demobilise', fr: 'Démobilisation', en: 'Demobilisation' },
  { code: 'integrate', fr: 'Intégration', en: 'Integration' },
  { code: 'reinsert', fr: 'Réinsertion / RVC', en: 'Reinsertion / CVR' },
  { code: 'leave', fr: 'Sortie du processus', en: 'Left the process' },
  { code: 'child_referral', fr: 'Transmis à la Protection de l’enfance', en: 'Referred to Child Protection' },
];

const FORCES: readonly Term[] = [
  { code: 'fama', fr: 'Forces armées maliennes (FAMa)', en: 'Malian Armed Forces (FAMa)' },
  { code: 'garde_nationale', fr: 'Garde nationale', en: 'National Guard' },
  { code: 'gendarmerie', fr: 'Gendarmerie nationale', en: 'National Gendarmerie' },
  { code: 'police', fr: 'Police nationale', en: 'National Police' },
  { code: 'protection_civile', fr: 'Protection civile', en: 'Civil Protection' },
];

const PATHWAYS: readonly Term[] = [
  { code: 'reinsertion', fr: 'Réinsertion socio-économique', en: 'Socio-economic reinsertion' },
  { code: 'cvr', fr: 'Réduction de la violence communautaire (RVC)', en: 'Community violence reduction (CVR)' },
];

const localize = (terms: readonly Term[], locale: Locale) => terms.map((t) => ({ code: t.code, name: t[locale] }));

export function ddrTerms(locale: Locale) {
  return {
    categories: localize(CATEGORIES, locale),
    statuses: localize(STATUSES, locale),
    steps: localize(STEPS, locale),
    forces: localize(FORCES, locale),
    pathways: localize(PATHWAYS, locale),
  };
}

/** ACLED actor types of the parties that enter DDR: rebel groups (2) and political militias (3). */
export const DDR_MOVEMENT_TYPES: readonly number[] = [2, 3];

/** The fact book's figures shown beside the registry's own counts, as published. */
export const DDR_SOURCED_FIGURES = [
  'ssrddr.mandate.integration_target',
  'ssrddr.ssr.moc_ex_combatants_integrated',
  'ssrddr.ddr.biometric_registration.catch_up',
  'ssrddr.ddr.biometric_registration.accelerated',
] as const;
