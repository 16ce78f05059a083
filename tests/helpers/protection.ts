import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { UnitRole } from '../../src/contracts/common.js';
import type { HotlineCall, ProtectionCase } from '../../src/contracts/protection.js';
import { buildUser, type Session, signIn, type TestApp } from './app.js';

/**
 * Callers and builders for the protection access, canary and storage tests. The owning unit is
 * HRPD (human-rights cases, the DDHP call-centre lines); the "other" protection unit is CDT
 * (misconduct), which also receives the calls an HRPD line takes about misconduct.
 */

export const OWNER = 'HRPD';
export const OTHER = 'CDT';

export const CALLER_NAMES = [
  'anonymous',
  'admin',
  'auditor',
  'ownerViewer',
  'ownerOperator',
  'ownerOfficer',
  'teamOfficer',
  'ownerManager',
  'teamManager',
  'formerTeamOfficer',
  'otherOfficer',
  'otherManager',
  'forceOfficer',
  'callOperator',
] as const;
export type CallerName = (typeof CALLER_NAMES)[number];

export interface Caller {
  name: CallerName;
  id: string | null;
  session: Session | null;
}

interface CallerSpec {
  memberships: { unit: string; role: UnitRole }[];
  admin?: boolean;
  auditor?: boolean;
  description: string;
}

const SPECS: Record<Exclude<CallerName, 'anonymous'>, CallerSpec> = {
  admin: { memberships: [], admin: true, description: 'global administrator, no unit' },
  auditor: { memberships: [], auditor: true, description: 'auditor, no unit' },
  ownerViewer: { memberships: [{ unit: OWNER, role: 'viewer' }], description: 'HRPD viewer' },
  ownerOperator: { memberships: [{ unit: OWNER, role: 'operator' }], description: 'HRPD operator (did not take the calls)' },
  ownerOfficer: { memberships: [{ unit: OWNER, role: 'officer' }], description: 'HRPD officer, off the case team' },
  teamOfficer: { memberships: [{ unit: OWNER, role: 'officer' }], description: 'HRPD officer on the case team' },
  ownerManager: { memberships: [{ unit: OWNER, role: 'manager' }], description: 'HRPD manager, off the case team' },
  teamManager: { memberships: [{ unit: OWNER, role: 'manager' }], description: 'HRPD manager on the case team' },
  // Assigned to the team while an officer, since moved to viewer: still on the team, no longer a worker.
  formerTeamOfficer: {
    memberships: [{ unit: OWNER, role: 'viewer' }],
    description: 'on the case team, now an HRPD viewer (so no longer a reader)',
  },
  otherOfficer: { memberships: [{ unit: OTHER, role: 'officer' }], description: 'CDT officer' },
  otherManager: { memberships: [{ unit: OTHER, role: 'manager' }], description: 'CDT manager' },
  forceOfficer: { memberships: [{ unit: 'FORCE', role: 'officer' }], description: 'Force officer' },
  callOperator: { memberships: [{ unit: OWNER, role: 'operator' }], description: 'HRPD operator who took the calls' },
};

export type Method = 'GET' | 'POST' | 'PUT';

export interface World {
  t: TestApp;
  callers: Record<CallerName, Caller>;
  /** The signed-in caller's id (throws for the anonymous caller). */
  idOf(name: CallerName): string;
  send(
    caller: CallerName,
    method: Method,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Sends and expects a 2xx; returns the parsed body. */
  ok<T = ProtectionCase>(caller: CallerName, method: Method, url: string, payload?: unknown): Promise<T>;
}

/**
 * Creates and signs in one account per caller. Every account signs in with a second factor, so
 * that what is tested is the compartment, not the TOTP gate in front of it.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const callers = { anonymous: { name: 'anonymous', id: null, session: null } } as Record<CallerName, Caller>;
  for (const [name, spec] of Object.entries(SPECS) as [Exclude<CallerName, 'anonymous'>, CallerSpec][]) {
    const user = await buildUser(t.ctx, {
      name: `${name} (${spec.description})`,
      memberships: spec.memberships,
      admin: spec.admin ?? false,
      auditor: spec.auditor ?? false,
      secondFactor: true,
    });
    callers[name] = { name, id: user.id, session: await signIn(t.app, user.email) };
  }
  const send = (caller: CallerName, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(callers[caller].session?.headers ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    t,
    callers,
    idOf: (name) => {
      const id = callers[name].id;
      if (!id) throw new Error(`${name} has no account`);
      return id;
    },
    send,
    ok: async <T>(caller: CallerName, method: Method, url: string, payload?: unknown) => {
      const response = await send(caller, method, url, payload);
      expect(response.statusCode, `${caller} ${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json() as T;
    },
  };
}

/**
 * Makes the canonical team of an HRPD case: the team officer and team manager through the API
 * (by the off-team manager), and the former officer, now a viewer, as they were assigned when
 * still an officer (the API rightly refuses to assign a viewer).
 */
export async function formCanonicalTeam(world: World, ref: string): Promise<void> {
  await world.ok('ownerManager', 'PUT', `/api/protection/cases/${ref}/team`, {
    members: [world.idOf('teamOfficer'), world.idOf('teamManager')],
  });
  await restoreFormerTeamOfficer(world, ref);
}

/** Puts the former officer back on the case team (after a team assignment replaced it). */
export async function restoreFormerTeamOfficer(world: World, ref: string): Promise<void> {
  const db = world.t.ctx.database.db;
  const row = await db.selectFrom('protection_cases').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
  const userId = world.idOf('formerTeamOfficer');
  const present = await db
    .selectFrom('protection_team')
    .select('user_id')
    .where('case_id', '=', row.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!present) {
    await db
      .insertInto('protection_team')
      .values({ case_id: row.id, user_id: userId, assigned_by: world.idOf('ownerManager'), assigned_at: new Date().toISOString() })
      .execute();
  }
}

export interface IdentityInput {
  name?: string;
  contact?: string;
  birthDate?: string;
  address?: string;
  description?: string;
}

/** A human-rights case body (HRPD), to vary per test. */
export function humanRightsCase(overrides: Record<string, unknown> = {}) {
  return {
    programme: 'human_rights',
    occurredOn: '2020-03-02',
    region: 'ML-5',
    place: '',
    summary: 'Détention arbitraire de deux commerçants à Mopti',
    ...overrides,
  };
}

/** A misconduct case body (CDT). */
export function misconductCase(overrides: Record<string, unknown> = {}) {
  return {
    programme: 'misconduct',
    occurredOn: '2020-06-14',
    region: 'ML-7',
    summary: 'Allégation d’exploitation sexuelle près du camp de Gao',
    channel: 'hotline',
    ...overrides,
  };
}

/** A call on an HRPD line (DDHP Gao); `concern: 'misconduct'` routes it to CDT. */
export function hotlineCall(overrides: Record<string, unknown> = {}) {
  return {
    line: 'ddhp_gao',
    receivedAt: '2020-06-01T09:30:00Z',
    language: 'ses',
    concern: 'human_rights',
    region: 'ML-7',
    summary: 'Un appelant signale des arrestations à Gao',
    callerContact: '',
    mayContact: false,
    ...overrides,
  };
}

/** The worked parts of a case: two persons, consents, an act, a service and a share. */
export interface CaseParts {
  ref: string;
  id: string;
  victim: string;
  perpetrator: string;
  referralConsent: string;
  sharingConsent: string;
  act: string;
  service: string;
}

/**
 * Adds to a case, as `caller`: a victim with `identity`, a perpetrator, consents to referral and
 * to sharing with UNICEF, an act, a medical referral and a share with UNICEF.
 */
export async function populateCase(world: World, caller: CallerName, ref: string, identity: IdentityInput = {}): Promise<CaseParts> {
  const base = `/api/protection/cases/${ref}`;
  const programme = (await world.ok(caller, 'GET', base)).programme;
  const misconduct = programme === 'misconduct';
  const victim = await world.ok<{ pseudonym: string }>(caller, 'POST', `${base}/persons`, {
    role: 'victim',
    sex: 'female',
    age: 34,
    identity,
  });
  const perpetrator = await world.ok<{ pseudonym: string }>(caller, 'POST', `${base}/persons`, {
    role: 'perpetrator',
    sex: 'male',
    ...(misconduct ? { affiliation: 'military' } : {}),
  });
  await world.ok(caller, 'POST', `${base}/persons/${victim.pseudonym}/consents`, {
    purpose: 'referral',
    givenBy: 'person',
    obtainedOn: '2020-06-15',
  });
  await world.ok(caller, 'POST', `${base}/persons/${victim.pseudonym}/consents`, {
    purpose: 'sharing',
    partner: 'UNICEF',
    givenBy: 'person',
    obtainedOn: '2020-06-15',
  });
  await world.ok(caller, 'POST', `${base}/acts`, {
    victim: victim.pseudonym,
    perpetrator: perpetrator.pseudonym,
    party: misconduct ? 'military' : 'unknown',
    violation: misconduct ? 'sexual_exploitation' : 'arbitrary_detention',
    occurredOn: '2020-06-12',
    region: 'ML-7',
  });
  await world.ok(caller, 'POST', `${base}/services`, {
    person: victim.pseudonym,
    kind: 'medical',
    provider: 'Hôpital de Gao',
    referredOn: '2020-06-16',
  });
  const c = await world.ok(caller, 'POST', `${base}/shares`, { partner: 'UNICEF', persons: [victim.pseudonym] });
  const row = await world.t.ctx.database.db.selectFrom('protection_cases').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
  const consent = (purpose: string) => c.consents.find((x) => x.person === victim.pseudonym && x.purpose === purpose)?.id;
  const parts = {
    ref,
    id: row.id,
    victim: victim.pseudonym,
    perpetrator: perpetrator.pseudonym,
    referralConsent: consent('referral'),
    sharingConsent: consent('sharing'),
    act: c.acts[0]?.id,
    service: c.services[0]?.id,
  };
  for (const [key, value] of Object.entries(parts)) if (!value) throw new Error(`populateCase: no ${key}`);
  return parts as CaseParts;
}

/** Records a call as the call operator; returns it. */
export function recordCall(world: World, overrides: Record<string, unknown> = {}): Promise<HotlineCall> {
  return world.ok<HotlineCall>('callOperator', 'POST', '/api/protection/calls', hotlineCall(overrides));
}

/** A minimal PDF carrying `text` in clear (PDF files are stored as they are, metadata and all). */
export function pdfWith(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\n%%EOF\n`, 'latin1');
}

/** Attaches a PDF to a case as `caller`; returns the attachment id. */
export async function attachPdf(world: World, caller: CallerName, ref: string, filename: string, text: string): Promise<string> {
  const response = await world.send(
    caller,
    'POST',
    `/api/protection/cases/${ref}/attachments?filename=${encodeURIComponent(filename)}`,
    pdfWith(text),
    { 'content-type': 'application/pdf' },
  );
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}
