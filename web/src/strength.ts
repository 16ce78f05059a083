import type { Locale } from '../../src/contracts/common.js';
import { STRENGTH_CATEGORIES, type StrengthCategory, type StrengthSnapshot } from '../../src/contracts/strength.js';

/** Mission-wide totals (all countries, all locations, both sexes): the series of the history chart. */
export function categoryTotals(snapshots: readonly StrengthSnapshot[], category: StrengthCategory): StrengthSnapshot[] {
  return snapshots
    .filter((s) => s.category === category && s.sex === 'all' && s.country === null && s.location === null)
    .sort((a, b) => a.asOf.localeCompare(b.asOf));
}

/** Newest first; within a day, in the reports' order of categories, then totals before details. */
export function newestFirst(snapshots: readonly StrengthSnapshot[]): StrengthSnapshot[] {
  const rank = (category: StrengthCategory) => STRENGTH_CATEGORIES.indexOf(category);
  return [...snapshots].sort(
    (a, b) =>
      b.asOf.localeCompare(a.asOf) ||
      rank(a.category) - rank(b.category) ||
      (a.country ?? '').localeCompare(b.country ?? '') ||
      (a.location ?? '').localeCompare(b.location ?? '') ||
      a.sex.localeCompare(b.sex),
  );
}

type CsvField = 'asOf' | 'category' | 'country' | 'sex' | 'location' | 'authorised' | 'deployed' | 'source' | 'classification';

/** The CSV columns the import reads, by the field each fills, named as in the interface language. */
const CSV_COLUMNS: Record<Locale, Record<CsvField, string>> = {
  fr: {
    asOf: 'date',
    category: 'categorie',
    country: 'pays',
    sex: 'sexe',
    location: 'lieu',
    authorised: 'autorises',
    deployed: 'deployes',
    source: 'source',
    classification: 'classification',
  },
  en: {
    asOf: 'date',
    category: 'category',
    country: 'country',
    sex: 'sex',
    location: 'location',
    authorised: 'authorised',
    deployed: 'deployed',
    source: 'source',
    classification: 'classification',
  },
};

const TEMPLATE_FIELDS: readonly CsvField[] = ['asOf', 'category', 'country', 'sex', 'location', 'authorised', 'deployed'];

/** French spreadsheets separate with `;`, English ones with `,`; the import reads both. */
export function csvSeparator(locale: Locale): string {
  return locale === 'fr' ? ';' : ',';
}

/** The cells of the header line a CSV file starts with. */
export function csvHeaderCells(locale: Locale): string[] {
  return TEMPLATE_FIELDS.map((field) => CSV_COLUMNS[locale][field]);
}

/** The cells of one row as the import expects it: the Force's totals on a given day. */
export const CSV_EXAMPLE_CELLS: readonly string[] = ['2020-10-31', 'military', '', 'all', '', '13289', '12500'];

/** A template file (header and one example row) as a data: address, for a download link. */
export function csvTemplateUrl(locale: Locale): string {
  const lines = [csvHeaderCells(locale), CSV_EXAMPLE_CELLS].map((cells) => cells.join(csvSeparator(locale)));
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${lines.join('\r\n')}\r\n`)}`;
}

/** The column an import error names (a field, or a header as written in the file), as the user's file calls it. */
export function csvColumnName(column: string, locale: Locale): string {
  const names: Readonly<Record<string, string>> = CSV_COLUMNS[locale];
  return names[column] ?? column;
}
