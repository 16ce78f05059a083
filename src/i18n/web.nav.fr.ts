/** Interface strings of the main navigation's groups and of the entries named only there, in French. */
export const navWebFr = {
  groups: {
    situation: 'Situation',
    protection: 'Protection',
    programmes: 'Programmes',
    peace: 'Politique et paix',
    information: 'Information',
    administration: 'Administration',
  },
  incidentLog: 'Journal des incidents',
  incidentMap: 'Carte des incidents',
  ceasefire: 'Cessez-le-feu',
  protectionCases: 'Dossiers de protection',
  protectionStats: 'Statistiques de protection',
  csa: 'Sessions du CSA',
};
