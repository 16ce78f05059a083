import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../contracts/common.js';
import type { Programme } from '../../contracts/protection.js';
import { projectRoot } from '../../platform/paths.js';

/**
 * The vocabularies of protection and accountability records, in French and English: the six
 * grave violations against children (MRM) and the forms of conflict-related sexual violence
 * (files beside this one, see NOTICE.md), and the lists written here from the mission's practice
 * (human-rights and IHL violations, misconduct, explosive-ordnance accidents, age groups,
 * standards of proof, intake channels, referral bodies). Codes are stable identifiers.
 */

export interface ProtectionTerm {
  code: string;
  fr: string;
  en: string;
}

interface SourceTerm {
  id: string;
  label_en: string;
  label_fr: string;
}

function fromFile(file: string, list: 'terms' | 'forms' | 'victim_categories'): ProtectionTerm[] {
  const data = JSON.parse(readFileSync(join(projectRoot(), 'src', 'data', 'vocab', file), 'utf8')) as Record<string, SourceTerm[]>;
  return (data[list] ?? []).map((t) => ({ code: t.id, fr: t.label_fr, en: t.label_en }));
}

const HUMAN_RIGHTS_VIOLATIONS: readonly ProtectionTerm[] = [
  {
    code: 'killing',
    fr: 'Atteinte au droit à la vie (exécution sommaire ou extrajudiciaire, meurtre)',
    en: 'Violation of the right to life (summary or extrajudicial execution, killing)',
  },
  { code: 'injury', fr: 'Atteinte à l’intégrité physique (blessure)', en: 'Violation of physical integrity (injury)' },
  {
    code: 'torture',
    fr: 'Torture et autres traitements cruels, inhumains ou dégradants',
    en: 'Torture and other cruel, inhuman or degrading treatment',
  },
  { code: 'enforced_disappearance', fr: 'Disparition forcée', en: 'Enforced disappearance' },
  { code: 'arbitrary_detention', fr: 'Arrestation et détention arbitraires', en: 'Arbitrary arrest and detention' },
  { code: 'abduction', fr: 'Enlèvement et prise d’otage', en: 'Abduction and hostage-taking' },
  { code: 'sexual_violence', fr: 'Violence sexuelle liée au conflit', en: 'Conflict-related sexual violence' },
  { code: 'attack_on_civilians', fr: 'Attaque contre des civils ou des biens civils', en: 'Attack on civilians or civilian objects' },
  {
    code: 'attack_on_humanitarians',
    fr: 'Attaque contre du personnel ou des biens humanitaires',
    en: 'Attack on humanitarian personnel or assets',
  },
  { code: 'forced_displacement', fr: 'Déplacement forcé', en: 'Forced displacement' },
  { code: 'destruction_of_property', fr: 'Destruction ou pillage de biens', en: 'Destruction or looting of property' },
  {
    code: 'freedom_of_expression',
    fr: 'Atteinte aux libertés d’expression, de réunion ou d’association',
    en: 'Violation of the freedoms of expression, assembly or association',
  },
  { code: 'fair_trial', fr: 'Atteinte au droit à un procès équitable', en: 'Violation of the right to a fair trial' },
  { code: 'child_recruitment', fr: 'Recrutement et utilisation d’enfants', en: 'Recruitment and use of children' },
  { code: 'other', fr: 'Autre violation ou atteinte', en: 'Other violation or abuse' },
];

/** Categories of the UN's misconduct reporting; sexual exploitation and abuse counted apart. */
const MISCONDUCT_CATEGORIES: readonly ProtectionTerm[] = [
  { code: 'sexual_exploitation', fr: 'Exploitation sexuelle', en: 'Sexual exploitation' },
  { code: 'sexual_abuse', fr: 'Atteinte sexuelle', en: 'Sexual abuse' },
  { code: 'sexual_harassment', fr: 'Harcèlement sexuel', en: 'Sexual harassment' },
  { code: 'harassment', fr: 'Harcèlement', en: 'Harassment' },
  { code: 'abuse_of_authority', fr: 'Abus de pouvoir', en: 'Abuse of authority' },
  { code: 'discrimination', fr: 'Discrimination', en: 'Discrimination' },
  { code: 'other_serious_misconduct', fr: 'Autre faute grave', en: 'Other serious misconduct' },
];

const INTAKE_CHANNELS: readonly ProtectionTerm[] = [
  { code: 'hotline', fr: 'Ligne d’assistance téléphonique', en: 'Hotline' },
  { code: 'email', fr: 'Courriel', en: 'E-mail' },
  { code: 'in_person', fr: 'En personne', en: 'In person' },
  { code: 'complaint_box', fr: 'Boîte à plaintes', en: 'Complaint box' },
  { code: 'community_network', fr: 'Réseau communautaire', en: 'Community network' },
];

const MISCONDUCT_REFERRALS: readonly ProtectionTerm[] = [
  { code: 'oios', fr: 'Bureau des services de contrôle interne (BSCI)', en: 'Office of Internal Oversight Services (OIOS)' },
  { code: 'special_investigations_unit', fr: 'Unité spéciale d’enquête de la mission', en: 'Mission’s Special Investigations Unit' },
  { code: 'contributing_country', fr: 'Pays contributeur de troupes ou de police', en: 'Troop- or police-contributing country' },
];

/** Explosive-ordnance accidents, as recorded for victim assistance. */
const EXPLOSIVE_ORDNANCE_ACCIDENTS: readonly ProtectionTerm[] = [
  { code: 'anti_personnel_mine', fr: 'Mine antipersonnel', en: 'Anti-personnel mine' },
  { code: 'anti_vehicle_mine', fr: 'Mine antivéhicule', en: 'Anti-vehicle mine' },
  { code: 'ied', fr: 'Engin explosif improvisé', en: 'Improvised explosive device' },
  { code: 'unexploded_ordnance', fr: 'Munition non explosée', en: 'Unexploded ordnance' },
  { code: 'abandoned_ordnance', fr: 'Munition abandonnée', en: 'Abandoned explosive ordnance' },
  { code: 'other', fr: 'Autre engin explosif', en: 'Other explosive ordnance' },
];

/** Age groups for disaggregation when the exact age is unknown; children are under 18. */
const AGE_GROUPS: readonly (ProtectionTerm & { from: number; to: number | null })[] = [
  { code: '0_4', fr: '0 à 4 ans', en: '0 to 4 years', from: 0, to: 4 },
  { code: '5_11', fr: '5 à 11 ans', en: '5 to 11 years', from: 5, to: 11 },
  { code: '12_17', fr: '12 à 17 ans', en: '12 to 17 years', from: 12, to: 17 },
  { code: '18_59', fr: '18 à 59 ans', en: '18 to 59 years', from: 18, to: 59 },
  { code: '60_plus', fr: '60 ans et plus', en: '60 years and over', from: 60, to: null },
];

/** How well a violation is established, in the order of human-rights fact-finding. */
const STANDARDS_OF_PROOF: readonly ProtectionTerm[] = [
  { code: 'not_verified', fr: 'Non vérifié', en: 'Not verified' },
  { code: 'reasonable_grounds', fr: 'Motifs raisonnables de croire', en: 'Reasonable grounds to believe' },
  { code: 'balance_of_probabilities', fr: 'Prépondérance des probabilités', en: 'Balance of probabilities' },
  { code: 'clear_and_convincing', fr: 'Preuves claires et convaincantes', en: 'Clear and convincing evidence' },
];

/** The five programmes that keep protection records, each owned by one unit. */
const PROGRAMMES: readonly (ProtectionTerm & { code: Programme; unit: string })[] = [
  { code: 'human_rights', fr: 'Violations des droits de l’homme (DDHP)', en: 'Human-rights violations (HRPD)', unit: 'HRPD' },
  { code: 'mrm', fr: 'Six violations graves contre les enfants (MRM)', en: 'Six grave violations against children (MRM)', unit: 'CPU' },
  { code: 'crsv', fr: 'Violences sexuelles liées au conflit', en: 'Conflict-related sexual violence', unit: 'WPA' },
  { code: 'misconduct', fr: 'Allégations de mauvaise conduite (CDT)', en: 'Misconduct allegations (CDT)', unit: 'CDT' },
  { code: 'explosive_ordnance', fr: 'Survivants d’engins explosifs (UNMAS)', en: 'Explosive-ordnance survivors (UNMAS)', unit: 'UNMAS' },
];

/** What a person is to a case (HURIDOCS: victim, perpetrator, source, witness, intervening party). */
const PERSON_ROLES: readonly ProtectionTerm[] = [
  { code: 'victim', fr: 'Victime ou survivant·e', en: 'Victim or survivor' },
  { code: 'perpetrator', fr: 'Auteur présumé', en: 'Alleged perpetrator' },
  { code: 'witness', fr: 'Témoin', en: 'Witness' },
  { code: 'source', fr: 'Source', en: 'Source' },
  { code: 'intervening', fr: 'Partie intervenante', en: 'Intervening party' },
];

const SEXES: readonly ProtectionTerm[] = [
  { code: 'female', fr: 'Féminin', en: 'Female' },
  { code: 'male', fr: 'Masculin', en: 'Male' },
  { code: 'unknown', fr: 'Non connu', en: 'Unknown' },
];

/** Services a victim or survivor is referred to (survivor-centred assistance). */
const SERVICE_KINDS: readonly ProtectionTerm[] = [
  { code: 'medical', fr: 'Soins médicaux', en: 'Medical care' },
  { code: 'psychosocial', fr: 'Soutien psychosocial', en: 'Psychosocial support' },
  { code: 'legal', fr: 'Assistance juridique', en: 'Legal assistance' },
  { code: 'socio_economic', fr: 'Réinsertion socio-économique', en: 'Socio-economic reintegration' },
  { code: 'physical_rehabilitation', fr: 'Réadaptation physique', en: 'Physical rehabilitation' },
  { code: 'safety', fr: 'Mise en sécurité', en: 'Safety and protection' },
];

const SERVICE_STATUSES: readonly ProtectionTerm[] = [
  { code: 'referred', fr: 'Orienté', en: 'Referred' },
  { code: 'in_progress', fr: 'En cours', en: 'In progress' },
  { code: 'completed', fr: 'Terminé', en: 'Completed' },
  { code: 'declined', fr: 'Refusé par la personne', en: 'Declined by the person' },
];

/** What a consent covers. */
const CONSENT_PURPOSES: readonly ProtectionTerm[] = [
  { code: 'referral', fr: 'Orientation vers des services', en: 'Referral to services' },
  { code: 'reporting', fr: 'Inclusion dans les rapports', en: 'Inclusion in reporting' },
  { code: 'sharing', fr: 'Partage avec un partenaire nommé', en: 'Sharing with a named partner' },
];

const CONSENT_GIVERS: readonly ProtectionTerm[] = [
  { code: 'person', fr: 'La personne elle-même', en: 'The person themselves' },
  { code: 'guardian', fr: 'Le parent ou tuteur', en: 'The parent or guardian' },
];

/** Who the person implicated in a misconduct allegation is. */
const PERSONNEL_CATEGORIES: readonly ProtectionTerm[] = [
  { code: 'military', fr: 'Personnel militaire', en: 'Military personnel' },
  { code: 'police', fr: 'Personnel de police', en: 'Police personnel' },
  { code: 'civilian', fr: 'Personnel civil', en: 'Civilian personnel' },
  { code: 'volunteer', fr: 'Volontaire des Nations Unies', en: 'United Nations Volunteer' },
  { code: 'contractor', fr: 'Prestataire', en: 'Contractor' },
  { code: 'unknown', fr: 'Non identifié', en: 'Not identified' },
];

const INVESTIGATION_OUTCOMES: readonly ProtectionTerm[] = [
  { code: 'substantiated', fr: 'Fondée', en: 'Substantiated' },
  { code: 'unsubstantiated', fr: 'Non fondée', en: 'Unsubstantiated' },
  { code: 'closed_without_investigation', fr: 'Close sans enquête', en: 'Closed without investigation' },
];

const ACTIONS_TAKEN: readonly ProtectionTerm[] = [
  { code: 'repatriation', fr: 'Rapatriement', en: 'Repatriation' },
  { code: 'dismissal', fr: 'Licenciement', en: 'Dismissal' },
  { code: 'disciplinary_measure', fr: 'Mesure disciplinaire', en: 'Disciplinary measure' },
  { code: 'national_proceedings', fr: 'Poursuites nationales', en: 'National proceedings' },
  { code: 'none', fr: 'Aucune mesure', en: 'No action' },
];

/** The lines the fact book publishes (DDHP regional call centre, CDT hotline, free GBV line). */
const HOTLINE_LINES: readonly (ProtectionTerm & { number: string; unit: string })[] = [
  { code: 'ddhp_gao', fr: 'Centre d’appel DDHP — Gao', en: 'HRPD call centre — Gao', number: '94951663', unit: 'HRPD' },
  { code: 'ddhp_kidal', fr: 'Centre d’appel DDHP — Kidal', en: 'HRPD call centre — Kidal', number: '94951244', unit: 'HRPD' },
  { code: 'ddhp_menaka', fr: 'Centre d’appel DDHP — Ménaka', en: 'HRPD call centre — Ménaka', number: '94951962', unit: 'HRPD' },
  { code: 'ddhp_mopti', fr: 'Centre d’appel DDHP — Mopti', en: 'HRPD call centre — Mopti', number: '94950028', unit: 'HRPD' },
  { code: 'ddhp_timbuktu', fr: 'Centre d’appel DDHP — Tombouctou', en: 'HRPD call centre — Timbuktu', number: '94951177', unit: 'HRPD' },
  {
    code: 'ddhp_bamako',
    fr: 'Centre d’appel DDHP — Bamako, Kayes, Koulikoro, Ségou, Sikasso et Taoudéni',
    en: 'HRPD call centre — Bamako, Kayes, Koulikoro, Ségou, Sikasso and Taoudeni',
    number: '94951758',
    unit: 'HRPD',
  },
  {
    code: 'cdt_hotline',
    fr: 'Ligne de l’équipe Conduite et Discipline',
    en: 'Conduct and Discipline hotline',
    number: '94950546',
    unit: 'CDT',
  },
  { code: 'gbv_80333', fr: 'Ligne verte VBG 80333', en: 'Free GBV line 80333', number: '80333', unit: 'WPA' },
];

const CALL_LANGUAGES: readonly ProtectionTerm[] = [
  { code: 'fr', fr: 'Français', en: 'French' },
  { code: 'bm', fr: 'Bambara', en: 'Bambara' },
  { code: 'ff', fr: 'Peul (fulfulde)', en: 'Fula (Fulfulde)' },
  { code: 'ses', fr: 'Songhaï', en: 'Songhay' },
  { code: 'tmh', fr: 'Tamasheq', en: 'Tamasheq' },
  { code: 'ar', fr: 'Arabe', en: 'Arabic' },
  { code: 'en', fr: 'Anglais', en: 'English' },
  { code: 'other', fr: 'Autre', en: 'Other' },
];

/** What a caller alleges; decides the intake queue the call is routed to. */
const CALL_CONCERNS: readonly (ProtectionTerm & { programme: string })[] = [
  { code: 'human_rights', fr: 'Violation des droits de l’homme', en: 'Human-rights violation', programme: 'human_rights' },
  { code: 'child', fr: 'Violation grave contre un enfant', en: 'Grave violation against a child', programme: 'mrm' },
  { code: 'sexual_violence', fr: 'Violence sexuelle liée au conflit', en: 'Conflict-related sexual violence', programme: 'crsv' },
  { code: 'misconduct', fr: 'Mauvaise conduite du personnel de l’ONU', en: 'Misconduct by UN personnel', programme: 'misconduct' },
  { code: 'explosive_ordnance', fr: 'Accident d’engin explosif', en: 'Explosive-ordnance accident', programme: 'explosive_ordnance' },
];

/** Where the Human Rights and Protection Division works from (fact book): headquarters, regional offices, mobile teams. */
const OFFICES: readonly ProtectionTerm[] = [
  { code: 'hq', fr: 'Siège (Bamako)', en: 'Headquarters (Bamako)' },
  { code: 'mopti', fr: 'Bureau régional de Mopti', en: 'Mopti regional office' },
  { code: 'timbuktu', fr: 'Bureau régional de Tombouctou', en: 'Timbuktu regional office' },
  { code: 'gao', fr: 'Bureau régional de Gao', en: 'Gao regional office' },
  { code: 'menaka', fr: 'Bureau régional de Ménaka', en: 'Ménaka regional office' },
  { code: 'kidal', fr: 'Bureau régional de Kidal', en: 'Kidal regional office' },
  { code: 'south', fr: 'Bureau Sud', en: 'Southern office' },
  { code: 'mobile_team', fr: 'Équipe itinérante', en: 'Mobile team' },
];

/** The breakdowns de-identified statistics offer. */
const STAT_DIMENSIONS: readonly ProtectionTerm[] = [
  { code: 'quarter', fr: 'Trimestre', en: 'Quarter' },
  { code: 'region', fr: 'Région', en: 'Region' },
  { code: 'violation', fr: 'Violation ou catégorie', en: 'Violation or category' },
  { code: 'party', fr: 'Partie responsable', en: 'Responsible party' },
  { code: 'sex', fr: 'Sexe', en: 'Sex' },
  { code: 'age_group', fr: 'Tranche d’âge', en: 'Age group' },
  { code: 'timeliness', fr: 'Vérification dans la période', en: 'Verified within the period' },
  { code: 'channel', fr: 'Canal de réception', en: 'Intake channel' },
  { code: 'personnel', fr: 'Catégorie de personnel', en: 'Personnel category' },
];

const TIMELINESS: readonly ProtectionTerm[] = [
  { code: 'on_time', fr: 'Vérifiée dans la période', en: 'Verified within the period' },
  { code: 'late', fr: 'Vérifiée après la période (tardive)', en: 'Verified after the period (late)' },
];

export const UNKNOWN_TERM: ProtectionTerm = { code: 'unknown', fr: 'Non connu', en: 'Unknown' };

export interface ProtectionVocabulary {
  humanRightsViolations: readonly ProtectionTerm[];
  graveViolations: readonly ProtectionTerm[];
  crsvForms: readonly ProtectionTerm[];
  crsvVictimCategories: readonly ProtectionTerm[];
  misconductCategories: readonly ProtectionTerm[];
  intakeChannels: readonly ProtectionTerm[];
  misconductReferrals: readonly ProtectionTerm[];
  explosiveOrdnanceAccidents: readonly ProtectionTerm[];
  ageGroups: readonly (ProtectionTerm & { from: number; to: number | null })[];
  standardsOfProof: readonly ProtectionTerm[];
  programmes: readonly (ProtectionTerm & { code: Programme; unit: string })[];
  personRoles: readonly ProtectionTerm[];
  sexes: readonly ProtectionTerm[];
  serviceKinds: readonly ProtectionTerm[];
  serviceStatuses: readonly ProtectionTerm[];
  consentPurposes: readonly ProtectionTerm[];
  consentGivers: readonly ProtectionTerm[];
  personnelCategories: readonly ProtectionTerm[];
  investigationOutcomes: readonly ProtectionTerm[];
  actionsTaken: readonly ProtectionTerm[];
  hotlineLines: readonly (ProtectionTerm & { number: string; unit: string })[];
  callLanguages: readonly ProtectionTerm[];
  callConcerns: readonly (ProtectionTerm & { programme: string })[];
  statDimensions: readonly ProtectionTerm[];
  timeliness: readonly ProtectionTerm[];
  offices: readonly ProtectionTerm[];
}

let cache: ProtectionVocabulary | undefined;

export function protectionVocabulary(): ProtectionVocabulary {
  cache ??= {
    humanRightsViolations: HUMAN_RIGHTS_VIOLATIONS,
    graveViolations: fromFile('mrm-six-grave-violations.json', 'terms'),
    crsvForms: fromFile('crsv-forms.json', 'forms'),
    crsvVictimCategories: fromFile('crsv-forms.json', 'victim_categories'),
    misconductCategories: MISCONDUCT_CATEGORIES,
    intakeChannels: INTAKE_CHANNELS,
    misconductReferrals: MISCONDUCT_REFERRALS,
    explosiveOrdnanceAccidents: EXPLOSIVE_ORDNANCE_ACCIDENTS,
    ageGroups: AGE_GROUPS,
    standardsOfProof: STANDARDS_OF_PROOF,
    programmes: PROGRAMMES,
    personRoles: PERSON_ROLES,
    sexes: SEXES,
    serviceKinds: SERVICE_KINDS,
    serviceStatuses: SERVICE_STATUSES,
    consentPurposes: CONSENT_PURPOSES,
    consentGivers: CONSENT_GIVERS,
    personnelCategories: PERSONNEL_CATEGORIES,
    investigationOutcomes: INVESTIGATION_OUTCOMES,
    actionsTaken: ACTIONS_TAKEN,
    hotlineLines: HOTLINE_LINES,
    callLanguages: CALL_LANGUAGES,
    callConcerns: CALL_CONCERNS,
    statDimensions: STAT_DIMENSIONS,
    timeliness: TIMELINESS,
    offices: OFFICES,
  };
  return cache;
}

/** The age group of an age in years. */
export function ageGroupOf(age: number): string | null {
  return AGE_GROUPS.find((g) => age >= g.from && (g.to === null || age <= g.to))?.code ?? null;
}

/** Every list with labels in one language, for the API. */
export function localizedProtectionVocabulary(locale: Locale) {
  const localize = (terms: readonly ProtectionTerm[]) => terms.map((t) => ({ code: t.code, label: locale === 'fr' ? t.fr : t.en }));
  const v = protectionVocabulary();
  return {
    humanRightsViolations: localize(v.humanRightsViolations),
    graveViolations: localize(v.graveViolations),
    crsvForms: localize(v.crsvForms),
    crsvVictimCategories: localize(v.crsvVictimCategories),
    misconductCategories: localize(v.misconductCategories),
    intakeChannels: localize(v.intakeChannels),
    misconductReferrals: localize(v.misconductReferrals),
    explosiveOrdnanceAccidents: localize(v.explosiveOrdnanceAccidents),
    ageGroups: v.ageGroups.map((g) => ({ code: g.code, label: locale === 'fr' ? g.fr : g.en, from: g.from, to: g.to })),
    standardsOfProof: localize(v.standardsOfProof),
    programmes: v.programmes.map((p) => ({ code: p.code, label: locale === 'fr' ? p.fr : p.en, unit: p.unit })),
    personRoles: localize(v.personRoles),
    sexes: localize(v.sexes),
    serviceKinds: localize(v.serviceKinds),
    serviceStatuses: localize(v.serviceStatuses),
    consentPurposes: localize(v.consentPurposes),
    consentGivers: localize(v.consentGivers),
    personnelCategories: localize(v.personnelCategories),
    investigationOutcomes: localize(v.investigationOutcomes),
    actionsTaken: localize(v.actionsTaken),
    hotlineLines: v.hotlineLines.map((l) => ({ code: l.code, label: locale === 'fr' ? l.fr : l.en, number: l.number, unit: l.unit })),
    callLanguages: localize(v.callLanguages),
    callConcerns: v.callConcerns.map((c) => ({ code: c.code, label: locale === 'fr' ? c.fr : c.en, programme: c.programme })),
    statDimensions: localize(v.statDimensions),
    timeliness: localize(v.timeliness),
    offices: localize(v.offices),
  };
}
