/**
 * Interface strings of the portfolio's dashboard and map (projects and funds), and of its IATI
 * publication, in French (the reference catalog of this area).
 */
export const portfolioWebFr = {
  title: 'Tableau de bord du portefeuille',
  intro:
    'Les projets que vous pouvez lire, pour le filtre choisi : nombre par statut, montants engagés et décaissés en dollars des États-Unis (exacts), personnes prévues et atteintes et, parmi elles, les femmes ; par fonds, unité et région, puis sur la carte du Mali.',
  views: 'Vues du portefeuille',
  list: 'Liste',
  dashboard: 'Tableau de bord et carte',
  iati: 'Publication IATI (XML 2.03)',
  iatiHint:
    'Le fichier IATI ne contient que les projets publics à partir de leur approbation, les mêmes pour tout le monde : ni notes, ni auteurs, ni projets internes ou restreints.',
  summary: {
    projects_one: '{{formatted}} projet',
    projects_other: '{{formatted}} projets',
    committed: 'Engagé : {{amount}}',
    disbursed: 'Décaissé : {{amount}}',
  },
  tables: {
    byStatus: 'Par statut',
    byFund: 'Par fonds',
    byUnit: 'Par unité',
    byRegion: 'Par région',
    byStatusCaption: 'Projets, montants en USD, personnes prévues et atteintes (dont femmes), par statut',
    byFundCaption: 'Projets, montants en USD, personnes prévues et atteintes (dont femmes), par fonds',
    byUnitCaption: 'Projets, montants en USD, personnes prévues et atteintes (dont femmes), par unité',
    byRegionCaption: 'Projets, montants en USD, personnes prévues et atteintes (dont femmes), par région',
    regionNote: 'Un projet présent dans plusieurs régions compte dans chacune : les régions ne s’additionnent pas au total.',
    group: 'Groupe',
    count: 'Projets',
    committed: 'Engagé',
    disbursed: 'Décaissé',
    plannedPeople: 'Prévues',
    plannedWomen: 'dont femmes',
    reachedPeople: 'Atteintes',
    reachedWomen: 'dont femmes',
    all: 'Ensemble',
    empty: 'Aucun projet pour ce filtre.',
  },
  map: {
    title: 'Carte des projets',
    label: 'Carte des lieux des projets au Mali',
    keyboard:
      'Au clavier : Tab atteint la carte puis chaque lieu ; Entrée ouvre un projet ou rapproche un groupe ; les flèches déplacent la carte, + et − zooment.',
    projectLabel: 'Projet : {{title}}',
    groupLabel_one: '{{count}} lieu de projet : rapprocher',
    groupLabel_other: '{{count}} lieux de projets : rapprocher',
    cercleTooltip_one: '{{name}} : {{formatted}} lieu de projet',
    cercleTooltip_other: '{{name}} : {{formatted}} lieux de projets',
    truncated: 'La carte ne montre que les {{count}} lieux les plus récents : précisez le filtre.',
    previewOpen: 'Ouvrir le projet',
    previewClose: 'Fermer',
    previewPlace: 'Lieu',
    previewStatus: 'Statut',
    coordinates: 'Coordonnées',
  },
  import: {
    title: 'Importer un portefeuille (CSV)',
    intro:
      'Les colonnes de l’export du portefeuille (séparateur virgule, ou point-virgule avec la virgule décimale), un projet par ligne et au plus un lieu : nom du répertoire des localités (place), ou latitude et longitude. Obligatoires : fund, title_fr, sector, planned_start, planned_end, currency, rate_to_usd, rate_date, budget (montant dans la devise). Chaque projet importé est proposé, puis suit le cycle de vie ; les colonnes calculées de l’export (id, statut, montants engagés, décaissés et en USD) sont ignorées.',
    unit: 'Unité des lignes qui n’en indiquent pas',
    file: 'Fichier CSV',
    fileMissing: 'Choisissez un fichier CSV.',
    fileUnreadable: 'Le fichier ne peut pas être lu.',
    submit: 'Importer',
    submitting: 'Import en cours…',
    reportTitle: 'Rapport d’import',
    rows: 'Lignes lues',
    imported: 'Projets importés',
    errors: 'Erreurs',
    done_one: 'Import terminé : {{formatted}} projet proposé.',
    done_other: 'Import terminé : {{formatted}} projets proposés.',
    nothing: 'Rien n’a été importé : le fichier contient des erreurs. Corrigez-les, puis importez le fichier de nouveau en entier.',
    errorsCaption: 'Erreurs, ligne par ligne',
    line: 'Ligne',
    column: 'Colonne',
    message: 'Erreur',
    wholeLine: 'toute la ligne',
  },
};

export type PortfolioWebCatalog = typeof portfolioWebFr;
