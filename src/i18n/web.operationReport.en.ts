import type { operationReportWebFr } from './web.operationReport.fr.js';

/** Interface strings of an operation's report written in the field and kept in the outbox, in English. */
export const operationReportWebEn: typeof operationReportWebFr = {
  kept: 'Server unreachable: the report is kept on this device (encrypted) and will be sent as soon as the network returns; the operation will then be completed with this report.',
  waitingTitle: 'Report waiting to be sent',
  refusedTitle: 'Report refused, kept on this device',
  waiting: 'Written on {{at}}; it goes by itself, once.',
  sending: 'Sending…',
  refused: 'The server refused this report; it stays on this device.',
  conflict: 'The operation changed on the server since the report was written. Check it against the operation above, then send it again.',
  cannotComplete: 'You can no longer complete the operation (cancelled, or completed by someone else): discard this report in the outbox.',
  period: 'From {{start}} to {{end}}',
  personnel: '{{women}} women, {{men}} men',
  incidents_zero: 'No linked incident',
  incidents_one: '{{count}} linked incident',
  incidents_other: '{{count}} linked incidents',
  fix: 'Fix the report',
  outbox: 'See the outbox',
  reopened: 'You are fixing the report kept in the outbox: it goes when sent, with the operation’s current version.',
};
