import type { Locale } from '../../src/contracts/common.js';
import { intlLocale } from './figures.js';

/** A moment as the mission reads it: Mali keeps UTC all year. */
export function formatInstant(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}
