import type { FacilityKind, FacilityStatus } from '../../contracts/justice.js';

/** Names of the kinds of courts and prisons, of a facility's status and of staff roles, in French and English. */

export const KIND_NAMES: Record<FacilityKind, { fr: string; en: string }> = {
  court_appeal: { fr: 'Cour d’appel', en: 'Court of appeal' },
  court_first_instance: { fr: 'Tribunal de grande instance', en: 'High court (tribunal de grande instance)' },
  court_instance: { fr: 'Tribunal d’instance', en: 'District court (tribunal d’instance)' },
  court_peace_extended: {
    fr: 'Justice de paix à compétence étendue',
    en: 'Justice of the peace with extended jurisdiction',
  },
  court_military: { fr: 'Tribunal militaire', en: 'Military court' },
  court_other: { fr: 'Autre juridiction', en: 'Other court' },
  prison_remand: { fr: 'Maison d’arrêt et de correction', en: 'Remand and correctional centre (maison d’arrêt)' },
  prison: { fr: 'Prison / centre de détention', en: 'Prison / detention centre' },
};

export const STATUS_NAMES: Record<FacilityStatus, { fr: string; en: string }> = {
  functional: { fr: 'Fonctionnel', en: 'Functional' },
  partly_functional: { fr: 'En partie fonctionnel', en: 'Partly functional' },
  not_functional: { fr: 'Non fonctionnel', en: 'Not functional' },
};

export const ROLE_NAMES: Record<string, { fr: string; en: string }> = {
  magistrate: { fr: 'Magistrats', en: 'Magistrates' },
  registrar: { fr: 'Greffiers', en: 'Registrars' },
  prison_staff: { fr: 'Personnel pénitentiaire', en: 'Prison staff' },
  security: { fr: 'Sécurité', en: 'Security' },
  other: { fr: 'Autres', en: 'Others' },
};

/** The fact book's figures on justice and corrections (indicators, unit JCS), kept beside the computed ones. */
export const JUSTICE_SOURCED_FIGURES = {
  courtsFunctional: 'jcs.courts.functional',
  courtsTotal: 'jcs.courts.total',
  prisonsFunctional: 'jcs.prisons.functional',
  prisonsTotal: 'jcs.prisons.total',
  computerised: 'jcs.prisons.computerised_records',
} as const;
