import type { OperationInput } from '../../src/contracts/operations.js';

/** Gao → Ansongo → Ménaka, longitude first. */
export const ROUTE_GAO_MENAKA: [number, number][] = [
  [-0.04472, 16.27167],
  [0.5022, 15.6597],
  [2.39609, 15.91985],
];

/** A small square around Gao, closed. */
export const AREA_GAO: [number, number][] = [
  [-0.1, 16.2],
  [0.05, 16.2],
  [0.05, 16.35],
  [-0.1, 16.35],
  [-0.1, 16.2],
];

/** A valid mobile patrol led by the Force with UNPOL, on the road from Gao to Ménaka. */
export function operationInput(overrides: Partial<OperationInput> = {}): OperationInput {
  return {
    type: 'mobile_patrol',
    unit: 'FORCE',
    units: ['FORCE', 'UNPOL'],
    classification: 'restricted',
    titleFr: 'Patrouille motorisée Gao – Ménaka',
    titleEn: 'Mobile patrol Gao – Ménaka',
    orders: 'Reconnaissance de l’axe et contact avec les communautés.',
    sector: 'east',
    places: ['Gao', 'Ansongo', 'Ménaka'],
    geometry: { type: 'LineString', coordinates: ROUTE_GAO_MENAKA },
    plannedStart: '2020-07-20T05:00:00Z',
    plannedEnd: '2020-07-21T18:00:00Z',
    women: 4,
    men: 26,
    engagementTeams: 1,
    vehicles: 8,
    ...overrides,
  };
}

/** The report of a completed patrol. */
export function operationReport(incidents: { ref: string; relation: 'met' | 'produced' }[] = []) {
  return {
    actualStart: '2020-07-20T05:30:00Z',
    actualEnd: '2020-07-21T17:10:00Z',
    women: 4,
    men: 25,
    engagementTeams: 1,
    vehicles: 8,
    outcome: 'Axe reconnu ; un engin explosif improvisé signalé près d’Ansongo.',
    observations: 'Population rencontrée à Ansongo.',
    incidents,
  };
}
