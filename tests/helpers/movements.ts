import type { MovementInput } from '../../src/contracts/movements.js';
import type { SupportInput } from '../../src/contracts/support.js';

/** A CMA movement from Kidal to Aguelhok, notified to the Force. */
export function movementInput(overrides: Partial<MovementInput> = {}): MovementInput {
  return {
    kind: 'movement',
    group: 'cma',
    unit: 'FORCE',
    personnel: 40,
    vehicles: 8,
    weapons: [{ kind: 'machine_guns', count: 4 }],
    from: { place: 'Kidal', point: null },
    to: { place: 'Aguelhok', point: null },
    startsAt: '2020-03-10T06:00:00Z',
    endsAt: '2020-03-11T18:00:00Z',
    notes: 'Relève du poste d’Aguelhok.',
    ...overrides,
  };
}

/** A FAMa request for a medical evacuation from Gao. */
export function supportInput(overrides: Partial<SupportInput> = {}): SupportInput {
  return {
    kind: 'medevac',
    force: 'fama',
    malianUnit: 'Poste FAMa de Gao',
    requestedBy: 'Capitaine Traoré',
    requestedOn: '2020-05-02',
    neededFrom: '2020-05-03',
    neededTo: null,
    where: { place: 'Gao', point: null },
    unit: 'FORCE',
    description: 'Évacuation sanitaire de deux blessés vers l’hôpital de niveau II de Gao.',
    ...overrides,
  };
}
