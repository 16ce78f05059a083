import type { entryWebFr } from './web.entry.fr.js';

/** Interface strings of when a record was entered (offline, on a device that sent it later), in English. */
export const entryWebEn: typeof entryWebFr = {
  offline: 'Entered offline on {{entered}}, received on {{received}}',
};
