import { CURRENCIES, type Currency } from '../../contracts/projects.js';

/**
 * Exact money: amounts are integer minor units and rates decimal strings, converted with
 * integer arithmetic (BigInt) and rounded half up to the cent once, never through a float.
 */

/** `minor` units of `currency` in US cents at `rate` (USD for one unit of the currency). */
export function toUsdMinor(minor: number, currency: Currency, rate: string): number {
  const [whole = '0', fraction = ''] = rate.split('.');
  const numerator = BigInt(minor) * BigInt(`${whole}${fraction}`) * 100n;
  const denominator = 10n ** BigInt(CURRENCIES[currency] + fraction.length);
  const quotient = numerator / denominator;
  const rounded = (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
  return Number(rounded);
}

/** The date `months` calendar months after an ISO date, on the last day of the month when it is shorter. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** An amount of a project as the API shows it: minor units, currency, and USD at the project's rate. */
export function money(minor: number, row: { currency: string; rate_to_usd: string }) {
  const currency = row.currency as Currency;
  return { minor, currency, usdMinor: toUsdMinor(minor, currency, row.rate_to_usd) };
}
