import { useTranslation } from 'react-i18next';
import { CASUALTY_GROUPS, type CasualtyGroup, type Incident } from '../../../src/contracts/incidents.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { ESTIMATES, OUTCOMES } from '../incidents.js';
import { ScrollingTable } from './ScrollingTable.js';
import { NoValue } from './StrengthValues.js';

const PART_GROUPS: readonly CasualtyGroup[] = ['women', 'children'];

/**
 * Killed and injured per group, each as low / best / high: one small table per outcome, so that
 * each fits a phone. Women and children are shown as "of which" civilians, and the total (which
 * does not count them again) closes each table.
 */
export function IncidentHarmTable({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const outcomes = OUTCOMES.map((outcome) => ({
    outcome,
    groups: CASUALTY_GROUPS.filter((group) => incident.casualties[group]?.[outcome] !== undefined),
  })).filter(({ groups }) => groups.length > 0);
  if (outcomes.length === 0) return <p>{t('incidents.detail.noHarm')}</p>;
  return (
    <>
      <div className="incident-harm-tables">
        {outcomes.map(({ outcome, groups }) => (
          <ScrollingTable
            key={outcome}
            caption={t('incidents.detail.harmCaption', { outcome: t(`incidents.outcomes.${outcome}`) })}
            className="incident-harm-table"
            cards={false}
          >
            <thead>
              <tr>
                <th scope="col">{t('incidents.detail.group')}</th>
                {ESTIMATES.map((estimate) => (
                  <th key={estimate} scope="col" className="numeric">
                    {t(`incidents.estimates.${estimate}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group} className={PART_GROUPS.includes(group) ? 'incident-harm-part' : undefined}>
                  <th scope="row">{t(`incidents.groups.${group}`)}</th>
                  {ESTIMATES.map((estimate) => (
                    <td key={estimate} className={estimate === 'best' ? 'numeric incident-best' : 'numeric'}>
                      {formatCount(incident.casualties[group]?.[outcome]?.[estimate] ?? 0, locale)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="incident-harm-total">
                <th scope="row">{t('incidents.detail.total')}</th>
                {ESTIMATES.map((estimate) => (
                  <td key={estimate} className={estimate === 'best' ? 'numeric incident-best' : 'numeric'}>
                    {formatCount(incident[outcome][estimate], locale)}
                  </td>
                ))}
              </tr>
            </tbody>
          </ScrollingTable>
        ))}
      </div>
      <p className="hint">{t('incidents.detail.ofWhich')}</p>
    </>
  );
}

/** The sources of the information, graded: reliability A–F and credibility 1–6, each with its meaning. */
export function IncidentSourcesTable({ sources }: { sources: Incident['sources'] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return <p>{t('incidents.detail.noSources')}</p>;
  return (
    <ScrollingTable caption={t('incidents.detail.sourcesCaption')} className="incident-sources-table">
      <thead>
        <tr>
          <th scope="col">{t('incidents.detail.sourceType')}</th>
          <th scope="col">{t('incidents.detail.reference')}</th>
          <th scope="col">{t('incidents.detail.reliabilityHeader')}</th>
          <th scope="col">{t('incidents.detail.credibilityHeader')}</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sources have no identity of their own; two may be alike.
          <tr key={index}>
            <td>{t(`incidents.sourceTypes.${source.type}`)}</td>
            <td>{source.reference || <NoValue />}</td>
            <td>
              <span className="incident-grade">{source.reliability}</span> {t(`incidents.reliability.${source.reliability}`)}
            </td>
            <td>
              <span className="incident-grade">{source.credibility}</span> {t(`incidents.credibility.${source.credibility}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}
