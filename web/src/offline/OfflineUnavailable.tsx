import { useTranslation } from 'react-i18next';

/**
 * On the forms of confidential records (protection cases, identities, hotline calls, DDR persons):
 * they are never kept on the device, so entry needs the network. Said before the user types.
 */
export function OfflineUnavailable() {
  const { t } = useTranslation();
  return <p className="hint offline-unavailable">{t('offline.notQueued')}</p>;
}
