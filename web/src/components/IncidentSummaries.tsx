import { useTranslation } from 'react-i18next';
import type { IncidentStats, IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type IncidentFilterQuery, withFilter } from '../incidentFilter.js';
import { Link } from '../router.js';
import { ScrollingTable } from './ScrollingTable.js';

/** Verified incidents (verified or closed) and candidates (submitted, not yet verified) of a filter. */
export function splitOf(stats: IncidentStats): { verified: number; candidates: number } {
  return { verified: (stats.byStatus.verified ?? 0) + (stats.byStatus.closed ?? 0), candidates: stats.byStatus.submitted ?? 0 };
}

/** « 12 vérifiés · 3 candidats » for the current filter. */
export function IncidentCounts({ stats }: { stats: IncidentStats }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { verified, candidates } = splitOf(stats);
  return (
    <p className="incident-counts" aria-live="polite">
      <span className="incident-count-verified">
        {t('incidentMap.verifiedCount', { count: verified, formatted: formatCount(verified, locale) })}
      </span>
      <span aria-hidden="true"> · </span>
      <span className="incident-count-candidates">
        {t('incidentMap.candidateCount', { count: candidates, formatted: formatCount(candidates, locale) })}
      </span>
    </p>
  );
}

/** The other views of the same incidents: the list, the map, the dashboard, with the filter kept; and the actor registry. */
export function IncidentPageLinks({ values, current }: { values: IncidentFilterQuery; current: 'list' | 'map' | 'dashboard' | 'actors' }) {
  const { t } = useTranslation();
  return (
    <ul className="incident-page-links">
      {current !== 'list' && (
        <li>
          <Link to={withFilter('/incidents', values)}>{t('incidentMap.toList')}</Link>
        </li>
      )}
      {current !== 'map' && (
        <li>
          <Link to={withFilter('/incidents/carte', values)}>{t('incidentMap.toMap')}</Link>
        </li>
      )}
      {current !== 'dashboard' && (
        <li>
          <Link to={withFilter('/incidents/tableau', values)}>{t('incidentMap.toDashboard')}</Link>
        </li>
      )}
      {current !== 'actors' && (
        <li>
          <Link to="/incidents/acteurs">{t('actors.link')}</Link>
        </li>
      )}
    </ul>
  );
}

/** Incidents per region, candidates and verified apart: the map's figures as a table, each region linked to its list. */
export function RegionCounts({
  stats,
  vocabulary,
  values,
}: {
  stats: IncidentStats;
  vocabulary: IncidentVocabulary;
  values: IncidentFilterQuery;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = vocabulary.regions.map((region) => {
    const mine = stats.byRegionType.filter((row) => row.region === region.code);
    return {
      region,
      verified: mine.reduce((n, row) => n + row.verified, 0),
      candidates: mine.reduce((n, row) => n + row.candidate, 0),
    };
  });
  const total = splitOf(stats);
  return (
    <ScrollingTable caption={t('incidentMap.regionCaption')} className="region-counts">
      <thead>
        <tr>
          <th scope="col">{t('incidentMap.region')}</th>
          <th scope="col" className="numeric">
            {t('incidentMap.verified')}
          </th>
          <th scope="col" className="numeric">
            {t('incidentMap.candidates')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ region, verified, candidates }) => (
          <tr key={region.code} className={verified + candidates === 0 ? 'row-empty' : undefined}>
            <th scope="row">
              {verified + candidates > 0 ? (
                <Link to={withFilter('/incidents', { ...values, region: region.code })}>{region.label}</Link>
              ) : (
                region.label
              )}
            </th>
            <td className="numeric">{formatCount(verified, locale)}</td>
            <td className="numeric">{formatCount(candidates, locale)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('incidentMap.total')}</th>
          <td className="numeric">{formatCount(total.verified, locale)}</td>
          <td className="numeric">{formatCount(total.candidates, locale)}</td>
        </tr>
      </tfoot>
    </ScrollingTable>
  );
}
