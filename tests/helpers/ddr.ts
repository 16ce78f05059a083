import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { UnitRole } from '../../src/contracts/common.js';
import type { DdrPerson } from '../../src/contracts/ddr.js';
import { buildUser, type Session, signIn, type TestApp } from './app.js';

/**
 * Callers and builders for the DDR registry's tests. The registry is kept by SSR-DDR: its manager
 * reads every record, an officer the records they registered.
 */

export const DDR_CALLERS = {
  ddrManager: { memberships: [{ unit: 'SSR-DDR', role: 'manager' }] },
  ddrOfficer: { memberships: [{ unit: 'SSR-DDR', role: 'officer' }] },
  otherDdrOfficer: { memberships: [{ unit: 'SSR-DDR', role: 'officer' }] },
  ddrViewer: { memberships: [{ unit: 'SSR-DDR', role: 'viewer' }] },
  hrpdManager: { memberships: [{ unit: 'HRPD', role: 'manager' }] },
  forceOfficer: { memberships: [{ unit: 'FORCE', role: 'officer' }] },
  admin: { memberships: [], admin: true },
  auditor: { memberships: [], auditor: true },
  noSecondFactor: { memberships: [{ unit: 'SSR-DDR', role: 'manager' }], secondFactor: false },
} as const satisfies Record<
  string,
  { memberships: readonly { unit: string; role: UnitRole }[]; admin?: boolean; auditor?: boolean; secondFactor?: boolean }
>;
export type DdrCaller = keyof typeof DDR_CALLERS | 'anonymous';

export interface DdrWorld {
  t: TestApp;
  send(
    caller: DdrCaller,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    locale?: 'fr' | 'en',
  ): Promise<LightMyRequestResponse>;
  ok<T = DdrPerson>(caller: DdrCaller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T>;
  /** Cantonment sites recorded for the tests, id by name (`walk` turns a site's name into its id). */
  sites: Map<string, string>;
}

/** The site every walk to integration is cantoned at. */
export const TEST_SITE = 'Site de cantonnement de Likrakar';

export async function buildDdrWorld(t: TestApp): Promise<DdrWorld> {
  const sessions = new Map<DdrCaller, Session>();
  for (const [name, spec] of Object.entries(DDR_CALLERS)) {
    const s = spec as {
      memberships: readonly { unit: string; role: UnitRole }[];
      admin?: boolean;
      auditor?: boolean;
      secondFactor?: boolean;
    };
    const user = await buildUser(t.ctx, {
      name: name,
      memberships: [...s.memberships],
      admin: s.admin ?? false,
      auditor: s.auditor ?? false,
      secondFactor: s.secondFactor ?? true,
    });
    sessions.set(name as DdrCaller, await signIn(t.app, user.email));
  }
  const send: DdrWorld['send'] = (caller, method, url, payload, locale = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(sessions.get(caller)?.headers ?? {}), 'accept-language': locale },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const world: DdrWorld = {
    t,
    send,
    sites: new Map(),
    ok: async <T>(caller: DdrCaller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const response = await send(caller, method, url, payload);
      expect(response.statusCode, `${caller} ${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json() as T;
    },
  };
  const site = await world.ok<{ id: string }>('ddrManager', 'POST', '/api/ddr/sites', {
    name: TEST_SITE,
    latitude: 20.0,
    longitude: 1.05,
    capacity: 600,
    services: ['water', 'health', 'food', 'shelter'],
  });
  world.sites.set(TEST_SITE, site.id);
  return world;
}

/** A registration body; an adult CMA combatant unless told otherwise. */
export function ddrRegistration(identity: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    movement: 'cma',
    category: 'combatant',
    sex: 'male',
    preRegisteredOn: '2020-02-10',
    ...overrides,
    identity: { name: 'Mohamed Ag Intalla', birthDate: '1985-03-10', ...identity },
  };
}

/** Takes a person through the steps named, each the day after the last. */
export async function walk(world: DdrWorld, caller: DdrCaller, person: DdrPerson, steps: readonly [string, Record<string, unknown>?][]) {
  let current = person;
  let day = 11;
  for (const [step, extra] of steps) {
    const site = typeof extra?.site === 'string' ? (world.sites.get(extra.site) ?? extra.site) : undefined;
    current = await world.ok(caller, 'POST', `/api/ddr/persons/${current.code}/steps`, {
      version: current.version,
      step,
      on: `2020-02-${String(day++).padStart(2, '0')}`,
      ...extra,
      ...(site === undefined ? {} : { site }),
    });
  }
  return current;
}

export const TO_INTEGRATION: [string, Record<string, unknown>?][] = [
  ['register'],
  ['enrol', { enrolmentRef: 'CNDDR-2020-004512' }],
  ['canton', { site: TEST_SITE }],
  ['disarm'],
  ['demobilise'],
  ['integrate', { force: 'fama' }],
];
