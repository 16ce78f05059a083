import type { Locale } from '../../contracts/common.js';

/**
 * Vocabularies of activities and trainings: topics, the categories of people an activity is
 * for, and the finer age bands a count may be broken down into (children are under 18), in
 * French and English. Written for Mandat from the fact book's reporting of trainings and outreach.
 */
export interface ActivityTerm {
  code: string;
  fr: string;
  en: string;
}

export const ACTIVITY_TOPICS: readonly ActivityTerm[] = [
  { code: 'child_protection', fr: 'Protection de l’enfance', en: 'Child protection' },
  { code: 'sexual_violence', fr: 'Violences sexuelles liées aux conflits', en: 'Conflict-related sexual violence' },
  { code: 'explosive_risk', fr: 'Risques liés aux engins explosifs', en: 'Explosive ordnance risk' },
  { code: 'human_rights', fr: 'Droits de l’homme', en: 'Human rights' },
  { code: 'humanitarian_law', fr: 'Droit international humanitaire', en: 'International humanitarian law' },
  { code: 'rule_of_law', fr: 'État de droit et justice', en: 'Rule of law and justice' },
  { code: 'women_peace_security', fr: 'Femmes, paix et sécurité', en: 'Women, peace and security' },
  { code: 'social_cohesion', fr: 'Cohésion sociale et gestion des conflits', en: 'Social cohesion and conflict management' },
  { code: 'peace_agreement', fr: 'Accord pour la paix et la réconciliation', en: 'Agreement on peace and reconciliation' },
  { code: 'elections', fr: 'Élections', en: 'Elections' },
  { code: 'ddr_cvr', fr: 'DDR et réduction de la violence communautaire', en: 'DDR and community violence reduction' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

export const ACTIVITY_CATEGORIES: readonly ActivityTerm[] = [
  { code: 'security_forces', fr: 'Forces de défense et de sécurité', en: 'Defence and security forces' },
  { code: 'magistrates', fr: 'Magistrats et personnel judiciaire', en: 'Magistrates and judicial staff' },
  { code: 'civil_society', fr: 'Société civile', en: 'Civil society' },
  { code: 'armed_group_members', fr: 'Membres de groupes armés', en: 'Armed-group members' },
  { code: 'community_leaders', fr: 'Leaders communautaires et religieux', en: 'Community and religious leaders' },
  { code: 'youth', fr: 'Jeunes', en: 'Youth' },
  { code: 'womens_associations', fr: 'Associations de femmes', en: 'Women’s associations' },
  { code: 'local_authorities', fr: 'Autorités locales', en: 'Local authorities' },
  { code: 'media', fr: 'Médias', en: 'Media' },
  { code: 'general_public', fr: 'Population', en: 'General public' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

/** Finer age bands; the first two make up the children (under 18), the others the adults. */
export const ACTIVITY_AGE_BANDS: readonly (ActivityTerm & { child: boolean })[] = [
  { code: '0_11', fr: '0 à 11 ans', en: '0 to 11 years', child: true },
  { code: '12_17', fr: '12 à 17 ans', en: '12 to 17 years', child: true },
  { code: '18_24', fr: '18 à 24 ans', en: '18 to 24 years', child: false },
  { code: '25_35', fr: '25 à 35 ans', en: '25 to 35 years', child: false },
  { code: '36_59', fr: '36 à 59 ans', en: '36 to 59 years', child: false },
  { code: '60_plus', fr: '60 ans et plus', en: '60 years and over', child: false },
];

export const ACTIVITY_TOPIC_CODES = ACTIVITY_TOPICS.map((t) => t.code) as [string, ...string[]];
export const ACTIVITY_CATEGORY_CODES = ACTIVITY_CATEGORIES.map((t) => t.code) as [string, ...string[]];
export const ACTIVITY_AGE_BAND_CODES = ACTIVITY_AGE_BANDS.map((t) => t.code) as [string, ...string[]];

/** A term's label in `locale`, or the code itself when it is not in the list. */
export function activityTermName(list: readonly ActivityTerm[], code: string, locale: Locale): string {
  return list.find((t) => t.code === code)?.[locale] ?? code;
}

/** The code of a term given by its code or its French or English label (for CSV files). */
export function activityTermCode(list: readonly ActivityTerm[], cell: string, key: (text: string) => string): string {
  const wanted = key(cell);
  return list.find((t) => key(t.code) === wanted || key(t.fr) === wanted || key(t.en) === wanted)?.code ?? cell;
}

/** The kinds of activity (codes in `src/contracts/activities.ts`). */
export const ACTIVITY_TYPE_TERMS: readonly ActivityTerm[] = [
  { code: 'training', fr: 'Formation', en: 'Training' },
  { code: 'workshop', fr: 'Atelier', en: 'Workshop' },
  { code: 'sensitisation', fr: 'Sensibilisation', en: 'Sensitisation' },
  { code: 'risk_education', fr: 'Éducation aux risques', en: 'Risk education' },
  { code: 'community_meeting', fr: 'Réunion communautaire', en: 'Community meeting' },
];
