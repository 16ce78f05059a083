import { useTranslation } from 'react-i18next';
import { type JusticeDashboard, justiceQueries } from '../api/justice.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, formatPercent } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

type Category = 'courts' | 'prisons';

/** Per category: the computed share from each facility's latest assessment, beside the fact book's figure and its source. */
function Shares({ dashboard }: { dashboard: JusticeDashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const percent = (value: number | null) => (value === null ? t('justice.noShare') : formatPercent(value, locale));
  const categories: Category[] = ['courts', 'prisons'];
  const label = (c: Category) => t(`justice.categories.${c === 'courts' ? 'court' : 'prison'}`);
  return (
    <>
      <ScrollingTable caption={t('justice.sharesCaption')} className="justice-shares">
        <thead>
          <tr>
            <th scope="col">{t('justice.measure')}</th>
            {categories.map((c) => (
              <th key={c} scope="col" className="numeric">
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('justice.facilities')}</th>
            {categories.map((c) => (
              <td key={c} className="numeric">
                {formatCount(dashboard[c].facilities, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('justice.assessedCount')}</th>
            {categories.map((c) => (
              <td key={c} className="numeric">
                {formatCount(dashboard[c].assessed, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('justice.functionalCount')}</th>
            {categories.map((c) => (
              <td key={c} className="numeric">
                {formatCount(dashboard[c].functional, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('justice.partlyCount')}</th>
            {categories.map((c) => (
              <td key={c} className="numeric">
                {formatCount(dashboard[c].partlyFunctional, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('justice.notFunctionalCount')}</th>
            {categories.map((c) => (
              <td key={c} className="numeric">
                {formatCount(dashboard[c].notFunctional, locale)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">
              {t('justice.share')} — {t('justice.computed')}
            </th>
            {categories.map((c) => (
              <td key={c} className="numeric" data-share={`computed-${c}`}>
                <strong>{percent(dashboard[c].share)}</strong>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">
              {t('justice.share')} — {t('justice.sourced')}
            </th>
            {categories.map((c) => {
              const sourced = dashboard.sourced[c];
              return (
                <td key={c} className="numeric" data-share={`sourced-${c}`}>
                  {sourced ? (
                    <>
                      {percent(sourced.share)}
                      <br />
                      <span className="hint">{t('justice.sourcedOf', { functional: sourced.functional, total: sourced.total })}</span>
                    </>
                  ) : (
                    t('justice.noShare')
                  )}
                </td>
              );
            })}
          </tr>
        </tbody>
      </ScrollingTable>
      {categories.map((c) => {
        const sourced = dashboard.sourced[c];
        return sourced?.quote ? (
          <p key={c} className="hint">
            {label(c)} — {t('justice.quote', { quote: sourced.quote, page: sourced.page ?? '—' })}
          </p>
        ) : null;
      })}
    </>
  );
}

function Population({ dashboard }: { dashboard: JusticeDashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = dashboard.population;
  const cell = (n: number | null) => (n === null ? t('justice.suppressed') : formatCount(n, locale));
  return (
    <>
      <dl className="incident-facts">
        <dt>{t('justice.prisonsCounted')}</dt>
        <dd>{formatCount(p.prisons, locale)}</dd>
        <dt>{t('justice.detainees')}</dt>
        <dd>{t('justice.bySex', { total: cell(p.total), women: cell(p.women), men: cell(p.men) })}</dd>
        <dt>{t('justice.pretrial')}</dt>
        <dd>{t('justice.bySex', { total: cell(p.pretrial), women: cell(p.pretrialWomen), men: cell(p.pretrialMen) })}</dd>
        <dt>{t('justice.pretrialShare')}</dt>
        <dd>{p.pretrialShare === null ? '—' : formatPercent(p.pretrialShare, locale)}</dd>
      </dl>
      {p.suppressed && <p className="hint">{t('justice.suppressedNote')}</p>}
    </>
  );
}

/** The shares of functional courts and prisons computed from the latest assessments, beside the fact book's 14/23 and 11/17. */
export function JusticeDashboardPage({ reader }: { reader: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoaded(justiceQueries.dashboard(reader, locale));
  return (
    <Page title={t('justice.dashboardTitle')}>
      <p className="lead">{t('justice.dashboardIntro')}</p>
      <p>
        <Link to="/justice">{t('justice.listLink')}</Link>
      </p>
      <Show loaded={loaded}>
        {(dashboard) => (
          <>
            <Card title={t('justice.sharesCaption')} wide>
              <Shares dashboard={dashboard} />
            </Card>
            <Card title={t('justice.computerisedCaption')} wide>
              <p>{t('justice.computerisedComputed', { count: dashboard.computerised })}</p>
              {dashboard.sourced.computerised && (
                <p>
                  {t('justice.computerisedSourced', { value: dashboard.sourced.computerised.value })}
                  {dashboard.sourced.computerised.quote && (
                    <span className="hint">
                      {' '}
                      —{' '}
                      {t('justice.quote', {
                        quote: dashboard.sourced.computerised.quote,
                        page: dashboard.sourced.computerised.page ?? '—',
                      })}
                    </span>
                  )}
                </p>
              )}
            </Card>
            <Card title={t('justice.populationSummary')} wide>
              <Population dashboard={dashboard} />
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
