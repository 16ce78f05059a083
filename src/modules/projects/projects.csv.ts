import type { Locale } from '../../contracts/common.js';
import { CURRENCIES, type Currency, type ProjectFilter } from '../../contracts/projects.js';
import { t } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import type { Actor } from '../../platform/policy.js';
import { toUsdMinor } from './projects.money.js';
import { portfolioRows } from './projects.service.js';

/** An amount in minor units written as a decimal, exactly (`4500000` cents → `45000.00`). */
export function decimal(minor: number, digits: number, separator: Separator): string {
  const text = String(minor).padStart(digits + 1, '0');
  const mark = separator === ';' ? ',' : '.';
  return digits === 0 ? text : `${text.slice(0, -digits)}${mark}${text.slice(-digits)}`;
}

type PortfolioRow = PortfolioRowOf<ReturnType<typeof portfolioRows>>;
type PortfolioRowOf<T> = T extends AsyncGenerator<infer R> ? R : never;

/**
 * A column of the portfolio's exports, as a typed cell: text, a whole number, a date, an exact
 * decimal (the rate), or an amount in minor units with its number of decimals. The CSV and the XLSX
 * export write the same columns from these definitions.
 */
export type ProjectCell =
  | { kind: 'text'; value: string | null }
  | { kind: 'integer'; value: number | null }
  | { kind: 'date'; value: string | null }
  | { kind: 'rate'; value: string }
  | { kind: 'money'; minor: number; digits: number };

const text = (value: string | null): ProjectCell => ({ kind: 'text', value });
const integer = (value: number | null): ProjectCell => ({ kind: 'integer', value });
const date = (value: string | null): ProjectCell => ({ kind: 'date', value });
const local = (row: PortfolioRow, minor: number): ProjectCell => ({ kind: 'money', minor, digits: CURRENCIES[row.currency as Currency] });
const usd = (row: PortfolioRow, minor: number): ProjectCell => ({
  kind: 'money',
  minor: toUsdMinor(minor, row.currency as Currency, row.rate_to_usd),
  digits: 2,
});

/** The portfolio's export columns, in order: name (the CSV header, and the key of the localized header) and cell. */
export const PROJECT_EXPORT_COLUMNS: readonly { name: string; cell: (row: PortfolioRow, locale: Locale) => ProjectCell }[] = [
  { name: 'id', cell: (row) => text(row.id) },
  { name: 'fund', cell: (row, locale) => text(t(locale, `projects.fund.${row.fund}`)) },
  { name: 'status', cell: (row, locale) => text(t(locale, `projects.status.${row.status}`)) },
  { name: 'unit', cell: (row) => text(row.unit_code) },
  { name: 'classification', cell: (row) => text(row.classification) },
  { name: 'title_fr', cell: (row) => text(row.title_fr) },
  { name: 'title_en', cell: (row) => text(row.title_en) },
  { name: 'sector', cell: (row) => text(row.sector) },
  { name: 'planned_start', cell: (row) => date(row.planned_start) },
  { name: 'planned_end', cell: (row) => date(row.planned_end) },
  { name: 'actual_start', cell: (row) => date(row.actual_start) },
  { name: 'actual_end', cell: (row) => date(row.actual_end) },
  { name: 'currency', cell: (row) => text(row.currency) },
  { name: 'rate_to_usd', cell: (row) => ({ kind: 'rate', value: row.rate_to_usd }) },
  { name: 'rate_date', cell: (row) => date(row.rate_date) },
  { name: 'budget', cell: (row) => local(row, row.budget_minor) },
  { name: 'committed', cell: (row) => local(row, row.committed_minor) },
  { name: 'disbursed', cell: (row) => local(row, row.disbursed_minor) },
  { name: 'budget_usd', cell: (row) => usd(row, row.budget_minor) },
  { name: 'committed_usd', cell: (row) => usd(row, row.committed_minor) },
  { name: 'disbursed_usd', cell: (row) => usd(row, row.disbursed_minor) },
  { name: 'planned_people', cell: (row) => integer(row.planned_people) },
  { name: 'planned_women', cell: (row) => integer(row.planned_women) },
  { name: 'reached_people', cell: (row) => integer(row.reached_people) },
  { name: 'reached_women', cell: (row) => integer(row.reached_women) },
];

function csvCell(cell: ProjectCell, separator: Separator): string | number | null {
  switch (cell.kind) {
    case 'money':
      return decimal(cell.minor, cell.digits, separator);
    case 'rate':
      return separator === ';' ? cell.value.replace('.', ',') : cell.value;
    default:
      return cell.value;
  }
}

/** The portfolio as CSV (UTF-8 with BOM), the reader's projects only, one page of rows at a time. */
export async function* exportProjectsCsv(
  ctx: AppContext,
  actor: Actor | null,
  filter: ProjectFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const { separator, locale } = options;
  yield BOM +
    csvLine(
      PROJECT_EXPORT_COLUMNS.map((c) => c.name),
      separator,
    );
  for await (const row of portfolioRows(ctx, actor, filter)) {
    yield csvLine(
      PROJECT_EXPORT_COLUMNS.map((c) => csvCell(c.cell(row, locale), separator)),
      separator,
    );
  }
}
