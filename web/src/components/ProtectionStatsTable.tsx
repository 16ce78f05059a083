import { useTranslation } from 'react-i18next';
import type { ProtectionStats } from '../api/protectionStats.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { ScrollingTable } from './ScrollingTable.js';

type Cell = number | null;

/**
 * A published count, or the word for a suppressed one. Never a bound such as « < 5 »: a cell may
 * be hidden only so that a small one cannot be rebuilt from the totals, and can be large.
 */
function CountCell({ value, total = false }: { value: Cell; total?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const classes = ['numeric', total ? 'stats-total' : '', value === null ? 'stats-suppressed' : value === 0 ? 'stats-zero' : '']
    .filter(Boolean)
    .join(' ');
  return <td className={classes}>{value === null ? t('protection.stats.suppressed') : formatCount(value, locale)}</td>;
}

interface ProtectionStatsTableProps {
  table: ProtectionStats;
  caption: string;
  /** The header of the first column: the rows' breakdown. */
  rowsLabel: string;
  /** The header of the only count column of a one-way table: what is counted. */
  countLabel: string;
}

/** One- or two-way table of de-identified counts with its totals: rows and columns are headers to assistive technology. */
export function ProtectionStatsTable({ table, caption, rowsLabel, countLabel }: ProtectionStatsTableProps) {
  const { t } = useTranslation();
  const { columns } = table;
  return (
    <ScrollingTable caption={caption} className="stats-table" cards={false}>
      <thead>
        <tr>
          <th scope="col">{rowsLabel}</th>
          {columns ? (
            <>
              {columns.values.map((value) => (
                <th key={value.code} scope="col" className="numeric">
                  {value.label}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('protection.stats.total')}
              </th>
            </>
          ) : (
            <th scope="col" className="numeric">
              {countLabel}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {table.rows.values.map((row, i) => (
          <tr key={row.code}>
            <th scope="row">{row.label}</th>
            {columns?.values.map((value, j) => (
              <CountCell key={value.code} value={table.cells[i]?.[j] ?? null} />
            ))}
            <CountCell value={table.rowTotals[i] ?? null} total={columns !== null} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('protection.stats.total')}</th>
          {columns?.values.map((value, j) => (
            <CountCell key={value.code} value={table.columnTotals[j] ?? null} total />
          ))}
          <CountCell value={table.total} total />
        </tr>
      </tfoot>
    </ScrollingTable>
  );
}
