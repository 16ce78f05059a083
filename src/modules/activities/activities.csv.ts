import { parse } from 'csv-parse/sync';
import {
  type ActivityFilter,
  type ActivityImportReport,
  type ActivityInputParsed,
  activityInputSchema,
} from '../../contracts/activities.js';
import type { Locale } from '../../contracts/common.js';
import { ACTIVITY_CATEGORIES, ACTIVITY_TOPICS, ACTIVITY_TYPE_TERMS, activityTermCode } from '../../data/vocab/activities.js';
import { t } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import { BOM, csvLine, type Separator, unneutralise } from '../../platform/csv.js';
import { forbidden } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { searchKey } from '../../platform/text.js';
import { localizeIssue } from '../../platform/validation.js';
import { mayCreateActivity } from './activities.policy.js';
import { activityRows, type Checked, checkActivity, insertImported, readableProjects } from './activities.service.js';

/**
 * Activities as CSV: the export, and the import of a file in the same layout (French or English
 * column names), all rows or none, with a report naming each wrong row's line, column and value.
 */

/** The columns of the export, which the import reads back (`id`, `unit`, `classification`, `region` ignored there). */
const EXPORT_COLUMNS = [
  'id',
  'unit',
  'classification',
  'type',
  'topic',
  'title',
  'start',
  'end',
  'place',
  'latitude',
  'longitude',
  'region',
  'target_group',
  'category',
  'women',
  'men',
  'children',
  'adults',
  'total',
  'facilitators',
  'project',
  'notes',
] as const;
type Column = (typeof EXPORT_COLUMNS)[number];

const key = (text: string) => searchKey(text).replace(/[\s'’-]+/g, '_');

/** Accepted column names, French or English, compared as search keys. */
const ALIASES: Record<string, Column> = {
  id: 'id',
  unit: 'unit',
  unite: 'unit',
  classification: 'classification',
  type: 'type',
  topic: 'topic',
  theme: 'topic',
  thematique: 'topic',
  title: 'title',
  titre: 'title',
  intitule: 'title',
  start: 'start',
  start_date: 'start',
  debut: 'start',
  date_debut: 'start',
  end: 'end',
  end_date: 'end',
  fin: 'end',
  date_fin: 'end',
  place: 'place',
  lieu: 'place',
  latitude: 'latitude',
  longitude: 'longitude',
  region: 'region',
  target_group: 'target_group',
  groupe_cible: 'target_group',
  public_cible: 'target_group',
  category: 'category',
  categorie: 'category',
  women: 'women',
  femmes: 'women',
  men: 'men',
  hommes: 'men',
  children: 'children',
  enfants: 'children',
  adults: 'adults',
  adultes: 'adults',
  total: 'total',
  facilitators: 'facilitators',
  facilitateurs: 'facilitators',
  formateurs: 'facilitators',
  project: 'project',
  projet: 'project',
  notes: 'notes',
  remarques: 'notes',
};
const IGNORED: readonly Column[] = ['id', 'unit', 'classification', 'region'];
const REQUIRED: readonly Column[] = ['type', 'topic', 'title', 'start', 'category', 'women', 'men'];

/** The column of the file an input field comes from, for the report. */
function columnOf(path: readonly PropertyKey[]): string | null {
  const [head, second] = path.map(String);
  if (head === 'place') return second ?? 'place';
  if (head === 'participants') return second === 'bands' ? null : (second ?? null);
  const fields: Record<string, Column> = {
    startDate: 'start',
    endDate: 'end',
    targetGroup: 'target_group',
    type: 'type',
    topic: 'topic',
    title: 'title',
    category: 'category',
    facilitators: 'facilitators',
    project: 'project',
    notes: 'notes',
  };
  return head ? (fields[head] ?? head) : null;
}

const number = (cell: string) => (/^-?\d+$/.test(cell) ? Number(cell) : cell);
const decimal = (cell: string) => (/^-?\d+([.,]\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell);

export interface ActivityRowError {
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

/** Reads a file (UTF-8, optional BOM, `,` or `;`): a header line, then one activity per line. */
export function parseActivitiesCsv(
  text: string,
  defaults: { unit: string; classification: string },
  locale: Locale,
): { rows: { line: number; input: ActivityInputParsed; cells: Map<string, string> }[]; errors: ActivityRowError[] } {
  let records: string[][];
  try {
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = header.includes(';') ? ';' : ',';
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, column: null, value: null, message: t(locale, 'activities.csv_unreadable') }] };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0)
    return { rows: [], errors: [{ line: 1, column: null, value: null, message: t(locale, 'activities.csv_empty') }] };
  const fields = header.map((name) => ALIASES[key(name)]);
  const unknown = header.filter((_, i) => fields[i] === undefined);
  if (unknown.length > 0) {
    const columns = unknown.join(', ');
    return {
      rows: [],
      errors: [{ line: 1, column: columns, value: null, message: t(locale, 'activities.csv_unknown_columns', { columns }) }],
    };
  }
  for (const column of REQUIRED) {
    if (!fields.includes(column))
      return { rows: [], errors: [{ line: 1, column, value: null, message: t(locale, 'activities.csv_missing_column', { column }) }] };
  }

  const rows: { line: number; input: ActivityInputParsed; cells: Map<string, string> }[] = [];
  const errors: ActivityRowError[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const cells = new Map<string, string>();
    fields.forEach((field, i) => {
      const cell = unneutralise(record[i] ?? '');
      if (field && !IGNORED.includes(field) && cell !== '') cells.set(field, cell);
    });
    const cell = (column: Column) => cells.get(column);
    const start = cell('start');
    const raw = {
      unit: defaults.unit,
      classification: defaults.classification,
      type: cell('type') && activityTermCode(ACTIVITY_TYPE_TERMS, cell('type') ?? '', key),
      topic: cell('topic') && activityTermCode(ACTIVITY_TOPICS, cell('topic') ?? '', key),
      title: cell('title'),
      startDate: start,
      // A one-day activity needs no end date.
      endDate: cell('end') ?? start,
      place: {
        place: cell('place') ?? null,
        latitude: cell('latitude') ? decimal(cell('latitude') ?? '') : null,
        longitude: cell('longitude') ? decimal(cell('longitude') ?? '') : null,
      },
      targetGroup: cell('target_group'),
      category: cell('category') && activityTermCode(ACTIVITY_CATEGORIES, cell('category') ?? '', key),
      participants: {
        total: cell('total') ? number(cell('total') ?? '') : null,
        women: cell('women') ? number(cell('women') ?? '') : undefined,
        men: cell('men') ? number(cell('men') ?? '') : undefined,
        children: cell('children') ? number(cell('children') ?? '') : undefined,
        adults: cell('adults') ? number(cell('adults') ?? '') : undefined,
      },
      facilitators: cell('facilitators'),
      project: cell('project') ?? null,
      notes: cell('notes'),
    };
    const parsed = activityInputSchema.safeParse(raw);
    if (parsed.success) rows.push({ line, input: parsed.data, cells });
    else
      for (const issue of parsed.error.issues) {
        const column = columnOf(issue.path);
        errors.push({ line, column, value: column ? (cells.get(column) ?? null) : null, message: localizeIssue(locale, issue).message });
      }
  });
  return { rows, errors };
}

/**
 * Imports activities of one unit from CSV: all rows or none. A file with any wrong row writes
 * nothing and is reported line by line, in the reader's language.
 */
export async function importActivitiesCsv(
  ctx: AppContext,
  actor: Actor,
  csv: string,
  defaults: { unit: string; classification: 'public' | 'internal' | 'restricted' },
  locale: Locale,
): Promise<ActivityImportReport> {
  if (!mayCreateActivity(actor, defaults.unit)) throw forbidden();
  const { rows, errors } = parseActivitiesCsv(csv, defaults, locale);
  const total = rows.length + new Set(errors.map((e) => e.line)).size;
  const projects = await readableProjects(
    ctx,
    actor,
    rows.map((r) => r.input.project),
    locale,
  );
  const checked: Checked[] = [];
  for (const { line, input, cells } of rows) {
    const { startDate, endDate, place, participants, ...common } = input;
    const result = checkActivity(common, { startDate, endDate, place, participants }, projects);
    checked.push(result);
    for (const e of result.errors) {
      const column = columnOf(e.path);
      errors.push({ line, column, value: column ? (cells.get(column) ?? null) : null, message: t(locale, `validation.${e.message}`) });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { imported: 0, rows: total, errors };
  const imported = await insertImported(ctx, actor, defaults.unit, checked);
  return { imported, rows: total, errors: [] };
}

/** The activities of a filter the reader may see, as CSV (UTF-8 with BOM), one page of rows at a time. */
export async function* exportActivitiesCsv(
  ctx: AppContext,
  actor: Actor | null,
  filter: ActivityFilter,
  separator: Separator,
): AsyncGenerator<string> {
  yield BOM + csvLine(EXPORT_COLUMNS, separator);
  for await (const row of activityRows(ctx, actor, filter)) {
    yield csvLine(
      [
        row.id,
        row.unit_code,
        row.classification,
        row.type,
        row.topic,
        row.title,
        row.start_date,
        row.end_date,
        row.place,
        row.latitude,
        row.longitude,
        row.region,
        row.target_group,
        row.category,
        row.women,
        row.men,
        row.children,
        row.adults,
        row.women + row.men,
        row.facilitators,
        row.project_id,
        row.notes,
      ],
      separator,
    );
  }
}
