import { useTranslation } from 'react-i18next';
import type { IncidentStatus } from '../../../src/contracts/incidents.js';
import { statusBadgeClass } from '../incidents.js';

/** An incident's workflow status as a badge: the word says it, the colour repeats it. */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={statusBadgeClass(status)}>{t(`incidents.status.${status}`)}</span>;
}
