import type { pwaWebFr } from './web.pwa.fr.js';

/** Interface strings of the installable app working offline (new version, offline copies, pages never kept), in English. */
export const pwaWebEn: typeof pwaWebFr = {
  updateAvailable: 'A new version of Mandat is available.',
  reload: 'Reload',
  offlineCopy: 'Offline copy of {{time}}',
  offlineCopyHint: 'The network does not answer: these data are those read at that time and may have changed since.',
  unavailableTitle: 'Unavailable offline',
  unavailableBody:
    'Protection cases, hotline calls and the DDR registry are never stored on this device: this page opens only with a connection to the server.',
  unavailableRetry: 'It will show as soon as the network returns.',
};
