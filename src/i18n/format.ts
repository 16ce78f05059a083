import type { Locale } from '../contracts/common.js';
import type { FIGURE_QUALIFIERS } from '../contracts/organisation.js';
import { t } from './index.js';

type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

/**
 * Figures formatted the way each language writes them: French `13 289` and `93,02 %`, English
 * `13,289` and `93.02%`. French uses a no-break space (U+00A0) as the group separator, which every
 * PDF font carries, rather than the narrow one Intl produces.
 */
export function formatFigure(value: number, measure: string, locale: Locale, qualifier: FigureQualifier | null = null): string {
  const formatted = withTimeUnit(formatValue(value, measure, locale), value, measure, locale);
  return qualifier ? t(locale, `factsheet.qualifiers.${qualifier}`, { value: formatted }) : formatted;
}

/** Measures whose unit the label does not say, so the figure must: "6 mois", "15 jours". */
const TIME_MEASURES = new Set(['days', 'months', 'years']);

function withTimeUnit(formatted: string, value: number, measure: string, locale: Locale): string {
  if (!TIME_MEASURES.has(measure)) return formatted;
  return t(locale, `factsheet.units.${measure}_${value === 1 ? 'one' : 'other'}`, { value: formatted });
}

const INTL_LOCALES: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "2020-07" → "juillet 2020" / "July 2020"; a year stays as written. */
function formatPeriodPart(part: string, locale: Locale): string {
  const month = /^(\d{4})-(\d{2})$/.exec(part);
  if (!month) return part;
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A figure's period, stored as ISO 8601 ("2020-07", "2017-01/2020-06", "2015/.."), written as a
 * reader says it: "juillet 2020", "janvier 2017 – juin 2020", "depuis 2015".
 */
export function formatPeriod(period: string, locale: Locale): string {
  const [start = '', end] = period.split('/');
  if (end === undefined) return formatPeriodPart(start, locale);
  if (end === '..') return t(locale, 'factsheet.since', { start: formatPeriodPart(start, locale) });
  return `${formatPeriodPart(start, locale)} – ${formatPeriodPart(end, locale)}`;
}

function formatValue(value: number, measure: string, locale: Locale): string {
  const decimals = Number.isInteger(value) ? 0 : Math.min(2, (String(value).split('.')[1] ?? '').length);
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
    .format(value)
    .replace(/\u202f/g, '\u00a0');
  if (measure === 'percent') return locale === 'fr' ? `${number}\u00a0%` : `${number}%`;
  if (measure === 'usd') return locale === 'fr' ? `${number}\u00a0USD` : `USD ${number}`;
  if (measure === 'fcfa') return `${number}\u00a0FCFA`;
  return number;
}
