/**
 * The mission at a glance, quoted from the MINUSMA 2020 fact book (page 1). French text is the
 * fact book's own; English text is Mandat's translation.
 */
export const MISSION_OVERVIEW = {
  name: { fr: 'MINUSMA', en: 'MINUSMA' },
  fullName: {
    fr: 'Mission Multidimensionnelle Intégrée des Nations Unies pour la Stabilité au Mali',
    en: 'United Nations Multidimensional Integrated Stabilization Mission in Mali',
  },
  resolution: { number: 2531, year: 2020 },
  charterChapter: 7,
  principles: {
    fr: [
      'Le Consentement des parties en conflit',
      'L’impartialité',
      'Le non-recours à la force, sauf en cas de légitime défense ou de défense du Mandat',
    ],
    en: ['Consent of the parties to the conflict', 'Impartiality', 'Non-use of force except in self-defence and defence of the mandate'],
  },
  leadership: {
    fr: [
      'Représentant(e) spécial(e) du Secrétaire général, Chef(fe) de l’ONU au Mali',
      'Représentant(e) spécial(e) adjoint(e) – aspects et questions politiques',
      'Représentant(e) spécial(e) adjoint(e) – questions humanitaires et coordination avec les entités de l’ONU',
      'Commandant(e) de la Force',
      'Commissaire de Police',
    ],
    en: [
      'Special Representative of the Secretary-General, Head of the UN in Mali',
      'Deputy Special Representative – political affairs',
      'Deputy Special Representative – humanitarian affairs and UN coordination',
      'Force Commander',
      'Police Commissioner',
    ],
  },
} as const;
