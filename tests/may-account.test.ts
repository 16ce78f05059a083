import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Me } from '../src/contracts/auth.js';
import type { UnitRole } from '../src/contracts/common.js';
import type { Section } from '../src/contracts/organisation.js';
import { PEACE_UNITS } from '../src/contracts/peace.js';
import { PROGRAMMES } from '../src/contracts/protection.js';
import { STRENGTH_CATEGORIES } from '../src/contracts/strength.js';
import { protectionVocabulary } from '../src/data/vocab/protection.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';
import { incidentInput } from './helpers/incidents.js';
import { operationInput } from './helpers/operations.js';
import { projectInput } from './helpers/projects.js';
import { hotlineCall, humanRightsCase } from './helpers/protection.js';

/**
 * `/api/auth/me` says what the account may create (`may`). For several kinds of callers, every
 * right listed there is checked against its write route: a listed unit, category, programme or
 * line is accepted, every other one refused. The one exception is stated in the contract: without
 * a second factor the protection routes refuse everything (`second_factor_required`), and the app
 * says how to enrol one: `mustEnrolSecondFactor` is set for exactly the accounts the protection
 * routes would refuse that way, and takes them to enrolment at sign-in.
 */

interface Spec {
  memberships: { unit: string; role: UnitRole }[];
  admin?: boolean;
  secondFactor?: boolean;
}

// Protection roles only in HRPD and CDT, whose cases the helpers know how to open.
const CALLERS: Record<string, Spec> = {
  viewer: {
    memberships: [
      { unit: 'FORCE', role: 'viewer' },
      { unit: 'HRPD', role: 'viewer' },
    ],
  },
  forceOfficer: { memberships: [{ unit: 'FORCE', role: 'officer' }] },
  hrpdOperator: { memberships: [{ unit: 'HRPD', role: 'operator' }] },
  hrpdOfficer: {
    memberships: [
      { unit: 'HRPD', role: 'officer' },
      { unit: 'UNPOL', role: 'viewer' },
    ],
  },
  mixed: {
    memberships: [
      { unit: 'FORCE', role: 'manager' },
      { unit: 'CDT', role: 'officer' },
      { unit: 'HRPD', role: 'operator' },
      { unit: 'MED', role: 'officer' },
    ],
  },
  cdtManager: {
    memberships: [
      { unit: 'CDT', role: 'manager' },
      { unit: 'UNPOL', role: 'officer' },
    ],
  },
  ddrOfficer: { memberships: [{ unit: 'SSR-DDR', role: 'officer' }] },
  jocOfficer: { memberships: [{ unit: 'OSRSG', role: 'officer' }] },
  admin: { memberships: [], admin: true },
  noSecondFactor: {
    memberships: [
      { unit: 'HRPD', role: 'officer' },
      { unit: 'FORCE', role: 'officer' },
    ],
    secondFactor: false,
  },
};

const UNITS = ['FORCE', 'HRPD', 'CDT', 'UNPOL'];
/** The units whose sections the test fact book holds. */
const SECTION_UNITS = ['FORCE', 'HRPD'];
const PROGRAMME_UNITS = protectionVocabulary().programmes.map((p) => p.unit);
const LINES = protectionVocabulary().hotlineLines.map((l) => l.code);
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

describe.each(DIALECTS)('what /api/auth/me says an account may create (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  let day = 0;
  /** A new date for each strength attempt, so that no acceptance is a duplicate of another. */
  const nextDay = () => new Date(Date.UTC(2020, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' }, { book: buildFactbook() });
    for (const [name, spec] of Object.entries(CALLERS)) {
      const user = await buildUser(t.ctx, {
        memberships: spec.memberships,
        admin: spec.admin ?? false,
        secondFactor: spec.secondFactor ?? true,
      });
      sessions.set(name, await signIn(t.app, user.email));
    }
  });
  afterAll(async () => t?.close());

  const send = (caller: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: sessions.get(caller)?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** A listed right is accepted; an unlisted one is refused with 403. */
  const agrees = (where: string, listed: boolean, response: LightMyRequestResponse) => {
    if (listed) expect(accepted(response), `${where} is listed, so accepted: ${response.body}`).toBe(true);
    else expect(response.statusCode, `${where} is not listed, so refused: ${response.body}`).toBe(403);
  };

  test.each(Object.keys(CALLERS))('%s: every right listed is accepted, every other refused', async (caller) => {
    const meResponse = await send(caller, 'GET', '/api/auth/me');
    expect(meResponse.statusCode).toBe(200);
    const { may, mustEnrolSecondFactor, totpEnabled } = meResponse.json() as Me;
    // Asked to enrol exactly when the protection routes below would refuse for want of a second factor;
    // the routes outside protection answer the same either way.
    expect(mustEnrolSecondFactor).toBe(!totpEnabled && (may.useProtection || may.useHotline || may.useDdr));
    if (caller === 'noSecondFactor') expect(mustEnrolSecondFactor).toBe(true);

    for (const unit of UNITS) {
      const response = await send(caller, 'POST', '/api/incidents', incidentInput({ unit, classification: 'internal' }));
      agrees(`${caller}: an incident of ${unit}`, may.createIncidentIn.includes(unit), response);
      const project = await send(caller, 'POST', '/api/projects', projectInput({ unit }));
      agrees(`${caller}: a project of ${unit}`, may.proposeProjectIn.includes(unit), project);
      const operation = await send(caller, 'POST', '/api/operations', operationInput({ unit, units: [unit] }));
      agrees(`${caller}: an operation of ${unit}`, may.orderOperations || may.planOperationIn.includes(unit), operation);
    }

    const actor = await send(caller, 'POST', '/api/actors', {
      code: `party_${caller.toLowerCase()}`,
      nameFr: `Partie ${caller}`,
      nameEn: `Party ${caller}`,
      type: 3,
    });
    agrees(`${caller}: an actor of the registry`, may.keepActorRegistry, actor);

    for (const unit of SECTION_UNITS) {
      const section = (await send(caller, 'GET', `/api/sections/${unit}`)).json() as Section;
      const text = section.texts.find((x) => x.classification === 'public' || x.classification === 'internal');
      expect(text, `${unit} has a text to edit`).toBeDefined();
      if (!text) continue;
      // Public content changes by proposal, internal content directly: either is the right to edit the section.
      const change = { version: text.version, body: `${text.body} (${caller})` };
      const response =
        text.classification === 'public'
          ? await send(caller, 'POST', `/api/sections/${unit}/texts/${text.id}/proposals`, change)
          : await send(caller, 'PATCH', `/api/sections/${unit}/texts/${text.id}`, change);
      agrees(`${caller}: the section of ${unit}`, may.editSectionsOf.includes(unit), response);
    }

    for (const category of STRENGTH_CATEGORIES) {
      const response = await send(caller, 'POST', '/api/strength', { asOf: nextDay(), category, authorised: 100, deployed: 90 });
      agrees(`${caller}: strength of ${category}`, may.recordStrength.includes(category), response);
    }

    for (const unit of PEACE_UNITS) {
      const response = await send(caller, 'POST', '/api/peace/sessions', { body: 'csa', heldOn: nextDay(), place: 'Bamako', unit });
      agrees(`${caller}: a CSA session kept by ${unit}`, may.createPeaceIn.includes(unit), response);
    }

    expect(may.openCasesIn.sort()).toEqual(
      [
        ...new Set(
          protectionVocabulary()
            .programmes.filter((p) => may.openProgrammes.includes(p.code))
            .map((p) => p.unit),
        ),
      ].sort(),
    );
    expect(may.useProtection).toBe(may.openCasesIn.length > 0);
    expect(may.useHotline).toBe(may.openCasesIn.length > 0 || may.answerLines.length > 0);

    const secondFactor = CALLERS[caller]?.secondFactor ?? true;
    const protection = (where: string, listed: boolean, response: LightMyRequestResponse) => {
      if (secondFactor) agrees(where, listed, response);
      else expect(response.json().code, where).toBe('second_factor_required');
    };
    for (const programme of PROGRAMMES) {
      const body =
        programme === 'misconduct'
          ? { programme, occurredOn: '2020-06-14', region: 'ML-7', summary: 'Allégation près du camp de Gao', channel: 'hotline' }
          : humanRightsCase({ programme });
      const listed = may.openProgrammes.includes(programme);
      // Only HRPD and CDT roles are given, so only the programmes the helpers fill in can be listed.
      if (listed) expect(['human_rights', 'misconduct']).toContain(programme);
      protection(`${caller}: a ${programme} case`, listed, await send(caller, 'POST', '/api/protection/cases', body));
    }
    for (const unit of PROGRAMME_UNITS) {
      const response = await send(caller, 'GET', `/api/protection/calls?scope=queue&unit=${unit}`);
      protection(`${caller}: the call queue of ${unit}`, may.openCasesIn.includes(unit), response);
    }
    protection(
      `${caller}: a DDR registration`,
      may.useDdr,
      await send(caller, 'POST', '/api/ddr/persons', {
        movement: 'cma',
        category: 'combatant',
        sex: 'male',
        preRegisteredOn: '2020-06-01',
        identity: { name: `Moussa Ag Test ${caller}`, birthDate: '1990-01-01' },
      }),
    );
    for (const line of LINES) {
      const response = await send(caller, 'POST', '/api/protection/calls', hotlineCall({ line }));
      protection(`${caller}: a call on ${line}`, may.answerLines.includes(line), response);
    }
  });

  test('the callers cover both answers of every right', async () => {
    const all = await Promise.all(Object.keys(CALLERS).map(async (c) => ((await send(c, 'GET', '/api/auth/me')).json() as Me).may));
    for (const key of [
      'createIncidentIn',
      'proposeProjectIn',
      'editSectionsOf',
      'recordStrength',
      'createPeaceIn',
      'openProgrammes',
      'openCasesIn',
      'answerLines',
    ] as const) {
      expect(
        all.some((may) => may[key].length > 0),
        `${key} listed for someone`,
      ).toBe(true);
      expect(
        all.some((may) => may[key].length === 0),
        `${key} empty for someone`,
      ).toBe(true);
    }
    for (const key of ['useProtection', 'useHotline', 'useDdr', 'keepActorRegistry'] as const)
      expect(new Set(all.map((may) => may[key])).size, key).toBe(2);
  });
});
