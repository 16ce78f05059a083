import { useTranslation } from 'react-i18next';
import type { Facility } from '../api/justice.js';

/** A court's or a prison's latest status, as a word (the colour is only a help). */
export function StatusLabel({ latest }: { latest: Facility['latest'] }) {
  const { t } = useTranslation();
  if (!latest) return <span className="hint">{t('justice.notAssessed')}</span>;
  return <span className={`justice-status justice-${latest.status}`}>{t(`justice.statuses.${latest.status}`)}</span>;
}
