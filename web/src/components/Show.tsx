import type { ReactNode } from 'react';
import type { Loaded } from '../api/queries.js';
import { Loading, ProblemAlert } from './ProblemAlert.js';

/** Shows a request's result, or its loading state, or its problem. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <ProblemAlert problem={loaded.problem} />;
  return <>{children(loaded.data)}</>;
}
