import type { Locale } from '../../contracts/common.js';
import type { ProjectFilter } from '../../contracts/projects.js';
import { t } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { type XlsxCell, xlsxWorkbook } from '../../platform/xlsx.js';
import { decimal, PROJECT_EXPORT_COLUMNS, type ProjectCell } from './projects.csv.js';
import { portfolioRows } from './projects.service.js';

function xlsxCell(cell: ProjectCell): XlsxCell {
  switch (cell.kind) {
    case 'money':
      return { kind: 'decimal', value: decimal(cell.minor, cell.digits, ','), digits: cell.digits === 0 ? 0 : 2 };
    case 'rate':
      return { kind: 'decimal', value: cell.value };
    default:
      return cell.value === null ? null : ({ ...cell } as XlsxCell);
  }
}

/**
 * The portfolio as an XLSX workbook: the CSV export's columns, headers in the reader's language,
 * amounts as numbers (exact, from minor units), dates as dates; the reader's projects only.
 */
export async function exportProjectsXlsx(ctx: AppContext, actor: Actor | null, filter: ProjectFilter, locale: Locale): Promise<Uint8Array> {
  const rows: XlsxCell[][] = [];
  for await (const row of portfolioRows(ctx, actor, filter)) rows.push(PROJECT_EXPORT_COLUMNS.map((c) => xlsxCell(c.cell(row, locale))));
  return xlsxWorkbook(
    t(locale, 'projects.export_sheet'),
    PROJECT_EXPORT_COLUMNS.map((c) => t(locale, `projects.column.${c.name}`)),
    rows,
  );
}
