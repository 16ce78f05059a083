import type { IncidentInput } from '../../src/contracts/incidents.js';

/** A valid incident in Ménaka, to vary per test. */
export function incidentInput(overrides: Partial<IncidentInput> = {}): IncidentInput {
  return {
    occurredOn: '2020-07-14',
    occurredTime: '06:30',
    datePrecision: 'day',
    location: { place: 'Ménaka', precision: 'near' },
    eventType: 'violence_against_civilians',
    subEventType: 'attack',
    category: 'attack_on_civilians',
    threatToCivilians: false,
    actors: [
      { actor: 'isgs', role: 'actor1' },
      { actor: 'civilians', role: 'actor2' },
    ],
    casualties: {
      civilians: { killed: { low: 3, best: 4, high: 6 }, injured: { low: 1, best: 2, high: 2 } },
      women: { killed: { low: 1, best: 1, high: 2 } },
    },
    sources: [{ type: 'community_network', reference: 'Réseau d’alerte précoce, Ménaka', reliability: 'B', credibility: 2 }],
    title: 'Attaque contre un hameau près de Ménaka',
    description: 'Des hommes armés à moto ont attaqué le hameau ; les blessés ont été évacués vers l’hôpital de Ménaka.',
    tags: ['élevage', 'moto'],
    unit: 'FORCE',
    classification: 'internal',
    ...overrides,
  };
}
