import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { ConflictResolver } from './ConflictResolver.js';
import { ProblemAlert } from './ProblemAlert.js';
import type { EditConflict } from './useEditConflict.js';

/**
 * What a save's failure shows above an edit form: after a lost race (409 `version_conflict`),
 * the saved version being read, then the field-by-field comparison, which takes the focus;
 * any other problem as `ProblemAlert` shows it. `shown` writes a value as the form shows it.
 */
export function SaveProblem<T extends object>({
  problem,
  edit,
  title,
  labels,
  shown,
}: {
  problem: Problem | null;
  edit: EditConflict<T>;
  title: string;
  labels: Record<Extract<keyof T, string>, string>;
  shown: (key: Extract<keyof T, string>, value: unknown) => string;
}) {
  const { t } = useTranslation();
  const resolverRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (edit.status === 'ready') resolverRef.current?.focus();
  }, [edit.status]);
  const conflict = problem?.code === 'version_conflict';
  return (
    <>
      {conflict && edit.status === 'loading' && <p role="status">{t('common.conflict.loading')}</p>}
      {conflict && edit.status === 'ready' ? (
        <ConflictResolver
          ref={resolverRef}
          title={title}
          fields={edit.conflicts.map(({ key, mine, theirs }) => ({
            key,
            label: labels[key],
            mine: shown(key, mine),
            theirs: shown(key, theirs),
          }))}
          choice={edit.choice}
          onChoose={edit.choose}
        />
      ) : (
        <ProblemAlert problem={problem} labels={labels} />
      )}
    </>
  );
}
