import { parse } from 'csv-parse/sync';
import type { Locale } from '../../contracts/common.js';
import { CURRENCIES, type Currency, FUNDS, type ProjectInputParsed, projectInputSchema } from '../../contracts/projects.js';
import { t } from '../../i18n/index.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue } from '../../platform/validation.js';

/**
 * Reading a portfolio CSV: the columns of the portfolio's CSV export (so an export reads back), one
 * project per line, each with at most one place (a gazetteer name, or latitude and longitude).
 * Amounts are decimals in the project's currency, read into minor units with string operations
 * only. The export's own computed columns (id, status, money committed and disbursed, USD amounts)
 * are read past: an imported project starts its lifecycle as proposed, and its money is recorded
 * once it is approved.
 */

/** Column → field of the project input (dotted for nested ones). */
const COLUMNS: Record<string, string> = {
  fund: 'fund',
  unit: 'unit',
  classification: 'classification',
  title_fr: 'titleFr',
  title_en: 'titleEn',
  description_fr: 'descriptionFr',
  description_en: 'descriptionEn',
  sector: 'sector',
  place: 'place',
  latitude: 'latitude',
  longitude: 'longitude',
  planned_start: 'plannedStart',
  planned_end: 'plannedEnd',
  actual_start: 'actualStart',
  actual_end: 'actualEnd',
  currency: 'currency',
  rate_to_usd: 'rateToUsd',
  rate_date: 'rateDate',
  budget: 'budgetMinor',
  planned_people: 'plannedPeople',
  planned_women: 'plannedWomen',
  reached_people: 'reachedPeople',
  reached_women: 'reachedWomen',
  exception_justification: 'exceptionJustification',
};
/** The export's computed columns, read past. */
const IGNORED = new Set(['id', 'status', 'committed', 'disbursed', 'budget_usd', 'committed_usd', 'disbursed_usd']);
const REQUIRED = ['fund', 'title_fr', 'sector', 'planned_start', 'planned_end', 'currency', 'rate_to_usd', 'rate_date', 'budget'];
const PEOPLE = new Set(['planned_people', 'planned_women', 'reached_people', 'reached_women']);

/** The column a field of the input is read from, for the report. */
export function columnOf(path: readonly PropertyKey[]): string | null {
  const [first, , last] = path;
  if (first === 'places') return last === 'latitude' || last === 'longitude' ? String(last) : 'place';
  if (first === 'beneficiaries') {
    const field = String(path[1] ?? '');
    return Object.keys(COLUMNS).find((c) => COLUMNS[c] === field) ?? null;
  }
  return Object.keys(COLUMNS).find((c) => COLUMNS[c] === String(first ?? '')) ?? null;
}

const key = (text: string) => searchKey(text).replace(/[\s'’()-]+/g, '_');

/** A fund or a class by its code, or by its name in French or English (as the export writes it). */
function coded(value: string, codes: readonly string[], catalog: string): string {
  const wanted = key(value);
  for (const code of codes) {
    if (key(code) === wanted) return code;
    for (const locale of ['fr', 'en'] as const) if (key(t(locale, `${catalog}.${code}`)) === wanted) return code;
  }
  return value;
}

/** An amount written with a decimal point or comma and spaces between thousands, in minor units; null when it is none. */
export function parseAmount(text: string, currency: Currency): number | null {
  const digits = CURRENCIES[currency];
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

function count(text: string): number | string {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(compact) ? Number(compact) : text;
}

function coordinate(text: string): number | string {
  const compact = text.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : text;
}

export interface ImportRowError {
  line: number;
  column: string | null;
  message: string;
}

export interface ImportRow {
  line: number;
  input: ProjectInputParsed;
}

/** Reads the file (UTF-8, optional BOM, `,` or `;`): every problem is reported with its line and column, in the reader's language. */
export function parseProjectsCsv(text: string, locale: Locale, unit: string): { rows: ImportRow[]; errors: ImportRowError[] } {
  let records: string[][];
  try {
    // One separator for the file, from its header: with `;`, amounts carry a decimal comma.
    const header = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = header.includes(';') ? ';' : ',';
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return {
      rows: [],
      errors: [{ line: (error as { lines?: number }).lines ?? 1, column: null, message: t(locale, 'errors.projects_csv_unreadable') }],
    };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0)
    return { rows: [], errors: [{ line: 1, column: null, message: t(locale, 'errors.projects_csv_empty') }] };
  const names = header.map((name) => key(name));
  const unknown = header.filter((_, i) => !COLUMNS[names[i] ?? ''] && !IGNORED.has(names[i] ?? ''));
  if (unknown.length > 0)
    return {
      rows: [],
      errors: [
        { line: 1, column: unknown.join(', '), message: t(locale, 'errors.projects_csv_unknown_columns', { columns: unknown.join(', ') }) },
      ],
    };
  const missing = REQUIRED.filter((column) => !names.includes(column));
  if (missing.length > 0)
    return {
      rows: [],
      errors: [
        { line: 1, column: missing.join(', '), message: t(locale, 'errors.projects_csv_missing_columns', { columns: missing.join(', ') }) },
      ],
    };

  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const cell = (column: string) => {
      const i = names.indexOf(column);
      // A formula-looking cell of the export carries an apostrophe in front: read it back without.
      const value = i < 0 ? '' : (record[i] ?? '');
      return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
    };
    const currency = (Object.keys(CURRENCIES) as Currency[]).find((c) => c === cell('currency').toUpperCase());
    const budget = currency ? parseAmount(cell('budget'), currency) : null;
    if (currency && budget === null && cell('budget') !== '') {
      errors.push({ line, column: 'budget', message: t(locale, 'errors.projects_csv_amount', { digits: CURRENCIES[currency] }) });
      return;
    }
    const raw: Record<string, unknown> = {
      fund: coded(cell('fund'), FUNDS, 'projects.fund'),
      unit: cell('unit') || unit,
      classification: cell('classification') ? cell('classification').toLowerCase() : undefined,
      titleFr: cell('title_fr'),
      titleEn: cell('title_en'),
      descriptionFr: cell('description_fr'),
      descriptionEn: cell('description_en'),
      sector: cell('sector'),
      plannedStart: cell('planned_start'),
      plannedEnd: cell('planned_end'),
      actualStart: cell('actual_start') || null,
      actualEnd: cell('actual_end') || null,
      currency: currency ?? cell('currency'),
      rateToUsd: cell('rate_to_usd').replace(',', '.'),
      rateDate: cell('rate_date'),
      budgetMinor: budget ?? undefined,
      exceptionJustification: cell('exception_justification'),
      beneficiaries: Object.fromEntries([...PEOPLE].filter((c) => cell(c) !== '').map((c) => [COLUMNS[c], count(cell(c))])),
      places:
        cell('place') || cell('latitude') || cell('longitude')
          ? [
              {
                place: cell('place') || null,
                latitude: cell('latitude') ? coordinate(cell('latitude')) : null,
                longitude: cell('longitude') ? coordinate(cell('longitude')) : null,
              },
            ]
          : [],
    };
    const parsed = projectInputSchema.safeParse(raw, { reportInput: true });
    if (parsed.success) rows.push({ line, input: parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors.push({ line, column: columnOf(issue.path), message: localizeIssue(locale, issue).message });
  });
  return { rows, errors };
}
