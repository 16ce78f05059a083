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

const COLUMNS = [
  'id',
  'fund',
  'status',
  'unit',
  'classification',
  'title_fr',
  'title_en',
  'sector',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'currency',
  'rate_to_usd',
  'rate_date',
  'budget',
  'committed',
  'disbursed',
  'budget_usd',
  'committed_usd',
  'disbursed_usd',
  'planned_people',
  'planned_women',
  'reached_people',
  'reached_women',
] as const;

/** The portfolio as CSV (UTF-8 with BOM), the reader's projects only, one page of rows at a time. */
export async function* exportProjectsCsv(
  ctx: AppContext,
  actor: Actor | null,
  filter: ProjectFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const { separator, locale } = options;
  yield BOM + csvLine(COLUMNS, separator);
  for await (const row of portfolioRows(ctx, actor, filter)) {
    const currency = row.currency as Currency;
    const usd = (minor: number) => decimal(toUsdMinor(minor, currency, row.rate_to_usd), 2, separator);
    const local = (minor: number) => decimal(minor, CURRENCIES[currency], separator);
    yield csvLine(
      [
        row.id,
        t(locale, `projects.fund.${row.fund}`),
        t(locale, `projects.status.${row.status}`),
        row.unit_code,
        row.classification,
        row.title_fr,
        row.title_en,
        row.sector,
        row.planned_start,
        row.planned_end,
        row.actual_start,
        row.actual_end,
        row.currency,
        separator === ';' ? row.rate_to_usd.replace('.', ',') : row.rate_to_usd,
        row.rate_date,
        local(row.budget_minor),
        local(row.committed_minor),
        local(row.disbursed_minor),
        usd(row.budget_minor),
        usd(row.committed_minor),
        usd(row.disbursed_minor),
        row.planned_people,
        row.planned_women,
        row.reached_people,
        row.reached_women,
      ],
      separator,
    );
  }
}
