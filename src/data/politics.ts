import type { Locale } from '../contracts/common.js';
import type { EVENT_KINDS, REQUEST_KINDS, REQUEST_STATUSES } from '../contracts/elections.js';
import type { FOLLOWUP_STATUSES, PERIOD_KINDS, Topic } from '../contracts/engagements.js';

/** The vocabularies of political engagements and electoral support, in French and English. */

type Names<K extends string> = Record<K, { fr: string; en: string }>;

export const TOPIC_NAMES: Names<Topic> = {
  peace_agreement: { fr: 'Accord pour la paix et la réconciliation', en: 'Peace agreement' },
  elections: { fr: 'Élections', en: 'Elections' },
  security: { fr: 'Sécurité', en: 'Security' },
  human_rights: { fr: 'Droits de l’homme', en: 'Human rights' },
  humanitarian: { fr: 'Questions humanitaires', en: 'Humanitarian issues' },
  constitutional_reform: { fr: 'Réforme constitutionnelle', en: 'Constitutional reform' },
  justice_reconciliation: { fr: 'Justice et réconciliation', en: 'Justice and reconciliation' },
  governance: { fr: 'Gouvernance et institutions', en: 'Governance and institutions' },
  women_peace_security: { fr: 'Femmes, paix et sécurité', en: 'Women, peace and security' },
  development: { fr: 'Développement', en: 'Development' },
};

export const FOLLOWUP_STATUS_NAMES: Names<(typeof FOLLOWUP_STATUSES)[number]> = {
  open: { fr: 'À faire', en: 'Open' },
  in_progress: { fr: 'En cours', en: 'In progress' },
  done: { fr: 'Fait', en: 'Done' },
  dropped: { fr: 'Abandonné', en: 'Dropped' },
};

export const PERIOD_KIND_NAMES: Names<(typeof PERIOD_KINDS)[number]> = {
  week: { fr: 'Rapport hebdomadaire', en: 'Weekly report' },
  month: { fr: 'Rapport mensuel', en: 'Monthly report' },
};

export const EVENT_KIND_NAMES: Names<(typeof EVENT_KINDS)[number]> = {
  registration: { fr: 'Inscription sur les listes', en: 'Voter registration' },
  campaign: { fr: 'Campagne électorale', en: 'Electoral campaign' },
  polling: { fr: 'Jour du scrutin', en: 'Polling day' },
  results: { fr: 'Proclamation des résultats', en: 'Announcement of results' },
  other: { fr: 'Autre étape', en: 'Other milestone' },
};

export const REQUEST_KIND_NAMES: Names<(typeof REQUEST_KINDS)[number]> = {
  logistics: { fr: 'Logistique (matériel électoral)', en: 'Logistics (electoral material)' },
  security: { fr: 'Sécurité (escortes, patrouilles)', en: 'Security (escorts, patrols)' },
  both: { fr: 'Logistique et sécurité', en: 'Logistics and security' },
};

export const REQUEST_STATUS_NAMES: Names<(typeof REQUEST_STATUSES)[number]> = {
  requested: { fr: 'Demandée', en: 'Requested' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  declined: { fr: 'Refusée', en: 'Declined' },
  delivered: { fr: 'Livrée', en: 'Delivered' },
};

/** The words of an assembled report and of its PDF. */
export const REPORT_TEXT = {
  fr: {
    engagements: 'Engagements politiques',
    noEngagements: 'Aucun engagement enregistré sur la période.',
    counterparts: 'Interlocuteurs',
    participants: 'Participants de la Mission',
    topics: 'Thèmes',
    attendance: 'Présents côté interlocuteurs : {{women}} femme(s), {{men}} homme(s)',
    followups: 'Suites à donner',
    noFollowups: 'Aucune suite à donner.',
    deadline: 'échéance',
    csa: 'Comité de suivi de l’Accord (CSA)',
    noCsa: 'Aucune session du CSA sur la période.',
    decisions: 'Décisions et recommandations',
    period: 'Période du {{start}} au {{end}}',
    classification: 'Classification',
    author: 'Rédigé par',
    draft: 'Projet',
    page: 'Page {{page}} sur {{pages}}',
    classes: { public: 'PUBLIC', internal: 'USAGE INTERNE', restricted: 'DIFFUSION RESTREINTE', confidential: 'CONFIDENTIEL' },
  },
  en: {
    engagements: 'Political engagements',
    noEngagements: 'No engagement recorded in the period.',
    counterparts: 'Counterparts',
    participants: 'Mission participants',
    topics: 'Topics',
    attendance: 'Attending on the counterparts’ side: {{women}} woman/women, {{men}} man/men',
    followups: 'Follow-ups',
    noFollowups: 'No follow-up.',
    deadline: 'deadline',
    csa: 'Agreement Monitoring Committee (CSA)',
    noCsa: 'No CSA session in the period.',
    decisions: 'Decisions and recommendations',
    period: 'Period from {{start}} to {{end}}',
    classification: 'Classification',
    author: 'Drafted by',
    draft: 'Draft',
    page: 'Page {{page}} of {{pages}}',
    classes: { public: 'PUBLIC', internal: 'INTERNAL USE', restricted: 'RESTRICTED', confidential: 'CONFIDENTIAL' },
  },
} as const satisfies Record<Locale, unknown>;

export function nameIn<K extends string>(names: Names<K>, code: K, locale: Locale): string {
  return names[code][locale];
}
