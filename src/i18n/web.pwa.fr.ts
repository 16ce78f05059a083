/** Interface strings of the installable app working offline (new version, offline copies, pages never kept), in French. */
export const pwaWebFr = {
  updateAvailable: 'Une nouvelle version de Mandat est disponible.',
  reload: 'Recharger',
  offlineCopy: 'Copie hors ligne du {{time}}',
  offlineCopyHint: 'Le réseau ne répond pas : ces données sont celles lues à ce moment et peuvent avoir changé depuis.',
  unavailableTitle: 'Indisponible hors ligne',
  unavailableBody:
    'Les dossiers de protection, les appels de la ligne d’écoute et le registre DDR ne sont jamais enregistrés sur cet appareil : cette page ne s’ouvre qu’avec une connexion au serveur.',
  unavailableRetry: 'Elle s’affichera dès que le réseau reviendra.',
};
