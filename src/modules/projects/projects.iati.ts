import { CURRENCIES, type Currency, IATI_PUBLISHED_STATUSES, type ProjectStatus } from '../../contracts/projects.js';
import { findArea } from '../../data/mali/boundaries.js';
import { sectorName } from '../../data/vocab/sectors.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { partnerDirectory } from '../organisation/sections.service.js';
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
 * commitments and disbursements. Never written: who recorded what, transaction notes, the QIP
 * exception's justification, lifecycle comments, beneficiaries' counts.
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

type Relations = Awaited<ReturnType<typeof projectRelations>>;
type Directory = Awaited<ReturnType<typeof partnerDirectory>>;

/** One project as an `iati-activity`, its elements in the schema's order. */
export function iatiActivity(orgRef: string, row: ProjectRow, rel: Relations, directory: Directory): string {
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
    for (const row of rows) yield `${iatiActivity(orgRef, row, await projectRelations(db, row.id), directory)}\n`;
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
