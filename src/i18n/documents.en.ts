import type { DocumentsCatalog } from './documents.fr.js';

export const documentsEn: DocumentsCatalog = {
  factsheet: {
    title: 'Fact sheet',
    mission: 'Mission',
    resolution: 'Resolution {{number}} ({{year}})',
    chapter: 'Chapter VII of the Charter of the United Nations',
    principles: 'Principles',
    leadership: 'Mission leadership',
    strength: 'Authorised and deployed strength',
    authorised: 'Authorised',
    deployed: 'Deployed',
    kinds: {
      mandate: 'Mandate',
      context: 'Overview',
      task: 'Tasks',
      result: 'Results',
      figures: 'Strength and data',
      partners: 'Partners',
      contacts: 'Contacts',
    },
    qualifiers: {
      more_than: 'more than {{value}}',
      approximately: 'about {{value}}',
      at_least: 'at least {{value}}',
      maximum: 'at most {{value}}',
    },
    keyFigures: 'Key figures',
    figure: 'Indicator',
    value: 'Value',
    period: 'Period',
    source: 'Source',
    page: 'p. {{page}}',
    computed: 'computed',
    warning: 'Warning',
    places: 'Places',
    partnerRegistry: 'Partner organisations',
    generated: 'Generated on {{date}} from Mandat’s data',
    pageOf: 'Page {{page}} of {{pages}}',
  },
  notifications: {
    incident_to_verify: {
      subject: 'Mandat: an incident awaits your verification',
      body: 'An incident awaits your verification: {{link}}',
    },
    call_waiting: {
      subject: 'Mandat: a call is waiting in your queue',
      body: 'A call is waiting in your unit’s queue: {{link}}',
    },
    alert_raised: {
      subject: 'Mandat: an alert was raised for your unit',
      body: 'An alert was raised for your unit: {{link}}',
    },
    footer: 'This message holds nothing of the record: open the link and sign in to read it.\nTo stop these messages: {{account}}',
  },
};
