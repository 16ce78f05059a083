import type { offlineWebFr } from './web.offline.fr.js';

/** Interface strings of working offline (the outbox), in English. */
export const offlineWebEn: typeof offlineWebFr = {
  online: 'Online',
  offline: 'Offline',
  unreachable: 'Server unreachable',
  waiting_one: '{{count}} waiting to be sent',
  waiting_other: '{{count}} waiting to be sent',
  statusLabel: 'Connection and outbox',
  title: 'Outbox',
  intro:
    'Records entered without a network stay on this device, encrypted, until the server accepts them. They are sent by themselves as soon as the network returns, once each.',
  empty: 'Nothing is waiting to be sent.',
  sendNow: 'Send now',
  kind: 'Kind',
  summary: 'Record',
  enteredAt: 'Entered',
  state: 'State',
  actions: 'Actions',
  attempts_one: '{{count}} attempt',
  attempts_other: '{{count}} attempts',
  states: { waiting: 'Waiting', sending: 'Sending', refused: 'Refused by the server' },
  conflict: 'Changed on the server meanwhile: compare both versions and choose.',
  kinds: {
    incident: 'Incident',
    'incident.edit': 'Incident edit',
    'operation.report': 'Operation report',
    activity: 'Activity',
    strength: 'Strength snapshot',
  },
  retry: 'Retry',
  reopen: 'Fix in the form',
  resolve: 'Compare and choose',
  discard: 'Discard',
  discardConfirm: 'Discard “{{summary}}” for good? It will never be sent.',
  kept: 'Network unavailable: “{{summary}}” is kept on this device (encrypted) and will be sent as soon as the network returns.',
  keptLink: 'See the outbox',
  reopened: 'You are fixing a record from the outbox. It is sent when you save.',
  notQueued: 'Offline entry is not available here: this confidential data is never kept on the device. Without a network, saving fails.',
  signOutTitle: 'Some records have not been sent',
  signOutBody_one:
    '{{count}} record is waiting to be sent. Keep it on this device: it is sent when you sign in again with this account. Or discard it.',
  signOutBody_other:
    '{{count}} records are waiting to be sent. Keep them on this device: they are sent when you sign in again with this account. Or discard them.',
  signOutKeep: 'Keep and sign out',
  signOutDiscard: 'Discard and sign out',
  signOutCancel: 'Cancel',
};
