/** Interface strings of when a record was entered (offline, on a device that sent it later), in French. */
export const entryWebFr = {
  offline: 'Saisi hors ligne le {{entered}}, reçu le {{received}}',
};
