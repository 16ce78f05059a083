import { useTranslation } from 'react-i18next';
import { type SiteDetail, type SiteVocabulary, siteQueries, useSiteVocabulary } from '../api/ddrSites.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CountCell } from '../components/DdrCounts.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { Day } from '../components/StrengthValues.js';
import { ddrLabel } from '../ddr.js';
import { Link } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

function SiteView({ site, vocabulary }: { site: SiteDetail; vocabulary: SiteVocabulary }) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('ddrSites.region'), site.regionName],
    [t('ddrSites.place'), site.place ?? ''],
    [t('ddrSites.site.coordinates'), `${site.latitude.toFixed(4)}, ${site.longitude.toFixed(4)}`],
    [t('ddrSites.capacity'), String(site.capacity)],
    [t('ddrSites.services'), site.services.map((c) => ddrLabel(vocabulary.services, c)).join(', ')],
    [t('ddrSites.status'), ddrLabel(vocabulary.siteStatuses, site.status)],
    [t('ddrSites.classification'), t(`ddrSites.classifications.${site.classification}`)],
  ];
  return (
    <>
      <Card title={t('ddrSites.site.facts')} wide>
        <dl className="incident-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div>
            <dt>{t('ddrSites.site.now')}</dt>
            <dd data-testid="site-occupancy">
              <CountCell value={site.occupancy} /> / {site.capacity}
            </dd>
          </div>
          <div>
            <dt>{t('ddrSites.weaponsCount')}</dt>
            <dd>
              <CountCell value={site.weapons} />
            </dd>
          </div>
        </dl>
        {site.suppressed && <p className="hint">{t('ddrSites.suppressed', { max: site.minCell - 1 })}</p>}
      </Card>
      <Card title={t('ddrSites.site.overTime')} wide>
        {site.changes.length > 0 && (
          <ScrollingTable caption={t('ddrSites.site.changesCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('ddrSites.site.day')}</th>
                <th scope="col" className="numeric">
                  {t('ddrSites.occupancy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {site.changes.map((c) => (
                <tr key={c.on}>
                  <td>
                    <Day value={c.on} />
                  </td>
                  <td className="numeric">{c.occupancy}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
        <details className="more-details" open={site.changes.length === 0}>
          <summary>{t('ddrSites.site.byMonthCaption')}</summary>
          <ScrollingTable caption={t('ddrSites.site.byMonthCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('ddrSites.site.month')}</th>
                <th scope="col" className="numeric">
                  {t('ddrSites.occupancy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {site.byMonth.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td className="numeric">
                    <CountCell value={m.occupancy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </details>
      </Card>
      <Card title={t('ddrSites.site.weapons')} wide>
        <ScrollingTable caption={t('ddrSites.site.weaponsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('ddrSites.site.kind')}</th>
              <th scope="col" className="numeric">
                {t('ddrSites.site.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {site.weaponsByKind.map((k) => (
              <tr key={k.kind}>
                <th scope="row">{ddrLabel(vocabulary.weaponKinds, k.kind)}</th>
                <td className="numeric">
                  <CountCell value={k.count} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </Card>
    </>
  );
}

/** One cantonment site: its facts, its occupancy over time, the weapons handed in there by kind. */
export function DdrSitePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const vocabulary = useSiteVocabulary();
  const site = useLoaded(siteQueries.site(id));
  if (site.status === 'failed' && (site.problem.status === 404 || site.problem.status === 400)) return <NotFoundPage />;
  return (
    <Page title={site.status === 'done' ? t('ddrSites.site.title', { name: site.data.name }) : t('ddrSites.title')}>
      <p>
        <Link to="/ddr/sites">{t('ddrSites.site.back')}</Link>
      </p>
      <Show loaded={both(site, vocabulary)}>{([s, v]) => <SiteView site={s} vocabulary={v} />}</Show>
    </Page>
  );
}
