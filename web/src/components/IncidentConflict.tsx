import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** What the notice says; by default, about an incident. */
export interface ConflictWording {
  title: string;
  body: string;
  reload: string;
}

/**
 * Someone else changed the record since it was loaded (409 `version_conflict`): nothing was
 * overwritten; the way forward is to reload the current version. Incidents and protection cases
 * show the same notice, each in its own words.
 */
export function IncidentConflict({
  onReload,
  ref,
  wording,
}: {
  onReload: () => void;
  ref?: Ref<HTMLDivElement>;
  wording?: ConflictWording;
}) {
  const { t } = useTranslation();
  const text = wording ?? {
    title: t('incidents.conflict.title'),
    body: t('incidents.conflict.body'),
    reload: t('incidents.conflict.reload'),
  };
  return (
    <div ref={ref} role="alert" className="alert alert-error incident-conflict" tabIndex={-1}>
      <p className="incident-conflict-title">{text.title}</p>
      <p>{text.body}</p>
      <button type="button" className="button-secondary button-small" onClick={onReload}>
        {text.reload}
      </button>
    </div>
  );
}
