import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  PROGRAMME_STAT_DIMENSIONS,
  type Programme,
  type ReleaseInput,
  releaseStatDimensions,
  type StatDimension,
  type StatsRelease,
  type StatsTable,
} from '../../contracts/protection.js';
import { regions } from '../../data/mali/boundaries.js';
import { type ProtectionTerm, protectionVocabulary, UNKNOWN_TERM } from '../../data/vocab/protection.js';
import type { Db, Trx } from '../../db/database.js';
import type { ProtectionStatsReleaseTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { BOM, csvLine } from '../../platform/csv.js';
import { type Dimension, publishedTable, type SuppressionPattern, suppressionPattern } from '../../platform/disclosure.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { actorRegistry } from '../incidents/incidents.service.js';
import { programmeUnit } from './protection.checks.js';
import { isLateVerification, mayReadCase, quarterOf, requireSecondFactor } from './protection.policy.js';
import {
  actsOfCases,
  casesOccurredBetween,
  findRelease,
  insertRelease,
  latestCountedDate,
  listReleases,
  personsOfCases,
  releaseOf,
  verifiedActsWithVictims,
} from './protection.stats.repository.js';

/**
 * De-identified statistics of protection records, for leadership dashboards and reports: counts
 * only, over fixed breakdowns of one programme, every table cut from one suppression pattern
 * (src/platform/disclosure.ts) so that cells with 0 < n < k cannot be read or derived, even by
 * combining tables. What is counted:
 *
 * - human rights, MRM, CRSV: verified acts (violations), by the victim's sex and age group;
 * - misconduct: allegations (cases) or individuals involved (alleged perpetrators);
 * - explosive ordnance: survivors (victims).
 *
 * **Released, not live.** One pattern protects one moment's tables against each other, not a
 * series of moments: a reader comparing tables before and after a record arrives learns that
 * record (a count moving from 6 to 7, a published cell turning suppressed beside a new total).
 * So the tables everyone may read are **releases**: a manager of the programme's unit releases
 * one closed calendar quarter (and, for misconduct, one unit of count) once; only its published
 * pattern is stored, and every table of that release is cut from it, whenever and however it is
 * asked for. Quarters are disjoint and a release never changes (a record entered late for a
 * released quarter is absent from it), so no two releases can be subtracted to isolate records.
 * Live counts, recomputed on each request, are for the unit's managers only, who read every case
 * they count anyway.
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
async function termsOf(db: Db | Trx, programme: Programme, year: number): Promise<Record<StatDimension, readonly Term[]>> {
  const v = protectionVocabulary();
  const actors = await actorRegistry(db);
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
async function microdata(db: Db | Trx, programme: Programme, period: Period, count: Count): Promise<Record_[]> {
  const { from, to } = period;
  if (programme === 'human_rights' || programme === 'mrm' || programme === 'crsv') {
    const rows = await verifiedActsWithVictims(db, programme, from, to);
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
  const cases = await casesOccurredBetween(db, programme, from, to);
  const ids = cases.map((c) => c.id);
  if (ids.length === 0) return [];
  const [persons, acts] = await Promise.all([personsOfCases(db, ids), actsOfCases(db, ids)]);
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

type Count = 'allegations' | 'individuals';

/** Dates of the records counted, inclusive: a calendar year or quarter. */
interface Period {
  from: string;
  to: string;
}

function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  const end = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: end };
}

export interface StatsQuery {
  programme: Programme;
  year: number;
  rows: StatDimension;
  columns?: StatDimension | undefined;
  count: Count;
}

function unitOfCount(programme: Programme, count: Count): string {
  if (programme === 'misconduct') return count;
  return programme === 'explosive_ordnance' ? 'survivors' : 'verified_violations';
}

/** The breakdowns asked for must be the programme's (or the release's), the columns other than the rows. */
function breakdownIssues(
  dimensions: readonly StatDimension[],
  query: { rows: StatDimension; columns?: StatDimension | undefined },
): { path: string[]; message: string }[] {
  return [
    ...(dimensions.includes(query.rows) ? [] : [{ path: ['rows'], message: 'stat_dimension' }]),
    ...(query.columns === undefined || (dimensions.includes(query.columns) && query.columns !== query.rows)
      ? []
      : [{ path: ['columns'], message: 'stat_dimension' }]),
  ];
}

function countIssues(programme: Programme, count: Count): { path: string[]; message: string }[] {
  return count === 'individuals' && programme !== 'misconduct' ? [{ path: ['count'], message: 'stat_count' }] : [];
}

/** The suppression pattern of the records of one programme and period, over `dimensions`. */
async function patternOf(
  ctx: AppContext,
  db: Db | Trx,
  programme: Programme,
  year: number,
  period: Period,
  count: Count,
  dimensions: readonly StatDimension[],
): Promise<SuppressionPattern> {
  const terms = await termsOf(db, programme, year);
  const records = await microdata(db, programme, period, count);
  const space: Dimension[] = dimensions.map((name) => ({ name, values: terms[name].map((t) => t.code) }));
  // A value outside the vocabulary (an actor removed from the registry) is counted as unknown.
  for (const record of records) for (const d of space) if (!d.values.includes(record[d.name] as string)) record[d.name] = 'unknown';
  return suppressionPattern(records, space, ctx.config.minCell);
}

/**
 * Live counts are for those who read every case they count: the managers of the programme's
 * unit, signed in with a second factor like any reader of confidential cases. Releasing is theirs
 * too. Anyone else is told so (`code`), before and whatever their second factor.
 */
function requireUnitManager(actor: Actor, programme: Programme, code: 'stats_live_managers' | 'stats_release_managers'): void {
  const unit = programmeUnit(programme);
  if (!mayReadCase(actor, { unit_code: unit }, [])) throw new AppError(403, code, { unit });
  requireSecondFactor(actor);
}

/** One table cut from `pattern`, labelled in `locale` (a code the vocabulary no longer has is its own label). */
async function present(
  db: Db,
  pattern: Pick<SuppressionPattern, 'dimensions' | 'cells' | 'k'>,
  head: Pick<StatsTable, 'programme' | 'year' | 'quarter' | 'release' | 'unitOfCount'>,
  query: { rows: StatDimension; columns?: StatDimension | undefined },
  locale: Locale,
): Promise<StatsTable> {
  const terms = await termsOf(db, head.programme, head.year);
  const table = publishedTable(pattern, query.rows, query.columns);
  const axis = (dimension: StatDimension, codes: readonly string[]) => ({
    dimension,
    values: codes.map((code) => {
      const term = terms[dimension].find((t) => t.code === code);
      return { code, label: term ? (locale === 'fr' ? term.fr : term.en) : code };
    }),
  });
  return {
    ...head,
    minCell: pattern.k,
    rows: axis(query.rows, table.rows.values),
    columns: table.columns ? axis(query.columns as StatDimension, table.columns.values) : null,
    cells: table.cells,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    total: table.total,
    suppressed: table.suppressed,
  };
}

/**
 * Live counts of one programme and year, suppressed; for the unit's managers only (see above),
 * audited as a read that leaves the compartment.
 */
export async function protectionStats(ctx: AppContext, actor: Actor, query: StatsQuery, locale: Locale): Promise<StatsTable> {
  requireUnitManager(actor, query.programme, 'stats_live_managers');
  throwFieldErrors([...breakdownIssues(PROGRAMME_STAT_DIMENSIONS[query.programme], query), ...countIssues(query.programme, query.count)]);
  const db = ctx.database.db;
  const pattern = await patternOf(
    ctx,
    db,
    query.programme,
    query.year,
    yearPeriod(query.year),
    query.count,
    PROGRAMME_STAT_DIMENSIONS[query.programme],
  );
  await recordAudit(ctx, actor, {
    action: 'protection.stats.read',
    recordType: 'protection_stats',
    recordId: null,
    details: { programme: query.programme, year: query.year, rows: query.rows, columns: query.columns ?? '', count: query.count, live: 1 },
  });
  const head = {
    programme: query.programme,
    year: query.year,
    quarter: null,
    release: null,
    unitOfCount: unitOfCount(query.programme, query.count),
  };
  return present(db, pattern, head, query, locale);
}

// ---------------------------------------------------------------------------------------------
// Releases

const storedDimensions = z.array(z.object({ name: z.string(), values: z.array(z.string()) }));
const storedCells = z.array(z.number().int().min(0).nullable());

function releaseOut(row: Omit<ProtectionStatsReleaseTable, 'dimensions' | 'cells'>): StatsRelease {
  return {
    id: row.id,
    programme: row.programme as Programme,
    year: row.year,
    quarter: row.quarter,
    unitOfCount: row.unit_of_count,
    minCell: row.min_cell,
    releasedAt: row.released_at,
  };
}

/**
 * Releases one closed quarter of a programme: computes its suppression pattern from the records
 * as they are now and stores the published cells only. Managers of the programme's unit; once per
 * programme, quarter and unit of count (409 after); a quarter that has not ended is refused.
 */
export async function releaseQuarter(ctx: AppContext, actor: Actor, input: ReleaseInput): Promise<StatsRelease> {
  requireUnitManager(actor, input.programme, 'stats_release_managers');
  const unit = programmeUnit(input.programme);
  throwFieldErrors(countIssues(input.programme, input.count));
  const period = quarterPeriod(input.year, input.quarter);
  const today = ctx.now().toISOString().slice(0, 10);
  if (today <= period.to) throw new AppError(400, 'stats_quarter_open', { quarter: input.quarter, year: input.year, end: period.to });
  const key = {
    programme: input.programme,
    year: input.year,
    quarter: input.quarter,
    unit_of_count: unitOfCount(input.programme, input.count),
  };
  const already = () => new AppError(409, 'stats_already_released', { quarter: input.quarter, year: input.year });
  const row = await auditedTransaction(ctx, actor, async (trx) => {
    if (await releaseOf(trx, key)) throw already();
    const pattern = await patternOf(ctx, trx, input.programme, input.year, period, input.count, releaseStatDimensions(input.programme));
    const stored: ProtectionStatsReleaseTable = {
      id: randomUUID(),
      ...key,
      unit_code: unit,
      min_cell: pattern.k,
      dimensions: JSON.stringify(pattern.dimensions),
      // Only what is published: a suppressed cell is null here as in every table cut from it.
      cells: JSON.stringify(pattern.cells),
      released_by: actor.id,
      released_at: ctx.now().toISOString(),
    };
    if (!(await insertRelease(trx, stored))) throw already();
    return {
      result: stored,
      audit: {
        action: 'protection.stats.release',
        recordType: 'protection_stats_release',
        recordId: stored.id,
        details: { ...key, suppressed: pattern.primary + pattern.secondary },
      },
    };
  });
  return releaseOut(row);
}

/** The releases available, to any signed-in member (no counts: nothing to audit). */
export async function statsReleases(ctx: AppContext, filter: { programme?: Programme | undefined; year?: number | undefined }) {
  return { items: (await listReleases(ctx.database.db, filter)).map(releaseOut) };
}

/**
 * The year a statistics page opens on: the latest with data the caller may see. Everyone sees the
 * releases; the programme's unit managers (with a second factor, as for live counts) also the year
 * of the latest counted record. Tells no count, so nothing to audit.
 */
export async function latestStatsYear(ctx: AppContext, actor: Actor, programme: Programme): Promise<{ year: number | null }> {
  const db = ctx.database.db;
  const [release] = await listReleases(db, { programme });
  const years = release ? [release.year] : [];
  const manager = mayReadCase(actor, { unit_code: programmeUnit(programme) }, []) && actor.secondFactor === true && !actor.viaToken;
  if (manager) {
    const latest = await latestCountedDate(db, programme);
    if (latest) years.push(Number(latest.slice(0, 4)));
  }
  return { year: years.length > 0 ? Math.max(...years) : null };
}

/**
 * One table of a release, cut from its stored pattern: the same cells whoever asks, whenever,
 * whatever the table. Any signed-in member; audited.
 */
export async function releaseTable(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: { rows: StatDimension; columns?: StatDimension | undefined },
  locale: Locale,
): Promise<StatsTable> {
  const row = await findRelease(ctx.database.db, id);
  if (!row) throw notFound();
  const programme = row.programme as Programme;
  throwFieldErrors(breakdownIssues(releaseStatDimensions(programme), query));
  const pattern = {
    k: row.min_cell,
    dimensions: storedDimensions.parse(JSON.parse(row.dimensions)),
    cells: storedCells.parse(JSON.parse(row.cells)),
  };
  await recordAudit(ctx, actor, {
    action: 'protection.stats.read',
    recordType: 'protection_stats_release',
    recordId: row.id,
    details: { programme, year: row.year, quarter: row.quarter, rows: query.rows, columns: query.columns ?? '', count: row.unit_of_count },
  });
  const release = releaseOut(row);
  const head = { programme, year: row.year, quarter: row.quarter, release, unitOfCount: row.unit_of_count };
  return present(ctx.database.db, pattern, head, query, locale);
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
