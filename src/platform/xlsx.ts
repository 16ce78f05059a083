import { strToU8, zipSync } from 'fflate';

/**
 * A one-sheet Office Open XML workbook (.xlsx), written by hand: a header row of strings, then rows
 * of text, whole numbers, exact decimals and dates. Numbers are written as their decimal text (never
 * through a float), dates as real spreadsheet dates (days since 1899-12-30) shown as yyyy-mm-dd.
 */
export type XlsxCell =
  | null
  | { kind: 'text'; value: string }
  | { kind: 'integer'; value: number }
  /** An exact decimal as text (`45000.00`); `digits` chooses the shown format (0 or 2 decimals, or as written). */
  | { kind: 'decimal'; value: string; digits?: 0 | 2 }
  /** An ISO date (`2026-03-01`, a time part is ignored). */
  | { kind: 'date'; value: string };

const STYLE = { header: 1, date: 2, money: 3, integer: 4 } as const;

/** Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are removed. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `value` without the characters XML 1.0 forbids, for XML that a library escapes itself. */
export function xmlChars(value: string): string {
  return value.replace(FORBIDDEN, '');
}

export function xmlText(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Days since 1899-12-30 (the spreadsheet epoch) of an ISO date, or null when it is not one. */
export function dateSerial(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(y, m - 1, d);
  const date = new Date(time);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function cellXml(ref: string, cell: XlsxCell, header = false): string {
  if (cell === null) return '';
  const text = (value: string) =>
    `<c r="${ref}" t="inlineStr"${header ? ` s="${STYLE.header}"` : ''}><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
  switch (cell.kind) {
    case 'text':
      return text(cell.value);
    case 'integer':
      if (!Number.isSafeInteger(cell.value)) return text(String(cell.value));
      return `<c r="${ref}" s="${STYLE.integer}"><v>${cell.value}</v></c>`;
    case 'decimal': {
      if (!/^-?\d+(\.\d+)?$/.test(cell.value)) return text(cell.value);
      const style = cell.digits === 2 ? ` s="${STYLE.money}"` : cell.digits === 0 ? ` s="${STYLE.integer}"` : '';
      return `<c r="${ref}"${style}><v>${cell.value}</v></c>`;
    }
    case 'date': {
      const serial = dateSerial(cell.value);
      return serial === null ? text(cell.value) : `<c r="${ref}" s="${STYLE.date}"><v>${serial}</v></c>`;
    }
  }
}

function rowXml(index: number, cells: readonly XlsxCell[], header = false): string {
  const r = index + 1;
  return `<row r="${r}">${cells.map((cell, i) => cellXml(`${columnName(i)}${r}`, cell, header)).join('')}</row>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

/** Styles: 0 general, 1 header (bold), 2 date (yyyy-mm-dd), 3 money (#,##0.00), 4 whole number (#,##0). */
const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** The workbook's bytes: one sheet, its header row frozen. */
export function xlsxWorkbook(name: string, header: readonly string[], rows: Iterable<readonly XlsxCell[]>): Uint8Array {
  const body: string[] = [
    rowXml(
      0,
      header.map((value) => ({ kind: 'text', value })),
      true,
    ),
  ];
  let index = 1;
  for (const row of rows) body.push(rowXml(index++, row));
  const sheet = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${body.join('')}</sheetData></worksheet>`;
  const workbook = `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/styles.xml': strToU8(STYLES),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 6, mtime: new Date('2026-01-01T00:00:00Z') },
  );
}
