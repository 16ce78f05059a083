import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../src/contracts/common.js';
import { toProblem } from './api.js';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; problem: Problem } | { status: 'done'; data: T };

type LoadResult<T> = Loaded<T> & {
  /** Runs the request again; the previous result stays on screen until the new one arrives. */
  reload: () => void;
  /** True while any request (first or reload) is in flight. */
  pending: boolean;
};

/**
 * Runs a request when the component mounts (and again on reload(), or when `key` changes),
 * ignoring an answer that arrives after the component is gone or after a newer request.
 * `key` is for answers that depend on something outside the request, e.g. the interface language
 * the server words its labels in.
 */
export function useLoad<T>(load: () => Promise<T>, key?: unknown): LoadResult<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [pending, setPending] = useState(true);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is usually an inline arrow; only reload() or a new key runs it again.
  useEffect(() => {
    let current = true;
    setPending(true);
    load()
      .then(
        (data) => current && setState({ status: 'done', data }),
        (error: unknown) => current && setState({ status: 'failed', problem: toProblem(error) }),
      )
      .finally(() => current && setPending(false));
    return () => {
      current = false;
    };
  }, [generation, key]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload, pending };
}

/** Two results as one: loading until both are done, failed as soon as either fails. */
export function both<A, B>(a: Loaded<A>, b: Loaded<B>): Loaded<[A, B]> {
  if (a.status === 'failed') return a;
  if (b.status === 'failed') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'done', data: [a.data, b.data] };
}
