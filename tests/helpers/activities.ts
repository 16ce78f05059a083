import type { ActivityInput } from '../../src/contracts/activities.js';

/** A valid training of Human Rights in Mopti: 25 gendarmes and police, 8 of them women. */
export function activityInput(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    unit: 'HRPD',
    classification: 'internal',
    type: 'training',
    topic: 'human_rights',
    title: 'Formation des FDS sur les droits de l’homme',
    startDate: '2020-03-10',
    endDate: '2020-03-12',
    place: { place: 'Mopti' },
    targetGroup: 'Gendarmes et policiers de Mopti',
    category: 'security_forces',
    participants: { women: 8, men: 17, children: 0, adults: 25 },
    facilitators: 'Section des droits de l’homme',
    notes: '',
    ...overrides,
  };
}
