import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { INCIDENT_SORTS, type IncidentStats, type IncidentSummary } from '../../../src/contracts/incidents.js';
import { incidentQueries, useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { IncidentCollapsible } from '../components/IncidentCollapsible.js';
import { IncidentExportPanel } from '../components/IncidentExportPanel.js';
import { IncidentFilterBar } from '../components/IncidentFilterBar.js';
import { IncidentImportForm } from '../components/IncidentImportForm.js';
import { IncidentStatusBadge } from '../components/IncidentStatusBadge.js';
import { IncidentPageLinks } from '../components/IncidentSummaries.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { Day } from '../components/StrengthValues.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import {
  filterFromSearch,
  filterParams,
  type IncidentSort,
  incidentsHref,
  sortFromSearch,
  type VocabularyLabels,
  vocabularyLabels,
} from '../incidents.js';
import { Link, navigate, useLocation } from '../router.js';

/** "20 incidents: 12 verified · 5 candidates · 3 drafts", candidates and verified always apart. */
function IncidentCounts({ stats }: { stats: IncidentStats }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (count: number) => ({ count, n: formatCount(count, locale) });
  const { byStatus } = stats;
  const verified = (byStatus.verified ?? 0) + (byStatus.closed ?? 0);
  const drafts = byStatus.draft ?? 0;
  const rejected = byStatus.rejected ?? 0;
  const parts = [
    t('incidents.stats.verified', n(verified)),
    t('incidents.stats.candidates', n(byStatus.submitted ?? 0)),
    ...(drafts > 0 ? [t('incidents.stats.drafts', n(drafts))] : []),
    ...(rejected > 0 ? [t('incidents.stats.rejected', n(rejected))] : []),
  ];
  return (
    <div className="incident-log-counts">
      <p>
        <strong>{t('incidents.stats.total', n(stats.total))}</strong>
        <span className="incident-log-counts-parts">{t('incidents.stats.parts', { parts: parts.join(' · ') })}</span>
      </p>
      <p className="hint">
        {t('incidents.stats.killed', {
          verified: formatCount(stats.killed.verified, locale),
          candidate: formatCount(stats.killed.candidate, locale),
        })}{' '}
        {t('incidents.stats.verifiedNote')}
      </p>
    </div>
  );
}

/** A column header that orders the list; `aria-sort` says which order is applied. */
function SortHeader({
  label,
  sortLabel,
  active,
  direction,
  onSort,
  numeric = false,
}: {
  label: string;
  sortLabel: string;
  active: boolean;
  direction: 'ascending' | 'descending';
  onSort: () => void;
  numeric?: boolean;
}) {
  return (
    <th scope="col" className={numeric ? 'numeric' : undefined} aria-sort={active ? direction : undefined}>
      <button type="button" className="incident-sort" onClick={onSort}>
        {label}
        <span className="visually-hidden"> — {sortLabel}</span>
        <span aria-hidden="true" className={active ? 'incident-sort-mark incident-sort-active' : 'incident-sort-mark'}>
          {active && direction === 'ascending' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}

function IncidentTable({
  items,
  labels,
  sort,
  onSort,
}: {
  items: readonly IncidentSummary[];
  labels: VocabularyLabels;
  sort: IncidentSort;
  onSort: (sort: IncidentSort) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (items.length === 0) return <p>{t('incidents.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('incidents.list.caption', { order: t(`incidents.list.sorts.${sort}`) })} className="incident-table">
      <thead>
        <tr>
          <SortHeader
            label={t('incidents.list.date')}
            sortLabel={t('incidents.list.sortDate')}
            active={sort === 'date_desc' || sort === 'date_asc'}
            direction={sort === 'date_asc' ? 'ascending' : 'descending'}
            onSort={() => onSort(sort === 'date_desc' ? 'date_asc' : 'date_desc')}
          />
          <th scope="col">{t('incidents.list.ref')}</th>
          <th scope="col">{t('incidents.list.place')}</th>
          <th scope="col">{t('incidents.list.type')}</th>
          <SortHeader
            label={t('incidents.list.killed')}
            sortLabel={t('incidents.list.sortKilled')}
            active={sort === 'killed_desc'}
            direction="descending"
            onSort={() => onSort('killed_desc')}
            numeric
          />
          <th scope="col">{t('incidents.list.status')}</th>
          <th scope="col">{t('incidents.list.classification')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((incident) => {
          const place = incident.place ?? labels.cercle(incident.cercle) ?? labels.region(incident.region);
          const region = labels.region(incident.region);
          return (
            <tr key={incident.ref}>
              <td className="nowrap">
                <Day value={incident.occurredOn} />
                {incident.datePrecision !== 'day' && (
                  <span className="incident-cell-note">{t(`incidents.datePrecisions.${incident.datePrecision}`)}</span>
                )}
              </td>
              <td className="incident-ref-cell">
                <Link to={`/incidents/${encodeURIComponent(incident.ref)}`} className="incident-ref">
                  {incident.ref}
                </Link>
                <span className="incident-cell-title">{incident.title}</span>
              </td>
              <td>
                {place}
                {place !== region && <span className="incident-cell-note">{region}</span>}
              </td>
              <td>
                {labels.eventType(incident.eventType)}
                <span className="incident-cell-note">{labels.subEventType(incident.eventType, incident.subEventType)}</span>
                {incident.threatToCivilians && <span className="tag incident-threat">{t('incidents.list.threat')}</span>}
              </td>
              <td className="numeric">{formatCount(incident.killedBest, locale)}</td>
              <td>
                <IncidentStatusBadge status={incident.status} />
              </td>
              <td>
                <span className="tag">{t(`incidents.classifications.${incident.classification}`)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Journal des incidents »: the incident log, filtered by the address's query string (so a view
 * can be shared, and the back button returns to the previous filter), with its counts, keyset
 * pages, exports and, for the units' writers, entry and CSV import.
 */
export function IncidentsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const sort = sortFromSearch(search);
  const params = filterParams(filter);
  const filterHref = incidentsHref(filter);
  const vocabulary = useIncidentVocabulary();
  const units = useUnits();
  // An import makes the counts and the list stale: both are read again.
  const stats = useLoaded(incidentQueries.stats(params));
  const pages = usePages(incidentQueries.pages({ ...params, sort }), (list) => ({
    items: list.flatMap((page) => page.items),
    next: list.at(-1)?.next ?? null,
  }));
  const writable = me?.may.createIncidentIn ?? [];
  const shown = pages.loaded.status === 'done' ? pages.loaded.data.items.length : 0;

  return (
    <Page title={t('incidents.title')}>
      <p className="lead">{t('incidents.intro')}</p>
      <div className="incident-summary-bar">
        {writable.length > 0 ? (
          <Link to="/incidents/nouveau" className="button-primary">
            {t('incidents.newIncident')}
          </Link>
        ) : (
          <span />
        )}
        <IncidentPageLinks values={params} current="list" />
      </div>
      <Card title={t('incidents.filters.title')} wide>
        <Show loaded={vocabulary}>
          {(vocab) => (
            <IncidentFilterBar
              key={filterHref}
              filter={filter}
              vocabulary={vocab}
              onApply={(next) => navigate(incidentsHref(next, sort))}
            />
          )}
        </Show>
      </Card>
      <Card title={t('incidents.list.title')} wide>
        <div aria-live="polite">
          <Show loaded={stats}>{(data) => <IncidentCounts stats={data} />}</Show>
        </div>
        <div className="incident-sort-row">
          <SelectField
            label={t('incidents.list.sortLabel')}
            value={sort}
            onChange={(value) => navigate(incidentsHref(filter, value as IncidentSort))}
          >
            {INCIDENT_SORTS.map((option) => (
              <option key={option} value={option}>
                {t(`incidents.list.sorts.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Show loaded={both(pages.loaded, vocabulary)}>
          {([page, vocab]) => (
            <>
              <IncidentTable
                items={page.items}
                labels={vocabularyLabels(vocab)}
                sort={sort}
                onSort={(next) => navigate(incidentsHref(filter, next))}
              />
              {page.items.length > 0 && (
                <p className="hint" aria-live="polite">
                  {t('incidents.list.shown', {
                    count: shown,
                    shown: formatCount(shown, locale),
                    total: formatCount(stats.status === 'done' ? stats.data.total : shown, locale),
                  })}
                </p>
              )}
              <ProblemAlert problem={pages.moreProblem} />
              {page.next && (
                <button type="button" className="button-secondary" aria-disabled={pages.loadingMore} onClick={pages.loadMore}>
                  {pages.loadingMore ? t('incidents.list.loadingMore') : t('incidents.list.loadMore')}
                </button>
              )}
            </>
          )}
        </Show>
      </Card>
      <Card title={t('incidents.export.title')} wide>
        <IncidentExportPanel params={params} />
      </Card>
      {writable.length > 0 && (
        <IncidentCollapsible title={t('incidents.import.title')}>
          <Show loaded={units}>
            {(unitList) => <IncidentImportForm unitCodes={writable} units={unitList} mayCreateActors={me.may.keepActorRegistry} />}
          </Show>
        </IncidentCollapsible>
      )}
    </Page>
  );
}
