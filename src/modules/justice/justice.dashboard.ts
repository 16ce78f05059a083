import type { Locale } from '../../contracts/common.js';
import { categoryOf, type FacilityCategory, type FacilityStatus, JUSTICE_UNIT, type JusticeDashboard } from '../../contracts/justice.js';
import { JUSTICE_SOURCED_FIGURES, STATUS_NAMES } from '../../data/vocab/justice.js';
import { t } from '../../i18n/index.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { listFigures } from '../indicators/indicators.service.js';
import { functionalShare, latestAssessments, latestCounts, populationCells, published, sourcedShare } from './justice.figures.js';
import { listAssessmentRows, listFacilityRows, listPopulationRows } from './justice.repository.js';
import { type FacilityFilter, readableFacilities } from './justice.service.js';

/**
 * Justice and corrections seen whole: the dashboard's shares of functional courts and prisons beside
 * the fact book's figures and the prison population; the facilities list as CSV.
 */

const FACILITY = 'justice_facility';

/** The shares computed from each readable facility's latest assessment, beside the fact book's figures. */
export async function justiceDashboard(ctx: AppContext, actor: Actor | null, locale: Locale): Promise<JusticeDashboard> {
  const scope = readScope(actor);
  const [facilities, assessments, counts, figures] = await Promise.all([
    listFacilityRows(ctx.database.db, scope),
    listAssessmentRows(ctx.database.db, scope),
    listPopulationRows(ctx.database.db, scope),
    listFigures(ctx, actor, locale, JUSTICE_UNIT),
  ]);
  const latest = latestAssessments(assessments);
  const byCategory = (category: FacilityCategory) => {
    const mine = facilities.filter((f) => categoryOf(f.kind) === category);
    const statuses = mine.flatMap((f) => {
      const a = latest.get(f.id);
      return a ? [a.status as FacilityStatus] : [];
    });
    return functionalShare(statuses, mine.length);
  };
  const figure = (key: string) => figures.find((f) => f.key === key);
  // The indicators service computes the fact book's share (`<numerator>.share`) from its two figures.
  const share = (functionalKey: string, totalKey: string) => {
    const functional = figure(functionalKey);
    const total = figure(totalKey);
    const stated = figure(`${functionalKey}.share`);
    return sourcedShare(functional?.value, total?.value, stated?.value, functional?.quote ?? null, functional?.page ?? null);
  };
  const computerised = figure(JUSTICE_SOURCED_FIGURES.computerised);
  const prisons = new Set(facilities.filter((f) => categoryOf(f.kind) === 'prison').map((f) => f.id));
  const latestPopulation = [...latestCounts(counts).values()].filter((c) => prisons.has(c.facility_id));
  const suppress = published(actor);
  return {
    courts: byCategory('court'),
    prisons: byCategory('prison'),
    sourced: {
      courts: share(JUSTICE_SOURCED_FIGURES.courtsFunctional, JUSTICE_SOURCED_FIGURES.courtsTotal),
      prisons: share(JUSTICE_SOURCED_FIGURES.prisonsFunctional, JUSTICE_SOURCED_FIGURES.prisonsTotal),
      computerised: computerised ? { value: computerised.value, quote: computerised.quote, page: computerised.page } : null,
    },
    computerised: facilities.filter((f) => categoryOf(f.kind) === 'prison' && f.computerised === 1).length,
    population: { prisons: latestPopulation.length, ...populationCells(ctx, latestPopulation, suppress), suppressed: suppress },
  };
}

const CSV_COLUMNS = [
  'name',
  'kind',
  'category',
  'jurisdiction',
  'region',
  'cercle',
  'place',
  'latitude',
  'longitude',
  'status',
  'assessed_on',
  'computerised',
  'computerised_since',
  'classification',
] as const;

/** The facilities list as CSV in the reader's language, with each one's latest status; audited. */
export async function facilitiesCsv(
  ctx: AppContext,
  actor: Actor | null,
  filter: FacilityFilter,
  options: { separator: Separator; locale: Locale },
): Promise<string> {
  const { locale, separator } = options;
  const facilities = await readableFacilities(ctx, actor, filter, locale);
  const yes = t(locale, 'justice.csv_yes');
  const no = t(locale, 'justice.csv_no');
  const lines = facilities.map((f) =>
    csvLine(
      [
        f.name,
        f.kindName,
        t(locale, `justice.csv_category_${f.category}`),
        f.jurisdiction,
        f.regionName,
        f.cercleName,
        f.place,
        f.latitude,
        f.longitude,
        f.latest ? STATUS_NAMES[f.latest.status][locale] : '',
        f.latest?.assessedOn ?? '',
        f.category === 'prison' ? (f.computerised ? yes : no) : '',
        f.computerisedSince,
        f.classification,
      ],
      separator,
    ),
  );
  await recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'justice.facility.export',
    recordType: FACILITY,
    details: { rows: facilities.length, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
  return (
    BOM +
    csvLine(
      CSV_COLUMNS.map((c) => t(locale, `justice.csv_${c}`)),
      separator,
    ) +
    lines.join('')
  );
}

/** For the audit log: a facility's name, only where the reader may read it. */
