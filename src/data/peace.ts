import type { Body, Pillar, Subcommittee } from '../contracts/peace.js';

/**
 * Reference data of the peace process. The pillars are the four titles of the Agreement for
 * Peace and Reconciliation in Mali from the Algiers process (2015); the sub-committees of its
 * Monitoring Committee (CSA) are those the MINUSMA 2020 fact book lists (page 5). The provisions
 * themselves are not shipped: Mediation staff enter or import them.
 */

type Names = { fr: string; en: string };

export const PILLAR_NAMES: Record<Pillar, Names> = {
  political_institutional: { fr: 'Questions politiques et institutionnelles', en: 'Political and institutional questions' },
  defence_security: { fr: 'Défense et sécurité', en: 'Defence and security' },
  development: { fr: 'Développement économique, social et culturel', en: 'Economic, social and cultural development' },
  reconciliation_justice_humanitarian: {
    fr: 'Réconciliation, justice et questions humanitaires',
    en: 'Reconciliation, justice and humanitarian questions',
  },
};

/** The fact book's names, in its order. */
export const SUBCOMMITTEE_NAMES: Record<Subcommittee, Names> = {
  defence_security: { fr: 'Défense et Sécurité', en: 'Defence and Security' },
  justice_reconciliation: { fr: 'Justice et Réconciliation', en: 'Justice and Reconciliation' },
  humanitarian: { fr: 'Questions Humanitaires', en: 'Humanitarian Questions' },
  political_institutional: { fr: 'Questions Politiques et Institutionnelles', en: 'Political and Institutional Questions' },
  development: { fr: 'Développement socioéconomique et culturel', en: 'Socio-economic and Cultural Development' },
};

export const CSA_NAME: Names = { fr: 'Comité de Suivi de l’Accord (CSA)', en: 'Agreement Monitoring Committee (CSA)' };

export function bodyName(body: Body, locale: 'fr' | 'en'): string {
  if (body === 'csa') return CSA_NAME[locale];
  return `${locale === 'fr' ? 'Sous-comité' : 'Sub-committee'} ${SUBCOMMITTEE_NAMES[body][locale]}`;
}

/**
 * The fact book says "ses quatre sous-comités" and then lists five: both are kept, and the
 * difference shown, as for the other figures whose list disagrees with their count.
 */
export const SUBCOMMITTEES_STATED = {
  figure: 'med.csa.subcommittees.count',
  count: 4,
  quote: 'le Comité de Suivi de l’Accord (CSA) et ses quatre sous-comités',
  page: 5,
};

/** The CSA's members as the fact book names them (Mediation, "Partenaires"), offered as delegations. */
export const CSA_DELEGATIONS: readonly string[] = [
  'Gouvernement du Mali',
  'Coordination des Mouvements de l’Azawad (CMA)',
  'Plateforme des Mouvements du 14 juin d’Alger',
  'Médiation internationale',
  'Société civile',
];

/** The Peace Accords Matrix's implementation scale. */
export const PAM_SCALE: Record<0 | 1 | 2 | 3, Names> = {
  0: { fr: 'Non initiée', en: 'Not initiated' },
  1: { fr: 'Minimale', en: 'Minimal' },
  2: { fr: 'Intermédiaire', en: 'Intermediate' },
  3: { fr: 'Complète', en: 'Complete' },
};

export const PAM_SOURCE: Names = {
  fr: 'Échelle de la Peace Accords Matrix (PAM), Kroc Institute for International Peace Studies, Université de Notre Dame',
  en: 'Peace Accords Matrix (PAM) scale, Kroc Institute for International Peace Studies, University of Notre Dame',
};

export const QUOTA_SOURCE: Names = {
  fr: 'Loi n° 2015-052 du 18 décembre 2015 (au moins 30 % de l’un ou l’autre sexe)',
  en: 'Law No. 2015-052 of 18 December 2015 (at least 30 % of either sex)',
};
