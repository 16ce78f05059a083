import type { Locale } from '../../contracts/common.js';

/**
 * The sectors a mission's projects fall in: a short list of the OECD Development Assistance
 * Committee's CRS purpose codes (five digits, the codes IATI's `Sector` vocabulary 1 uses).
 * English names as the DAC publishes them; French labels written for Mandat. See NOTICE.md.
 */
export interface Sector {
  code: string;
  en: string;
  fr: string;
}

export const SECTORS: readonly Sector[] = [
  { code: '11220', en: 'Primary education', fr: 'Enseignement primaire' },
  { code: '12220', en: 'Basic health care', fr: 'Soins de santé de base' },
  { code: '14030', en: 'Basic drinking water supply and basic sanitation', fr: 'Eau potable et assainissement de base' },
  { code: '15110', en: 'Public sector policy and administrative management', fr: 'Politiques publiques et gestion administrative' },
  { code: '15130', en: 'Legal and judicial development', fr: 'Développement des systèmes juridique et judiciaire' },
  { code: '15150', en: 'Democratic participation and civil society', fr: 'Participation démocratique et société civile' },
  { code: '15160', en: 'Human rights', fr: 'Droits de la personne' },
  {
    code: '15170',
    en: 'Women’s rights organisations and movements, and government institutions',
    fr: 'Organisations et institutions de défense des droits des femmes',
  },
  { code: '15210', en: 'Security system management and reform', fr: 'Gestion et réforme des systèmes de sécurité' },
  {
    code: '15220',
    en: 'Civilian peace-building, conflict prevention and resolution',
    fr: 'Consolidation de la paix, prévention et règlement des conflits (civil)',
  },
  { code: '15240', en: 'Reintegration and SALW control', fr: 'Réintégration et contrôle des armes légères et de petit calibre' },
  {
    code: '15250',
    en: 'Removal of land mines and explosive remnants of war',
    fr: 'Enlèvement des mines terrestres et des restes explosifs de guerre',
  },
  { code: '15261', en: 'Child soldiers (prevention and demobilisation)', fr: 'Enfants soldats (prévention et démobilisation)' },
  { code: '16020', en: 'Employment creation', fr: 'Création d’emplois' },
  { code: '21020', en: 'Road transport', fr: 'Transport routier' },
  { code: '23210', en: 'Energy generation, renewable sources – multiple technologies', fr: 'Production d’énergie, sources renouvelables' },
  { code: '31120', en: 'Agricultural development', fr: 'Développement agricole' },
  { code: '43040', en: 'Rural development', fr: 'Développement rural' },
  {
    code: '73010',
    en: 'Immediate post-emergency reconstruction and rehabilitation',
    fr: 'Reconstruction et réhabilitation après une situation d’urgence',
  },
];

const byCode = new Map(SECTORS.map((s) => [s.code, s]));

export function findSector(code: string): Sector | undefined {
  return byCode.get(code);
}

export function sectorName(code: string, locale: Locale): string {
  const sector = byCode.get(code);
  return sector ? sector[locale] : code;
}
