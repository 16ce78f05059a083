/**
 * De-identified statistics: counts of protection cases (violations, grave violations against
 * children, sexual violence, misconduct allegations, explosive-ordnance survivors) published
 * outside the compartment that holds them, with small-cell suppression that holds across every
 * table a user may request over the same data.
 *
 * **Query space.** Over a list of dimensions (quarter, region, violation, party, sex, age group…),
 * a user may ask for the grand total, any 1-D table (one dimension) and any 2-D table (a pair of
 * dimensions, either way round), each with its margins and grand total. One suppression pattern
 * is computed for the whole query space at once, so a cell is published or suppressed identically
 * in every table that shows it: region=Gao is the same cell in the region table and in the margins
 * of region × sex and region × quarter; (Gao, F) is the same cell in region × sex and sex × region.
 * The pattern depends only on the counts, never on the order of the records or on which table is
 * asked first.
 *
 * **Rule.** Every cell (interior, margin or grand total) whose count n is 0 < n < k is suppressed
 * (primary suppression; k is 5 by default and never below 3). Zeros are published. Then further
 * cells are suppressed (secondary suppression) until no primary cell can be derived.
 *
 * **What "cannot be derived" means.** Take the published values of all tables of the query space
 * together with the additivity equations that bind them: for each dimension, its 1-D cells sum to
 * the grand total; for each pair (A, B), every row of A × B sums to its A cell and every column to
 * its B cell. Those are all the linear relations between the tables (any collection of tables
 * satisfying them is the marginal of some signed table of records), so this is exactly what an
 * attacker combining every table can solve. The guarantee: in that joint system no primary cell
 * is uniquely determined, i.e. for every suppressed cell with 0 < n < k there are other solutions,
 * agreeing with everything published, in which it takes another value. The audit is exact
 * (rational arithmetic, no floating point).
 *
 * **What it does not guarantee.** This is protection against exact disclosure, not interval
 * protection: an attacker may still bound a suppressed cell, sometimes tightly (for instance
 * between 0 and the published total of its row), and reasoning with non-negativity and
 * integrality can narrow those bounds further. While no suppressed cell is zero, a cell the
 * linear system leaves free can also move a little both ways with no cell turning negative, so
 * non-negativity alone cannot pin it; a suppressed zero can. Secondary suppression therefore
 * takes a zero only when its repair has no zero-free alternative (it then can, rarely, happen in
 * very sparse tables).
 *
 * **How.** The audit eliminates the 2-D interior cells table by table: in A × B, the suppressed
 * cells are the edges of a bipartite graph between A's and B's values. An edge on a cycle can
 * always change (alternate ±t around the cycle), so it is safe; a bridge equals a signed sum of
 * the margins on one side of it; each connected component leaves one equation between margins.
 * What remains is a small exact system over the suppressed margins (at most one unknown per 1-D
 * cell plus the grand total), brought to reduced row echelon form: a margin is determined iff its
 * unit vector lies in the row space, a bridge iff its margin sum does. While some primary cell is
 * determined, the cheapest structure that frees it is suppressed: for a 1-D cell a(0), a second
 * cell a(1) of its dimension and, in each 2-D table with that dimension, the two cells of one
 * column in rows a(0) and a(1) (the marginals of the signed table δ(a0) − δ(a1) at one point of
 * the other dimensions); for an interior cell, the cheapest cycle through it in its own table
 * (Dijkstra). Cost is the sum of the counts newly suppressed, zeros counting as more than any
 * count, already suppressed cells as nothing, ties broken by cell order. Margins are repaired
 * before interior cells, since a free margin often frees its rows; freed cells stay free when more
 * cells are suppressed, so a pattern usually needs three audits.
 */

/** Cells with 0 < n < DEFAULT_MIN_CELL are suppressed unless another threshold is configured. */
export const DEFAULT_MIN_CELL = 5;
/** No configuration may publish smaller cells than this. */
export const MIN_CELL_FLOOR = 3;

/** A dimension with its full ordered list of values (values absent from the data give 0 cells). */
export interface Dimension {
  name: string;
  values: readonly string[];
}

/** A published count, or null when suppressed. */
export type Cell = number | null;

/** The publishable form of every table of the query space; holds no suppressed count. */
export interface SuppressionPattern {
  readonly k: number;
  readonly dimensions: readonly Dimension[];
  /**
   * Every cell of the query space: the grand total, then the 1-D cells of each dimension in order,
   * then the 2-D cells of each pair (i < j in dimension order), row-major with dimension i as rows.
   */
  readonly cells: readonly Cell[];
  /** How many cells are suppressed because 0 < n < k. */
  readonly primary: number;
  /** How many more cells are suppressed so that no primary cell can be derived. */
  readonly secondary: number;
}

/** One requested table with its margins, as the user receives it. */
export interface PublishedTable {
  rows: { dimension: string; values: string[] };
  columns: { dimension: string; values: string[] } | null;
  /** rows × columns; a 1-D table has a single column. */
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
  /** How many distinct cells of this table (interior, margins, grand total) are suppressed. */
  suppressed: number;
}

/**
 * Counts the records over the query space and suppresses cells so that no cell with 0 < n < k can
 * be derived from all its tables together. Each record is one counted unit and gives one value per
 * dimension (other fields are ignored).
 */
export function suppressionPattern(
  records: readonly Readonly<Record<string, string>>[],
  dimensions: readonly Dimension[],
  k: number = DEFAULT_MIN_CELL,
): SuppressionPattern {
  if (!Number.isInteger(k) || k < MIN_CELL_FLOOR) {
    throw new RangeError(`minimum cell size must be an integer of at least ${MIN_CELL_FLOOR}`);
  }
  const layout = layoutOf(dimensions);
  const counts = countCells(layout, dimensions, records);
  const hidden = new Uint8Array(layout.cellCount);
  let primary = 0;
  for (let cell = 0; cell < layout.cellCount; cell++) {
    const n = at(counts, cell);
    if (n > 0 && n < k) {
      hidden[cell] = 1;
      primary++;
    }
  }
  const secondary = protect(layout, counts, hidden, k);
  const cells: Cell[] = Array.from(counts, (n, cell) => (hidden[cell] ? null : n));
  return { k, dimensions: dimensions.map(({ name, values }) => ({ name, values: [...values] })), cells, primary, secondary };
}

/**
 * The table of `rowsDimension` (by `columnsDimension` when given), cut from the pattern: a fresh
 * one, or one stored when it was released (only its dimensions and published cells are needed).
 */
export function publishedTable(
  pattern: Pick<SuppressionPattern, 'dimensions' | 'cells'>,
  rowsDimension: string,
  columnsDimension?: string,
): PublishedTable {
  const layout = layoutOf(pattern.dimensions);
  // A malformed pattern reads as suppressed, never as a count.
  const read = (cell: number): Cell => pattern.cells[cell] ?? null;
  const i = dimensionIndex(pattern.dimensions, rowsDimension);
  const rows = { dimension: rowsDimension, values: [...valuesOf(pattern.dimensions, i)] };
  const rowTotals = rows.values.map((_, a) => read(marginCell(layout, i, a)));
  const total = read(0);
  if (columnsDimension === undefined) {
    const cells = rowTotals.map((n) => [n]);
    return { rows, columns: null, cells, rowTotals, columnTotals: [total], total, suppressed: countNulls(rowTotals, [total]) };
  }
  const j = dimensionIndex(pattern.dimensions, columnsDimension);
  if (j === i) throw new RangeError(`a table cannot cross ${rowsDimension} with itself`);
  const columns = { dimension: columnsDimension, values: [...valuesOf(pattern.dimensions, j)] };
  const columnTotals = columns.values.map((_, b) => read(marginCell(layout, j, b)));
  const cells = rows.values.map((_, a) => columns.values.map((_, b) => read(pairCell(layout, i, a, j, b))));
  const suppressed = countNulls(...cells, rowTotals, columnTotals, [total]);
  return { rows, columns, cells, rowTotals, columnTotals, total, suppressed };
}

function countNulls(...groups: Cell[][]): number {
  return groups.reduce((sum, group) => sum + group.filter((cell) => cell === null).length, 0);
}

// ---------------------------------------------------------------------------------------------
// Layout of the query space: cell 0 is the grand total, then the 1-D cells, then the 2-D cells.

interface Pair {
  /** Dimension index of the rows (the smaller index) and of the columns. */
  readonly rows: number;
  readonly columns: number;
  /** Index of the pair's first interior cell. */
  readonly start: number;
}

interface Layout {
  readonly sizes: readonly number[];
  /** Index of each dimension's first 1-D cell. */
  readonly marginStart: readonly number[];
  /** Cells below this index are margins (grand total and 1-D cells). */
  readonly marginEnd: number;
  readonly pairs: readonly Pair[];
  /** pairOf[i][j] is the pair of dimensions i and j, in either order. */
  readonly pairOf: readonly (readonly number[])[];
  readonly cellCount: number;
}

function layoutOf(dimensions: readonly Dimension[]): Layout {
  const names = new Set<string>();
  for (const { name, values } of dimensions) {
    if (names.has(name)) throw new RangeError(`dimension ${name} is listed twice`);
    names.add(name);
    if (values.length === 0) throw new RangeError(`dimension ${name} has no values`);
    if (new Set(values).size !== values.length) throw new RangeError(`dimension ${name} lists a value twice`);
  }
  const sizes = dimensions.map((dimension) => dimension.values.length);
  const marginStart: number[] = [];
  let next = 1;
  for (const size of sizes) {
    marginStart.push(next);
    next += size;
  }
  const marginEnd = next;
  const pairs: Pair[] = [];
  const pairOf = sizes.map(() => sizes.map(() => -1));
  for (let i = 0; i < sizes.length; i++) {
    for (let j = i + 1; j < sizes.length; j++) {
      at(pairOf, i)[j] = at(pairOf, j)[i] = pairs.length;
      pairs.push({ rows: i, columns: j, start: next });
      next += at(sizes, i) * at(sizes, j);
    }
  }
  return { sizes, marginStart, marginEnd, pairs, pairOf, cellCount: next };
}

function marginCell(layout: Layout, i: number, a: number): number {
  return at(layout.marginStart, i) + a;
}

/** The 2-D cell (dimension i = a, dimension j = b), whichever of i and j holds the rows. */
function pairCell(layout: Layout, i: number, a: number, j: number, b: number): number {
  const pair = at(layout.pairs, at(at(layout.pairOf, i), j));
  return pair.rows === i ? pair.start + a * at(layout.sizes, j) + b : pair.start + b * at(layout.sizes, i) + a;
}

function dimensionIndex(dimensions: readonly Dimension[], name: string): number {
  const index = dimensions.findIndex((dimension) => dimension.name === name);
  if (index < 0) throw new RangeError(`unknown dimension ${name}`);
  return index;
}

function valuesOf(dimensions: readonly Dimension[], i: number): readonly string[] {
  return at(dimensions, i).values;
}

function countCells(layout: Layout, dimensions: readonly Dimension[], records: readonly Readonly<Record<string, string>>[]): Int32Array {
  const positions = dimensions.map(({ values }) => new Map(values.map((value, index) => [value, index])));
  const counts = new Int32Array(layout.cellCount);
  const point = new Int32Array(dimensions.length);
  for (const record of records) {
    for (const [i, { name }] of dimensions.entries()) {
      const value = record[name];
      const position = value === undefined ? undefined : at(positions, i).get(value);
      if (position === undefined) throw new RangeError(`record value ${JSON.stringify(value)} is not a value of dimension ${name}`);
      point[i] = position;
    }
    counts[0] = at(counts, 0) + 1;
    for (let i = 0; i < dimensions.length; i++) {
      const cell = marginCell(layout, i, at(point, i));
      counts[cell] = at(counts, cell) + 1;
    }
    for (const pair of layout.pairs) {
      const cell = pair.start + at(point, pair.rows) * at(layout.sizes, pair.columns) + at(point, pair.columns);
      counts[cell] = at(counts, cell) + 1;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Secondary suppression: audit, repair what is determined, audit again.

/**
 * Adds secondary suppressions to `hidden` (primary cells already set) until the audit finds no
 * determined primary cell; returns how many were added.
 */
function protect(layout: Layout, counts: Int32Array, hidden: Uint8Array, k: number): number {
  const total = at(counts, 0);
  // Larger than any sum of non-zero counts a repair can pick, so a zero is used only when no
  // repair without one exists.
  const zeroWeight = total * layout.cellCount + 1;
  const weight = (cell: number): number => {
    if (hidden[cell]) return 0;
    const n = at(counts, cell);
    return n > 0 ? n : zeroWeight;
  };
  let added = 0;
  const hide = (cell: number) => {
    if (hidden[cell]) return;
    hidden[cell] = 1;
    added++;
  };
  for (;;) {
    const determined = audit(layout, counts, hidden, k);
    if (determined.margins.length === 0 && determined.interior.length === 0) return added;
    // A repair always exists. The grand total is never determined: below k, every non-zero cell
    // is primary, and a single record is a signed table touching only those. A dimension with
    // one value has its cell equal to the grand total; an interior cell of a table with such a
    // dimension equals a 1-D cell of the other, which the margin round has already freed.
    const before = added;
    const [cells, repair] = determined.margins.length > 0 ? [determined.margins, freeMargin] : [determined.interior, freeInterior];
    for (const cell of cells) if (!repair(layout, cell, weight, hide)) throw new Error(`disclosure: no repair frees cell ${cell}`);
    // Each repair's cells carry a signed table through its cell, so one that adds nothing would
    // mean the audit was wrong.
    if (added === before) throw new Error('disclosure: secondary suppression made no progress');
  }
}

/**
 * Frees the 1-D cell (i, a0) by suppressing, at least cost, a second cell (i, a1) and, for every
 * other dimension d, the cells (a0, b) and (a1, b) of one value b of d: together the marginals of
 * the signed table δ(a0, …) − δ(a1, …), which can be added to the records without changing any
 * published cell. Returns false for the grand total and for a dimension with a single value.
 */
function freeMargin(layout: Layout, cell: number, weight: (cell: number) => number, hide: (cell: number) => void): boolean {
  if (cell === 0) return false;
  const i = dimensionOfMargin(layout, cell);
  const a0 = cell - marginCell(layout, i, 0);
  const size = at(layout.sizes, i);
  let best: { a1: number; columns: number[]; cost: number } | null = null;
  for (let a1 = 0; a1 < size; a1++) {
    if (a1 === a0) continue;
    let cost = weight(marginCell(layout, i, a1));
    const columns: number[] = [];
    for (let d = 0; d < layout.sizes.length; d++) {
      if (d === i) {
        columns.push(-1);
        continue;
      }
      let bestB = 0;
      let bestCost = Number.POSITIVE_INFINITY;
      for (let b = 0; b < at(layout.sizes, d); b++) {
        const bCost = weight(pairCell(layout, i, a0, d, b)) + weight(pairCell(layout, i, a1, d, b));
        if (bCost < bestCost) {
          bestB = b;
          bestCost = bCost;
        }
      }
      cost += bestCost;
      columns.push(bestB);
    }
    if (best === null || cost < best.cost) best = { a1, columns, cost };
  }
  if (best === null) return false;
  hide(marginCell(layout, i, best.a1));
  for (const [d, b] of best.columns.entries()) {
    if (d === i) continue;
    hide(pairCell(layout, i, a0, d, b));
    hide(pairCell(layout, i, best.a1, d, b));
  }
  return true;
}

/**
 * Frees the interior cell (a0, b0) by suppressing the cheapest cycle through it in its own table
 * (alternating ±t around a cycle changes no row or column sum). Returns false when one of the
 * table's dimensions has a single value, leaving no cycle.
 */
function freeInterior(layout: Layout, cell: number, weight: (cell: number) => number, hide: (cell: number) => void): boolean {
  const pair = pairOfInterior(layout, cell);
  const rows = at(layout.sizes, pair.rows);
  const columns = at(layout.sizes, pair.columns);
  const a0 = Math.floor((cell - pair.start) / columns);
  const b0 = (cell - pair.start) % columns;
  // Nodes: rows 0…rows−1, then columns; the path runs from column b0 back to row a0.
  const nodes = rows + columns;
  const distance = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(nodes).fill(-1);
  const settled = new Uint8Array(nodes);
  const source = rows + b0;
  const edge = (u: number, v: number) => (u < rows ? pair.start + u * columns + (v - rows) : pair.start + v * columns + (u - rows));
  distance[source] = 0;
  for (;;) {
    let u = -1;
    for (let node = 0; node < nodes; node++) {
      if (!settled[node] && at(distance, node) < Number.POSITIVE_INFINITY && (u < 0 || at(distance, node) < at(distance, u))) u = node;
    }
    if (u < 0 || u === a0) break;
    settled[u] = 1;
    const [from, to] = u < rows ? [rows, nodes] : [0, rows];
    for (let v = from; v < to; v++) {
      const between = edge(u, v);
      if (between === cell || settled[v]) continue;
      const through = at(distance, u) + weight(between);
      if (through < at(distance, v)) {
        distance[v] = through;
        previous[v] = u;
      }
    }
  }
  if (at(previous, a0) < 0) return false;
  for (let v = a0; v !== source; v = at(previous, v)) hide(edge(at(previous, v), v));
  return true;
}

function dimensionOfMargin(layout: Layout, cell: number): number {
  let i = 0;
  while (i + 1 < layout.marginStart.length && at(layout.marginStart, i + 1) <= cell) i++;
  return i;
}

function pairOfInterior(layout: Layout, cell: number): Pair {
  let p = 0;
  while (p + 1 < layout.pairs.length && at(layout.pairs, p + 1).start <= cell) p++;
  return at(layout.pairs, p);
}

// ---------------------------------------------------------------------------------------------
// The audit.

interface Determined {
  /** Primary 1-D cells and grand total that the published tables determine. */
  margins: number[];
  /** Primary 2-D cells that the published tables determine. */
  interior: number[];
}

/** Which primary cells the published values and the additivity equations determine uniquely. */
function audit(layout: Layout, counts: Int32Array, hidden: Uint8Array, k: number): Determined {
  const isPrimary = (cell: number) => {
    const n = at(counts, cell);
    return n > 0 && n < k;
  };
  // Unknowns of the reduced system: the suppressed margins.
  const column = new Int32Array(layout.marginEnd).fill(-1);
  let width = 0;
  for (let cell = 0; cell < layout.marginEnd; cell++) if (hidden[cell]) column[cell] = width++;
  const vector = (terms: Iterable<[cell: number, sign: bigint]>): bigint[] => {
    const row = new Array<bigint>(width).fill(0n);
    for (const [cell, sign] of terms) {
      const c = at(column, cell);
      if (c >= 0) row[c] = at(row, c) + sign;
    }
    return row;
  };

  const equations: bigint[][] = [];
  for (let i = 0; i < layout.sizes.length; i++) {
    equations.push(vector([[0, -1n], ...range(at(layout.sizes, i), (a): [number, bigint] => [marginCell(layout, i, a), 1n])]));
  }
  const bridges: { cell: number; sum: bigint[] }[] = [];
  for (const pair of layout.pairs) {
    const graph = suppressedGraph(layout, pair, hidden);
    // A node's margin enters with + for a row and − for a column: the sum of a set of row
    // equations minus the column equations of the same component cancels every edge inside it.
    const marginOf = (node: number): [number, bigint] =>
      node < graph.rows ? [marginCell(layout, pair.rows, node), 1n] : [marginCell(layout, pair.columns, node - graph.rows), -1n];
    for (const [start, end] of graph.components) equations.push(vector(graph.order.slice(start, end).map(marginOf)));
    for (const bridge of graph.bridges) {
      if (!isPrimary(bridge.cell)) continue;
      bridges.push({ cell: bridge.cell, sum: vector(graph.order.slice(bridge.start, bridge.end).map(marginOf)) });
    }
  }

  const basis = rowEchelon(equations);
  const margins: number[] = [];
  for (let cell = 0; cell < layout.marginEnd; cell++) {
    if (!hidden[cell] || !isPrimary(cell)) continue;
    if (inRowSpace(basis, vector([[cell, 1n]]))) margins.push(cell);
  }
  const interior = bridges.filter((bridge) => inRowSpace(basis, bridge.sum)).map((bridge) => bridge.cell);
  return { margins, interior: interior.sort((x, y) => x - y) };
}

interface SuppressedGraph {
  rows: number;
  /** Nodes (rows 0…rows−1, then columns) in depth-first preorder. */
  order: number[];
  /** Each connected component as a [start, end) range of `order`. */
  components: [number, number][];
  /** Each bridge with the [start, end) range of `order` holding the subtree below it. */
  bridges: { cell: number; start: number; end: number }[];
}

/**
 * The suppressed interior cells of a 2-D table as a bipartite graph between its row values and its
 * column values: connected components and bridges (Tarjan), iteratively.
 */
function suppressedGraph(layout: Layout, pair: Pair, hidden: Uint8Array): SuppressedGraph {
  const rows = at(layout.sizes, pair.rows);
  const columns = at(layout.sizes, pair.columns);
  const nodes = rows + columns;
  const adjacent: [node: number, cell: number][][] = range(nodes, () => []);
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < columns; b++) {
      const cell = pair.start + a * columns + b;
      if (!hidden[cell]) continue;
      at(adjacent, a).push([rows + b, cell]);
      at(adjacent, rows + b).push([a, cell]);
    }
  }
  const preorder = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const order: number[] = [];
  const components: [number, number][] = [];
  const bridges: { cell: number; start: number; end: number }[] = [];
  for (let root = 0; root < nodes; root++) {
    if (at(preorder, root) >= 0) continue;
    const componentStart = order.length;
    const visit = (node: number) => {
      preorder[node] = low[node] = order.length;
      order.push(node);
    };
    visit(root);
    // Frames: node, the cell it was reached by, and how many neighbours it has tried.
    const stack: { node: number; via: number; next: number }[] = [{ node: root, via: -1, next: 0 }];
    while (stack.length > 0) {
      const frame = at(stack, stack.length - 1);
      const neighbours = at(adjacent, frame.node);
      if (frame.next < neighbours.length) {
        const [neighbour, cell] = at(neighbours, frame.next++);
        if (cell === frame.via) continue;
        if (at(preorder, neighbour) < 0) {
          visit(neighbour);
          stack.push({ node: neighbour, via: cell, next: 0 });
        } else {
          low[frame.node] = Math.min(at(low, frame.node), at(preorder, neighbour));
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) continue;
      low[parent.node] = Math.min(at(low, parent.node), at(low, frame.node));
      if (at(low, frame.node) === at(preorder, frame.node)) {
        bridges.push({ cell: frame.via, start: at(preorder, frame.node), end: order.length });
      }
    }
    components.push([componentStart, order.length]);
  }
  return { rows, order, components, bridges };
}

// ---------------------------------------------------------------------------------------------
// Exact linear algebra over the rationals, each row kept as a primitive integer vector.

interface Echelon {
  rows: bigint[][];
  pivots: number[];
}

/** Reduced row echelon form of `equations` (a basis of their row space). */
function rowEchelon(equations: readonly bigint[][]): Echelon {
  const basis: Echelon = { rows: [], pivots: [] };
  for (const equation of equations) {
    const row = reduce(basis, equation);
    const pivot = row.findIndex((x) => x !== 0n);
    if (pivot < 0) continue;
    for (const [index, other] of basis.rows.entries()) {
      if (at(other, pivot) !== 0n) basis.rows[index] = combine(other, row, pivot);
    }
    basis.rows.push(row);
    basis.pivots.push(pivot);
  }
  return basis;
}

function inRowSpace(basis: Echelon, vector: readonly bigint[]): boolean {
  return reduce(basis, vector).every((x) => x === 0n);
}

/** `vector` with every pivot column of the basis eliminated. */
function reduce(basis: Echelon, vector: readonly bigint[]): bigint[] {
  let row = [...vector];
  for (const [index, pivot] of basis.pivots.entries()) {
    if (at(row, pivot) !== 0n) row = combine(row, at(basis.rows, index), pivot);
  }
  return row;
}

/** A multiple of `row` minus a multiple of `by` with a zero in column `pivot`, made primitive. */
function combine(row: readonly bigint[], by: readonly bigint[], pivot: number): bigint[] {
  const p = at(by, pivot);
  const q = at(row, pivot);
  const result = row.map((x, c) => p * x - q * at(by, c));
  let divisor = 0n;
  for (const x of result) divisor = gcd(divisor, x < 0n ? -x : x);
  return divisor > 1n ? result.map((x) => x / divisor) : result;
}

function gcd(x: bigint, y: bigint): bigint {
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

// ---------------------------------------------------------------------------------------------

function range<T>(length: number, item: (index: number) => T): T[] {
  return Array.from({ length }, (_, index) => item(index));
}

/** Indexed read for arrays whose bounds the caller has checked. */
function at<T>(array: ArrayLike<T>, index: number): T {
  const value = array[index];
  if (value === undefined) throw new Error(`disclosure: index ${index} out of range`);
  return value;
}
