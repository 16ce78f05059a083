import type { Locale } from '../../contracts/common.js';

/**
 * The operations log's vocabularies in French and English: the kinds of operation and activity
 * the Force and UNPOL carry out (patrols, escorts, joint and coordinated operations with the
 * Malian forces, area domination, quick reaction, FPU public order, UNPOL joint patrols and
 * co-location), the statuses of the lifecycle and the mission's sectors. Codes are stable
 * identifiers (src/contracts/operations.ts).
 */

interface Term {
  code: string;
  fr: string;
  en: string;
}

export const OPERATION_TYPE_TERMS: readonly Term[] = [
  { code: 'foot_patrol', fr: 'Patrouille à pied', en: 'Foot patrol' },
  { code: 'mobile_patrol', fr: 'Patrouille motorisée', en: 'Mobile patrol' },
  { code: 'air_patrol', fr: 'Patrouille aérienne', en: 'Air patrol' },
  { code: 'long_range_patrol', fr: 'Patrouille de longue portée', en: 'Long-range patrol' },
  { code: 'convoy_escort', fr: 'Escorte de convoi', en: 'Convoy escort' },
  { code: 'electoral_escort', fr: 'Escorte de matériel électoral', en: 'Escort of electoral material' },
  { code: 'humanitarian_escort', fr: 'Escorte d’acteurs humanitaires', en: 'Escort of humanitarian actors' },
  { code: 'joint_operation', fr: 'Opération conjointe avec les forces maliennes', en: 'Joint operation with the Malian forces' },
  {
    code: 'coordinated_operation',
    fr: 'Opération coordonnée avec les forces maliennes',
    en: 'Coordinated operation with the Malian forces',
  },
  { code: 'area_domination', fr: 'Domination de zone', en: 'Area domination' },
  { code: 'quick_reaction', fr: 'Déploiement de la force de réaction rapide', en: 'Quick-reaction deployment' },
  { code: 'fpu_public_order', fr: 'Opération de maintien de l’ordre (FPU)', en: 'FPU public-order operation' },
  { code: 'unpol_joint_patrol', fr: 'Patrouille conjointe UNPOL', en: 'UNPOL joint patrol' },
  { code: 'unpol_colocation', fr: 'Co-location UNPOL', en: 'UNPOL co-location' },
];

export const OPERATION_STATUS_TERMS: readonly Term[] = [
  { code: 'planned', fr: 'Planifiée', en: 'Planned' },
  { code: 'ordered', fr: 'Ordonnée', en: 'Ordered' },
  { code: 'under_way', fr: 'En cours', en: 'Under way' },
  { code: 'completed', fr: 'Terminée', en: 'Completed' },
  { code: 'cancelled', fr: 'Annulée', en: 'Cancelled' },
];

/** The Force's sectors, and Bamako with the South. */
export const SECTOR_TERMS: readonly Term[] = [
  { code: 'north', fr: 'Secteur Nord (Kidal)', en: 'Sector North (Kidal)' },
  { code: 'east', fr: 'Secteur Est (Gao, Ménaka)', en: 'Sector East (Gao, Ménaka)' },
  { code: 'west', fr: 'Secteur Ouest (Tombouctou)', en: 'Sector West (Timbuktu)' },
  { code: 'centre', fr: 'Secteur Centre (Mopti)', en: 'Sector Centre (Mopti)' },
  { code: 'bamako', fr: 'Bamako et le Sud', en: 'Bamako and the South' },
];

export function termName(terms: readonly Term[], code: string, locale: Locale): string {
  const term = terms.find((t) => t.code === code);
  return term ? term[locale] : code;
}

export function operationVocabularyTerms(locale: Locale) {
  const pick = (terms: readonly Term[]) => terms.map((t) => ({ code: t.code, name: t[locale] }));
  return { types: pick(OPERATION_TYPE_TERMS), statuses: pick(OPERATION_STATUS_TERMS), sectors: pick(SECTOR_TERMS) };
}
