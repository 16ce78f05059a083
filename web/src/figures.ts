import type { Locale } from '../../src/contracts/common.js';
import type { Figure } from '../../src/contracts/organisation.js';

/** The conventions of each interface language: French `13 289` and `93,02 %`, English `13,289` and `93.02%`. */
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

/** Measures whose unit is not already said by the figure's label. */
export const TIME_MEASURES = ['days', 'months', 'years'] as const;
export type TimeMeasure = (typeof TIME_MEASURES)[number];

export function isTimeMeasure(measure: string): measure is TimeMeasure {
  return (TIME_MEASURES as readonly string[]).includes(measure);
}

/**
 * A figure's value as the interface language writes it. Percentages are stored as percentages
 * (93.02, not 0.9302) and keep the decimals they were given, up to two.
 */
export function formatFigureNumber(figure: Pick<Figure, 'value' | 'measure'>, locale: Locale): string {
  const intl = intlLocale(locale);
  switch (figure.measure) {
    case 'percent':
      return new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 2 }).format(figure.value / 100);
    case 'usd':
      return new Intl.NumberFormat(intl, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(figure.value);
    default:
      return new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(figure.value);
  }
}

/** A head count as the fact sheet writes it: French `13 289`, English `13,289`. */
export function formatCount(value: number, locale: Locale): string {
  return formatFigureNumber({ value, measure: 'persons' }, locale);
}

/** A share stated in percent (93.02 for 93.02 %): French `93,02 %`, English `93.02%`. */
export function formatPercent(value: number, locale: Locale): string {
  return formatFigureNumber({ value, measure: 'percent' }, locale);
}

/** A calendar day, "2020-07-31" → "31 juillet 2020" / "31 July 2020"; anything else stays as written. */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "2020-07" → "juillet 2020" / "July 2020"; a year or anything else stays as written. */
function formatPeriodPart(part: string, locale: Locale): string {
  const month = /^(\d{4})-(\d{2})$/.exec(part);
  if (!month) return part;
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A figure's period, written as ISO 8601 in the data: "2020-07", "2019/2020" (from… to…) or
 * "2016/.." (open-ended, worded by `since`).
 */
export function formatPeriod(period: string, locale: Locale, since: (start: string) => string): string {
  const [start = '', end] = period.split('/');
  if (end === undefined) return formatPeriodPart(start, locale);
  if (end === '..') return since(formatPeriodPart(start, locale));
  return `${formatPeriodPart(start, locale)} – ${formatPeriodPart(end, locale)}`;
}

/**
 * The formula of a computed figure in words: the keys it names are replaced by the labels of the
 * figures they stand for ("Militaires déployés / Effectifs militaires autorisés × 100").
 */
export function describeFormula(formula: string, figures: readonly Figure[]): string {
  const labels = new Map(figures.map((figure) => [figure.key, figure.label]));
  return formula.replace(/[a-z0-9_.-]+\.[a-z0-9_.-]+/gi, (key) => labels.get(key) ?? key);
}

/** A stored value as a person types it back: French `12 362` or `93,5`, English `12,362` or `93.5`. */
export function formatNumberInput(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 6 }).format(value);
}

/**
 * A number as typed in the interface language, or null when it is not one: French "13 289",
 * "13289" or "93,5" (a point is taken as the decimal sign too); English "13,289", "13289" or
 * "93.5". Spaces of any kind group thousands in both.
 */
export function parseFigureNumber(input: string, locale: Locale): number | null {
  let text = input.replace(/[\s\u00a0\u202f']/g, '');
  if (locale === 'fr') {
    text = text.replace(',', '.');
  } else if (text.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return null;
    text = text.replaceAll(',', '');
  }
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
