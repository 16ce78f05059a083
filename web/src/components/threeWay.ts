/** One field both sides changed since the common version, each to something else. */
export interface FieldConflict<K extends string = string> {
  key: K;
  mine: unknown;
  theirs: unknown;
}

export interface ThreeWay<T> {
  /** Each side's changes applied to the other: what only the editor changed stays theirs, what only the server changed is taken; on a conflict, the editor's value until they choose. */
  merged: T;
  /** The fields changed on both sides to different values, in the record's order. */
  conflicts: FieldConflict<Extract<keyof T, string>>[];
}

/** Compares two values by content; `key` members (a row's React key) are not part of the content. */
export function sameValue(a: unknown, b: unknown): boolean {
  const content = (value: unknown) => JSON.stringify(value, (name, member) => (name === 'key' ? undefined : member));
  return content(a) === content(b);
}

/**
 * The three-way comparison of an edit that lost a race: `base` is the version the editor started
 * from, `mine` what they have now, `theirs` the version saved meanwhile. Field by field: unchanged
 * by the editor takes the server's value, unchanged by the server keeps the editor's, changed by
 * both to the same value is no conflict, changed by both differently is a conflict.
 */
export function threeWay<T extends object>(
  base: T,
  mine: T,
  theirs: T,
  same: (a: unknown, b: unknown) => boolean = sameValue,
): ThreeWay<T> {
  const merged = { ...mine };
  const conflicts: FieldConflict<Extract<keyof T, string>>[] = [];
  for (const key of Object.keys(mine) as Extract<keyof T, string>[]) {
    const mineChanged = !same(base[key], mine[key]);
    const theirsChanged = !same(base[key], theirs[key]);
    if (!theirsChanged) continue;
    if (!mineChanged) merged[key] = theirs[key];
    else if (!same(mine[key], theirs[key])) conflicts.push({ key, mine: mine[key], theirs: theirs[key] });
  }
  return { merged, conflicts };
}
