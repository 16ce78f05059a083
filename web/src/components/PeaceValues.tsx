import { useTranslation } from 'react-i18next';
import type { Provision, Share } from '../../../src/contracts/peace.js';
import { formatCount, formatPercent } from '../figures.js';
import { useLocale } from '../i18n.js';

/** The provision's text in the interface language, French when it has no English text. */
export function provisionText(provision: Pick<Provision, 'textFr' | 'textEn'>, locale: string): string {
  return locale === 'en' && provision.textEn ? provision.textEn : provision.textFr;
}

/** A PAM level with its name: "2 — Intermédiaire". */
export function PamLevel({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <span className={`pam-level pam-level-${level}`}>
      {level} — {t(`peace.levels.${level as 0 | 1 | 2 | 3}`)}
    </span>
  );
}

/** The women's share the server computed, against the quota: no share when nobody attended. */
export function WomenShare({ share }: { share: Share }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (share.womenShare === null) return <span className="all-value">{t('peace.noAttendance')}</span>;
  return (
    <span className={share.meetsQuota ? 'quota-met' : 'quota-missed'}>
      {formatPercent(share.womenShare, locale)}{' '}
      <span className="hint">({share.meetsQuota ? t('peace.quotaMet') : t('peace.quotaMissed')})</span>
    </span>
  );
}

/** Women, men and total of a group of people. */
export function Attendance({ share }: { share: Share }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {t('peace.attendanceCounts', {
        women: formatCount(share.women, locale),
        men: formatCount(share.men, locale),
        total: formatCount(share.total, locale),
      })}
    </>
  );
}
