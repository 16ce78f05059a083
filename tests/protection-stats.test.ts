import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ProtectionCase, StatsTable } from '../src/contracts/protection.js';
import { loadConfig } from '../src/platform/config.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const K = 5;

/** Published cells: none may lie in (0, k). */
function publishedValues(table: StatsTable): (number | null)[] {
  return [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
}

describe.each(DIALECTS)('de-identified protection statistics (%s)', (dialect) => {
  let t: TestApp;
  let hrpd: Session;
  let cdt: Session;
  let force: Session;
  let hrpdManager: Session;
  let cdtManager: Session;

  const send = (session: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const ok = async <T = ProtectionCase>(session: Session, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  };

  /** A human-rights case with `n` acts against female adults, verified unless told otherwise. */
  async function humanRights(region: string, violation: string, n: number, verified = true) {
    const c = await ok(hrpd, 'POST', '/api/protection/cases', {
      programme: 'human_rights',
      occurredOn: '2020-05-04',
      region,
      summary: 'Faits',
    });
    const base = `/api/protection/cases/${c.ref}`;
    for (let i = 0; i < n; i++) {
      const victim = await ok<{ pseudonym: string }>(hrpd, 'POST', `${base}/persons`, { role: 'victim', sex: 'female', age: 30 });
      const after = await ok(hrpd, 'POST', `${base}/acts`, {
        victim: victim.pseudonym,
        party: 'jnim',
        violation,
        occurredOn: '2020-05-04',
        region,
      });
      const act = after.acts.at(-1);
      if (verified)
        await ok(hrpd, 'POST', `${base}/acts/${act?.id}/verification`, {
          verification: 'verified',
          verifiedOn: '2020-05-20',
          standardOfProof: 'reasonable_grounds',
        });
    }
  }

  async function allegation(perpetrators: number) {
    const c = await ok(cdt, 'POST', '/api/protection/cases', {
      programme: 'misconduct',
      occurredOn: '2020-08-01',
      region: 'ML-BKO',
      summary: 'Allégation',
      channel: 'email',
    });
    for (let i = 0; i < perpetrators; i++)
      await ok(cdt, 'POST', `/api/protection/cases/${c.ref}/persons`, { role: 'perpetrator', sex: 'male', affiliation: 'civilian' });
  }

  /** Live counts: the unit's managers only (released quarters are tested in protection-releases.test.ts). */
  const stats = (query: string, session = query.includes('misconduct') ? cdtManager : hrpdManager) =>
    ok<StatsTable>(session, 'GET', `/api/protection/stats?${query}`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    hrpd = await as('HRPD', 'officer');
    cdt = await as('CDT', 'officer');
    force = await as('FORCE', 'officer');
    hrpdManager = await as('HRPD', 'manager');
    cdtManager = await as('CDT', 'manager');
    await humanRights('ML-7', 'killing', 6); // Gao
    await humanRights('ML-7', 'torture', 5);
    await humanRights('ML-5', 'killing', 2); // Mopti: a small cell
    await humanRights('ML-5', 'torture', 7);
    await humanRights('ML-5', 'torture', 3, false); // not verified: not counted
    for (const n of [1, 1, 1, 1, 2]) await allegation(n);
  }, 120_000);
  afterAll(async () => t?.close());

  test('the unit’s managers read live counts, never identifiers; other members and visitors do not', async () => {
    expect((await t.app.inject({ url: '/api/protection/stats?programme=human_rights&year=2020&rows=region' })).statusCode).toBe(401);
    for (const [session, url] of [
      [force, '/api/protection/stats?programme=human_rights&year=2020&rows=region'],
      [hrpd, '/api/protection/stats.csv?programme=human_rights&year=2020&rows=region'],
      [cdtManager, '/api/protection/stats?programme=human_rights&year=2020&rows=region'],
      [hrpdManager, '/api/protection/stats?programme=misconduct&year=2020&rows=region'],
    ] as const) {
      const refused = await send(session, 'GET', url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'stats_live_managers' });
    }
    const table = await stats('programme=human_rights&year=2020&rows=region');
    expect(table.total).toBe(20);
    expect(JSON.stringify(table)).not.toMatch(/PRO-\d{4}|[VPWSI]-[0-9A-Z]{4}"/);
    const gao = table.rows.values.findIndex((v) => v.code === 'ML-7');
    const mopti = table.rows.values.findIndex((v) => v.code === 'ML-5');
    expect(table.rowTotals[gao]).toBe(11);
    expect(table.rowTotals[mopti]).toBe(9);
    expect(table.rows.values[gao]?.label).toBe('Gao');
  });

  test('a small cell is suppressed, with a second suppression in its row and column so totals cannot reveal it', async () => {
    const table = await stats('programme=human_rights&year=2020&rows=region&columns=violation');
    for (const value of publishedValues(table)) if (value !== null) expect(value === 0 || value >= K).toBe(true);
    const mopti = table.rows.values.findIndex((v) => v.code === 'ML-5');
    const killing = table.columns?.values.findIndex((v) => v.code === 'killing') ?? -1;
    expect(table.cells[mopti]?.[killing]).toBeNull();
    // Mopti's total is published (9), so another cell of its row must be hidden too; same for the column.
    expect(table.rowTotals[mopti]).toBe(9);
    expect(table.cells[mopti]?.filter((c) => c === null).length).toBeGreaterThanOrEqual(2);
    expect(table.cells.map((row) => row[killing]).filter((c) => c === null).length).toBeGreaterThanOrEqual(2);
    expect(table.suppressed).toBeGreaterThanOrEqual(4);
  });

  test('overlapping tables agree: a cell is published or hidden the same way in every table that holds it', async () => {
    const byRegion = await stats('programme=human_rights&year=2020&rows=region');
    const byViolation = await stats('programme=human_rights&year=2020&rows=violation');
    const cross = await stats('programme=human_rights&year=2020&rows=region&columns=violation');
    const transposed = await stats('programme=human_rights&year=2020&rows=violation&columns=region');
    expect(cross.rowTotals).toEqual(byRegion.rowTotals);
    expect(cross.columnTotals).toEqual(byViolation.rowTotals);
    expect(transposed.cells).toEqual(cross.columns?.values.map((_, j) => cross.cells.map((row) => row[j])));
    const bySex = await stats('programme=human_rights&year=2020&rows=region&columns=sex');
    expect(bySex.rowTotals).toEqual(byRegion.rowTotals);
    for (const table of [byRegion, byViolation, cross, transposed, bySex])
      for (const value of publishedValues(table)) if (value !== null) expect(value === 0 || value >= K).toBe(true);
  });

  test('misconduct is counted per allegation and per individual involved', async () => {
    const allegations = await stats('programme=misconduct&year=2020&rows=channel');
    const individuals = await stats('programme=misconduct&year=2020&rows=channel&count=individuals');
    expect(allegations).toMatchObject({ total: 5, unitOfCount: 'allegations' });
    expect(individuals).toMatchObject({ total: 6, unitOfCount: 'individuals' });
    const bad = await send(hrpdManager, 'GET', '/api/protection/stats?programme=human_rights&year=2020&rows=channel');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'rows' });
    const same = await send(hrpdManager, 'GET', '/api/protection/stats?programme=human_rights&year=2020&rows=sex&columns=sex');
    expect(same.statusCode).toBe(400);
  });

  test('the CSV export carries the same suppressed table, hidden cells as x, and each read is audited', async () => {
    const csv = await send(
      hrpdManager,
      'GET',
      '/api/protection/stats.csv?programme=human_rights&year=2020&rows=region&columns=violation&lang=fr',
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFFRégion;')).toBe(true);
    expect(csv.body).toContain(';x;');
    expect(csv.body).toMatch(/Total;.*;20\r\n$/);
    const audited = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'protection.stats.read')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  test('the page opens on the latest year with data: live records for the unit’s managers, releases for everyone', async () => {
    const latest = (session: Session, programme: string) =>
      ok<{ year: number | null }>(session, 'GET', `/api/protection/stats/latest?programme=${programme}`);
    expect(await latest(hrpdManager, 'human_rights')).toEqual({ year: 2020 });
    expect(await latest(cdtManager, 'misconduct')).toEqual({ year: 2020 });
    // Nothing released yet: other members learn of no year, whatever the records.
    expect(await latest(force, 'human_rights')).toEqual({ year: null });
    expect(await latest(cdtManager, 'human_rights')).toEqual({ year: null });
    expect(await latest(hrpdManager, 'mrm')).toEqual({ year: null });
    // A verified act of a later year moves the managers' year; an unverified one would not.
    const c = await ok(hrpd, 'POST', '/api/protection/cases', {
      programme: 'human_rights',
      occurredOn: '2025-02-03',
      region: 'ML-7',
      summary: 'Faits',
    });
    const victim = await ok<{ pseudonym: string }>(hrpd, 'POST', `/api/protection/cases/${c.ref}/persons`, {
      role: 'victim',
      sex: 'male',
      age: 40,
    });
    const after = await ok(hrpd, 'POST', `/api/protection/cases/${c.ref}/acts`, {
      victim: victim.pseudonym,
      party: 'jnim',
      violation: 'killing',
      occurredOn: '2025-02-03',
      region: 'ML-7',
    });
    expect(await latest(hrpdManager, 'human_rights')).toEqual({ year: 2020 });
    await ok(hrpd, 'POST', `/api/protection/cases/${c.ref}/acts/${after.acts.at(-1)?.id}/verification`, {
      verification: 'verified',
      verifiedOn: '2025-02-20',
      standardOfProof: 'reasonable_grounds',
    });
    expect(await latest(hrpdManager, 'human_rights')).toEqual({ year: 2025 });
    expect(await latest(force, 'human_rights')).toEqual({ year: null });
  });

  test('the threshold is configurable but never below 3', () => {
    expect(loadConfig({ MANDAT_MIN_CELL: '3' }).minCell).toBe(3);
    expect(loadConfig({}).minCell).toBe(5);
    expect(() => loadConfig({ MANDAT_MIN_CELL: '2' })).toThrow(/at least 3/);
  });
});
