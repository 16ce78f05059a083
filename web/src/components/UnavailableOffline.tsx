import { useTranslation } from 'react-i18next';

/**
 * What a page of confidential work (protection, hotline, DDR registry) shows offline instead of
 * itself: nothing of it is kept on the device, so there is nothing to read (src/contracts/offline.ts).
 */
export function UnavailableOffline() {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <h1>{t('pwa.unavailableTitle')}</h1>
      <p>{t('pwa.unavailableBody')}</p>
      <p>{t('pwa.unavailableRetry')}</p>
    </div>
  );
}
