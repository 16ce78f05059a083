import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { FindingCounts, Verification, VerificationInput } from '../src/contracts/operations.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/**
 * Ceasefire monitoring: verification missions on alleged violations (incidents of the
 * ceasefire-violation category) with a finding and its standard of proof; counts by party and
 * period from each allegation's latest finding, the unverified apart; bad input refused with
 * nothing written; a restricted verification read only by its unit.
 */

describe.each(DIALECTS)('ceasefire verifications (%s)', (dialect) => {
  let t: TestApp;
  let observer: Session;
  let viewer: Session;
  let civil: Session;
  const allegations: Incident[] = [];
  let other: Incident;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    observer = await as('FORCE', 'officer');
    viewer = await as('FORCE', 'viewer');
    civil = await as('CAD', 'manager');
    const record = async (overrides: Parameters<typeof incidentInput>[0]) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: observer.headers,
        payload: incidentInput(overrides),
      });
      expect(created.statusCode, created.body).toBe(201);
      const incident = created.json() as Incident;
      const submitted = await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${incident.ref}/transitions`,
        headers: observer.headers,
        payload: { action: 'submit', version: incident.version },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      return submitted.json() as Incident;
    };
    for (const day of ['2020-03-02', '2020-03-10', '2020-03-20', '2020-04-05']) {
      allegations.push(await record({ category: 'ceasefire_violation', occurredOn: day, title: `Violation alléguée du ${day}` }));
    }
    other = await record({ category: 'attack_on_civilians', occurredOn: '2020-03-05' });
  });
  afterAll(async () => t?.close());

  const base = (incident: Incident, overrides: Partial<VerificationInput> = {}): VerificationInput => ({
    incident: incident.ref,
    unit: 'FORCE',
    team: ['Observateur militaire 12', 'Observatrice militaire 7'],
    visitedOn: '2020-04-10',
    place: 'Ménaka',
    evidence: 'Douilles, témoignages de trois habitants, photographies du poste.',
    finding: 'confirmed',
    standardOfProof: 'reasonable_grounds',
    party: 'cma',
    ...overrides,
  });
  const verify = (session: Session, input: VerificationInput, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/ceasefire/verifications',
      headers: { ...session.headers, 'accept-language': lang },
      payload: input,
    });
  const verified = async (input: VerificationInput) => {
    const response = await verify(observer, input);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Verification;
  };

  test('findings counted by party and period from each allegation’s latest finding, the unverified apart', async () => {
    const [first, second, third, april] = allegations as [Incident, Incident, Incident, Incident];
    const v = await verified(base(first));
    expect(v).toMatchObject({
      finding: 'confirmed',
      party: 'cma',
      incident: { ref: first.ref },
      team: ['Observateur militaire 12', 'Observatrice militaire 7'],
    });
    expect(v.partyName).toContain('CMA');
    // First inconclusive, then confirmed on a second visit: the latest finding counts.
    await verified(base(second, { finding: 'inconclusive', party: null, standardOfProof: 'not_verified' }));
    await verified(base(second, { party: 'plateforme', visitedOn: '2020-04-12', standardOfProof: 'balance_of_probabilities' }));
    await verified(base(april, { finding: 'not_confirmed', party: null, standardOfProof: 'not_verified' }));
    const march = (
      await t.app.inject({ url: '/api/ceasefire/findings?from=2020-03-01&to=2020-03-31', headers: observer.headers })
    ).json() as FindingCounts;
    expect(march).toMatchObject({
      allegations: 3,
      verified: 2,
      unverified: 1,
      byFinding: { confirmed: 2, not_confirmed: 0, inconclusive: 0 },
    });
    expect(march.confirmedByParty.map((p) => [p.party, p.count]).sort()).toEqual([
      ['cma', 1],
      ['plateforme', 1],
    ]);
    const all = (await t.app.inject({ url: '/api/ceasefire/findings', headers: observer.headers })).json() as FindingCounts;
    expect(all).toMatchObject({
      allegations: 4,
      verified: 3,
      unverified: 1,
      byFinding: { confirmed: 2, not_confirmed: 1, inconclusive: 0 },
    });
    const list = (await t.app.inject({ url: `/api/ceasefire/verifications?incident=${second.ref}`, headers: viewer.headers })).json();
    expect(list.items.map((i: Verification) => i.finding)).toEqual(['inconclusive', 'confirmed']);
    expect(third).toBeDefined();
  });

  test('bad input is refused field by field, in the reader’s language, with nothing written', async () => {
    const before = await Promise.all([countRows(t.ctx, 'ceasefire_verifications'), countRows(t.ctx, 'audit_log')]);
    const [first] = allegations as [Incident];
    const response = await verify(observer, base(first, { party: null, standardOfProof: 'not_verified', visitedOn: '2020-02-01' }), 'en');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'visitedOn', message: 'The visit may not precede the alleged events.' },
      { path: 'party', message: 'A confirmed violation is attributed to a party: choose it from the actor registry.' },
      {
        path: 'standardOfProof',
        message: 'A confirmed violation is confirmed to a standard of proof: choose one other than “Not verified”.',
      },
    ]);
    const notCeasefire = await verify(observer, base(other), 'fr');
    expect(notCeasefire.json().errors).toEqual([
      {
        path: 'incident',
        message: 'Cet incident n’est pas une allégation de violation du cessez-le-feu (catégorie « Violation du cessez-le-feu »).',
      },
    ]);
    const partyOnDoubt = await verify(observer, base(first, { finding: 'inconclusive', party: 'cma' }));
    expect(partyOnDoubt.json().errors.map((e: { path: string }) => e.path)).toEqual(['party']);
    expect((await verify(observer, base(first, { party: 'nobody' }))).json().errors.map((e: { path: string }) => e.path)).toEqual([
      'party',
    ]);
    expect((await verify(observer, { ...base(first), finding: 'maybe' as never })).statusCode).toBe(400);
    // Only the team unit's officers and managers record.
    expect((await verify(viewer, base(first))).statusCode).toBe(403);
    expect((await verify(civil, base(first))).statusCode).toBe(403);
    expect(await Promise.all([countRows(t.ctx, 'ceasefire_verifications'), countRows(t.ctx, 'audit_log')])).toEqual(before);
  });

  test('a restricted verification is read by its unit only; counts follow what each reader may read', async () => {
    const [, , third] = allegations as [Incident, Incident, Incident];
    await verified(base(third, { classification: 'restricted', party: 'fama' }));
    const mine = (await t.app.inject({ url: `/api/ceasefire/verifications?incident=${third.ref}`, headers: viewer.headers })).json();
    expect(mine.items).toHaveLength(1);
    const theirs = (await t.app.inject({ url: `/api/ceasefire/verifications?incident=${third.ref}`, headers: civil.headers })).json();
    expect(theirs.items).toEqual([]);
    const forCivil = (await t.app.inject({ url: '/api/ceasefire/findings?from=2020-03-01&to=2020-03-31', headers: civil.headers })).json();
    expect(forCivil).toMatchObject({ allegations: 3, verified: 2, unverified: 1 });
    expect(forCivil.confirmedByParty.map((p: { party: string }) => p.party)).not.toContain('fama');
    const forForce = (await t.app.inject({ url: '/api/ceasefire/findings?from=2020-03-01&to=2020-03-31', headers: viewer.headers })).json();
    expect(forForce).toMatchObject({ allegations: 3, verified: 3, unverified: 0 });
  });
});
