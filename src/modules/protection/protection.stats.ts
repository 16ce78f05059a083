import type { Locale } from '../../contracts/common.js';
import { PROGRAMME_STAT_DIMENSIONS, type Programme, type StatDimension, type StatsTable } from '../../contracts/protection.js';
import { regions } from '../../data/mali/boundaries.js';
import { type ProtectionTerm, protectionVocabulary, UNKNOWN_TERM } from '../../data/vocab/protection.js';
import type { Db } from '../../db/database.js';
import { BOM, csvLine } from '../../platform/csv.js';
import { type Dimension, publishedTable, suppressionPattern } from '../../platform/disclosure.js';
import type { Actor } from '../../platform/policy.js';
import { type AppContext, recordAudit } from '../../server/context.js';
import { throwFieldErrors } from '../../server/problems.js';
import { listActors } from '../incidents/incidents.repository.js';
import { isLateVerification, quarterOf } from './protection.policy.js';

/**
 * De-identified statistics of protection records, for leadership dashboards and reports: counts
 * only, over fixed breakdowns of one programme and one calendar year, every table cut from one
 * suppression pattern (src/platform/disclosure.ts) so that cells with 0 < n < k cannot be read
 * or derived, even by combining tables. What is counted:
 *
 * - human rights, MRM, CRSV: verified acts (violations), by the victim's sex and age group;
 * - misconduct: allegations (cases) or individuals involved (alleged perpetrators);
 * - explosive ordnance: survivors (victims).
 */

type Term = Pick<ProtectionTerm, 'code' | 'fr' | 'en'>;
type Record_ = Record<string, string>;

function violationTerms(programme: Programme): readonly Term[] {
  const v = protectionVocabulary();
  return {
    human_rights: v.humanRightsViolations,
    mrm: v.graveViolations,
    crsv: v.crsvForms,
    misconduct: v.misconductCategories,
    explosive_ordnance: v.explosiveOrdnanceAccidents,
  }[programme];
}

/** Every value of each dimension, with its labels, `unknown` last where a value may be missing. */
async function termsOf(db: Db, programme: Programme, year: number): Promise<Record<StatDimension, readonly Term[]>> {
  const v = protectionVocabulary();
  const actors = await listActors(db);
  const withUnknown = (terms: readonly Term[]) => (terms.some((t) => t.code === 'unknown') ? terms : [...terms, UNKNOWN_TERM]);
  return {
    quarter: [1, 2, 3, 4].map((q) => ({ code: `Q${q}`, fr: `T${q} ${year}`, en: `Q${q} ${year}` })),
    region: regions().map((r) => ({ code: r.id, fr: r.name, en: r.name })),
    violation: withUnknown(violationTerms(programme)),
    party: withUnknown(actors.map((a) => ({ code: a.code, fr: a.name_fr, en: a.name_en }))),
    sex: v.sexes,
    age_group: withUnknown(v.ageGroups),
    timeliness: v.timeliness,
    channel: withUnknown(v.intakeChannels),
    personnel: v.personnelCategories,
  };
}

/** One record per counted unit, with one value per dimension of the programme. */
async function microdata(db: Db, programme: Programme, year: number, count: 'allegations' | 'individuals'): Promise<Record_[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  if (programme === 'human_rights' || programme === 'mrm' || programme === 'crsv') {
    const rows = await db
      .selectFrom('protection_acts')
      .innerJoin('protection_cases', 'protection_cases.id', 'protection_acts.case_id')
      .innerJoin('protection_persons', 'protection_persons.id', 'protection_acts.victim_id')
      .select([
        'protection_acts.occurred_on',
        'protection_acts.region',
        'protection_acts.violation',
        'protection_acts.party',
        'protection_acts.verified_on',
        'protection_persons.sex',
        'protection_persons.age_group',
      ])
      .where('protection_cases.programme', '=', programme)
      .where('protection_acts.verification', '=', 'verified')
      .where('protection_acts.occurred_on', '>=', from)
      .where('protection_acts.occurred_on', '<=', to)
      .execute();
    return rows.map((r) => ({
      quarter: quarterOf(r.occurred_on),
      region: r.region,
      violation: r.violation,
      party: r.party,
      sex: r.sex,
      age_group: r.age_group ?? 'unknown',
      timeliness: isLateVerification(r.occurred_on, 'verified', r.verified_on) ? 'late' : 'on_time',
    }));
  }
  const cases = await db
    .selectFrom('protection_cases')
    .select(['id', 'occurred_on', 'region', 'channel'])
    .where('programme', '=', programme)
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
  const ids = cases.map((c) => c.id);
  if (ids.length === 0) return [];
  const [persons, acts] = await Promise.all([
    db
      .selectFrom('protection_persons')
      .select(['id', 'case_id', 'role', 'sex', 'age_group', 'affiliation'])
      .where('case_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('protection_acts')
      .select(['case_id', 'victim_id', 'perpetrator_id', 'violation'])
      .where('case_id', 'in', ids)
      .orderBy('occurred_on')
      .orderBy('created_at')
      .execute(),
  ]);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const firstAct = (match: (a: (typeof acts)[number]) => boolean) => acts.find(match)?.violation ?? 'unknown';
  const where = (caseId: string) => {
    const c = byId.get(caseId) as (typeof cases)[number];
    return { quarter: quarterOf(c.occurred_on), region: c.region };
  };
  if (programme === 'explosive_ordnance') {
    return persons
      .filter((p) => p.role === 'victim')
      .map((p) => ({
        ...where(p.case_id),
        violation: firstAct((a) => a.victim_id === p.id),
        sex: p.sex,
        age_group: p.age_group ?? 'unknown',
      }));
  }
  if (count === 'individuals') {
    return persons
      .filter((p) => p.role === 'perpetrator')
      .map((p) => ({
        ...where(p.case_id),
        channel: byId.get(p.case_id)?.channel ?? 'unknown',
        violation: firstAct((a) => a.perpetrator_id === p.id),
        personnel: p.affiliation ?? 'unknown',
      }));
  }
  return cases.map((c) => ({
    ...where(c.id),
    channel: c.channel ?? 'unknown',
    violation: firstAct((a) => a.case_id === c.id),
    personnel: persons.find((p) => p.case_id === c.id && p.role === 'perpetrator')?.affiliation ?? 'unknown',
  }));
}

export interface StatsQuery {
  programme: Programme;
  year: number;
  rows: StatDimension;
  columns?: StatDimension | undefined;
  count: 'allegations' | 'individuals';
}

function unitOfCount(query: StatsQuery): string {
  if (query.programme === 'misconduct') return query.count;
  return query.programme === 'explosive_ordnance' ? 'survivors' : 'verified_violations';
}

/** One table of counts, suppressed; audited as a read that leaves the compartment. */
export async function protectionStats(ctx: AppContext, actor: Actor, query: StatsQuery, locale: Locale): Promise<StatsTable> {
  const dimensions = PROGRAMME_STAT_DIMENSIONS[query.programme];
  const issues = [
    ...(dimensions.includes(query.rows) ? [] : [{ path: ['rows'], message: 'stat_dimension' }]),
    ...(query.columns === undefined || (dimensions.includes(query.columns) && query.columns !== query.rows)
      ? []
      : [{ path: ['columns'], message: 'stat_dimension' }]),
    ...(query.count === 'individuals' && query.programme !== 'misconduct' ? [{ path: ['count'], message: 'stat_count' }] : []),
  ];
  throwFieldErrors(issues);
  const db = ctx.database.db;
  const terms = await termsOf(db, query.programme, query.year);
  const records = await microdata(db, query.programme, query.year, query.count);
  const space: Dimension[] = dimensions.map((name) => ({ name, values: terms[name].map((t) => t.code) }));
  // A value outside the vocabulary (an actor removed from the registry) is counted as unknown.
  for (const record of records) for (const d of space) if (!d.values.includes(record[d.name] as string)) record[d.name] = 'unknown';
  const pattern = suppressionPattern(records, space, ctx.config.minCell);
  const table = publishedTable(pattern, query.rows, query.columns);
  const axis = (dimension: StatDimension) => ({
    dimension,
    values: terms[dimension].map((t) => ({ code: t.code, label: locale === 'fr' ? t.fr : t.en })),
  });
  await recordAudit(ctx, actor, {
    action: 'protection.stats.read',
    recordType: 'protection_stats',
    recordId: null,
    details: { programme: query.programme, year: query.year, rows: query.rows, columns: query.columns ?? '', count: query.count },
  });
  return {
    programme: query.programme,
    year: query.year,
    unitOfCount: unitOfCount(query),
    minCell: ctx.config.minCell,
    rows: axis(query.rows),
    columns: query.columns ? axis(query.columns) : null,
    cells: table.cells,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    total: table.total,
    suppressed: table.suppressed,
  };
}

/** The same table as CSV (UTF-8 with BOM); a suppressed cell is written `x`. */
export function statsCsv(table: StatsTable, labels: { rows: string; total: string }, separator: ',' | ';' = ','): string {
  const totalLabel = labels.total;
  const show = (cell: number | null) => (cell === null ? 'x' : cell);
  const header = [labels.rows, ...(table.columns ? table.columns.values.map((v) => v.label) : []), totalLabel];
  const lines = table.rows.values.map((row, i) => [
    row.label,
    ...(table.columns ? (table.cells[i] ?? []).map(show) : []),
    show(table.rowTotals[i] ?? null),
  ]);
  const footer = [totalLabel, ...(table.columns ? table.columnTotals.map(show) : []), show(table.total)];
  return BOM + [header, ...lines, footer].map((line) => csvLine(line, separator)).join('');
}
