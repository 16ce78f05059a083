import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PROGRAMME_STAT_DIMENSIONS,
  type Programme,
  type ProtectionCase,
  releaseStatDimensions,
  type StatsRelease,
  type StatsTable,
} from '../src/contracts/protection.js';
import { ageGroupOf } from '../src/data/vocab/protection.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { LinearSystem } from './helpers/derivability.js';

const K = 5;

/** One counted unit as the test wrote it, with its value for every breakdown; `id` names it. */
type Truth = { id: string } & Record<string, string>;

/** A table a reader received, and which record set it was computed from. */
interface Observation {
  source: string;
  table: StatsTable;
}

// --- The attacker ----------------------------------------------------------------------------------

/** The cell's identity whatever table shows it: its (dimension=value) conditions, sorted. */
const cellKey = (conditions: string[]) => [...conditions].sort().join('|');

/** Every cell a table shows, by identity: interior, row totals, column totals, grand total. */
function cellsOf(table: StatsTable): [string, number | null][] {
  const row = (r: number) => `${table.rows.dimension}=${table.rows.values[r]?.code}`;
  const column = (c: number) => `${table.columns?.dimension}=${table.columns?.values[c]?.code}`;
  const cells: [string, number | null][] = [['', table.total]];
  table.rowTotals.forEach((value, r) => {
    cells.push([cellKey([row(r)]), value]);
  });
  if (table.columns) {
    table.columnTotals.forEach((value, c) => {
      cells.push([cellKey([column(c)]), value]);
    });
    table.cells.forEach((values, r) => {
      values.forEach((value, c) => {
        cells.push([cellKey([row(r), column(c)]), value]);
      });
    });
  }
  return cells;
}

/** The additivity of one table, for any set of records: rows, columns and totals, as Σ terms = 0. */
function structure(table: StatsTable): [string, bigint][][] {
  const rows = table.rows.values.map((v) => `${table.rows.dimension}=${v.code}`);
  const equations: [string, bigint][][] = [[...rows.map((r): [string, bigint] => [cellKey([r]), 1n]), ['', -1n]]];
  if (!table.columns) return equations;
  const dimension = table.columns.dimension;
  const columns = table.columns.values.map((v) => `${dimension}=${v.code}`);
  equations.push([...columns.map((c): [string, bigint] => [cellKey([c]), 1n]), ['', -1n]]);
  for (const r of rows) equations.push([...columns.map((c): [string, bigint] => [cellKey([r, c]), 1n]), [cellKey([r]), -1n]]);
  for (const c of columns) equations.push([...rows.map((r): [string, bigint] => [cellKey([r, c]), 1n]), [cellKey([c]), -1n]]);
  return equations;
}

const matches = (record: Truth, key: string) =>
  key === '' ||
  key.split('|').every((condition) => {
    const [name = '', value] = condition.split('=');
    return record[name] === value;
  });
const count = (records: readonly Truth[], key: string) => records.filter((record) => matches(record, key)).length;

/**
 * Everything a reader collected, solved at once. The attacker is granted the timeline: for each
 * response, which records it was computed from (`coverage`: a release's quarter as it stood when
 * released, or a live year as it stood when read). Records are grouped into atoms by the set of
 * responses that count them (records added between two readings form their own atom); each atom
 * is a set of records, so each of its tables is additive; each published cell is the sum of its
 * atoms' cells. Returns every count of fewer than k records that is exactly determined: a cell of
 * an atom (what the records added between two readings were), or a suppressed cell of a response.
 */
function timeSeriesLeaks(observations: readonly Observation[], coverage: ReadonlyMap<string, readonly Truth[]>, k: number) {
  const sourcesOf = new Map<string, string[]>();
  const byId = new Map<string, Truth>();
  for (const [source, records] of coverage)
    for (const record of records) {
      sourcesOf.set(record.id, [...(sourcesOf.get(record.id) ?? []), source]);
      byId.set(record.id, record);
    }
  const atoms = new Map<string, Truth[]>();
  for (const [id, sources] of sourcesOf) {
    const signature = [...sources].sort().join(' & ');
    atoms.set(signature, [...(atoms.get(signature) ?? []), byId.get(id) as Truth]);
  }
  const names = new Map([...atoms.keys()].map((signature, i) => [signature, `atom${i}`]));
  const atomsOf = (source: string) =>
    [...atoms.keys()].filter((signature) => signature.split(' & ').includes(source)).map((s) => names.get(s) as string);
  const recordsOf = new Map([...atoms].map(([signature, records]) => [names.get(signature) as string, records]));

  const system = new LinearSystem();
  const shapes = new Set<string>();
  const published = new Map<string, number>();
  const atomKeys = new Map<string, Set<string>>();
  const hidden = new Map<string, { source: string; key: string }>();
  for (const { source, table } of observations) {
    const here = atomsOf(source);
    const shape = [table.rows.dimension, table.columns?.dimension ?? ''].sort().join('×');
    const cells = cellsOf(table);
    for (const atom of here) {
      if (!shapes.has(`${atom} ${shape}`)) {
        shapes.add(`${atom} ${shape}`);
        for (const equation of structure(table))
          system.equation(
            equation.map(([key, c]) => [`${atom}#${key}`, c] as const),
            0n,
          );
      }
      const keys = atomKeys.get(atom) ?? new Set<string>();
      for (const [key] of cells) keys.add(key);
      atomKeys.set(atom, keys);
    }
    for (const [key, value] of cells) {
      const id = `${source}|${key}`;
      if (value === null) {
        expect(published.has(id), `${id} both published and suppressed`).toBe(false);
        hidden.set(id, { source, key });
        continue;
      }
      expect(hidden.has(id), `${id} both published and suppressed`).toBe(false);
      const earlier = published.get(id);
      if (earlier !== undefined) {
        expect(value, id).toBe(earlier);
        continue;
      }
      published.set(id, value);
      system.equation(
        here.map((atom) => [`${atom}#${key}`, 1n] as const),
        BigInt(value),
      );
    }
  }

  const leaks = new Map<string, number>();
  const check = (name: string, terms: (readonly [string, bigint])[], truth: number) => {
    if (truth <= 0 || truth >= k) return;
    const value = system.valueOf(terms);
    if (value === null) return;
    expect(value, `attacker's value of ${name}`).toBe(truth);
    leaks.set(name, value);
  };
  for (const [atom, keys] of atomKeys) {
    const records = recordsOf.get(atom) ?? [];
    const label = `records ${records.map((r) => r.id).join(',')}`;
    for (const key of keys) check(`${label} at ${key}`, [[`${atom}#${key}`, 1n]], count(records, key));
  }
  for (const [id, { source, key }] of hidden) {
    check(
      id,
      atomsOf(source).map((atom) => [`${atom}#${key}`, 1n] as const),
      count(coverage.get(source) ?? [], key),
    );
  }
  return leaks;
}

/** A CSV download read back as the table it says it is (same order as `like`): `x` is suppressed. */
function fromCsv(body: string, like: StatsTable, separator: ',' | ';'): StatsTable {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const lines = body
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const fields: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i] as string;
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === separator) {
          fields.push(field);
          field = '';
        } else field += ch;
      }
      fields.push(field);
      return fields;
    });
  const value = (text: string | undefined) => (text === 'x' ? null : Number(text));
  const body_ = lines.slice(1, -1);
  const footer = lines.at(-1) ?? [];
  expect(body_.length).toBe(like.rows.values.length);
  const inner = (fields: string[]) => fields.slice(1, -1).map(value);
  return {
    ...like,
    cells: like.columns ? body_.map(inner) : body_.map((fields) => [value(fields.at(-1))]),
    rowTotals: body_.map((fields) => value(fields.at(-1))),
    columnTotals: like.columns ? inner(footer) : [value(footer.at(-1))],
    total: value(footer.at(-1)),
  };
}

// --- The application -------------------------------------------------------------------------------

describe.each(DIALECTS)('released protection statistics (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let reader: Session;
  let cdtManager: Session;
  let cdtOfficer: Session;
  /** Every counted unit written so far, in order. */
  const truth: Truth[] = [];
  /** What each release and each live reading was computed from. */
  const coverage = new Map<string, Truth[]>();
  /** What the reader outside the case team collected, and what the unit's manager read live. */
  const collected: Observation[] = [];
  const live: Observation[] = [];
  const snapshots: Map<string, string>[] = [];
  /** The status of every request for live counts made by the reader and the officer. */
  const liveAnswers: number[] = [];

  const send = (session: Session, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });
  const ok = async <T = ProtectionCase>(session: Session, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  };

  const quarterOf = (date: string) => `Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

  /** A human-rights case whose victim suffered `n` verified acts; each act is one counted unit. */
  async function violations(
    n: number,
    facts: { occurredOn: string; region: string; violation: string; sex?: 'female' | 'male'; party?: string },
  ): Promise<void> {
    const { occurredOn, region, violation, sex = 'female', party = 'jnim' } = facts;
    const c = await ok(officer, 'POST', '/api/protection/cases', { programme: 'human_rights', occurredOn, region, summary: 'Faits' });
    const base = `/api/protection/cases/${c.ref}`;
    const victim = await ok<{ pseudonym: string }>(officer, 'POST', `${base}/persons`, { role: 'victim', sex, age: 30 });
    for (let i = 0; i < n; i++) {
      const after = await ok(officer, 'POST', `${base}/acts`, { victim: victim.pseudonym, party, violation, occurredOn, region });
      const act = after.acts.at(-1);
      await ok(officer, 'POST', `${base}/acts/${act?.id}/verification`, {
        verification: 'verified',
        verifiedOn: occurredOn,
        standardOfProof: 'reasonable_grounds',
      });
      truth.push({
        id: `hr${truth.length}`,
        programme: 'human_rights',
        year: occurredOn.slice(0, 4),
        quarter: quarterOf(occurredOn),
        region,
        violation,
        party,
        sex,
        age_group: ageGroupOf(30) ?? 'unknown',
        timeliness: 'on_time',
      });
    }
  }

  /** A misconduct allegation received by e-mail with `perpetrators` civilians involved and no act yet. */
  async function allegation(perpetrators: number, occurredOn: string, region: string): Promise<void> {
    const c = await ok(cdtOfficer, 'POST', '/api/protection/cases', {
      programme: 'misconduct',
      occurredOn,
      region,
      summary: 'Allégation',
      channel: 'email',
    });
    const facts = { year: occurredOn.slice(0, 4), quarter: quarterOf(occurredOn), region, violation: 'unknown', channel: 'email' };
    truth.push({
      id: `al${truth.length}`,
      programme: 'misconduct:allegations',
      ...facts,
      personnel: perpetrators > 0 ? 'civilian' : 'unknown',
    });
    for (let i = 0; i < perpetrators; i++) {
      await ok(cdtOfficer, 'POST', `/api/protection/cases/${c.ref}/persons`, { role: 'perpetrator', sex: 'male', affiliation: 'civilian' });
      truth.push({ id: `in${truth.length}`, programme: 'misconduct:individuals', ...facts, personnel: 'civilian' });
    }
  }

  /** Releases a quarter as the unit's manager and notes which records it was computed from. */
  async function release(session: Session, programme: Programme, quarter: number, count?: 'allegations' | 'individuals') {
    const made = await ok<StatsRelease>(session, 'POST', '/api/protection/stats/releases', {
      programme,
      year: 2020,
      quarter,
      ...(count ? { count } : {}),
    });
    const universe = programme === 'misconduct' ? `misconduct:${count ?? 'allegations'}` : programme;
    coverage.set(
      made.id,
      truth.filter((r) => r.programme === universe && r.year === '2020' && r.quarter === `Q${quarter}`),
    );
    return made;
  }

  /** Every table `session` may obtain of every release, JSON and CSV, in French and English; the answers by address. */
  async function collect(session: Session, into: Observation[]): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    for (const url of ['/api/protection/stats/releases', '/api/protection/stats/releases?year=2020']) {
      bodies.set(url, (await send(session, 'GET', url)).body);
    }
    const { items } = await ok<{ items: StatsRelease[] }>(session, 'GET', '/api/protection/stats/releases');
    for (const made of items) {
      const dimensions = releaseStatDimensions(made.programme);
      for (const rows of dimensions)
        for (const columns of [undefined, ...dimensions.filter((d) => d !== rows)]) {
          const query = `rows=${rows}${columns ? `&columns=${columns}` : ''}`;
          const url = `/api/protection/stats/releases/${made.id}?${query}`;
          const response = await send(session, 'GET', url);
          expect(response.statusCode, response.body).toBe(200);
          const table = response.json() as StatsTable;
          bodies.set(url, response.body);
          into.push({ source: made.id, table });
          const lang = (rows.length + (columns?.length ?? 0)) % 2 === 0 ? 'fr' : 'en';
          const csvUrl = `/api/protection/stats/releases/${made.id}.csv?${query}&lang=${lang}`;
          const csv = await send(session, 'GET', csvUrl);
          expect(csv.statusCode).toBe(200);
          bodies.set(csvUrl, csv.body);
          const read = fromCsv(csv.body, table, lang === 'fr' ? ';' : ',');
          expect(read.cells).toEqual(table.cells);
          into.push({ source: made.id, table: read });
        }
    }
    // Live counts of the year, every table: kept as collected if ever answered (they must not be).
    const source = `live as read by a reader @${snapshots.length}`;
    for (const programme of ['human_rights', 'misconduct'] as const) {
      const dimensions = PROGRAMME_STAT_DIMENSIONS[programme];
      for (const [i, rows] of dimensions.entries())
        for (const columns of [undefined, ...dimensions.slice(i + 1)]) {
          const query = `programme=${programme}&year=2020&rows=${rows}${columns ? `&columns=${columns}` : ''}`;
          for (const url of [`/api/protection/stats?${query}`, `/api/protection/stats.csv?${query}`]) {
            const response = await send(session, 'GET', url);
            liveAnswers.push(response.statusCode);
            bodies.set(url, response.body);
            if (response.statusCode === 200 && programme === 'human_rights' && !url.includes('.csv')) {
              coverage.set(
                source,
                truth.filter((r) => r.programme === programme && r.year === '2020'),
              );
              into.push({ source, table: response.json() as StatsTable });
            }
          }
        }
    }
    return bodies;
  }

  /** What the unit's manager reads live: every table of the year (each pair once), as every reader got before releases. */
  async function readLive(): Promise<void> {
    const source = `live@${live.length}`;
    coverage.set(
      source,
      truth.filter((r) => r.programme === 'human_rights' && r.year === '2020'),
    );
    const dimensions = PROGRAMME_STAT_DIMENSIONS.human_rights;
    for (const [i, rows] of dimensions.entries())
      for (const columns of [undefined, ...dimensions.slice(i + 1)]) {
        const query = `programme=human_rights&year=2020&rows=${rows}${columns ? `&columns=${columns}` : ''}`;
        live.push({ source, table: await ok<StatsTable>(manager, 'GET', `/api/protection/stats?${query}`) });
      }
  }

  /** Reads everything as the reader and as the officer, and checks that nothing changed since the last reading. */
  async function readAndCompare(expectSame: boolean): Promise<void> {
    const bodies = await collect(reader, collected);
    const officerBodies = await collect(officer, []);
    expect(officerBodies).toEqual(bodies);
    const previous = snapshots.at(-1);
    if (expectSame && previous) expect(bodies).toEqual(previous);
    snapshots.push(bodies);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('HRPD', 'officer');
    manager = await as('HRPD', 'manager');
    reader = await as('FORCE', 'officer');
    cdtManager = await as('CDT', 'manager');
    cdtOfficer = await as('CDT', 'officer');
    // First quarter of 2020: small cells in Mopti.
    await violations(6, { occurredOn: '2020-02-10', region: 'ML-7', violation: 'killing' });
    await violations(5, { occurredOn: '2020-02-10', region: 'ML-7', violation: 'torture', sex: 'male' });
    await violations(2, { occurredOn: '2020-02-10', region: 'ML-5', violation: 'killing' });
    await violations(7, { occurredOn: '2020-02-10', region: 'ML-5', violation: 'torture', sex: 'male' });
    // Second quarter: three acts of torture in Mopti, a hidden count an officer could try to push across k.
    await violations(6, { occurredOn: '2020-05-04', region: 'ML-7', violation: 'killing' });
    await violations(8, { occurredOn: '2020-05-04', region: 'ML-7', violation: 'arbitrary_detention', sex: 'male' });
    await violations(3, { occurredOn: '2020-05-04', region: 'ML-5', violation: 'torture', sex: 'male' });
    for (const [n, region] of [
      [1, 'ML-BKO'],
      [1, 'ML-BKO'],
      [2, 'ML-BKO'],
      [0, 'ML-7'],
      [1, 'ML-BKO'],
    ] as const)
      await allegation(n, '2020-08-01', region);
  }, 240_000);
  afterAll(async () => t?.close());

  test('a manager of the unit releases a closed quarter once; others, open quarters and second releases are refused', async () => {
    const refused = await send(officer, 'POST', '/api/protection/stats/releases', { programme: 'human_rights', year: 2020, quarter: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'stats_release_managers' });
    const other = await send(cdtManager, 'POST', '/api/protection/stats/releases', { programme: 'human_rights', year: 2020, quarter: 1 });
    expect(other.statusCode).toBe(403);

    const made = await release(manager, 'human_rights', 1);
    expect(made).toMatchObject({ programme: 'human_rights', year: 2020, quarter: 1, unitOfCount: 'verified_violations', minCell: K });
    expect(Object.keys(made).sort()).toEqual(['id', 'minCell', 'programme', 'quarter', 'releasedAt', 'unitOfCount', 'year']);

    const again = await send(manager, 'POST', '/api/protection/stats/releases', { programme: 'human_rights', year: 2020, quarter: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'stats_already_released' });
    expect(again.json().title).toContain('T1 2020 est déjà publié');
    const english = await send(
      manager,
      'POST',
      '/api/protection/stats/releases',
      { programme: 'human_rights', year: 2020, quarter: 1 },
      { 'accept-language': 'en' },
    );
    expect(english.json().title).toContain('Q1 2020 is already released');

    const now = new Date();
    const open = await send(manager, 'POST', '/api/protection/stats/releases', {
      programme: 'human_rights',
      year: now.getUTCFullYear(),
      quarter: Math.floor(now.getUTCMonth() / 3) + 1,
    });
    expect(open.statusCode).toBe(400);
    expect(open.json()).toMatchObject({ code: 'stats_quarter_open' });
    expect(open.json().title).toContain('n’est pas terminé');
    const individuals = await send(manager, 'POST', '/api/protection/stats/releases', {
      programme: 'human_rights',
      year: 2020,
      quarter: 2,
      count: 'individuals',
    });
    expect(individuals.statusCode).toBe(400);
    expect(individuals.json().errors[0]).toMatchObject({ path: 'count' });

    // Misconduct: one release per unit of count.
    const allegations = await release(cdtManager, 'misconduct', 3, 'allegations');
    const persons = await release(cdtManager, 'misconduct', 3, 'individuals');
    expect([allegations.unitOfCount, persons.unitOfCount]).toEqual(['allegations', 'individuals']);

    // Stored: the published pattern only, nothing in (0, k); final, even for the database's own clients.
    const rows = await t.ctx.database.db.selectFrom('protection_stats_releases').selectAll().execute();
    expect(rows).toHaveLength(3);
    const stored = rows.map((row) => JSON.parse(row.cells) as (number | null)[]);
    expect(stored.some((cells) => cells.includes(null))).toBe(true);
    for (const cells of stored) for (const cell of cells) if (cell !== null) expect(cell === 0 || cell >= K).toBe(true);
    await expect(t.ctx.database.db.updateTable('protection_stats_releases').set({ cells: '[]' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.ctx.database.db.deleteFrom('protection_stats_releases').execute()).rejects.toThrow(/append-only/);
    const audited = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'protection.stats.release')
      .execute();
    expect(audited.map((a) => a.record_id).sort()).toEqual(rows.map((r) => r.id).sort());

    // Any signed-in member lists the releases and reads their tables; a quarter breakdown does not exist in a release.
    const list = await ok<{ items: StatsRelease[] }>(reader, 'GET', '/api/protection/stats/releases?programme=human_rights&year=2020');
    expect(list.items.map((r) => r.quarter)).toEqual([1]);
    const table = await ok<StatsTable>(reader, 'GET', `/api/protection/stats/releases/${made.id}?rows=region&columns=violation`);
    expect(table).toMatchObject({ programme: 'human_rights', year: 2020, quarter: 1, total: 20, release: { id: made.id } });
    const quarter = await send(reader, 'GET', `/api/protection/stats/releases/${made.id}?rows=quarter`);
    expect(quarter.statusCode).toBe(400);
    expect(quarter.json().errors[0]).toMatchObject({ path: 'rows' });
    expect((await send(reader, 'GET', '/api/protection/stats/releases/00000000-0000-4000-8000-000000000000?rows=region')).statusCode).toBe(
      404,
    );
  }, 120_000);

  test('a reader outside the case team gets the same answers before and after each new record, late or not, and an officer pushing a hidden count across k learns nothing', async () => {
    await readLive();
    await readAndCompare(false);
    // The officer adds acts of torture in Mopti one at a time (3 → 4 → 5), reading after each: the second quarter is not released.
    for (let i = 0; i < 2; i++) {
      await violations(1, { occurredOn: '2020-05-04', region: 'ML-5', violation: 'torture', sex: 'male' });
      await readLive();
      await readAndCompare(true);
    }
    await release(manager, 'human_rights', 2);
    await readLive();
    await readAndCompare(false);
    // Records entered late for released quarters, one at a time: in Kidal, where every release publishes 0; in Gao; in Mopti.
    for (const facts of [
      { occurredOn: '2020-03-02', region: 'ML-8', violation: 'killing' },
      { occurredOn: '2020-05-20', region: 'ML-7', violation: 'killing' },
      { occurredOn: '2020-02-11', region: 'ML-5', violation: 'killing' },
    ]) {
      await violations(1, facts);
      await readLive();
      await readAndCompare(true);
    }
    await allegation(1, '2020-09-01', 'ML-BKO');
    await readAndCompare(true);
    expect(snapshots.length).toBeGreaterThanOrEqual(7);
  }, 240_000);

  test('live counts are refused to the reader and the officer, every table, JSON and CSV', () => {
    expect(liveAnswers.length).toBeGreaterThan(100);
    expect(liveAnswers.filter((status) => status !== 403)).toEqual([]);
  });

  test('by exact linear reasoning over everything the reader collected, no count below k is derivable', () => {
    expect(collected.length).toBeGreaterThan(100);
    expect([...timeSeriesLeaks(collected, coverage, K)]).toEqual([]);
  }, 120_000);

  test('the same reasoning over live counts read through the same additions (what every reader got before) recovers the new records', () => {
    const leaks = timeSeriesLeaks(live, coverage, K);
    // The officer's first act pushing Mopti's hidden torture count towards k: where, what, against whom.
    const crossing = truth.filter((r) => r.region === 'ML-5' && r.violation === 'torture' && r.quarter === 'Q2')[3];
    for (const key of ['region=ML-5', 'violation=torture', 'sex=male', 'quarter=Q2'])
      expect(leaks.get(`records ${crossing?.id} at ${key}`), key).toBe(1);
    // The record entered late in Kidal: its violation, its victim's sex and the quarter.
    const kidal = truth.find((r) => r.region === 'ML-8');
    for (const key of ['violation=killing', 'sex=female', 'quarter=Q1']) expect(leaks.get(`records ${kidal?.id} at ${key}`), key).toBe(1);
  }, 120_000);
});
