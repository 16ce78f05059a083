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
  situationMap: 'Situation du jour',
  sitreps: 'SITREP',
  movements: 'Contrôle des mouvements',
  malianSupport: 'Appui aux forces maliennes',
  protectionCases: 'Dossiers de protection',
  protectionStats: 'Statistiques de protection',
  csa: 'Sessions du CSA',
};
