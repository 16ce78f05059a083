import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../src/contracts/protection.js';
import { statusBadgeClass } from '../protection.js';

/** A case's workflow status as a badge: the word says it, the colour repeats it. */
export function CaseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={statusBadgeClass(status)}>{t(`protection.status.${status as CaseStatus}`)}</span>;
}

export type CallStatus = 'queued' | 'accepted' | 'dismissed';

/** Where a hotline call stands: waiting in the queue, turned into a case, or dismissed. */
export function CallStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={statusBadgeClass(status)}>{t(`protection.calls.status.${status as CallStatus}`)}</span>;
}
