import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type { SiteDetail, SiteInput, SiteList, SiteSummary, SiteUpdate, SiteVocabulary, WeaponCounts } from '../../contracts/ddr-sites.js';
import { findArea, locate, regions } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { ddrSiteTerms, SITES_SOURCED_FIGURE, WEAPON_KINDS } from '../../data/vocab/ddr-sites.js';
import type { Db, Trx } from '../../db/database.js';
import type { DdrSiteTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import { type Cell, type Dimension, publishedTable, suppressionPattern } from '../../platform/disclosure.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { listFigures } from '../indicators/indicators.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { DDR_UNIT } from './ddr.policy.js';
import { mayKeepSites, mayReadSite, readableSiteClasses, readsExactCounts } from './sites.policy.js';
import { findSite, insertSite, listSites, siteNameTaken, staysAt, updateSiteIfVersion, weaponFacts } from './sites.repository.js';

/**
 * Cantonment sites: where they are (a gazetteer place or coordinates inside Mali), their capacity,
 * services and status, and how many people are there, computed from the registry: a person counts
 * at a site from the day of cantonment until the day of the step that ends the stay
 * (demobilisation, leaving the process, referral to Child Protection), and a confirmed duplicate
 * never counts. Weapons handed in are counted by site, kind and period. Counts read outside the
 * DDR section are published with the small-cell suppression of protection statistics
 * (src/platform/disclosure.ts): one pattern for all sites, so a site's count reads the same on the
 * list, on its page and in the CSV.
 */

export const SITE_RECORD_TYPE = 'ddr_site';
type Issue = { path: string[]; message: string };
type Stay = { person_id: string; site: string | null; step: string; on_date: string };

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Occupancy, computed from the registry

/** Each person's stay at a site: from the cantonment day to the first day that ends it (or open). */
export function staysOf(rows: readonly Stay[]): { person: string; site: string; from: string; until: string | null }[] {
  const byPerson = new Map<string, Stay[]>();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
  const stays: { person: string; site: string; from: string; until: string | null }[] = [];
  for (const [person, steps] of byPerson) {
    const canton = steps.find((s) => s.step === 'canton');
    if (!canton || canton.site === null) continue;
    const ends = steps.filter((s) => s.step !== 'canton' && s.on_date >= canton.on_date).map((s) => s.on_date);
    stays.push({ person, site: canton.site, from: canton.on_date, until: ends.length > 0 ? (ends.sort()[0] ?? null) : null });
  }
  return stays;
}

/** Whether a stay covers a day (the day it ends, the person has left). */
export function presentOn(stay: { from: string; until: string | null }, day: string): boolean {
  return stay.from <= day && (stay.until === null || stay.until > day);
}

/** The occupancy from each day it changed, in order. */
export function occupancyChanges(stays: readonly { from: string; until: string | null }[]): { on: string; occupancy: number }[] {
  const delta = new Map<string, number>();
  for (const s of stays) {
    delta.set(s.from, (delta.get(s.from) ?? 0) + 1);
    if (s.until !== null) delta.set(s.until, (delta.get(s.until) ?? 0) - 1);
  }
  let occupancy = 0;
  const changes: { on: string; occupancy: number }[] = [];
  for (const on of [...delta.keys()].sort()) {
    const d = delta.get(on) ?? 0;
    if (d === 0) continue;
    occupancy += d;
    changes.push({ on, occupancy });
  }
  return changes;
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = last.slice(0, 7);
  while (months.length < 240) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

function periodOf(day: string, period: 'quarter' | 'year'): string {
  return period === 'year' ? day.slice(0, 4) : `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Counting: exact for the section, suppressed for everyone else

interface Tables {
  total: Cell;
  one(dimension: string): Cell[];
  two(rows: string, columns: string): Cell[][];
}

/** The tables of a query space, exact or cut from one suppression pattern. */
function countTables(records: readonly Record<string, string>[], dimensions: readonly Dimension[], exact: boolean, k: number): Tables {
  const valuesOf = (name: string) => dimensions.find((d) => d.name === name)?.values ?? [];
  if (exact || dimensions.some((d) => d.values.length === 0)) {
    const count = (match: (r: Record<string, string>) => boolean) => records.filter(match).length;
    return {
      total: records.length,
      one: (d) => valuesOf(d).map((v) => count((r) => r[d] === v)),
      two: (rows, columns) => valuesOf(rows).map((a) => valuesOf(columns).map((b) => count((r) => r[rows] === a && r[columns] === b))),
    };
  }
  const pattern = suppressionPattern(records, dimensions, k);
  return {
    total: publishedTable(pattern, dimensions[0]?.name ?? '').total,
    one: (d) => publishedTable(pattern, d).rowTotals,
    two: (rows, columns) => publishedTable(pattern, rows, columns).cells,
  };
}

interface SiteCounts {
  sites: DdrSiteTable[];
  exact: boolean;
  occupancy: Map<string, Cell>;
  weapons: Map<string, Cell>;
  stays: ReturnType<typeof staysOf>;
}

/** The sites `actor` reads with their occupancy today and the weapons handed in at each. */
async function siteCounts(ctx: AppContext, actor: Actor | null): Promise<SiteCounts> {
  const db = ctx.database.db;
  const sites = await listSites(db, readableSiteClasses(actor));
  const ids = sites.map((s) => s.id);
  const [stayRows, weaponRows] = await Promise.all([staysAt(db, DDR_UNIT, ids), weaponFacts(db, ids)]);
  const stays = staysOf(stayRows);
  const exact = readsExactCounts(actor);
  const day = today(ctx);
  const dimension = [{ name: 'site', values: ids }];
  const present = countTables(
    stays.filter((s) => presentOn(s, day)).map((s) => ({ site: s.site })),
    dimension,
    exact,
    ctx.config.minCell,
  ).one('site');
  const handedIn = countTables(
    weaponRows.map((w) => ({ site: w.site_id })),
    dimension,
    exact,
    ctx.config.minCell,
  ).one('site');
  return {
    sites,
    exact,
    stays,
    occupancy: new Map(ids.map((id, i) => [id, present[i] ?? null])),
    weapons: new Map(ids.map((id, i) => [id, handedIn[i] ?? null])),
  };
}

function summary(row: DdrSiteTable, counts: SiteCounts): SiteSummary {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    regionName: findArea(row.region)?.name ?? row.region,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    capacity: row.capacity,
    services: JSON.parse(row.services) as string[],
    status: row.status as SiteSummary['status'],
    classification: row.classification as SiteSummary['classification'],
    occupancy: counts.occupancy.get(row.id) ?? null,
    weapons: counts.weapons.get(row.id) ?? null,
    version: row.version,
  };
}

export async function listCantonmentSites(ctx: AppContext, actor: Actor | null, locale: Locale): Promise<SiteList> {
  const [counts, figures] = await Promise.all([siteCounts(ctx, actor), listFigures(ctx, actor, locale, DDR_UNIT)]);
  const sourced = figures.find((f) => f.key === SITES_SOURCED_FIGURE);
  return {
    items: counts.sites.map((s) => summary(s, counts)),
    recorded: counts.sites.length,
    sourced: sourced ? { label: sourced.label, value: sourced.value, period: sourced.period, quote: sourced.quote } : null,
    suppressed: !counts.exact,
    minCell: ctx.config.minCell,
    may: { create: mayKeepSites(actor) },
  };
}

export async function getCantonmentSite(ctx: AppContext, actor: Actor | null, id: string): Promise<SiteDetail> {
  const row = await findSite(ctx.database.db, id);
  if (!row || !mayReadSite(actor, row)) throw notFound();
  const counts = await siteCounts(ctx, actor);
  const stays = counts.stays.filter((s) => s.site === id);
  const day = today(ctx);
  const first = stays.map((s) => s.from).sort()[0];
  const months = first ? monthsBetween(first, day) : [];
  const monthly = countTables(
    months.flatMap((month) => {
      const end = [monthEnd(month), day].sort()[0] as string;
      return stays.filter((s) => presentOn(s, end)).map(() => ({ month }));
    }),
    [{ name: 'month', values: months }],
    counts.exact,
    ctx.config.minCell,
  ).one('month');
  const weapons = await weaponCountsFor(ctx, actor, 'quarter', counts);
  const siteRow = weapons.siteByKind.find((r) => r.code === id);
  return {
    ...summary(row, counts),
    byMonth: months.map((month, i) => ({ month, occupancy: monthly[i] ?? null })),
    changes: counts.exact ? occupancyChanges(stays) : [],
    weaponsByKind: weapons.byKind.map((k, i) => ({ kind: k.code, count: siteRow?.counts[i] ?? null })),
    suppressed: !counts.exact,
    minCell: ctx.config.minCell,
    may: { edit: mayKeepSites(actor) },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

async function resolvePlace(db: Db | Trx, input: SiteInput, except: string | null) {
  const issues: Issue[] = [];
  if (await siteNameTaken(db, input.name, except)) issues.push({ path: ['name'], message: 'ddr_site_name_taken' });
  let where: { place: string | null; latitude: number; longitude: number; region: string } | null = null;
  if (input.latitude !== null && input.longitude !== null) {
    const hit = locate(input.latitude, input.longitude);
    if (!hit) issues.push({ path: ['latitude'], message: 'outside_mali' });
    else where = { place: input.place, latitude: input.latitude, longitude: input.longitude, region: hit.region.id };
  } else if (input.latitude !== null || input.longitude !== null) {
    issues.push({ path: [input.latitude === null ? 'latitude' : 'longitude'], message: 'coordinates_pair' });
  } else if (input.place) {
    const known = gazetteer().get(input.place);
    const region = known && findArea(known.regionIso);
    if (!known || !region) issues.push({ path: ['place'], message: 'unknown_place' });
    else {
      const [lon, lat] = known.lat !== null && known.lon !== null ? [known.lon, known.lat] : region.centroid;
      where = { place: input.place, latitude: lat, longitude: lon, region: region.id };
    }
  } else issues.push({ path: ['place'], message: 'location_required' });
  throwFieldErrors(issues);
  return where as NonNullable<typeof where>;
}

export async function createCantonmentSite(ctx: AppContext, actor: Actor, input: SiteInput): Promise<SiteDetail> {
  if (!mayKeepSites(actor)) throw new AppError(403, 'forbidden');
  const where = await resolvePlace(ctx.database.db, input, null);
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, DDR_UNIT);
    const at = ctx.now().toISOString();
    await insertSite(trx, {
      id,
      unit_code: DDR_UNIT,
      name: input.name,
      ...where,
      capacity: input.capacity,
      services: JSON.stringify([...new Set(input.services)]),
      status: input.status,
      classification: input.classification,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    return {
      result: undefined,
      audit: { action: 'ddr.site.create', recordType: SITE_RECORD_TYPE, recordId: id, details: { name: input.name, region: where.region } },
    };
  });
  return getCantonmentSite(ctx, actor, id);
}

export async function updateCantonmentSite(ctx: AppContext, actor: Actor, id: string, input: SiteUpdate): Promise<SiteDetail> {
  const row = await findSite(ctx.database.db, id);
  if (!row || !mayReadSite(actor, row)) throw notFound();
  if (!mayKeepSites(actor)) throw new AppError(403, 'forbidden');
  if (input.version !== row.version) throw versionConflict();
  const where = await resolvePlace(ctx.database.db, input, id);
  await auditedTransaction(ctx, actor, async (trx) => {
    const changed = await updateSiteIfVersion(trx, id, row.version, {
      name: input.name,
      ...where,
      capacity: input.capacity,
      services: JSON.stringify([...new Set(input.services)]),
      status: input.status,
      classification: input.classification,
      updated_at: ctx.now().toISOString(),
    });
    if (!changed) throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'ddr.site.update', recordType: SITE_RECORD_TYPE, recordId: id, details: { name: input.name, status: input.status } },
    };
  });
  return getCantonmentSite(ctx, actor, id);
}

/** The open site with this id, for the cantonment step and hand-ins; null when there is none. */
export async function openSite(db: Db | Trx, id: string): Promise<DdrSiteTable | null> {
  const row = await findSite(db, id);
  return row && row.status !== 'closed' ? row : null;
}

/** Site names by id, for presenting steps and weapons. */
export async function siteNames(db: Db | Trx, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const row = await findSite(db, id);
    if (row) names.set(id, row.name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Weapons counts

export async function weaponCountsFor(
  ctx: AppContext,
  actor: Actor | null,
  period: 'quarter' | 'year',
  known?: SiteCounts,
): Promise<WeaponCounts> {
  const counts = known ?? (await siteCounts(ctx, actor));
  const ids = counts.sites.map((s) => s.id);
  const facts = await weaponFacts(ctx.database.db, ids);
  const periods = [...new Set(facts.map((f) => periodOf(f.handed_in_on, period)))].sort();
  const kinds = WEAPON_KINDS.map((k) => k.code);
  const dimensions = [
    { name: 'site', values: ids },
    { name: 'kind', values: kinds },
    { name: 'period', values: periods },
  ];
  const tables = countTables(
    facts.map((f) => ({ site: f.site_id, kind: f.kind, period: periodOf(f.handed_in_on, period) })),
    dimensions,
    counts.exact,
    ctx.config.minCell,
  );
  const locale = 'fr';
  const kindLabel = (code: string, l: Locale = locale) => WEAPON_KINDS.find((k) => k.code === code)?.[l] ?? code;
  const bySite = tables.one('site');
  const byKind = tables.one('kind');
  const byPeriod = tables.one('period');
  const grid = tables.two('site', 'kind');
  return {
    period,
    total: tables.total,
    bySite: counts.sites.map((s, i) => ({ code: s.id, label: s.name, count: bySite[i] ?? null })),
    byKind: kinds.map((k, i) => ({ code: k, label: kindLabel(k), count: byKind[i] ?? null })),
    byPeriod: periods.map((p, i) => ({ code: p, label: p, count: byPeriod[i] ?? null })),
    siteByKind: counts.sites.map((s, i) => ({ code: s.id, label: s.name, counts: grid[i] ?? [] })),
    suppressed: !counts.exact,
    minCell: ctx.config.minCell,
  };
}

/** Weapons counts with the kinds named in the reader's language. */
export async function weaponCounts(
  ctx: AppContext,
  actor: Actor | null,
  period: 'quarter' | 'year',
  locale: Locale,
): Promise<WeaponCounts> {
  const counts = await weaponCountsFor(ctx, actor, period);
  return {
    ...counts,
    byKind: counts.byKind.map((k) => ({ ...k, label: WEAPON_KINDS.find((w) => w.code === k.code)?.[locale] ?? k.code })),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV and vocabulary

const cellText = (n: Cell) => (n === null ? 'x' : n);

export async function sitesCsv(ctx: AppContext, actor: Actor | null, locale: Locale, separator: Separator): Promise<string> {
  const list = await listCantonmentSites(ctx, actor, locale);
  const terms = ddrSiteTerms(locale);
  const label = (list: { code: string; name: string }[], code: string) => list.find((x) => x.code === code)?.name ?? code;
  const lines = [
    csvLine(
      [
        'id',
        'name',
        'region',
        'place',
        'latitude',
        'longitude',
        'capacity',
        'services',
        'status',
        'classification',
        'occupancy',
        'weapons',
      ],
      separator,
    ),
    ...list.items.map((s) =>
      csvLine(
        [
          s.id,
          s.name,
          s.regionName,
          s.place,
          s.latitude,
          s.longitude,
          s.capacity,
          s.services.map((c) => label(terms.services, c)).join(' | '),
          label(terms.siteStatuses, s.status),
          s.classification,
          cellText(s.occupancy),
          cellText(s.weapons),
        ],
        separator,
      ),
    ),
  ];
  return BOM + lines.join('');
}

export async function weaponCountsCsv(
  ctx: AppContext,
  actor: Actor | null,
  period: 'quarter' | 'year',
  locale: Locale,
  separator: Separator,
): Promise<string> {
  const counts = await weaponCounts(ctx, actor, period, locale);
  const lines = [csvLine(['table', 'code', 'label', 'count'], separator)];
  for (const [table, rows] of [
    ['site', counts.bySite],
    ['kind', counts.byKind],
    ['period', counts.byPeriod],
  ] as const)
    for (const r of rows) lines.push(csvLine([table, r.code, r.label, cellText(r.count)], separator));
  lines.push(csvLine(['total', '', '', cellText(counts.total)], separator));
  return BOM + lines.join('');
}

export function siteVocabulary(locale: Locale): SiteVocabulary {
  return {
    ...ddrSiteTerms(locale),
    regions: regions().map((r) => ({ code: r.id, name: r.name })),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
  };
}
