import { parse } from 'csv-parse/sync';
import type { Locale } from '../../contracts/common.js';
import { PILLARS, type ProvisionInput, provisionInputSchema, SUBCOMMITTEES } from '../../contracts/peace.js';
import { PILLAR_NAMES, SUBCOMMITTEE_NAMES } from '../../data/peace.js';
import { t } from '../../i18n/index.js';
import { unneutralise } from '../../platform/csv.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue } from '../../platform/validation.js';

/** Accepted column names of a provisions file, French or English, compared as search keys. */
const COLUMNS: Record<string, keyof ProvisionInput> = {
  code: 'code',
  article: 'code',
  reference: 'code',
  pilier: 'pillar',
  pillar: 'pillar',
  titre: 'pillar',
  chapitre: 'chapter',
  chapter: 'chapter',
  texte: 'textFr',
  texte_fr: 'textFr',
  text_fr: 'textFr',
  texte_en: 'textEn',
  text_en: 'textEn',
  text: 'textEn',
  responsables: 'responsible',
  responsable: 'responsible',
  responsible: 'responsible',
  echeance: 'deadline',
  delai: 'deadline',
  deadline: 'deadline',
  sous_comite: 'subcommittee',
  subcommittee: 'subcommittee',
};

const key = (text: string) => searchKey(text).replace(/[\s'’-]+/g, '_');

/** A pillar or sub-committee named by its code or its French or English name. */
function codeOf<T extends string>(codes: readonly T[], names: Record<T, { fr: string; en: string }>, cell: string): string {
  const wanted = key(cell);
  return codes.find((code) => code === wanted || key(names[code].fr) === wanted || key(names[code].en) === wanted) ?? cell;
}

export interface ParsedProvision {
  line: number;
  input: ReturnType<typeof provisionInputSchema.parse>;
}

export interface ProvisionRowError {
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

/**
 * Reads a provisions CSV (UTF-8, optional BOM, `,` or `;`): a header line, then one provision per
 * line. Every problem names its line, its column and the value found, in the reader's language.
 */
export function parseProvisionsCsv(
  text: string,
  defaults: { unit: 'MED' | 'PAD'; classification: 'public' | 'internal' | 'restricted' },
  locale: Locale,
): { rows: ParsedProvision[]; errors: ProvisionRowError[] } {
  let records: string[][];
  try {
    // One separator per file, read from its header: provisions' texts hold commas.
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = header.includes(';') ? ';' : ',';
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, column: null, value: null, message: t(locale, 'peace.csv_unreadable') }] };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0)
    return { rows: [], errors: [{ line: 1, column: null, value: null, message: t(locale, 'peace.csv_empty') }] };
  const fields = header.map((name) => COLUMNS[key(name)]);
  const unknown = header.filter((_, i) => fields[i] === undefined);
  if (unknown.length > 0)
    return {
      rows: [],
      errors: [
        {
          line: 1,
          column: unknown.join(', '),
          value: null,
          message: t(locale, 'peace.csv_unknown_columns', { columns: unknown.join(', ') }),
        },
      ],
    };
  for (const required of ['code', 'pillar', 'chapter', 'textFr'] as const) {
    if (!fields.includes(required))
      return {
        rows: [],
        errors: [{ line: 1, column: required, value: null, message: t(locale, 'peace.csv_missing_column', { column: required }) }],
      };
  }

  const rows: ParsedProvision[] = [];
  const errors: ProvisionRowError[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const raw: Record<string, unknown> = { unit: defaults.unit, classification: defaults.classification };
    const cells = new Map<string, string>();
    fields.forEach((field, i) => {
      const cell = unneutralise(record[i] ?? '');
      if (!field || cell === '') return;
      cells.set(field, cell);
      if (field === 'pillar') raw[field] = codeOf(PILLARS, PILLAR_NAMES, cell);
      else if (field === 'subcommittee') raw[field] = codeOf(SUBCOMMITTEES, SUBCOMMITTEE_NAMES, cell);
      else raw[field] = cell;
    });
    const parsed = provisionInputSchema.safeParse(raw);
    if (parsed.success) rows.push({ line, input: parsed.data });
    else
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '') || null;
        errors.push({ line, column, value: column ? (cells.get(column) ?? null) : null, message: localizeIssue(locale, issue).message });
      }
  });
  return { rows, errors };
}
