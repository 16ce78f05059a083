import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioDashboard, ProjectMap } from '../../../src/contracts/projects.js';
import type { MapCluster } from '../api/incidents.js';
import { type MapPlace, mapQueries } from '../api/map.js';
import { IATI_EXPORT_PATH, projectQueries } from '../api/projects.js';
import { useLoaded } from '../api/queries.js';
import { choroplethClasses } from '../choropleth.js';
import { Card } from '../components/Card.js';
import { MaliMap } from '../components/MaliMap.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProjectFilterFields, projectFilterFrom } from '../components/ProjectFilterFields.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { cercleAt } from '../maliBoundaries.js';
import { formatMoney } from '../projects.js';
import { Link, navigate, useLocation } from '../router.js';

type Row = PortfolioDashboard['total'];
type Place = ProjectMap['places'][number];

/** One table of the dashboard: a row per group, then the whole filter. */
function DashboardTable({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: readonly (Row & { key: string; label: string })[];
  total: Row | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const count = (n: number) => formatCount(n, locale);
  const cells = (row: Row) => (
    <>
      <td className="numeric">{count(row.count)}</td>
      <td className="numeric nowrap">{usd(row.committedUsdMinor)}</td>
      <td className="numeric nowrap">{usd(row.disbursedUsdMinor)}</td>
      <td className="numeric">{count(row.beneficiaries.plannedPeople)}</td>
      <td className="numeric">{count(row.beneficiaries.plannedWomen)}</td>
      <td className="numeric">{count(row.beneficiaries.reachedPeople)}</td>
      <td className="numeric">{count(row.beneficiaries.reachedWomen)}</td>
    </>
  );
  return (
    <ScrollingTable caption={caption} className="portfolio-dashboard-table">
      <thead>
        <tr>
          <th scope="col">{t('portfolio.tables.group')}</th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.count')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.committed')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.disbursed')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.plannedPeople')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.plannedWomen')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.reachedPeople')}
          </th>
          <th scope="col" className="numeric">
            {t('portfolio.tables.reachedWomen')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {cells(row)}
          </tr>
        ))}
        {total && (
          <tr>
            <th scope="row">{t('portfolio.tables.all')}</th>
            {cells(total)}
          </tr>
        )}
      </tbody>
    </ScrollingTable>
  );
}

function Dashboard({ data }: { data: PortfolioDashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (data.total.count === 0) return <p>{t('portfolio.tables.empty')}</p>;
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  return (
    <>
      <p className="portfolio-summary">
        <strong>{t('portfolio.summary.projects', { count: data.total.count, formatted: formatCount(data.total.count, locale) })}</strong>
        {' · '}
        {t('portfolio.summary.committed', { amount: usd(data.total.committedUsdMinor) })}
        {' · '}
        {t('portfolio.summary.disbursed', { amount: usd(data.total.disbursedUsdMinor) })}
      </p>
      <Card title={t('portfolio.tables.byStatus')} wide>
        <DashboardTable
          caption={t('portfolio.tables.byStatusCaption')}
          rows={data.byStatus.map((row) => ({ ...row, key: row.status, label: t(`projects.statuses.${row.status}`) }))}
          total={data.total}
        />
      </Card>
      <Card title={t('portfolio.tables.byFund')} wide>
        <DashboardTable
          caption={t('portfolio.tables.byFundCaption')}
          rows={data.byFund.map((row) => ({ ...row, key: row.fund, label: t(`projects.funds.${row.fund}`) }))}
          total={data.total}
        />
      </Card>
      <Card title={t('portfolio.tables.byUnit')} wide>
        <DashboardTable
          caption={t('portfolio.tables.byUnitCaption')}
          rows={data.byUnit.map((row) => ({ ...row, key: row.unit, label: row.unit }))}
          total={data.total}
        />
      </Card>
      <Card title={t('portfolio.tables.byRegion')} wide>
        <p className="hint">{t('portfolio.tables.regionNote')}</p>
        <DashboardTable
          caption={t('portfolio.tables.byRegionCaption')}
          rows={data.byRegion.map((row) => ({ ...row, key: row.region, label: row.regionName }))}
          total={null}
        />
      </Card>
    </>
  );
}

/** One project's marker, before leaving the map: its title, status and place, and a link to it. */
function ProjectPreview({ place, onClose }: { place: Place; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="incident-preview" role="dialog" aria-labelledby={titleId}>
      <p className="incident-preview-ref">{t(`projects.funds.${place.fund}`)}</p>
      <h2 id={titleId} className="incident-preview-title">
        {place.title}
      </h2>
      <dl className="incident-preview-facts">
        <dt>{t('portfolio.map.previewStatus')}</dt>
        <dd>{t(`projects.statuses.${place.status}`)}</dd>
        <dt>{t('portfolio.map.previewPlace')}</dt>
        <dd>{place.place ?? `${place.latitude.toFixed(4)}, ${place.longitude.toFixed(4)}`}</dd>
      </dl>
      <div className="incident-preview-actions">
        <Link to={`/projets/${place.project}`} className="button-primary">
          {t('portfolio.map.previewOpen')}
        </Link>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('portfolio.map.previewClose')}
        </button>
      </div>
    </div>
  );
}

const NO_PLACES: readonly MapPlace[] = [];
const NO_PROJECT_PLACES: readonly Place[] = [];
const ignoreView = () => undefined;

/** The places at one point make one marker: a project's own when it is alone there. */
function clustersOf(places: readonly Place[]): { clusters: MapCluster[]; byRef: Map<string, Place> } {
  const groups = new Map<string, Place[]>();
  for (const place of places) {
    const key = `${place.latitude}|${place.longitude}`;
    groups.set(key, [...(groups.get(key) ?? []), place]);
  }
  const byRef = new Map<string, Place>();
  const clusters = [...groups.values()].map((group, i) => {
    const first = group[0] as Place;
    const ref = group.length === 1 ? `${first.project}#${i}` : null;
    if (ref) byRef.set(ref, first);
    return { latitude: first.latitude, longitude: first.longitude, count: group.length, verified: group.length, ref, incident: null };
  });
  return { clusters, byRef };
}

/**
 * « Tableau de bord du portefeuille »: for the portfolio's filter (the list's parameter names, in
 * the address), counts, exact USD amounts and people by sex by status, fund, unit and region, as the
 * server sums them within the reader's scope; then the projects' places on the offline map of Mali.
 */
export function ProjectsDashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const help = useId();
  const { pathname, search } = useLocation();
  const filter = projectFilterFrom(search);
  const dashboard = useLoaded(projectQueries.dashboard(filter));
  const map = useLoaded(projectQueries.map(filter, locale));
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());

  const projectPlaces = map.status === 'done' ? map.data.places : NO_PROJECT_PLACES;
  const { clusters, byRef } = useMemo(() => clustersOf(projectPlaces), [projectPlaces]);
  const cercleCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const place of projectPlaces) {
      const cercle = cercleAt(place.longitude, place.latitude)?.adm2_id;
      if (cercle) counts.set(cercle, (counts.get(cercle) ?? 0) + 1);
    }
    return counts;
  }, [projectPlaces]);
  const classes = useMemo(() => choroplethClasses(Math.max(0, ...cercleCounts.values())), [cercleCounts]);
  const markerLabel = useCallback(
    (cluster: MapCluster) => {
      const place = cluster.ref ? byRef.get(cluster.ref) : undefined;
      return place ? t('portfolio.map.projectLabel', { title: place.title }) : t('portfolio.map.groupLabel', { count: cluster.count });
    },
    [byRef, t],
  );
  const cercleTooltip = useCallback(
    (name: string, count: number) => t('portfolio.map.cercleTooltip', { name, count, formatted: formatCount(count, locale) }),
    [t, locale],
  );
  const list = `/projets${search.toString() ? `?${search.toString()}` : ''}`;
  // A group that zooming cannot split: its projects in the list, in the region of the place.
  const openGroup = () => navigate(list);

  return (
    <Page title={t('portfolio.title')}>
      <p className="lead">{t('portfolio.intro')}</p>
      <nav aria-label={t('portfolio.views')}>
        <ul className="incident-page-links">
          <li>
            <Link to={list}>{t('portfolio.list')}</Link>
          </li>
          <li>
            <a href={IATI_EXPORT_PATH} download>
              {t('portfolio.iati')}
            </a>
          </li>
        </ul>
      </nav>
      <p className="hint">{t('portfolio.iatiHint')}</p>
      <Card title={t('projects.filters.title')} wide>
        <ProjectFilterFields pathname={pathname} filter={filter} />
      </Card>
      <Show loaded={dashboard}>{(data) => <Dashboard data={data} />}</Show>
      <Card title={t('portfolio.map.title')} wide>
        <div className="incident-map-frame portfolio-map">
          <MaliMap
            cercleCounts={cercleCounts}
            classes={classes}
            clusters={clusters}
            places={places.status === 'done' ? places.data : NO_PLACES}
            baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
            onViewChange={ignoreView}
            renderPreview={(cluster, close) => {
              const place = cluster.ref ? byRef.get(cluster.ref) : undefined;
              return place ? <ProjectPreview place={place} onClose={close} /> : null;
            }}
            onOpenGroup={openGroup}
            label={t('portfolio.map.label')}
            describedBy={help}
            markerLabel={markerLabel}
            cercleLabel={cercleTooltip}
          />
          {map.status === 'failed' && <ProblemAlert problem={map.problem} />}
          {map.status === 'done' && map.data.truncated && (
            <p className="hint">{t('portfolio.map.truncated', { count: map.data.places.length })}</p>
          )}
          <p id={help} className="hint">
            {t('portfolio.map.keyboard')}
          </p>
        </div>
      </Card>
    </Page>
  );
}
