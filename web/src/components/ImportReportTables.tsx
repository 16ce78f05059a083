import type { ReactNode } from 'react';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { ScrollingTable } from './ScrollingTable.js';

interface RowError {
  line: number;
  column: string | null;
  message: string;
}

interface ImportReportTablesProps {
  /** What was read and written, as label → count. */
  counts: readonly (readonly [string, number])[];
  errors: readonly RowError[];
  labels: { caption: string; line: string; column: string; message: string; wholeLine: string };
  /** How a column is named to the reader (e.g. in their language). */
  columnName?: (column: string) => ReactNode;
}

/** The counts of a CSV import and its errors line by line, as every import form shows them. */
export function ImportReportTables({ counts, errors, labels, columnName = (column) => column }: ImportReportTablesProps) {
  const locale = useLocale();
  return (
    <>
      <dl className="import-counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(value, locale)}</dd>
          </div>
        ))}
      </dl>
      {errors.length > 0 && (
        <ScrollingTable caption={labels.caption} className="import-errors">
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {labels.line}
              </th>
              <th scope="col">{labels.column}</th>
              <th scope="col">{labels.message}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the report is shown as received; the same error may repeat.
              <tr key={index}>
                <th scope="row" className="numeric">
                  {error.line}
                </th>
                <td>{error.column ? <code>{columnName(error.column)}</code> : labels.wholeLine}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}
