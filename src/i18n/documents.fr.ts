/** Labels of generated documents (fiche d’information, PDF), in French (the reference catalog). */
export const documentsFr = {
  factsheet: {
    title: 'Fiche d’information',
    mission: 'Mission',
    resolution: 'Résolution {{number}} ({{year}})',
    chapter: 'Chapitre VII de la Charte des Nations Unies',
    principles: 'Principes',
    leadership: 'Direction de la mission',
    strength: 'Effectifs autorisés et déployés',
    authorised: 'Autorisés',
    deployed: 'Déployés',
    kinds: {
      mandate: 'Mandat',
      context: 'Présentation',
      task: 'Tâches',
      result: 'Résultats',
      figures: 'Effectifs et données',
      partners: 'Partenaires',
      contacts: 'Contacts',
    },
    qualifiers: {
      more_than: 'plus de {{value}}',
      nearly: 'près de {{value}}',
      approximately: 'environ {{value}}',
      at_least: 'au moins {{value}}',
      maximum: 'au plus {{value}}',
    },
    units: {
      days_one: '{{value}} jour',
      days_other: '{{value}} jours',
      months_one: '{{value}} mois',
      months_other: '{{value}} mois',
      years_one: '{{value}} an',
      years_other: '{{value}} ans',
    },
    since: 'depuis {{start}}',
    keyFigures: 'Chiffres clés',
    figure: 'Indicateur',
    value: 'Valeur',
    period: 'Période',
    source: 'Source',
    page: 'p. {{page}}',
    computed: 'calculé',
    warning: 'Attention',
    freeLine: 'ligne gratuite',
    places: 'Lieux',
    partnerRegistry: 'Organisations partenaires',
    generated: 'Généré le {{date}} à partir des données de Mandat',
    pageOf: 'Page {{page}} sur {{pages}}',
  },
  notifications: {
    incident_to_verify: {
      subject: 'Mandat : un incident attend votre vérification',
      body: 'Un incident attend votre vérification : {{link}}',
    },
    call_waiting: {
      subject: 'Mandat : un appel attend dans votre file',
      body: 'Un appel attend dans la file de votre unité : {{link}}',
    },
    alert_raised: {
      subject: 'Mandat : une alerte a été levée pour votre unité',
      body: 'Une alerte a été levée pour votre unité : {{link}}',
    },
    footer:
      'Ce message ne contient aucune information du dossier : ouvrez le lien et connectez-vous pour le consulter.\nPour ne plus recevoir ces messages : {{account}}',
  },
};
export type DocumentsCatalog = typeof documentsFr;
