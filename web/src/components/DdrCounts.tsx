import { useTranslation } from 'react-i18next';
import type { WeaponCounts } from '../api/ddrSites.js';
import { ScrollingTable } from './ScrollingTable.js';

/** A published count, or the mark of a count hidden by small-cell suppression. */
export function CountCell({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <abbr title={t('ddrSites.hiddenLabel')} aria-label={t('ddrSites.hiddenLabel')}>
        {t('ddrSites.hidden')}
      </abbr>
    );
  return <>{value}</>;
}

export function WeaponCountsTables({ counts }: { counts: WeaponCounts }) {
  const { t } = useTranslation();
  const tables = [
    ['bySite', counts.bySite],
    ['byKind', counts.byKind],
    ['byPeriod', counts.byPeriod],
  ] as const;
  return (
    <div className="grid-two">
      {tables.map(([key, rows]) => (
        <ScrollingTable key={key} caption={t('ddrSites.counts.caption', { what: t(`ddrSites.counts.${key}`).toLowerCase() })}>
          <thead>
            <tr>
              <th scope="col">{t(`ddrSites.counts.${key}`)}</th>
              <th scope="col" className="numeric">
                {t('ddrSites.site.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                <td className="numeric">
                  <CountCell value={r.count} />
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('ddrSites.counts.total')}</th>
              <td className="numeric">
                <CountCell value={counts.total} />
              </td>
            </tr>
          </tbody>
        </ScrollingTable>
      ))}
    </div>
  );
}
