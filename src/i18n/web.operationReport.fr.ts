/** Interface strings of an operation's report written in the field and kept in the outbox, in French. */
export const operationReportWebFr = {
  kept: 'Serveur injoignable : le compte rendu est gardé sur cet appareil (chiffré) et sera envoyé dès que le réseau reviendra ; l’opération sera alors terminée avec ce compte rendu.',
  waitingTitle: 'Compte rendu en attente d’envoi',
  refusedTitle: 'Compte rendu refusé, gardé sur cet appareil',
  waiting: 'Rédigé le {{at}} ; il part de lui-même, une seule fois.',
  sending: 'Envoi en cours…',
  refused: 'Le serveur a refusé ce compte rendu ; il reste sur cet appareil.',
  conflict:
    'L’opération a changé sur le serveur depuis la rédaction du compte rendu. Vérifiez-le au regard de l’opération ci-dessus, puis envoyez-le à nouveau.',
  cannotComplete:
    'L’opération ne peut plus être terminée par vous (annulée, ou terminée par un autre) : abandonnez ce compte rendu dans la boîte d’envoi.',
  period: 'Du {{start}} au {{end}}',
  personnel: '{{women}} femmes, {{men}} hommes',
  incidents_zero: 'Aucun incident lié',
  incidents_one: '{{count}} incident lié',
  incidents_other: '{{count}} incidents liés',
  fix: 'Corriger le compte rendu',
  outbox: 'Voir la boîte d’envoi',
  reopened: 'Vous corrigez le compte rendu gardé dans la boîte d’envoi : il partira à l’envoi, avec la version actuelle de l’opération.',
};
