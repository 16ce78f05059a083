import { type Dispatch, type SetStateAction, useState } from 'react';
import type { ConflictSide } from './ConflictResolver.js';
import { type FieldConflict, threeWay } from './threeWay.js';

export interface EditConflict<T> {
  /** The version saves go against: the one loaded, then the one saved meanwhile. */
  version: number;
  /** None yet; the saved version being read; compared with the editor's; or unreadable (reload is then the way). */
  status: 'none' | 'loading' | 'ready' | 'failed';
  /** The fields both people changed, each with both values. */
  conflicts: FieldConflict<Extract<keyof T, string>>[];
  /** Which version of each conflicting field the form holds; the editor's until they choose. */
  choice: Record<string, ConflictSide>;
  /**
   * After a 409 `version_conflict`: reads the saved version, takes into the draft what only the
   * other person changed, keeps the rest of the editor's, and from then on saves against it.
   */
  resolve: (mine: T, load: () => Promise<{ draft: T; version: number }>) => Promise<void>;
  choose: (key: string, side: ConflictSide) => void;
}

/** An edit form's optimistic concurrency: its version, and the field-by-field way out of a conflict. */
export function useEditConflict<T extends object>(initial: T, version: number, setDraft: Dispatch<SetStateAction<T>>): EditConflict<T> {
  const [base, setBase] = useState({ draft: initial, version });
  const [status, setStatus] = useState<EditConflict<T>['status']>('none');
  const [conflicts, setConflicts] = useState<EditConflict<T>['conflicts']>([]);
  const [choice, setChoice] = useState<Record<string, ConflictSide>>({});

  const resolve = async (mine: T, load: () => Promise<{ draft: T; version: number }>) => {
    setStatus('loading');
    try {
      const saved = await load();
      const result = threeWay(base.draft, mine, saved.draft);
      setDraft(result.merged);
      setBase(saved);
      setConflicts(result.conflicts);
      setChoice(Object.fromEntries(result.conflicts.map((conflict) => [conflict.key, 'mine'])));
      setStatus('ready');
    } catch {
      setStatus('failed');
    }
  };

  const choose = (key: string, side: ConflictSide) => {
    const found = conflicts.find((conflict) => conflict.key === key);
    if (!found) return;
    setDraft((previous) => ({ ...previous, [found.key]: side === 'mine' ? found.mine : found.theirs }));
    setChoice((previous) => ({ ...previous, [key]: side }));
  };

  return { version: base.version, status, conflicts, choice, resolve, choose };
}
