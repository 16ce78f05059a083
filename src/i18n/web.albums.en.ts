import type { albumsWebFr } from './web.albums.fr.js';

/** Interface strings of the releases' photo albums, in English. */
export const albumsWebEn: typeof albumsWebFr = {
  title: 'Photo album',
  empty: 'No photos in the album.',
  credit: 'Credit: {{credit}}',
  add: 'Add a photo',
  file: 'Photo (JPEG or PNG)',
  fileHint: 'Metadata (GPS position, camera, author) is removed when it is stored.',
  captionFr: 'Caption (French)',
  captionEn: 'Caption (English)',
  creditLabel: 'Photo credit',
  creditHint: 'Required, for example “Photo MINUMA / A. Traoré”.',
  fileRequired: 'Choose a photo.',
  added: 'Photo added to the album.',
  draftOnly: 'Photos are added to the draft; the album is cleared and published with the release.',
};
