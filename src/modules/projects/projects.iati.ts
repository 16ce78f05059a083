import { CURRENCIES, type Currency, IATI_PUBLISHED_STATUSES, type ProjectStatus } from '../../contracts/projects.js';
import { findArea } from '../../data/mali/boundaries.js';
import { sectorName } from '../../data/vocab/sectors.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { partnerDirectory } from '../organisation/sections.service.js';
import { type PublishedResult, publishedResults } from '../results/results.published.js';
import { decimal } from './projects.csv.js';
import { type ProjectRow, projectRelations, publishedPage } from './projects.repository.js';

/**
 * IATI publication: the portfolio's public projects as an IATI activity file, standard 2.03
 * (`iati-activities`, one `iati-activity` per project), valid against the official schema.
 *
 * Only public data is written. The projects are read with an anonymous reader's rights (public
 * projects only, whoever asks), from approval on (a cancelled one only if it had been approved).
 * Of each project: its titles and descriptions in French and English, status, dates, DAC sector,
 * places in Mali, partners by name and role (never their contacts), budget and the dated
 * commitments and disbursements, and its results: the public indicators of the results framework
 * linked to it, with their values for a visitor (`results.published.ts`). Never written: who
 * recorded what, transaction notes, the QIP exception's justification, lifecycle comments,
 * beneficiaries' counts, entered values' sources and authors.
 */

export const IATI_VERSION = '2.03';

/** The mission, as it reports: its IATI organisation identifier comes from the configuration. */
const MISSION_NAME = {
  fr: 'Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali (MINUSMA)',
  en: 'United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA)',
};
/** IATI OrganisationType 40: multilateral. */
const MISSION_TYPE = '40';

/** IATI ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation, 4 closed, 5 cancelled. */
const ACTIVITY_STATUS: Record<ProjectStatus, string> = {
  proposed: '1',
  reviewed: '1',
  approved: '1',
  ongoing: '2',
  finalised: '3',
  closed: '4',
  cancelled: '5',
};

/** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
const ORGANISATION_ROLE: Record<string, string> = { funding: '1', accountable: '2', implementing: '4' };

/** IATI TransactionType: 2 outgoing commitment, 3 disbursement. */
const TRANSACTION_TYPE: Record<string, string> = { commitment: '2', disbursement: '3' };

/** Characters XML 1.0 does not allow, even escaped: the C0 controls but tab, line feed and carriage return, and U+FFFE/U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text or an attribute's value, escaped for XML (both quotes too, so it is safe in either place). */
export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Attributes = Record<string, string | number | null | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function element(name: string, attrs: Attributes, children: readonly string[] = []): string {
  return children.length === 0 ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;
}

/** One `narrative` per language that has a text. */
function narratives(texts: { fr: string; en: string }): string[] {
  return (['fr', 'en'] as const)
    .filter((lang) => texts[lang].trim() !== '')
    .map((lang) => `<narrative xml:lang="${lang}">${xmlEscape(texts[lang].trim())}</narrative>`);
}

/** An amount in minor units as the schema's decimal, exactly (`4500000` US cents → `45000.00`; francs CFA have no minor unit). */
export function iatiAmount(minor: number, currency: Currency): string {
  return decimal(minor, CURRENCIES[currency], ',');
}

/** The activity's identifier: the mission's organisation identifier, then the project's id. */
export function iatiIdentifier(orgRef: string, projectId: string): string {
  return `${orgRef}-${projectId}`;
}

function reportingOrg(orgRef: string): string {
  return element('reporting-org', { ref: orgRef, type: MISSION_TYPE }, narratives(MISSION_NAME));
}

/** IATI IndicatorMeasure: 1 unit (a count, an amount, a number), 2 percentage. */
const INDICATOR_MEASURE: Record<string, string> = { count: '1', number: '1', usd: '1', percent: '2' };

/**
 * IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other. The results framework does not tell
 * an objective's level, so its results are published as "other".
 */
const RESULT_TYPE = '9';

/** A result's value as the schema's string: a plain decimal, never an exponent. */
export function iatiNumber(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(6).replace(/\.?0+$/, '') : text;
}

/** A project's results: one `result` per objective, each with its indicators, baseline, period, target and actual value. */
export function iatiResults(results: readonly PublishedResult[]): string[] {
  return results.map((result) =>
    element('result', { type: RESULT_TYPE }, [
      element('title', {}, narratives({ fr: result.titleFr, en: result.titleEn })),
      ...result.indicators.map((indicator) => {
        const year = /^(\d{4})/.exec(indicator.baselinePeriod ?? '')?.[1] ?? indicator.periodStart.slice(0, 4);
        const isoDate = /^\d{4}-\d{2}-\d{2}$/.test(indicator.baselinePeriod ?? '') ? indicator.baselinePeriod : null;
        const actual = indicator.actual;
        const bySex = (value: number | null, sex: string) =>
          value === null ? '' : element('actual', { value: iatiNumber(value) }, [element('dimension', { name: 'sex', value: sex })]);
        const period = element(
          'period',
          {},
          [
            element('period-start', { 'iso-date': indicator.periodStart }),
            element('period-end', { 'iso-date': indicator.periodEnd }),
            indicator.target === null ? '' : element('target', { value: iatiNumber(indicator.target) }),
            actual ? element('actual', { value: iatiNumber(actual.value) }) : '',
            actual ? bySex(actual.women, 'female') : '',
            actual ? bySex(actual.men, 'male') : '',
          ].filter((e) => e !== ''),
        );
        return element(
          'indicator',
          {
            measure: INDICATOR_MEASURE[indicator.measure] ?? '1',
            // Ascending unless the target lies below the baseline.
            ascending: indicator.target !== null && indicator.baseline !== null && indicator.target < indicator.baseline ? 'false' : 'true',
          },
          [
            element('title', {}, narratives({ fr: indicator.titleFr, en: indicator.titleEn })),
            indicator.baseline === null ? '' : element('baseline', { year, 'iso-date': isoDate, value: iatiNumber(indicator.baseline) }),
            period,
          ].filter((e) => e !== ''),
        );
      }),
    ]),
  );
}

type Relations = Awaited<ReturnType<typeof projectRelations>>;
type Directory = Awaited<ReturnType<typeof partnerDirectory>>;

/** One project as an `iati-activity`, its elements in the schema's order. */
export function iatiActivity(
  orgRef: string,
  row: ProjectRow,
  rel: Relations,
  directory: Directory,
  results: readonly PublishedResult[] = [],
): string {
  const currency = row.currency as Currency;
  const value = (minor: number, on: string) => element('value', { currency, 'value-date': on }, [iatiAmount(Number(minor), currency)]);
  const description = { fr: row.description_fr, en: row.description_en };
  const title = { fr: row.title_fr, en: row.title_en };

  // The mission takes part as accountable, or as extending when a partner is accountable.
  const partners = rel.partners.filter((p) => directory.has(p.partner_id) && ORGANISATION_ROLE[p.role]);
  const missionRole = partners.some((p) => p.role === 'accountable') ? '3' : '2';
  const participating = [
    element('participating-org', { ref: orgRef, type: MISSION_TYPE, role: missionRole }, narratives(MISSION_NAME)),
    ...partners.map((p) => {
      const partner = directory.get(p.partner_id);
      const name = partner?.abbreviation ? `${partner.name} (${partner.abbreviation})` : (partner?.name ?? '');
      return element('participating-org', { role: ORGANISATION_ROLE[p.role] }, narratives({ fr: name, en: '' }));
    }),
  ];

  // IATI ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
  const dates = [
    element('activity-date', { 'iso-date': row.planned_start, type: '1' }),
    row.actual_start ? element('activity-date', { 'iso-date': row.actual_start, type: '2' }) : '',
    element('activity-date', { 'iso-date': row.planned_end, type: '3' }),
    row.actual_end ? element('activity-date', { 'iso-date': row.actual_end, type: '4' }) : '',
  ].filter((d) => d !== '');

  const locations = rel.places.map((p, i) => {
    const region = findArea(p.region)?.name ?? p.region;
    const name = p.place ? `${p.place}, ${region}` : region;
    return element('location', { ref: `${row.id}-${i + 1}` }, [
      // LocationReach 1: the activity happens there; GeographicVocabulary A4: ISO country code, level 0.
      element('location-reach', { code: '1' }),
      element('name', {}, narratives({ fr: name, en: '' })),
      element('administrative', { vocabulary: 'A4', level: 0, code: 'ML' }),
      element('point', { srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326' }, [
        `<pos>${p.latitude.toFixed(5)} ${p.longitude.toFixed(5)}</pos>`,
      ]),
      // GeographicExactness 1 exact (coordinates entered), 2 approximate (a gazetteer place or its region's centre).
      element('exactness', { code: p.place ? '2' : '1' }),
      ...(p.place ? [element('location-class', { code: '2' })] : []),
    ]);
  });

  const transactions = rel.transactions
    .filter((t) => TRANSACTION_TYPE[t.kind])
    .map((t) =>
      element('transaction', {}, [
        element('transaction-type', { code: TRANSACTION_TYPE[t.kind] }),
        element('transaction-date', { 'iso-date': t.on_date }),
        value(t.amount_minor, t.on_date),
      ]),
    );

  const children = [
    `<iati-identifier>${xmlEscape(iatiIdentifier(orgRef, row.id))}</iati-identifier>`,
    reportingOrg(orgRef),
    element('title', {}, narratives(title)),
    // A description is required: a project without one is described by its title.
    element('description', { type: '1' }, narratives(description.fr || description.en ? description : title)),
    ...participating,
    element('activity-status', { code: ACTIVITY_STATUS[row.status as ProjectStatus] ?? '2' }),
    ...dates,
    element('recipient-country', { code: 'ML', percentage: 100 }, narratives({ fr: 'Mali', en: 'Mali' })),
    ...locations,
    // SectorVocabulary 1: OECD DAC CRS purpose codes (5 digits).
    element(
      'sector',
      { vocabulary: '1', code: row.sector, percentage: 100 },
      narratives({ fr: sectorName(row.sector, 'fr'), en: sectorName(row.sector, 'en') }),
    ),
    // BudgetType 1 original; BudgetStatus 2 committed (the project is approved).
    element('budget', { type: '1', status: '2' }, [
      element('period-start', { 'iso-date': row.planned_start }),
      element('period-end', { 'iso-date': row.planned_end }),
      value(row.budget_minor, row.planned_start),
    ]),
    ...transactions,
    ...iatiResults(results),
  ];
  return element(
    'iati-activity',
    { 'last-updated-datetime': row.updated_at, 'xml:lang': 'fr', 'default-currency': currency, hierarchy: 1 },
    children,
  );
}

/** Whether any project is published: the standard does not allow a file without an activity. */
export async function anyPublished(ctx: AppContext): Promise<boolean> {
  return (await publishedPage(ctx.database.db, readScope(null), [...IATI_PUBLISHED_STATUSES], 1, null)).length > 0;
}

/**
 * The IATI activity file of the mission's published projects, one page of projects at a time.
 * Whoever asks, it holds what an anonymous reader may read.
 */
export async function* iatiActivities(ctx: AppContext): AsyncGenerator<string> {
  const db = ctx.database.db;
  const orgRef = ctx.config.iatiOrgRef;
  const directory = await partnerDirectory(db);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<iati-activities version="${IATI_VERSION}" generated-datetime="${ctx.now().toISOString()}">\n`;
  let after: string | null = null;
  for (;;) {
    const rows = await publishedPage(db, readScope(null), [...IATI_PUBLISHED_STATUSES], 200, after);
    const results = await publishedResults(
      ctx,
      rows.map((row) => row.id),
    );
    for (const row of rows)
      yield `${iatiActivity(orgRef, row, await projectRelations(db, row.id), directory, results.get(row.id) ?? [])}\n`;
    const last = rows.at(-1);
    if (rows.length < 200 || !last) break;
    after = last.id;
  }
  yield '</iati-activities>\n';
}

/** Each IATI export is audited, like the CSV export. */
export function recordIatiExport(ctx: AppContext, actor: Actor | { id: null; label: string } | null): Promise<void> {
  return recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'project.export',
    recordType: 'project',
    details: { format: 'iati' },
  });
}
