/**
 * Writing CSV for spreadsheets: RFC 4180 quoting, `;` and decimal commas for French Excel, and
 * formula injection neutralised (OWASP): a text cell that a spreadsheet would read as a formula
 * gets a leading apostrophe. Numbers are written as numbers and never altered.
 */

export type Separator = ',' | ';';

const FORMULA_START = /^[=+\-@\t\r]/;

function quote(text: string, separator: Separator): string {
  if (text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function csvCell(value: string | number | null | undefined, separator: Separator): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const text = String(value);
    return separator === ';' ? text.replace('.', ',') : text;
  }
  return quote(FORMULA_START.test(value) ? `'${value}` : value, separator);
}

export function csvLine(values: readonly (string | number | null | undefined)[], separator: Separator): string {
  return `${values.map((v) => csvCell(v, separator)).join(separator)}\r\n`;
}

/** The UTF-8 byte order mark: without it, Excel reads UTF-8 as the local code page. */
export const BOM = '\uFEFF';

/** Undoes the export's neutralisation when a file comes back: `'=A1` was the text `=A1`. */
export function unneutralise(cell: string): string {
  return cell.length > 1 && cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
