import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { FUNDS, type PortfolioTotals, PROJECT_STATUSES, type ProjectSummary } from '../../../src/contracts/projects.js';
import { queryString } from '../api/client.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { IATI_EXPORT_PATH, type ProjectQueryParams, projectQueries } from '../api/projects.js';
import { both, useLoaded, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProjectImportForm } from '../components/ProjectImportForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { formatMoney } from '../projects.js';
import { Link, navigate, useLocation } from '../router.js';

const FILTERS = ['fund', 'status', 'unit', 'region'] as const;

function filterFrom(search: URLSearchParams): ProjectQueryParams {
  return Object.fromEntries(FILTERS.map((key) => [key, search.get(key) || undefined]));
}

/** Counts and USD totals of the filter, by fund and by status. */
function Totals({ totals }: { totals: PortfolioTotals }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const rows = [
    ...totals.byFund.map((row) => ({ key: `fund-${row.fund}`, label: t(`projects.funds.${row.fund}`), ...row })),
    ...totals.byStatus.map((row) => ({ key: `status-${row.status}`, label: t(`projects.statuses.${row.status}`), ...row })),
  ];
  return (
    <ScrollingTable caption={t('projects.totals.caption')} className="project-totals">
      <thead>
        <tr>
          <th scope="col">{t('projects.totals.group')}</th>
          <th scope="col" className="numeric">
            {t('projects.totals.count')}
          </th>
          <th scope="col" className="numeric">
            {t('projects.totals.budget')}
          </th>
          <th scope="col" className="numeric">
            {t('projects.totals.committed')}
          </th>
          <th scope="col" className="numeric">
            {t('projects.totals.disbursed')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="numeric">{formatCount(row.count, locale)}</td>
            <td className="numeric nowrap">{usd(row.budgetUsdMinor)}</td>
            <td className="numeric nowrap">{usd(row.committedUsdMinor)}</td>
            <td className="numeric nowrap">{usd(row.disbursedUsdMinor)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('projects.totals.all')}</th>
          <td className="numeric">{formatCount(totals.total.count, locale)}</td>
          <td className="numeric nowrap">{usd(totals.total.budgetUsdMinor)}</td>
          <td className="numeric nowrap">{usd(totals.total.committedUsdMinor)}</td>
          <td className="numeric nowrap">{usd(totals.total.disbursedUsdMinor)}</td>
        </tr>
      </tbody>
    </ScrollingTable>
  );
}

function ProjectTable({ items }: { items: readonly ProjectSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (items.length === 0) return <p>{t('projects.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('projects.list.caption')} className="project-table">
      <thead>
        <tr>
          <th scope="col">{t('projects.fields.title')}</th>
          <th scope="col">{t('projects.fields.fund')}</th>
          <th scope="col">{t('projects.fields.unit')}</th>
          <th scope="col">{t('projects.fields.status')}</th>
          <th scope="col">{t('projects.fields.dates')}</th>
          <th scope="col" className="numeric">
            {t('projects.fields.budget')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((project) => (
          <tr key={project.id}>
            <th scope="row">
              <Link to={`/projets/${project.id}`}>{project.title}</Link>
            </th>
            <td>{t(`projects.funds.${project.fund}`)}</td>
            <td>{project.unit}</td>
            <td>{t(`projects.statuses.${project.status}`)}</td>
            <td className="nowrap">
              {formatDate(project.plannedStart)} – {formatDate(project.plannedEnd)}
            </td>
            <td className="numeric nowrap">
              {formatMoney(project.budget.minor, project.budget.currency, locale)}
              {project.budget.currency !== 'USD' && <span className="hint"> ({formatMoney(project.budget.usdMinor, 'USD', locale)})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Projets et fonds »: the portfolio the reader may see (QIPs, Trust Fund, PBF, CVR, mine
 * action), filtered by the address's query string, with its USD totals, keyset pages and the CSV
 * export; the units' writers propose new projects.
 */
export function ProjectsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const filter = filterFrom(search);
  const units = useUnits();
  const vocabulary = useIncidentVocabulary();
  const totals = useLoaded(projectQueries.totals(filter));
  const pages = usePages(projectQueries.pages(filter, locale), (list) => ({
    items: list.flatMap((page) => page.items),
    next: list.at(-1)?.next ?? null,
  }));
  const set = (key: (typeof FILTERS)[number], value: string) =>
    navigate(`${pathname}${queryString({ ...filter, [key]: value || undefined })}`);

  return (
    <Page title={t('projects.title')}>
      <p className="lead">{t('projects.intro')}</p>
      {me.may.proposeProjectIn.length > 0 && (
        <p>
          <Link to="/projets/nouveau" className="button-primary">
            {t('projects.new')}
          </Link>
        </p>
      )}
      <Card title={t('projects.filters.title')} wide>
        <div className="project-filters">
          <SelectField label={t('projects.fields.fund')} value={filter.fund ?? ''} onChange={(v) => set('fund', v)}>
            <option value="">{t('projects.filters.all')}</option>
            {FUNDS.map((fund) => (
              <option key={fund} value={fund}>
                {t(`projects.funds.${fund}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('projects.fields.status')} value={filter.status ?? ''} onChange={(v) => set('status', v)}>
            <option value="">{t('projects.filters.all')}</option>
            {PROJECT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`projects.statuses.${status}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('projects.fields.unit')} value={filter.unit ?? ''} onChange={(v) => set('unit', v)}>
            <option value="">{t('projects.filters.all')}</option>
            {units.status === 'done' &&
              units.data.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.code}
                </option>
              ))}
          </SelectField>
          <SelectField label={t('projects.fields.region')} value={filter.region ?? ''} onChange={(v) => set('region', v)}>
            <option value="">{t('projects.filters.all')}</option>
            {vocabulary.status === 'done' &&
              vocabulary.data.regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {region.label}
                </option>
              ))}
          </SelectField>
        </div>
        <p>
          <a href={`/api/projects/export.csv${queryString({ ...filter, lang: locale })}`} download>
            {t('projects.export')}
          </a>
          {' · '}
          <a href={`/api/projects/export.xlsx${queryString({ ...filter, lang: locale })}`} download>
            {t('portfolio.exportXlsx')}
          </a>
        </p>
        <ul className="incident-page-links">
          <li>
            <Link to={`/projets/tableau${queryString(filter)}`}>{t('portfolio.dashboard')}</Link>
          </li>
          <li>
            <a href={IATI_EXPORT_PATH} download>
              {t('portfolio.iati')}
            </a>
          </li>
        </ul>
      </Card>
      <Card title={t('projects.totals.title')} wide>
        <Show loaded={totals}>{(data) => <Totals totals={data} />}</Show>
      </Card>
      <Card title={t('projects.list.title')} wide>
        <Show loaded={both(pages.loaded, totals)}>
          {([page]) => (
            <>
              <ProjectTable items={page.items} />
              <ProblemAlert problem={pages.moreProblem} />
              {page.next && (
                <button type="button" className="button-secondary" onClick={pages.loadMore} disabled={pages.loadingMore}>
                  {t('projects.list.more')}
                </button>
              )}
            </>
          )}
        </Show>
      </Card>
      {me.may.proposeProjectIn.length > 0 && (
        <Card title={t('portfolio.import.title')} wide>
          <ProjectImportForm units={me.may.proposeProjectIn} />
        </Card>
      )}
    </Page>
  );
}
