import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../src/contracts/common.js';
import type { IncidentStats, IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { incidentQueries, useIncidentVocabulary } from '../api/incidents.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { IncidentFilterForm } from '../components/IncidentFilterForm.js';
import { IncidentCounts, IncidentPageLinks, splitOf } from '../components/IncidentSummaries.js';
import { IncidentTimelineChart, type Interval } from '../components/IncidentTimelineChart.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { useIncidentFilter } from '../incidentFilter.js';
import { navigate, useLocation } from '../router.js';

const INTERVALS: readonly Interval[] = ['month', 'week'];

/** A period of the timeline: "2020-07" (month) or the Monday "2020-07-06" (week), as a date. */
function periodDate(period: string): Date {
  const [year = 1970, month = 1, day = 1] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function formatPeriod(period: string, interval: Interval, locale: Locale, style: 'short' | 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'month'
      ? { month: style, year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: style, year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(locale), options).format(periodDate(period));
}

/** Verified and candidates in one cell: « 12 (+3) » to the eye, in words to a screen reader. */
function SplitCell({ verified, candidates }: { verified: number; candidates: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (verified + candidates === 0) {
    return (
      <td className="numeric split-empty">
        <span aria-hidden="true">0</span>
        <span className="visually-hidden">{t('dashboard.none')}</span>
      </td>
    );
  }
  return (
    <td className="numeric">
      <span aria-hidden="true">
        {formatCount(verified, locale)}
        {candidates > 0 && <span className="split-candidates"> (+{formatCount(candidates, locale)})</span>}
      </span>
      <span className="visually-hidden">
        {t('incidentMap.verifiedCount', { count: verified, formatted: formatCount(verified, locale) })},{' '}
        {t('incidentMap.candidateCount', { count: candidates, formatted: formatCount(candidates, locale) })}
      </span>
    </td>
  );
}

/** Region × event type, each cell verified (+ candidates), with totals both ways. */
function RegionTypeTable({ stats, vocabulary }: { stats: IncidentStats; vocabulary: IncidentVocabulary }) {
  const { t } = useTranslation();
  const rows = stats.byRegionType.filter((row) => row.verified + row.candidate > 0);
  const regions = vocabulary.regions.filter((region) => rows.some((row) => row.region === region.code));
  const types = vocabulary.eventTypes.filter((type) => rows.some((row) => row.eventType === type.code));
  if (rows.length === 0) return <p>{t('dashboard.empty')}</p>;
  const sum = (match: (row: (typeof rows)[number]) => boolean) => {
    const mine = rows.filter(match);
    return { verified: mine.reduce((n, row) => n + row.verified, 0), candidates: mine.reduce((n, row) => n + row.candidate, 0) };
  };
  return (
    <>
      <p className="hint">{t('dashboard.cellExplained')}</p>
      <ScrollingTable caption={t('dashboard.regionTypeCaption')} className="region-type-table" cards={false}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.region')}</th>
            {types.map((type) => (
              <th key={type.code} scope="col" className="numeric">
                {type.label}
              </th>
            ))}
            <th scope="col" className="numeric">
              {t('dashboard.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => (
            <tr key={region.code}>
              <th scope="row">{region.label}</th>
              {types.map((type) => (
                <SplitCell key={type.code} {...sum((row) => row.region === region.code && row.eventType === type.code)} />
              ))}
              <SplitCell {...sum((row) => row.region === region.code)} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboard.total')}</th>
            {types.map((type) => (
              <SplitCell key={type.code} {...sum((row) => row.eventType === type.code)} />
            ))}
            <SplitCell {...sum(() => true)} />
          </tr>
        </tfoot>
      </ScrollingTable>
    </>
  );
}

/** The headline figures: incidents and people killed (best estimates), verified and candidates apart. */
function KeyFigures({ stats }: { stats: IncidentStats }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { verified, candidates } = splitOf(stats);
  const figures = [
    { key: 'verified', label: t('dashboard.verifiedIncidents'), value: verified },
    { key: 'candidates', label: t('dashboard.candidateIncidents'), value: candidates },
    { key: 'killedVerified', label: t('dashboard.killedVerified'), value: stats.killed.verified },
    { key: 'killedCandidates', label: t('dashboard.killedCandidates'), value: stats.killed.candidate },
  ];
  return (
    <>
      <dl className="figures dashboard-figures">
        {figures.map((figure) => (
          <div key={figure.key} className={`figure figure-${figure.key}`}>
            <dt className="figure-label">{figure.label}</dt>
            <dd className="figure-value">{formatCount(figure.value, locale)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('dashboard.killedExplained')}</p>
    </>
  );
}

function Timeline({ stats, interval }: { stats: IncidentStats; interval: Interval }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const short = useCallback((period: string) => formatPeriod(period, interval, locale, 'short'), [interval, locale]);
  const long = (period: string) =>
    interval === 'week'
      ? t('dashboard.weekOf', { date: formatPeriod(period, interval, locale, 'long') })
      : formatPeriod(period, interval, locale, 'long');
  const { timeline } = stats;
  if (timeline.length === 0) return <p>{t('dashboard.empty')}</p>;
  const busiest = timeline.reduce((top, point) => (point.verified + point.candidate > top.verified + top.candidate ? point : top));
  const { verified, candidates } = splitOf(stats);
  const summary = t(`dashboard.chartSummary.${interval}`, {
    from: long(timeline[0]?.period ?? ''),
    to: long(timeline.at(-1)?.period ?? ''),
    verified: t('incidentMap.verifiedCount', { count: verified, formatted: formatCount(verified, locale) }),
    candidates: t('incidentMap.candidateCount', { count: candidates, formatted: formatCount(candidates, locale) }),
    busiest: long(busiest.period),
    most: formatCount(busiest.verified + busiest.candidate, locale),
  });
  return (
    <>
      <IncidentTimelineChart timeline={timeline} periodLabel={short} summary={summary} />
      <details className="more-details">
        <summary>{t('dashboard.chartTable')}</summary>
        <ScrollingTable caption={t(`dashboard.timelineCaption.${interval}`)} cards={false}>
          <thead>
            <tr>
              <th scope="col">{t(`dashboard.period.${interval}`)}</th>
              <th scope="col" className="numeric">
                {t('dashboard.verified')}
              </th>
              <th scope="col" className="numeric">
                {t('dashboard.candidates')}
              </th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((point) => (
              <tr key={point.period}>
                <th scope="row">{long(point.period)}</th>
                <td className="numeric">{formatCount(point.verified, locale)}</td>
                <td className="numeric">{formatCount(point.candidate, locale)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </details>
    </>
  );
}

/** Per week or per month, chosen with two radio buttons; kept in the address as `interval`. */
function IntervalChoice({ interval, onChange }: { interval: Interval; onChange: (interval: Interval) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="interval-choice">
      <legend>{t('dashboard.interval')}</legend>
      {INTERVALS.map((option) => (
        <label key={option} className="radio">
          <input type="radio" name={name} value={option} checked={interval === option} onChange={() => onChange(option)} />
          {t(`dashboard.intervals.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * « Tableau de bord des incidents »: for the filter in the address (the map's and the list's),
 * the incidents over time, by region and event type, and the people killed, always keeping
 * verified incidents apart from candidates.
 */
export function IncidentDashboardPage() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const filter = useIncidentFilter();
  const interval: Interval = search.get('interval') === 'week' ? 'week' : 'month';
  const vocabulary = useIncidentVocabulary();
  // The answer remembers its interval: until the next one arrives, the last one is shown as it was asked.
  const answer = useLoaded(incidentQueries.dashboard(filter.query, interval));
  const stats = answer.status === 'done' ? { status: 'done' as const, data: answer.data.stats } : answer;
  const setInterval = (next: Interval) => {
    const params = new URLSearchParams(search);
    if (next === 'month') params.delete('interval');
    else params.set('interval', next);
    const text = params.toString();
    navigate(text ? `${pathname}?${text}` : pathname, { replace: true });
  };

  return (
    <Page title={t('dashboard.title')}>
      <p className="lead">{t('dashboard.intro')}</p>
      <IncidentFilterForm filter={filter} vocabulary={vocabulary.status === 'done' ? vocabulary.data : null} />
      <div className="incident-summary-bar">
        <Show loaded={stats}>{(data) => <IncidentCounts stats={data} />}</Show>
        <IncidentPageLinks values={filter.values} current="dashboard" />
      </div>
      <Show loaded={both(stats, vocabulary)}>
        {([statsData, vocabularyData]) => (
          <>
            <KeyFigures stats={statsData} />
            <Card title={t('dashboard.timelineTitle')} wide>
              <IntervalChoice interval={interval} onChange={setInterval} />
              <Timeline stats={statsData} interval={answer.status === 'done' ? answer.data.interval : interval} />
            </Card>
            <Card title={t('dashboard.regionTypeTitle')} wide>
              <RegionTypeTable stats={statsData} vocabulary={vocabularyData} />
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
