import type { Locale } from '../../src/contracts/common.js';
import { CURRENCIES, type Currency } from '../../src/contracts/projects.js';

/**
 * Money as the project pages show and read it: integer minor units written and parsed with
 * string operations only, so that no amount ever passes through a floating-point number.
 */

const GROUP: Record<Locale, string> = { fr: '\u202f', en: ',' };
const DECIMAL: Record<Locale, string> = { fr: ',', en: '.' };

/** `4500000` US cents → « 45 000,00 USD » / “USD 45,000.00”. */
export function formatMoney(minor: number, currency: Currency, locale: Locale): string {
  const digits = CURRENCIES[currency];
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP[locale]);
  const amount = `${negative ? '−' : ''}${grouped}${digits === 0 ? '' : `${DECIMAL[locale]}${text.slice(-digits)}`}`;
  return locale === 'fr' ? `${amount}\u00a0${currency}` : `${currency}\u00a0${amount}`;
}

/**
 * What was typed, in minor units: spaces and the other language's group marks ignored, a decimal
 * comma or point, at most as many decimals as the currency has; null when it is no amount.
 */
export function parseMoney(text: string, currency: Currency): number | null {
  const digits = CURRENCIES[currency];
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d{1,3}(?:[,.]\d{3})*|\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return null;
  let [, whole = '', fraction = ''] = match;
  // « 45,000 » or « 45.000 »: three digits after a single mark read as thousands when the currency has none.
  if (fraction.length === 3 && digits < 3 && !/[,.]/.test(whole)) {
    whole += fraction;
    fraction = '';
  }
  whole = whole.replace(/[,.]/g, '');
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as the amount field shows them to be edited (`4500000` → `45000.00` / `45000,00`). */
export function moneyInput(minor: number, currency: Currency, locale: Locale): string {
  const digits = CURRENCIES[currency];
  const text = String(minor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}${DECIMAL[locale]}${text.slice(-digits)}`;
}
