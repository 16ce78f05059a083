import type { Factbook } from '../../src/data/minusma-2020/dataset.js';

/** A small fact book with the shapes of the real one, for tests that must not depend on its wording. */
export function buildFactbook(overrides: Partial<Factbook> = {}): Factbook {
  return {
    source: { title: 'Fiche de test', year: 2020 },
    sections: [
      {
        unit: 'FORCE',
        title: 'FORCE',
        page: 2,
        places: ['Gao', 'Ménaka'],
        texts: [
          {
            kind: 'mandate',
            heading: null,
            bullet: false,
            text: 'En application de la résolution 2531 (2020), la Force protège les civils à Ménaka.',
          },
          {
            kind: 'task',
            heading: 'Tâches relatives au respect du cessez-le-feu',
            bullet: true,
            text: 'Soutenir le cantonnement et la réintégration des groupes signataires.',
          },
          { kind: 'figures', heading: 'Effectifs', bullet: false, text: 'Effectifs autorisés par la résolution 2480 : 13 289 soldats.' },
        ],
      },
      {
        unit: 'HRPD',
        title: 'LA DIVISION DES DROITS DE L’HOMME ET DE LA PROTECTION',
        page: 7,
        places: ['Mopti'],
        texts: [
          {
            kind: 'mandate',
            heading: null,
            bullet: false,
            text: 'Surveiller la situation des droits de l’homme et la sécurité des personnes.',
          },
        ],
      },
    ],
    partners: [{ name: 'Coordination des mouvements de l’Azawad', abbreviation: 'CMA', kind: 'signatory_movement', units: ['FORCE'] }],
    contacts: [{ unit: 'HRPD', kind: 'hotline', label: 'Ligne verte', value: '80333', place: 'Bamako' }],
    resolutions: [
      { number: 2480, year: 2019 },
      { number: 2531, year: 2020 },
    ],
    figures: [
      {
        key: 'test.authorised',
        unit: 'FORCE',
        label: { fr: 'Autorisés', en: 'Authorised' },
        value: 13289,
        measure: 'persons',
        period: '2020-07',
        scope: {},
        page: 2,
        quote: null,
      },
      {
        key: 'test.deployed',
        unit: 'FORCE',
        label: { fr: 'Déployés', en: 'Deployed' },
        value: 12362,
        measure: 'persons',
        period: '2020-07',
        scope: {},
        page: 2,
        quote: null,
      },
    ],
    policeContributors: [],
    troopContributorsCount: 58,
    ...overrides,
  };
}

/** The units that have a page of their own in the 2020 fact book. */
export const UNITS_WITH_A_PAGE = [
  'MISSION',
  'DMS',
  'FORCE',
  'UNPOL',
  'PAD',
  'MED',
  'CAD',
  'HRPD',
  'CPU',
  'WPA',
  'EAD',
  'SSR-DDR',
  'JCS',
  'SRS',
  'GENDER',
  'UNMAS',
  'UNV',
  'CDT',
  'SCPI',
];
