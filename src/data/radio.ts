import type { RadioLanguage } from '../contracts/news.js';

/**
 * Radio Mikado FM, the mission's radio, as the MINUSMA 2020 fact book describes it (section of the
 * Strategic Communications and Public Information Division, « La Radio Mikado FM émet en FM sur
 * Bamako… », page 19; the same frequencies are the division's radio contacts in
 * `minusma-2020/factbook.json`): its FM stations with their frequencies and the languages of its
 * programmes. The programme schedule itself is entered by the division.
 */

type Names = { fr: string; en: string };

export const RADIO_SOURCE: Names = {
  fr: 'Aide-mémoire MINUSMA 2020, p. 19, Division de la communication stratégique et de l’information publique : « Fréquences : Bamako 106.6 FM | Gao 94.0 FM | Kidal 94.0 FM | Menaka 94.0 FM | Mopti 91.8 FM | Tessalit 94.0 FM | Tombouctou 92.6 FM ».',
  en: 'MINUSMA 2020 fact book, p. 19, Strategic Communications and Public Information Division: “Fréquences : Bamako 106.6 FM | Gao 94.0 FM | Kidal 94.0 FM | Menaka 94.0 FM | Mopti 91.8 FM | Tessalit 94.0 FM | Tombouctou 92.6 FM”.',
};

/** The stations in the fact book's order; frequencies in MHz as text, exactly as printed. */
export const RADIO_STATIONS: readonly { code: string; town: string; frequency: string }[] = [
  { code: 'bamako', town: 'Bamako', frequency: '106.6' },
  { code: 'gao', town: 'Gao', frequency: '94.0' },
  { code: 'kidal', town: 'Kidal', frequency: '94.0' },
  { code: 'menaka', town: 'Ménaka', frequency: '94.0' },
  { code: 'mopti', town: 'Mopti', frequency: '91.8' },
  { code: 'tessalit', town: 'Tessalit', frequency: '94.0' },
  { code: 'tombouctou', town: 'Tombouctou', frequency: '92.6' },
];

export const RADIO_LANGUAGE_NAMES: Record<RadioLanguage, Names> = {
  french: { fr: 'Français', en: 'French' },
  bambara: { fr: 'Bambara', en: 'Bambara' },
  songhai: { fr: 'Songhaï', en: 'Songhai' },
  tamasheq: { fr: 'Tamasheq', en: 'Tamasheq' },
  peuhl: { fr: 'Peuhl', en: 'Fulfulde (Peul)' },
  dogon: { fr: 'Dogon', en: 'Dogon' },
  arabic: { fr: 'Arabe', en: 'Arabic' },
};

/** « convie, tous les 15 jours, l’ensemble des médias à un point de presse ». */
export const PRESS_POINT_EVERY_DAYS = 15;
