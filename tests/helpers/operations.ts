import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Operation, OperationInput, OperationStatus } from '../../src/contracts/operations.js';
import type { Actor } from '../../src/platform/policy.js';
import { buildUser, type Session, signIn, type TestApp } from './app.js';

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

/** Callers of the operations log's access tests: the JOC, units taking part, another unit, global roles. */
export const OPERATION_CALLERS = {
  joc: [{ unit: 'OSRSG', role: 'officer' }],
  jocViewer: [{ unit: 'OSRSG', role: 'viewer' }],
  forceViewer: [{ unit: 'FORCE', role: 'viewer' }],
  forceOfficer: [{ unit: 'FORCE', role: 'officer' }],
  police: [{ unit: 'UNPOL', role: 'officer' }],
  civilAffairs: [{ unit: 'CAD', role: 'manager' }],
  admin: [],
  auditor: [],
} as const satisfies Record<string, readonly { unit: string; role: 'viewer' | 'officer' | 'manager' }[]>;
export type OperationCaller = keyof typeof OPERATION_CALLERS | 'anonymous';

export interface OperationWorld {
  sessions: Map<OperationCaller, Session | null>;
  actors: Map<OperationCaller, Actor | null>;
  get(caller: OperationCaller, url: string): Promise<LightMyRequestResponse>;
  /** Plans an operation as the JOC and moves it to `status`. */
  reach(status: OperationStatus, overrides?: Partial<OperationInput>): Promise<Operation>;
}

export async function buildOperationWorld(t: TestApp): Promise<OperationWorld> {
  const sessions = new Map<OperationCaller, Session | null>([['anonymous', null]]);
  const actors = new Map<OperationCaller, Actor | null>([['anonymous', null]]);
  for (const [name, memberships] of Object.entries(OPERATION_CALLERS)) {
    const user = await buildUser(t.ctx, {
      name,
      memberships: [...memberships],
      admin: name === 'admin',
      auditor: name === 'auditor',
    });
    sessions.set(name as OperationCaller, await signIn(t.app, user.email));
    actors.set(name as OperationCaller, {
      id: user.id,
      label: name,
      admin: name === 'admin',
      auditor: name === 'auditor',
      memberships: new Map(memberships.map((m) => [m.unit, m.role])),
    });
  }
  const send = (caller: OperationCaller, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: sessions.get(caller)?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (caller: OperationCaller, url: string, payload: unknown, status = 200) => {
    const response = await send(caller, 'POST', url, payload);
    expect(response.statusCode, response.body).toBe(status);
    return response.json() as Operation;
  };
  const reach = async (status: OperationStatus, overrides: Partial<OperationInput> = {}) => {
    let o = await ok('joc', '/api/operations', operationInput(overrides), 201);
    const doer: OperationCaller = o.units.includes('FORCE') ? 'forceOfficer' : 'police';
    const path = {
      planned: [],
      ordered: ['order'],
      under_way: ['order', 'start'],
      completed: ['order', 'start', 'complete'],
      cancelled: ['order', 'cancel'],
    }[status];
    for (const action of path) {
      const by: OperationCaller = action === 'order' || action === 'cancel' ? 'joc' : doer;
      const extra = action === 'complete' ? { report: operationReport() } : action === 'cancel' ? { comment: 'Annulée' } : {};
      o = await ok(by, `/api/operations/${o.id}/transitions`, { action, version: o.version, ...extra });
    }
    expect(o.status).toBe(status);
    return o;
  };
  return { sessions, actors, get: (caller, url) => send(caller, 'GET', url), reach };
}
