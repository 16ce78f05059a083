import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Someone else changed the incident since it was loaded (409 `version_conflict`): nothing was
 * overwritten; the way forward is to reload the current version.
 */
export function IncidentConflict({ onReload, ref }: { onReload: () => void; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  return (
    <div ref={ref} role="alert" className="alert alert-error incident-conflict" tabIndex={-1}>
      <p className="incident-conflict-title">{t('incidents.conflict.title')}</p>
      <p>{t('incidents.conflict.body')}</p>
      <button type="button" className="button-secondary button-small" onClick={onReload}>
        {t('incidents.conflict.reload')}
      </button>
    </div>
  );
}
