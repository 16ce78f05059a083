import { parse } from 'csv-parse/sync';
import type { Locale } from '../../contracts/common.js';
import { type StrengthSnapshotInput, strengthSnapshotInputSchema } from '../../contracts/strength.js';
import { t } from '../../i18n/index.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue } from '../../platform/validation.js';

/** Accepted column names, French or English, compared accent- and case-insensitively. */
const COLUMNS: Record<string, keyof StrengthSnapshotInput> = {
  date: 'asOf',
  as_of: 'asOf',
  categorie: 'category',
  category: 'category',
  pays: 'country',
  country: 'country',
  sexe: 'sex',
  sex: 'sex',
  lieu: 'location',
  location: 'location',
  autorises: 'authorised',
  authorised: 'authorised',
  authorized: 'authorised',
  deployes: 'deployed',
  deployed: 'deployed',
  source: 'source',
  classification: 'classification',
};

const NUMERIC = new Set<keyof StrengthSnapshotInput>(['authorised', 'deployed']);

/** French words accepted for coded values, compared as search keys. */
const VALUE_ALIASES: Partial<Record<keyof StrengthSnapshotInput, Record<string, string>>> = {
  category: {
    militaires: 'military',
    militaire: 'military',
    troupes: 'military',
    officiers_d_etat_major: 'staff_officers',
    officiers_etat_major: 'staff_officers',
    observateurs_militaires: 'military_observers',
    policiers: 'police',
    civils: 'civilians',
    personnel_civil: 'civilians',
    volontaires: 'volunteers',
    vnu: 'volunteers',
  },
  sex: {
    tous: 'all',
    ensemble: 'all',
    femmes: 'female',
    femme: 'female',
    f: 'female',
    hommes: 'male',
    homme: 'male',
    h: 'male',
    m: 'male',
  },
};

function normaliseValue(field: keyof StrengthSnapshotInput, cell: string): string {
  const aliases = VALUE_ALIASES[field];
  return aliases?.[searchKey(cell).replace(/[\s'’-]+/g, '_')] ?? cell;
}

/** "13 289", "13289" and "13,289" are counts; "1.5" stays text and fails validation. */
function toCount(cell: string): number | string {
  const compact = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return cell;
}

export interface ParsedRow {
  line: number;
  input: ReturnType<typeof strengthSnapshotInputSchema.parse>;
}

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

/**
 * Reads a strength CSV (UTF-8, optional BOM, `,` or `;`): one header line, then one snapshot per
 * line. Every problem is reported with its line and column, in the reader's language.
 */
export function parseStrengthCsv(text: string, locale: Locale): { rows: ParsedRow[]; errors: RowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: [';', ','], skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, column: null, message: t(locale, 'strength.csv_unreadable') }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, column: null, message: t(locale, 'strength.csv_empty') }] };
  const fields = header.map((name) => COLUMNS[searchKey(name).replace(/\s+/g, '_')]);
  const unknown = header.filter((_, i) => fields[i] === undefined);
  if (unknown.length > 0)
    return {
      rows: [],
      errors: [
        { line: 1, column: unknown.join(', '), message: t(locale, 'strength.csv_unknown_columns', { columns: unknown.join(', ') }) },
      ],
    };
  for (const required of ['asOf', 'category'] as const) {
    if (!fields.includes(required))
      return { rows: [], errors: [{ line: 1, column: required, message: t(locale, 'strength.csv_missing_column', { column: required }) }] };
  }

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const raw: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const cell = record[i] ?? '';
      if (!field || cell === '') return;
      raw[field] = NUMERIC.has(field) ? toCount(cell) : normaliseValue(field, cell);
    });
    const parsed = strengthSnapshotInputSchema.safeParse(raw, { reportInput: true });
    if (parsed.success) rows.push({ line, input: parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors.push({ line, column: String(issue.path[0] ?? '') || null, message: localizeIssue(locale, issue).message });
  });
  return { rows, errors };
}
