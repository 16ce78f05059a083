import { useTranslation } from 'react-i18next';
import { formatCount, formatDay, formatPercent } from '../figures.js';
import { useLocale } from '../i18n.js';

/** A figure the source does not state: a dash to the eye, words to a screen reader. */
export function NoValue() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('strength.noValue')}</span>
    </>
  );
}

/** A head count in the interface language's format (`13 289`, `13,289`). */
export function Count({ value }: { value: number | null }) {
  const locale = useLocale();
  return value === null ? <NoValue /> : formatCount(value, locale);
}

/** A share in percent, computed by the server (`93,02 %`, `93.02%`). */
export function Percent({ value }: { value: number | null }) {
  const locale = useLocale();
  return value === null ? <NoValue /> : formatPercent(value, locale);
}

/** A snapshot's day, written out in the interface language. */
export function Day({ value }: { value: string }) {
  const locale = useLocale();
  return <time dateTime={value}>{formatDay(value, locale)}</time>;
}
