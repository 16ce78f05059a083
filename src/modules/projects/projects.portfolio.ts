import type { Locale } from '../../contracts/common.js';
import {
  type Currency,
  FUNDS,
  type Fund,
  type PortfolioDashboard,
  type PortfolioTotals,
  PROJECT_STATUSES,
  type ProjectFilter,
  type ProjectMap,
  type ProjectStatus,
  type ProjectSummary,
} from '../../contracts/projects.js';
import { findArea } from '../../data/mali/boundaries.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { money, toUsdMinor } from './projects.money.js';
import { type Cursor, dashboardSums, groupedSums, listPage, mapPlaces, type ProjectRow, regionSums } from './projects.repository.js';

/**
 * The portfolio: the projects a reader may see for a filter, in keyset pages, with their USD
 * totals, every row for the exports, the dashboard by status, fund, unit and region, and the
 * places on the map — each filtered in SQL within the reader's scope (`projects.repository.ts`).
 */

function summarize(row: ProjectRow, locale: Locale): ProjectSummary {
  return {
    id: row.id,
    fund: row.fund as Fund,
    unit: row.unit_code,
    status: row.status as ProjectStatus,
    title: locale === 'en' && row.title_en !== '' ? row.title_en : row.title_fr,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    budget: money(row.budget_minor, row),
    classification: row.classification as ProjectSummary['classification'],
  };
}

function encodeCursor(row: ProjectRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string')
      return [parsed[0], parsed[1]];
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'invalid_cursor');
}

/** The portfolio the reader may see, filtered in SQL within the read scope, one keyset page at a time. */
export async function listProjects(
  ctx: AppContext,
  actor: Actor | null,
  query: ProjectFilter & { limit: number; after?: string | undefined },
  locale: Locale,
): Promise<{ items: ProjectSummary[]; next: string | null }> {
  const rows = await listPage(ctx.database.db, query, readScope(actor), query.limit + 1, decodeCursor(query.after));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => summarize(r, locale)), next: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Counts and USD totals of the filter by status and by fund. */
export async function portfolioTotals(ctx: AppContext, actor: Actor | null, filter: ProjectFilter): Promise<PortfolioTotals> {
  const groups = await groupedSums(ctx.database.db, filter, readScope(actor));
  const zero = () => ({ count: 0, budgetUsdMinor: 0, committedUsdMinor: 0, disbursedUsdMinor: 0 });
  const total = zero();
  const byStatus = new Map<ProjectStatus, ReturnType<typeof zero>>();
  const byFund = new Map<Fund, ReturnType<typeof zero>>();
  for (const g of groups) {
    const currency = g.currency as Currency;
    const add = (t: ReturnType<typeof zero>) => {
      t.count += g.n;
      t.budgetUsdMinor += toUsdMinor(g.budget, currency, g.rate_to_usd);
      t.committedUsdMinor += toUsdMinor(g.committed, currency, g.rate_to_usd);
      t.disbursedUsdMinor += toUsdMinor(g.disbursed, currency, g.rate_to_usd);
    };
    add(total);
    const status = g.status as ProjectStatus;
    const fund = g.fund as Fund;
    add(byStatus.get(status) ?? byStatus.set(status, zero()).get(status) ?? zero());
    add(byFund.get(fund) ?? byFund.set(fund, zero()).get(fund) ?? zero());
  }
  return {
    total,
    byStatus: [...byStatus].map(([status, t]) => ({ status, ...t })),
    byFund: [...byFund].map(([fund, t]) => ({ fund, ...t })),
  };
}

/** Every project of the filter the reader may see, page after page, for the CSV export. */
export async function* portfolioRows(ctx: AppContext, actor: Actor | null, filter: ProjectFilter) {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await listPage(ctx.database.db, filter, readScope(actor), 500, after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < 500 || !last) return;
    after = [last.created_at, last.id];
  }
}

type DashboardRow = PortfolioDashboard['total'];

/**
 * The portfolio's dashboard for a filter, inside the reader's scope: counts, USD budget, commitments
 * and disbursements (each group of one currency and rate converted once, exactly) and people
 * planned and reached with the women among them, by status, fund, unit and region.
 */
export async function portfolioDashboard(ctx: AppContext, actor: Actor | null, filter: ProjectFilter): Promise<PortfolioDashboard> {
  const scope = readScope(actor);
  const [groups, regions] = await Promise.all([dashboardSums(ctx.database.db, filter, scope), regionSums(ctx.database.db, filter, scope)]);
  const zero = (): DashboardRow => ({
    count: 0,
    budgetUsdMinor: 0,
    committedUsdMinor: 0,
    disbursedUsdMinor: 0,
    beneficiaries: { plannedPeople: 0, plannedWomen: 0, reachedPeople: 0, reachedWomen: 0 },
  });
  type Group = (typeof groups)[number] | (typeof regions)[number];
  const add = (row: DashboardRow, g: Group) => {
    const currency = g.currency as Currency;
    row.count += g.n;
    row.budgetUsdMinor += toUsdMinor(g.budget, currency, g.rate_to_usd);
    row.committedUsdMinor += toUsdMinor(g.committed, currency, g.rate_to_usd);
    row.disbursedUsdMinor += toUsdMinor(g.disbursed, currency, g.rate_to_usd);
    row.beneficiaries.plannedPeople += g.planned_people;
    row.beneficiaries.plannedWomen += g.planned_women;
    row.beneficiaries.reachedPeople += g.reached_people;
    row.beneficiaries.reachedWomen += g.reached_women;
  };
  const into = <K extends string>(map: Map<K, DashboardRow>, key: K, g: Group) => {
    const row = map.get(key) ?? zero();
    map.set(key, row);
    add(row, g);
  };
  const total = zero();
  const byStatus = new Map<ProjectStatus, DashboardRow>();
  const byFund = new Map<Fund, DashboardRow>();
  const byUnit = new Map<string, DashboardRow>();
  const byRegion = new Map<string, DashboardRow>();
  for (const g of groups) {
    add(total, g);
    into(byStatus, g.status as ProjectStatus, g);
    into(byFund, g.fund as Fund, g);
    into(byUnit, g.unit_code, g);
  }
  for (const g of regions) into(byRegion, g.region, g);
  const statusOrder = (s: ProjectStatus) => PROJECT_STATUSES.indexOf(s);
  const fundOrder = (f: Fund) => FUNDS.indexOf(f);
  return {
    total,
    byStatus: [...byStatus].sort(([a], [b]) => statusOrder(a) - statusOrder(b)).map(([status, row]) => ({ status, ...row })),
    byFund: [...byFund].sort(([a], [b]) => fundOrder(a) - fundOrder(b)).map(([fund, row]) => ({ fund, ...row })),
    byUnit: [...byUnit].sort(([a], [b]) => a.localeCompare(b)).map(([unit, row]) => ({ unit, ...row })),
    byRegion: [...byRegion]
      .map(([region, row]) => ({ region, regionName: findArea(region)?.name ?? region, ...row }))
      .sort((a, b) => a.regionName.localeCompare(b.regionName, 'fr')),
  };
}

/** The most places the map is given at once. */
export const MAP_PLACES_LIMIT = 2000;

/** The places of the filter's projects the reader may read, for the map. */
export async function projectMap(ctx: AppContext, actor: Actor | null, filter: ProjectFilter, locale: Locale): Promise<ProjectMap> {
  const rows = await mapPlaces(ctx.database.db, filter, readScope(actor), MAP_PLACES_LIMIT + 1);
  return {
    places: rows.slice(0, MAP_PLACES_LIMIT).map((r) => ({
      project: r.id,
      title: locale === 'en' && r.title_en !== '' ? r.title_en : r.title_fr,
      fund: r.fund as Fund,
      status: r.status as ProjectStatus,
      place: r.place,
      latitude: r.latitude,
      longitude: r.longitude,
      region: r.region,
    })),
    truncated: rows.length > MAP_PLACES_LIMIT,
  };
}
