/**
 * Word-level difference between two texts, for histories and proposals: which words were kept,
 * which removed and which added. A longest common subsequence over words and the spaces between
 * them; concatenating the `same` and `removed` parts gives the old text back, `same` and `added`
 * the new one.
 */
export type WordDiffOp = 'same' | 'removed' | 'added';
export interface WordDiffPart {
  op: WordDiffOp;
  text: string;
}

/** Past this many cells the table would cost too much memory: the changed middle is shown replaced whole. */
const MAX_CELLS = 4_000_000;

/** Words (letters and digits, with the apostrophes and hyphens inside them), runs of spaces, and each other sign alone. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu) ?? [];
}

const isSpace = (token: string) => /^\s+$/.test(token);

/** Token operations of the changed middle `a` → `b`, from the table of common subsequence lengths. */
function middle(a: readonly string[], b: readonly string[]): WordDiffPart[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ op: 'added', text }));
  if (m === 0) return a.map((text) => ({ op: 'removed', text }));
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [...a.map((text) => ({ op: 'removed' as const, text })), ...b.map((text) => ({ op: 'added' as const, text }))];
  }
  // lengths[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const parts: WordDiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ op: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      parts.push({ op: 'removed', text: a[i] as string });
      i++;
    } else {
      parts.push({ op: 'added', text: b[j] as string });
      j++;
    }
  }
  for (; i < n; i++) parts.push({ op: 'removed', text: a[i] as string });
  for (; j < m; j++) parts.push({ op: 'added', text: b[j] as string });
  return parts;
}

/**
 * Groups token operations into readable parts: within each changed stretch the removed words
 * come first, then the added ones; a space kept only between two changes belongs to the change
 * (otherwise "a b" → "x y" would read as four changes around two kept spaces).
 */
function grouped(ops: readonly WordDiffPart[]): WordDiffPart[] {
  const parts: WordDiffPart[] = [];
  let removed = '';
  let added = '';
  const push = (op: WordDiffOp, text: string) => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  const flush = () => {
    push('removed', removed);
    push('added', added);
    removed = '';
    added = '';
  };
  ops.forEach((part, index) => {
    if (part.op === 'removed') removed += part.text;
    else if (part.op === 'added') added += part.text;
    else {
      const before = ops[index - 1];
      const after = ops[index + 1];
      const between = before && after && before.op !== 'same' && after.op !== 'same';
      if (between && isSpace(part.text)) {
        removed += part.text;
        added += part.text;
      } else {
        flush();
        push('same', part.text);
      }
    }
  });
  flush();
  return parts;
}

/**
 * A change that replaces only a space with text ending or starting with that space keeps the
 * space instead: "le cantonnement[ ][, le DDR ]à" reads "le cantonnement[, le DDR] à".
 */
function keptSpaces(parts: readonly WordDiffPart[]): WordDiffPart[] {
  const tidy: WordDiffPart[] = [];
  const push = (part: WordDiffPart) => {
    if (part.text === '') return;
    const last = tidy[tidy.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else tidy.push({ ...part });
  };
  for (let i = 0; i < parts.length; i++) {
    const removed = parts[i] as WordDiffPart;
    const added = parts[i + 1];
    if (removed.op !== 'removed' || !added || added.op !== 'added') {
      push(removed);
      continue;
    }
    const [space, other] = isSpace(removed.text) ? [removed.text, added] : isSpace(added.text) ? [added.text, removed] : [null, null];
    if (space !== null && other !== null && other.text.length > space.length && other.text.endsWith(space)) {
      push({ op: other.op, text: other.text.slice(0, -space.length) });
      push({ op: 'same', text: space });
    } else if (space !== null && other !== null && other.text.length > space.length && other.text.startsWith(space)) {
      push({ op: 'same', text: space });
      push({ op: other.op, text: other.text.slice(space.length) });
    } else {
      push(removed);
      push(added);
    }
    i++;
  }
  return tidy;
}

/** The word-level difference from `before` to `after`. */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const ops: WordDiffPart[] = [
    ...a.slice(0, start).map((text) => ({ op: 'same' as const, text })),
    ...middle(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...a.slice(a.length - end).map((text) => ({ op: 'same' as const, text })),
  ];
  return keptSpaces(grouped(ops));
}

/** The word-level difference of every field whose old or new value is text (null counts as empty). */
export function wordDiffs(changes: Record<string, { from: unknown; to: unknown }>): Record<string, WordDiffPart[]> {
  const diffs: Record<string, WordDiffPart[]> = {};
  for (const [field, { from, to }] of Object.entries(changes)) {
    const textual = (value: unknown) => typeof value === 'string' || value === null || value === undefined;
    if (!textual(from) || !textual(to) || (typeof from !== 'string' && typeof to !== 'string')) continue;
    diffs[field] = wordDiff((from as string | null) ?? '', (to as string | null) ?? '');
  }
  return diffs;
}
