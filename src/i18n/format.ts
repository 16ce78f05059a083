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
  const formatted = formatValue(value, measure, locale);
  return qualifier ? t(locale, `factsheet.qualifiers.${qualifier}`, { value: formatted }) : formatted;
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
