import type { Classification, Locale } from '../contracts/common.js';

/**
 * The common operational picture's reference data: the regions of each of the Force's sectors
 * (Ségou with the Centre, Kayes, Koulikoro and Sikasso with Bamako and the South), the team sites
 * the fact book names, and the words of the daily situation report in French and English.
 */

/** Regions (ISO 3166-2) of each sector. */
export const SECTOR_REGIONS: Readonly<Record<string, readonly string[]>> = {
  north: ['ML-8'],
  east: ['ML-7', 'ML-9'],
  west: ['ML-6'],
  centre: ['ML-5', 'ML-4'],
  bamako: ['ML-BKO', 'ML-1', 'ML-2', 'ML-3'],
};

export function sectorOfRegion(region: string): string | null {
  for (const [sector, regions] of Object.entries(SECTOR_REGIONS)) if (regions.includes(region)) return sector;
  return null;
}

/**
 * The places where the uniformed components are deployed, as the fact book gives them: "25,8 des
 * effectifs déployés à Bamako ; 74,2 % déployés hors de Bamako : à Gao, Tombouctou, Mopti, Kidal,
 * Douentza, Goundam, Ansongo et Ménaka" (UNPOL, p. 7). Coordinates come from the shipped gazetteer.
 */
export const TEAM_SITES: readonly { name: string; sector: string; units: readonly string[] }[] = [
  { name: 'Bamako', sector: 'bamako', units: ['FORCE', 'UNPOL'] },
  { name: 'Gao', sector: 'east', units: ['FORCE', 'UNPOL'] },
  { name: 'Tombouctou', sector: 'west', units: ['FORCE', 'UNPOL'] },
  { name: 'Mopti', sector: 'centre', units: ['FORCE', 'UNPOL'] },
  { name: 'Kidal', sector: 'north', units: ['FORCE', 'UNPOL'] },
  { name: 'Douentza', sector: 'centre', units: ['FORCE', 'UNPOL'] },
  { name: 'Goundam', sector: 'west', units: ['FORCE', 'UNPOL'] },
  { name: 'Ansongo', sector: 'east', units: ['FORCE', 'UNPOL'] },
  { name: 'Ménaka', sector: 'east', units: ['FORCE', 'UNPOL'] },
];

export const SITREP_TEXT = {
  fr: {
    title: 'Rapport de situation quotidien (SITREP)',
    mission: 'Ensemble de la mission',
    period: 'Période du {{from}} au {{to}} (UTC)',
    headings: {
      summary: 'Synthèse',
      operations: 'Opérations',
      incidents: 'Incidents',
      ceasefire: 'Cessez-le-feu : constatations',
      alerts: 'Alertes',
      outlook: 'Perspectives',
    },
    underWay: 'En cours',
    completed: 'Terminées',
    noOperations: 'Aucune opération dans la période.',
    noIncidents: 'Aucun incident dans la période.',
    noFindings: 'Aucune constatation dans la période.',
    noAlerts: 'Aucune alerte ouverte.',
    summaryStart: '{{operations}} opération(s), {{incidents}} incident(s), {{findings}} constatation(s), {{alerts}} alerte(s).',
    killed: 'tués',
    injured: 'blessés',
    findings: { confirmed: 'violation confirmée', not_confirmed: 'violation non confirmée', inconclusive: 'non concluant' },
    draft: 'Projet',
    released: 'Diffusé',
    classification: 'Classification',
    author: 'Rédigé par',
    releasedBy: 'Diffusé par',
    page: 'Page {{page}} sur {{pages}}',
    classes: { public: 'PUBLIC', internal: 'USAGE INTERNE', restricted: 'DIFFUSION RESTREINTE', confidential: 'CONFIDENTIEL' },
  },
  en: {
    title: 'Daily situation report (SITREP)',
    mission: 'Whole mission',
    period: 'Period {{from}} to {{to}} (UTC)',
    headings: {
      summary: 'Summary',
      operations: 'Operations',
      incidents: 'Incidents',
      ceasefire: 'Ceasefire findings',
      alerts: 'Alerts',
      outlook: 'Outlook',
    },
    underWay: 'Under way',
    completed: 'Completed',
    noOperations: 'No operation in the period.',
    noIncidents: 'No incident in the period.',
    noFindings: 'No finding in the period.',
    noAlerts: 'No open alert.',
    summaryStart: '{{operations}} operation(s), {{incidents}} incident(s), {{findings}} finding(s), {{alerts}} alert(s).',
    killed: 'killed',
    injured: 'injured',
    findings: { confirmed: 'violation confirmed', not_confirmed: 'violation not confirmed', inconclusive: 'inconclusive' },
    draft: 'Draft',
    released: 'Released',
    classification: 'Classification',
    author: 'Drafted by',
    releasedBy: 'Released by',
    page: 'Page {{page}} of {{pages}}',
    classes: { public: 'PUBLIC', internal: 'INTERNAL USE', restricted: 'RESTRICTED', confidential: 'CONFIDENTIAL' },
  },
} as const satisfies Record<Locale, { classes: Record<Classification, string> } & Record<string, unknown>>;

export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
