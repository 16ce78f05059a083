import type { navWebFr } from './web.nav.fr.js';

/** Interface strings of the main navigation's groups and of the entries named only there, in English. */
export const navWebEn: typeof navWebFr = {
  groups: {
    situation: 'Situation',
    protection: 'Protection',
    programmes: 'Programmes',
    peace: 'Politics and peace',
    information: 'Information',
    administration: 'Administration',
  },
  incidentLog: 'Incident log',
  incidentMap: 'Incident map',
  ceasefire: 'Ceasefire',
  situationMap: 'Today’s situation',
  sitreps: 'SITREPs',
  movements: 'Movement control',
  malianSupport: 'Support to Malian forces',
  protectionCases: 'Protection cases',
  protectionStats: 'Protection statistics',
  csa: 'CSA sessions',
};
