import type { ProjectInput } from '../../src/contracts/projects.js';

/** A valid QIP of Civil Affairs in Ménaka: USD 45,000 over four months, to vary per test. */
export function projectInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    fund: 'qip',
    unit: 'CAD',
    classification: 'internal',
    titleFr: 'Réhabilitation du marché de Ménaka',
    titleEn: 'Rehabilitation of the Ménaka market',
    descriptionFr: 'Réfection des étals et du forage du marché central.',
    descriptionEn: 'Repair of the central market’s stalls and borehole.',
    sector: '73010',
    partners: [],
    places: [{ place: 'Ménaka' }],
    plannedStart: '2020-09-01',
    plannedEnd: '2020-12-31',
    currency: 'USD',
    rateToUsd: '1',
    rateDate: '2020-09-01',
    budgetMinor: 4_500_000,
    beneficiaries: { plannedPeople: 1200, plannedWomen: 600, reachedPeople: 0, reachedWomen: 0 },
    ...overrides,
  };
}
