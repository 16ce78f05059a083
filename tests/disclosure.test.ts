import { describe, expect, test } from 'vitest';
import {
  type Cell,
  DEFAULT_MIN_CELL,
  type Dimension,
  MIN_CELL_FLOOR,
  type PublishedTable,
  publishedTable,
  type SuppressionPattern,
  suppressionPattern,
} from '../src/platform/disclosure.js';
import { LinearSystem } from './helpers/derivability.js';

type Microdata = Record<string, string>[];

// --- Builders -----------------------------------------------------------------------------------

const region: Dimension = { name: 'region', values: ['Gao', 'Kidal', 'Mopti', 'Tombouctou'] };
const sex: Dimension = { name: 'sex', values: ['F', 'M'] };

/** `count` copies of one record. */
const times = (count: number, record: Record<string, string>): Microdata => Array.from({ length: count }, () => ({ ...record }));

/** Records of a region × sex table given as rows of [F, M] counts in `region.values` order. */
function regionBySex(rows: [number, number][]): Microdata {
  return rows.flatMap(([f, m], index) => {
    const name = region.values[index] ?? 'missing';
    return [...times(f, { region: name, sex: 'F' }), ...times(m, { region: name, sex: 'M' })];
  });
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const integer = (next: () => number, below: number) => Math.floor(next() * below);

/**
 * 1 to 4 dimensions of 1 to 5 values, up to ~150 records drawn with a random skew (from uniform
 * to concentrated on a few values), so that many cells are small, zero or both.
 */
function randomDataset(seed: number): { dimensions: Dimension[]; records: Microdata; k: number } {
  const next = random(seed);
  const dimensions = Array.from({ length: 1 + integer(next, 4) }, (_, d) => ({
    name: `d${d}`,
    values: Array.from({ length: 1 + integer(next, 5) }, (_, v) => `v${v}`),
  }));
  const skew = next() * 2.5;
  const pick = (values: readonly string[]) => {
    const weights = values.map((_, index) => 1 / (index + 1) ** skew);
    let draw = next() * weights.reduce((sum, weight) => sum + weight, 0);
    for (const [index, weight] of weights.entries()) {
      draw -= weight;
      if (draw <= 0) return values[index] ?? '';
    }
    return values[values.length - 1] ?? '';
  };
  const records = Array.from({ length: integer(next, 12) ** 2 }, () =>
    Object.fromEntries(dimensions.map(({ name, values }) => [name, pick(values)])),
  );
  const k = [MIN_CELL_FLOOR, DEFAULT_MIN_CELL, DEFAULT_MIN_CELL, 7][integer(next, 4)] ?? DEFAULT_MIN_CELL;
  return { dimensions, records, k };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = integer(next, i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// --- What a user sees, and what an attacker does with it ------------------------------------------

/** Every table a user may request: each 1-D table and each 2-D table in both orientations. */
function everyTable(pattern: SuppressionPattern): PublishedTable[] {
  const names = pattern.dimensions.map((dimension) => dimension.name);
  return names.flatMap((rows) => [
    publishedTable(pattern, rows),
    ...names.filter((other) => other !== rows).map((columns) => publishedTable(pattern, rows, columns)),
  ]);
}

/** The cell's identity whatever table shows it: its (dimension=value) conditions, sorted. */
const cellKey = (conditions: string[]) => [...conditions].sort().join('|');

/** Every cell a table shows, by identity: interior, row totals, column totals, grand total. */
function cellsOf(table: PublishedTable): [string, Cell][] {
  const row = (r: number) => `${table.rows.dimension}=${table.rows.values[r]}`;
  const column = (c: number) => (table.columns ? `${table.columns.dimension}=${table.columns.values[c]}` : null);
  const cells: [string, Cell][] = [['', table.total]];
  table.rowTotals.forEach((value, r) => {
    cells.push([cellKey([row(r)]), value]);
  });
  table.columnTotals.forEach((value, c) => {
    const name = column(c);
    cells.push([name === null ? '' : cellKey([name]), value]);
  });
  table.cells.forEach((values, r) => {
    values.forEach((value, c) => {
      const name = column(c);
      cells.push([cellKey(name === null ? [row(r)] : [row(r), name]), value]);
    });
  });
  return cells;
}

/** The true count of a cell, straight from the microdata. */
function trueCount(records: Microdata, key: string): number {
  const conditions = key === '' ? [] : key.split('|').map((condition) => condition.split('='));
  return records.filter((record) => conditions.every(([name, value]) => name !== undefined && record[name] === value)).length;
}

/** The tables the module would publish with only primary suppression: what a naive scheme shows. */
function primaryOnlyTables(records: Microdata, dimensions: Dimension[], k: number): PublishedTable[] {
  const tables = everyTable(suppressionPattern([], dimensions, k));
  const masked = (key: string): Cell => {
    const n = trueCount(records, key);
    return n > 0 && n < k ? null : n;
  };
  return tables.map((table) => {
    const row = (r: number) => `${table.rows.dimension}=${table.rows.values[r]}`;
    const column = (c: number) => `${table.columns?.dimension}=${table.columns?.values[c]}`;
    return {
      ...table,
      cells: table.cells.map((values, r) => values.map((_, c) => masked(cellKey(table.columns ? [row(r), column(c)] : [row(r)])))),
      rowTotals: table.rowTotals.map((_, r) => masked(cellKey([row(r)]))),
      columnTotals: table.columnTotals.map((_, c) => masked(table.columns ? cellKey([column(c)]) : '')),
      total: masked(''),
    };
  });
}

/**
 * What an attacker learns from a set of published tables, independently of the module: every
 * null is an unknown (the same cell in two tables is the same unknown), every row, column and
 * total of every table an equation, solved exactly (tests/helpers/derivability.ts). Returns the
 * unknowns whose value is uniquely determined, with that value.
 */
function attack(tables: PublishedTable[]): Map<string, number> {
  const system = new LinearSystem();
  const published = new Map<string, number>();
  const equation = (cells: [key: string, value: Cell, sign: bigint][]) => {
    const terms: [string, bigint][] = [];
    let constant = 0n;
    for (const [key, value, sign] of cells) {
      if (value === null) {
        terms.push([key, sign]);
      } else {
        const earlier = published.get(key);
        if (earlier !== undefined && earlier !== value) throw new Error(`${key} is published as ${earlier} and ${value}`);
        published.set(key, value);
        constant -= sign * BigInt(value);
      }
    }
    system.equation(terms, constant);
  };
  for (const table of tables) {
    const row = (r: number) => `${table.rows.dimension}=${table.rows.values[r]}`;
    const column = (c: number) => (table.columns ? `${table.columns.dimension}=${table.columns.values[c]}` : null);
    const interior = (r: number, c: number) => {
      const name = column(c);
      return cellKey(name === null ? [row(r)] : [row(r), name]);
    };
    const columnKey = (c: number) => {
      const name = column(c);
      return name === null ? '' : cellKey([name]);
    };
    table.cells.forEach((values, r) => {
      equation([
        ...values.map((value, c): [string, Cell, bigint] => [interior(r, c), value, 1n]),
        [cellKey([row(r)]), table.rowTotals[r] ?? null, -1n],
      ]);
    });
    table.columnTotals.forEach((total, c) => {
      equation([
        ...table.cells.map((values, r): [string, Cell, bigint] => [interior(r, c), values[c] ?? null, 1n]),
        [columnKey(c), total, -1n],
      ]);
    });
    equation([...table.rowTotals.map((value, r): [string, Cell, bigint] => [cellKey([row(r)]), value, 1n]), ['', table.total, -1n]]);
    equation([...table.columnTotals.map((value, c): [string, Cell, bigint] => [columnKey(c), value, 1n]), ['', table.total, -1n]]);
  }
  return system.determined();
}

/** The determined cells whose true count is 0 < n < k: what the rule forbids. */
function disclosures(records: Microdata, tables: PublishedTable[], k: number): Map<string, number> {
  const leaks = new Map<string, number>();
  for (const [key, value] of attack(tables)) {
    expect(value, `attacker's value of ${key}`).toBe(trueCount(records, key));
    if (value > 0 && value < k) leaks.set(key, value);
  }
  return leaks;
}

const nulls = (cells: Cell[]) => cells.filter((cell) => cell === null).length;
const column = (table: PublishedTable, c: number) => table.cells.map((row) => row[c] ?? null);

// --- Tests --------------------------------------------------------------------------------------

describe('primary suppression', () => {
  const records = regionBySex([
    [3, 20],
    [0, 25],
    [10, 12],
    [9, 30],
  ]);

  test('a cell of 3 is suppressed, a zero is published', () => {
    const table = publishedTable(suppressionPattern(records, [region, sex]), 'region', 'sex');
    expect(table.cells[0]?.[0]).toBeNull();
    expect(table.cells[1]?.[0]).toBe(0);
    expect(table.rowTotals).toEqual([23, 25, 22, 39]);
    expect(table.columnTotals).toEqual([22, 87]);
    expect(table.total).toBe(109);
  });

  test('k = 3 publishes a 3; with the default k = 5 a 4 is suppressed', () => {
    const withThree = publishedTable(suppressionPattern(records, [region, sex], 3), 'region', 'sex');
    expect(withThree.cells[0]).toEqual([3, 20]);
    expect(withThree.suppressed).toBe(0);
    const four = regionBySex([
      [4, 20],
      [6, 25],
      [10, 12],
      [9, 30],
    ]);
    expect(publishedTable(suppressionPattern(four, [region, sex]), 'region', 'sex').cells[0]?.[0]).toBeNull();
    expect(publishedTable(suppressionPattern(four, [region, sex], 3), 'region', 'sex').cells[0]?.[0]).toBe(4);
  });

  test('k must be an integer of at least 3', () => {
    for (const k of [2, 0, -5, 4.5, Number.NaN]) expect(() => suppressionPattern(records, [region, sex], k), String(k)).toThrow(RangeError);
    expect(suppressionPattern(records, [region, sex], MIN_CELL_FLOOR).k).toBe(3);
    expect(suppressionPattern(records, [region, sex]).k).toBe(DEFAULT_MIN_CELL);
  });

  test('unknown dimensions and values are refused', () => {
    const pattern = suppressionPattern(records, [region, sex]);
    expect(() => publishedTable(pattern, 'cercle')).toThrow(RangeError);
    expect(() => publishedTable(pattern, 'region', 'cercle')).toThrow(RangeError);
    expect(() => publishedTable(pattern, 'region', 'region')).toThrow(RangeError);
    expect(() => suppressionPattern([{ region: 'Bamako', sex: 'F' }], [region, sex])).toThrow(RangeError);
    expect(() => suppressionPattern([{ region: 'Gao' }], [region, sex])).toThrow(RangeError);
    expect(() => suppressionPattern([], [region, region])).toThrow(RangeError);
    expect(() => suppressionPattern([], [{ name: 'sex', values: ['F', 'F'] }])).toThrow(RangeError);
  });
});

describe('secondary suppression', () => {
  test('a row with exactly one small cell gets a second suppression, as does its column', () => {
    const records = regionBySex([
      [2, 20],
      [7, 25],
      [10, 12],
      [9, 30],
    ]);
    const table = publishedTable(suppressionPattern(records, [region, sex]), 'region', 'sex');
    // The cheapest rectangle through (Gao, F): Gao × M, and Mopti, whose row adds 10 + 12.
    expect(table.cells).toEqual([
      [null, null],
      [7, 25],
      [null, null],
      [9, 30],
    ]);
    expect(table.rowTotals).toEqual([22, 32, 22, 39]);
    expect(table.suppressed).toBe(4);
    expect(disclosures(records, [table], DEFAULT_MIN_CELL).size).toBe(0);
  });

  test('the grand total does not reveal a lone suppressed 1-D cell', () => {
    const records = regionBySex([
      [2, 0],
      [10, 20],
      [15, 15],
      [8, 30],
    ]);
    const alone = suppressionPattern(records, [region]);
    expect(publishedTable(alone, 'region').rowTotals).toEqual([null, null, 30, 38]);
    expect(alone.cells[0]).toBe(100);
    expect(disclosures(records, everyTable(alone), DEFAULT_MIN_CELL).size).toBe(0);

    const crossed = suppressionPattern(records, [region, sex]);
    const regions = publishedTable(crossed, 'region');
    expect(regions.rowTotals[0]).toBeNull();
    expect(regions.total).toBe(100);
    expect(nulls(regions.rowTotals)).toBeGreaterThanOrEqual(2);
    expect(disclosures(records, everyTable(crossed), DEFAULT_MIN_CELL).size).toBe(0);
  });

  test('a table whose cells are all at least k, or zero, is published whole', () => {
    const dimensions: Dimension[] = [region, sex, { name: 'quarter', values: ['T1', 'T2', 'T3'] }];
    const every = region.values.flatMap((r) =>
      sex.values.flatMap((s) => ['T1', 'T2', 'T3'].flatMap((q) => times(DEFAULT_MIN_CELL, { region: r, sex: s, quarter: q }))),
    );
    const sparse = [...times(12, { region: 'Gao', sex: 'F', quarter: 'T1' }), ...times(5, { region: 'Mopti', sex: 'M', quarter: 'T3' })];
    for (const records of [every, sparse]) {
      const pattern = suppressionPattern(records, dimensions);
      expect(pattern.primary + pattern.secondary).toBe(0);
      for (const table of everyTable(pattern)) expect(table.suppressed).toBe(0);
    }
  });

  test('an empty dataset gives zeros everywhere', () => {
    const pattern = suppressionPattern([], [region, sex]);
    expect(pattern.cells.every((cell) => cell === 0)).toBe(true);
    const table = publishedTable(pattern, 'sex', 'region');
    expect(table).toEqual({
      rows: { dimension: 'sex', values: ['F', 'M'] },
      columns: { dimension: 'region', values: region.values },
      cells: [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      rowTotals: [0, 0],
      columnTotals: [0, 0, 0, 0],
      total: 0,
      suppressed: 0,
    });
  });
});

describe('consistency across overlapping queries', () => {
  test('a cell is published or suppressed alike in every table that shows it', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { dimensions, records, k } = randomDataset(seed);
      const pattern = suppressionPattern(records, dimensions, k);
      const seen = new Map<string, Cell>();
      for (const table of everyTable(pattern)) {
        const shown = new Map(cellsOf(table));
        expect(table.suppressed, `seed ${seed}`).toBe(nulls([...shown.values()]));
        for (const [key, value] of shown) {
          if (seen.has(key)) expect(value, `seed ${seed}, ${key}`).toBe(seen.get(key));
          seen.set(key, value);
          if (value !== null) expect(value, `seed ${seed}, ${key}`).toBe(trueCount(records, key));
        }
      }
      for (const { name: a } of dimensions) {
        const single = publishedTable(pattern, a);
        for (const { name: b } of dimensions.filter((dimension) => dimension.name !== a)) {
          const ab = publishedTable(pattern, a, b);
          const ba = publishedTable(pattern, b, a);
          expect(ab.cells, `seed ${seed}`).toEqual(ba.cells[0]?.map((_, c) => column(ba, c)) ?? []);
          expect(ab.rowTotals).toEqual(single.rowTotals);
          expect(ba.columnTotals).toEqual(single.rowTotals);
          expect([ab.total, ba.total]).toEqual([single.total, single.total]);
        }
      }
    }
  });

  test('the pattern does not depend on the order of the records', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { dimensions, records, k } = randomDataset(seed);
      expect(suppressionPattern(shuffled(records, seed), dimensions, k), `seed ${seed}`).toEqual(
        suppressionPattern(records, dimensions, k),
      );
    }
  });
});

describe('no disclosure from all tables together', () => {
  test('random datasets: no small cell is published or can be solved for', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { dimensions, records, k } = randomDataset(seed);
      const pattern = suppressionPattern(records, dimensions, k);
      for (const cell of pattern.cells) if (cell !== null) expect(cell > 0 && cell < k, `seed ${seed}: ${cell} published`).toBe(false);
      expect([...disclosures(records, everyTable(pattern), k)], `seed ${seed}`).toEqual([]);
      checked += pattern.primary;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test('the attacker does find what primary suppression alone leaks', () => {
    let leaking = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const { dimensions, records, k } = randomDataset(seed);
      if (disclosures(records, primaryOnlyTables(records, dimensions, k), k).size > 0) leaking++;
    }
    expect(leaking).toBeGreaterThan(20);
  });

  test('margins whose pairwise sums are known from different 2-D tables are protected jointly', () => {
    // A(a1..a4) = 1, 2, 1, 2 are small. A × B pairs them as a1 + a2 and a3 + a4, A × C as
    // a2 + a3 and a1 + a4, A × D as a1 + a3 and a2 + a4 (each pair shares a column whose other
    // cells are published). Every table alone hides them; together, a1 = ((a1 + a2) + (a1 + a3) −
    // (a2 + a3)) / 2.
    const dimensions: Dimension[] = [
      { name: 'A', values: ['a1', 'a2', 'a3', 'a4', 'a5'] },
      { name: 'B', values: ['b1', 'b2'] },
      { name: 'C', values: ['c1', 'c2'] },
      { name: 'D', values: ['d1', 'd2'] },
    ];
    const records: Microdata = [
      ...times(1, { A: 'a1', B: 'b1', C: 'c2', D: 'd1' }),
      ...times(2, { A: 'a2', B: 'b1', C: 'c1', D: 'd2' }),
      ...times(1, { A: 'a3', B: 'b2', C: 'c1', D: 'd1' }),
      ...times(2, { A: 'a4', B: 'b2', C: 'c2', D: 'd2' }),
      ...['b1', 'b2'].flatMap((B) => ['c1', 'c2'].flatMap((C) => ['d1', 'd2'].flatMap((D) => times(10, { A: 'a5', B, C, D })))),
    ];
    const naive = primaryOnlyTables(records, dimensions, DEFAULT_MIN_CELL);
    for (const table of naive) expect(disclosures(records, [table], DEFAULT_MIN_CELL).size, table.rows.dimension).toBe(0);
    expect(disclosures(records, naive, DEFAULT_MIN_CELL).get('A=a1')).toBe(1);

    const pattern = suppressionPattern(records, dimensions);
    expect(pattern.secondary).toBeGreaterThan(0);
    expect([...disclosures(records, everyTable(pattern), DEFAULT_MIN_CELL)]).toEqual([]);
  });

  test('a small interior cell is not given away by its margins in another table', () => {
    // Region × sex alone would protect (Gao, F) = 2 with a rectangle; the margins Gao and F are
    // published, and the sex × quarter and region × quarter tables must not reopen the rectangle.
    const dimensions: Dimension[] = [region, sex, { name: 'quarter', values: ['T1', 'T2'] }];
    const records: Microdata = [
      ...times(2, { region: 'Gao', sex: 'F', quarter: 'T1' }),
      ...times(20, { region: 'Gao', sex: 'M', quarter: 'T1' }),
      ...times(4, { region: 'Kidal', sex: 'F', quarter: 'T2' }),
      ...times(16, { region: 'Kidal', sex: 'M', quarter: 'T2' }),
      ...times(30, { region: 'Mopti', sex: 'F', quarter: 'T1' }),
      ...times(30, { region: 'Tombouctou', sex: 'M', quarter: 'T2' }),
    ];
    const pattern = suppressionPattern(records, dimensions);
    expect(disclosures(records, primaryOnlyTables(records, dimensions, DEFAULT_MIN_CELL), DEFAULT_MIN_CELL).size).toBeGreaterThan(0);
    expect([...disclosures(records, everyTable(pattern), DEFAULT_MIN_CELL)]).toEqual([]);
  });

  test('realistic dimensions: six of them, sparse', () => {
    const dimension = (name: string, size: number) => ({ name, values: Array.from({ length: size }, (_, v) => `${name}-${v}`) });
    const dimensions = [
      dimension('quarter', 4),
      dimension('region', 11),
      dimension('violation', 20),
      dimension('party', 17),
      dimension('sex', 3),
      dimension('age', 6),
    ];
    for (const [seed, size] of [
      [1, 40],
      [2, 300],
      [3, 1500],
    ] as const) {
      const next = random(seed);
      const records = Array.from({ length: size }, () =>
        Object.fromEntries(dimensions.map(({ name, values }) => [name, values[Math.floor(values.length * next() ** 2)] ?? ''])),
      );
      const pattern = suppressionPattern(records, dimensions);
      expect(pattern.cells).toHaveLength(1487);
      for (const cell of pattern.cells) if (cell !== null) expect(cell > 0 && cell < DEFAULT_MIN_CELL).toBe(false);
      expect([...disclosures(records, everyTable(pattern), DEFAULT_MIN_CELL)], `${size} records`).toEqual([]);
    }
  });
});
