/** Interface strings of the releases' photo albums, in French (the reference catalog). */
export const albumsWebFr = {
  title: 'Album photo',
  empty: 'Aucune photo dans l’album.',
  credit: 'Crédit : {{credit}}',
  add: 'Ajouter une photo',
  file: 'Photo (JPEG ou PNG)',
  fileHint: 'Les métadonnées (position GPS, appareil, auteur) sont retirées à l’enregistrement.',
  captionFr: 'Légende (français)',
  captionEn: 'Légende (anglais)',
  creditLabel: 'Crédit photo',
  creditHint: 'Obligatoire, par exemple « Photo MINUMA / A. Traoré ».',
  fileRequired: 'Choisissez une photo.',
  added: 'Photo ajoutée à l’album.',
  draftOnly: 'Les photos s’ajoutent au brouillon ; l’album est validé et publié avec le communiqué.',
};
