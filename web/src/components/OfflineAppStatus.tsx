import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n.js';
import { formatInstant } from '../news.js';
import { useLocation } from '../router.js';
import { forgetCopies, reloadIntoUpdate, useOfflineApp } from '../sw/register.js';

/**
 * Under the header: "a new version is available — reload" once a new build waits (web/src/sw), and
 * "offline copy of <time>" while what the page shows came from the device's copy because the network
 * failed (the oldest such copy's time).
 */
export function OfflineAppStatus() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname } = useLocation();
  const { updateWaiting, copies } = useOfflineApp();
  // A new page reads its own answers: the mark speaks of them only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => forgetCopies(), [pathname]);

  const oldest = [...copies.values()].filter(Boolean).sort()[0];
  if (!updateWaiting && copies.size === 0) return null;
  return (
    <div className="offline-app-status">
      {copies.size > 0 && (
        <p className="offline-copy" role="status">
          <strong>{t('pwa.offlineCopy', { time: oldest ? formatInstant(oldest, locale) : '' })}</strong>{' '}
          <span>{t('pwa.offlineCopyHint')}</span>
        </p>
      )}
      {updateWaiting && (
        <p className="app-update" role="status">
          <span>{t('pwa.updateAvailable')}</span>{' '}
          <button type="button" className="button-primary" onClick={reloadIntoUpdate}>
            {t('pwa.reload')}
          </button>
        </p>
      )}
    </div>
  );
}
