/**
 * What an attacker can solve for by exact linear reasoning, independently of the code under test:
 * unknowns named by strings, linear equations with integer coefficients, solved by Gaussian
 * elimination over the rationals (BigInt, each row kept as a primitive integer vector) to reduced
 * row echelon form. A linear form of the unknowns is derivable when it takes one value on every
 * solution: its coefficient vector lies in the row space of the equations.
 */

interface Row {
  terms: Map<number, bigint>;
  constant: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

function gcd(x: bigint, y: bigint): bigint {
  let [a, b] = [abs(x), abs(y)];
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** x · by[p] − by · x[p], so that unknown p cancels; divided by the gcd of what remains. */
function eliminate(x: Row, by: Row, p: number): Row {
  const a = by.terms.get(p) ?? 0n;
  const b = x.terms.get(p) ?? 0n;
  const terms = new Map<number, bigint>();
  for (const [unknown, coefficient] of x.terms) terms.set(unknown, a * coefficient);
  for (const [unknown, coefficient] of by.terms) {
    const value = (terms.get(unknown) ?? 0n) - b * coefficient;
    if (value === 0n) terms.delete(unknown);
    else terms.set(unknown, value);
  }
  let constant = a * x.constant - b * by.constant;
  let divisor = constant;
  for (const coefficient of terms.values()) divisor = gcd(divisor, coefficient);
  if (divisor > 1n) {
    for (const [unknown, coefficient] of terms) terms.set(unknown, coefficient / divisor);
    constant /= divisor;
  }
  return { terms, constant };
}

export class LinearSystem {
  private readonly names = new Map<string, number>();
  /** Pivot unknown → its row; in reduced form, no pivot appears in another pivot's row. */
  private readonly pivots = new Map<number, Row>();

  private index(name: string): number {
    let unknown = this.names.get(name);
    if (unknown === undefined) {
      unknown = this.names.size;
      this.names.set(name, unknown);
    }
    return unknown;
  }

  private row(terms: Iterable<readonly [string, bigint]>): Map<number, bigint> {
    const row = new Map<number, bigint>();
    for (const [name, coefficient] of terms) {
      const unknown = this.index(name);
      const value = (row.get(unknown) ?? 0n) + coefficient;
      if (value === 0n) row.delete(unknown);
      else row.set(unknown, value);
    }
    return row;
  }

  /** Adds Σ coefficient · unknown = constant; throws when it contradicts the equations so far. */
  equation(terms: Iterable<readonly [string, bigint]>, constant: bigint): void {
    let next: Row = { terms: this.row(terms), constant };
    for (const [p, row] of this.pivots) if (next.terms.has(p)) next = eliminate(next, row, p);
    if (next.terms.size === 0) {
      if (next.constant !== 0n) throw new Error('the published tables contradict each other');
      return;
    }
    const p = Math.min(...next.terms.keys());
    for (const [q, row] of this.pivots) if (row.terms.has(p)) this.pivots.set(q, eliminate(row, next, p));
    this.pivots.set(p, next);
  }

  /**
   * The value of Σ coefficient · unknown when the equations determine it, else null. Reduced by
   * every pivot row it holds: value = (what is left, all constant) / (the scale the rows added).
   */
  valueOf(terms: Iterable<readonly [string, bigint]>): number | null {
    let form = this.row(terms);
    let constant = 0n;
    let scale = 1n;
    for (const [p, row] of this.pivots) {
      const c = form.get(p);
      if (c === undefined) continue;
      const a = row.terms.get(p) ?? 1n;
      // a · form − c · (row − its constant): p cancels, and the row is worth its constant.
      const next = new Map<number, bigint>();
      for (const [unknown, coefficient] of form) next.set(unknown, a * coefficient);
      for (const [unknown, coefficient] of row.terms) {
        const value = (next.get(unknown) ?? 0n) - c * coefficient;
        if (value === 0n) next.delete(unknown);
        else next.set(unknown, value);
      }
      form = next;
      constant = a * constant + c * row.constant;
      scale *= a;
    }
    if (form.size > 0) return null;
    if (constant % scale !== 0n) throw new Error('a count came out as a fraction');
    return Number(constant / scale);
  }

  /** Every named unknown the equations determine, with its value. */
  determined(): Map<string, number> {
    const found = new Map<string, number>();
    for (const name of this.names.keys()) {
      const value = this.valueOf([[name, 1n]]);
      if (value !== null) found.set(name, value);
    }
    return found;
  }
}
