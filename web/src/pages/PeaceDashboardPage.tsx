import { useTranslation } from 'react-i18next';
import { type PeaceDashboard, type PeaceReference, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatFigureNumber } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

function PillarTable({ dashboard, pillar }: { dashboard: PeaceDashboard; pillar: PeaceReference['pillars'][number] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = dashboard.rows.filter((r) => r.pillar === pillar.code);
  if (rows.length === 0) return <p>{t('peace.dashboardEmpty')}</p>;
  return (
    <ScrollingTable caption={t('peace.dashboardCaption', { pillar: pillar.name })} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{t('peace.period')}</th>
          <th scope="col" className="numeric">
            {t('peace.scoredOf')}
          </th>
          <th scope="col" className="numeric">
            {t('peace.average')}
          </th>
          {([0, 1, 2, 3] as const).map((level) => (
            <th key={level} scope="col" className="numeric">
              {level} — {t(`peace.levels.${level}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.period}>
            <th scope="row">{row.period}</th>
            <td className="numeric">{t('peace.scoredCount', { scored: row.scored, provisions: row.provisions })}</td>
            <td className="numeric">{row.average === null ? '—' : formatFigureNumber({ value: row.average, measure: 'score' }, locale)}</td>
            {row.levels.map((count, level) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the four PAM levels, in order.
              <td key={level} className="numeric">
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The implementation of the Agreement by pillar and over time: the current scores' average and how many provisions sit at each level. */
export function PeaceDashboardPage({ reader }: { reader: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = both(useLoaded(peaceQueries.reference(locale)), useLoaded(peaceQueries.dashboard(reader)));
  return (
    <Page title={t('peace.dashboardTitle')}>
      <p className="lead">{t('peace.dashboardIntro')}</p>
      <p>
        <Link to="/accord">{t('peace.backToAgreement')}</Link> ·{' '}
        <a href={`/api/peace/dashboard.csv?lang=${locale}${locale === 'fr' ? '&separator=semicolon' : ''}`} download>
          {t('peace.exportCsv')}
        </a>
      </p>
      <Show loaded={loaded}>
        {([reference, dashboard]) => (
          <>
            {reference.pillars.map((pillar) => (
              <Card key={pillar.code} title={pillar.name} wide>
                <PillarTable dashboard={dashboard} pillar={pillar} />
              </Card>
            ))}
            <p className="hint">{reference.scaleSource}</p>
          </>
        )}
      </Show>
    </Page>
  );
}
