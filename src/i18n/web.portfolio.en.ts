import type { PortfolioWebCatalog } from './web.portfolio.fr.js';

/** Interface strings of the portfolio's dashboard and map, and of its IATI publication, in English. */
export const portfolioWebEn: PortfolioWebCatalog = {
  title: 'Portfolio dashboard',
  intro:
    'The projects you may read, for the chosen filter: number by status, amounts committed and disbursed in US dollars (exact), people planned and reached with the women among them; by fund, unit and region, then on the map of Mali.',
  views: 'Views of the portfolio',
  list: 'List',
  dashboard: 'Dashboard and map',
  iati: 'IATI publication (XML 2.03)',
  iatiHint:
    'The IATI file holds only the public projects from their approval on, the same for everyone: no notes, no authors, no internal or restricted project.',
  summary: {
    projects_one: '{{formatted}} project',
    projects_other: '{{formatted}} projects',
    committed: 'Committed: {{amount}}',
    disbursed: 'Disbursed: {{amount}}',
  },
  tables: {
    byStatus: 'By status',
    byFund: 'By fund',
    byUnit: 'By unit',
    byRegion: 'By region',
    byStatusCaption: 'Projects, amounts in USD, people planned and reached (of whom women), by status',
    byFundCaption: 'Projects, amounts in USD, people planned and reached (of whom women), by fund',
    byUnitCaption: 'Projects, amounts in USD, people planned and reached (of whom women), by unit',
    byRegionCaption: 'Projects, amounts in USD, people planned and reached (of whom women), by region',
    regionNote: 'A project in several regions counts in each: the regions do not add up to the total.',
    group: 'Group',
    count: 'Projects',
    committed: 'Committed',
    disbursed: 'Disbursed',
    plannedPeople: 'Planned',
    plannedWomen: 'of whom women',
    reachedPeople: 'Reached',
    reachedWomen: 'of whom women',
    all: 'All',
    empty: 'No project for this filter.',
  },
  map: {
    title: 'Map of projects',
    label: 'Map of the projects’ places in Mali',
    keyboard:
      'With the keyboard: Tab reaches the map, then each place; Enter opens a project or zooms into a group; the arrows move the map, + and − zoom.',
    projectLabel: 'Project: {{title}}',
    groupLabel_one: '{{count}} project place: zoom in',
    groupLabel_other: '{{count}} project places: zoom in',
    cercleTooltip_one: '{{name}}: {{formatted}} project place',
    cercleTooltip_other: '{{name}}: {{formatted}} project places',
    truncated: 'The map shows only the {{count}} most recent places: narrow the filter.',
    previewOpen: 'Open the project',
    previewClose: 'Close',
    previewPlace: 'Place',
    previewStatus: 'Status',
    coordinates: 'Coordinates',
  },
};
