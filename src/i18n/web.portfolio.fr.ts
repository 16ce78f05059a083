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
};

export type PortfolioWebCatalog = typeof portfolioWebFr;
