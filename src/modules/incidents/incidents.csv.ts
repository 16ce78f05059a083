import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Parser, parse } from 'csv-parse';
import type { Locale } from '../../contracts/common.js';
import { t } from '../../i18n/index.js';
import { type Separator, unneutralise } from '../../platform/csv.js';

/**
 * Reading a CSV file of incidents, record by record, whatever its layout: the separator found
 * from the header, cells restored from the export's formula neutralisation, and every problem
 * with the file reported by its line. What the columns mean is `incidents.acled.ts`'s part.
 */

/** A file as the import takes it: the whole text, or a stream of its bytes. */
export type CsvInput = string | AsyncIterable<Buffer | string>;

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

/** Errors listed in a report; the rest are counted. */
const MAX_LISTED_ERRORS = 500;

/** The errors of a file: the first ones listed, all of them counted. */
export function errorList() {
  const errors: RowError[] = [];
  let count = 0;
  return {
    errors,
    report: (error: RowError) => {
      count += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    },
    count: () => count,
  };
}

type ParsedRecord = { record: Record<string, string>; info: { lines: number } };

/**
 * The parser's records, taken as many at a time as are ready: iterating a stream record by
 * record costs more than parsing the record.
 */
async function* records(parser: Parser): AsyncGenerator<ParsedRecord> {
  for (;;) {
    for (let record = parser.read() as ParsedRecord | null; record !== null; record = parser.read() as ParsedRecord | null) yield record;
    if (parser.errored) throw parser.errored;
    if (parser.readableEnded || parser.destroyed) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        parser.off('readable', settle).off('end', settle).off('error', settle).off('close', settle);
        if (error instanceof Error) reject(error);
        else resolve();
      };
      parser.on('readable', settle).on('end', settle).on('error', settle).on('close', settle);
    });
  }
}

function detectSeparator(firstLine: string): Separator {
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Reads a CSV file record by record. The header's columns outside `known` go to `ignored`,
 * missing `required` ones to `reportError`; an unreadable file is reported at the line it stopped,
 * an empty one at its first line.
 */
export async function* readCsv(
  input: CsvInput,
  columns: { known: ReadonlySet<string>; required: readonly string[] },
  locale: Locale,
  reportError: (error: RowError) => void,
  ignored: string[],
): AsyncGenerator<{ record: Record<string, string>; line: number }> {
  let reported = false;
  const report = (error: RowError) => {
    reported = true;
    reportError(error);
  };
  let separator: Separator = ',';
  let source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>;
  if (typeof input === 'string') {
    separator = detectSeparator(input.slice(0, input.indexOf('\n') >>> 0 || input.length));
    source = [input];
  } else {
    source = input;
  }
  const parser = parse({
    bom: true,
    delimiter: separator,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      ignored.push(...names.filter((n) => !columns.known.has(n)));
      for (const required of columns.required) {
        if (!names.includes(required))
          report({ line: 1, column: required, message: t(locale, 'incidents.csv_missing_column', { column: required }) });
      }
      return names;
    },
    relax_column_count: false,
    skip_empty_lines: true,
    info: true,
  });
  // The parser is fed by a pipeline, which stops reading as soon as the parser fails or is closed.
  const parsing = pipeline(Readable.from(source), parser).catch(() => undefined);
  let rows = 0;
  try {
    for await (const { record, info } of records(parser)) {
      rows += 1;
      for (const key in record) record[key] = unneutralise(record[key] ?? '');
      yield { record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      report({ line: rows + 2, column: null, message: t(locale, 'incidents.csv_unreadable') });
    } else throw error;
  } finally {
    parser.destroy();
    await parsing;
  }
  if (rows === 0 && !reported) report({ line: 1, column: null, message: t(locale, 'incidents.csv_empty') });
}
