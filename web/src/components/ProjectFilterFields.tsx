import { useTranslation } from 'react-i18next';
import { FUNDS, PROJECT_STATUSES } from '../../../src/contracts/projects.js';
import { queryString } from '../api/client.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import type { ProjectQueryParams } from '../api/projects.js';
import { navigate } from '../router.js';
import { SelectField } from './fields.js';

/** The portfolio's filter, as the address's query string holds it (the list's parameter names). */
export const PROJECT_FILTERS = ['fund', 'status', 'unit', 'region'] as const;

export function projectFilterFrom(search: URLSearchParams): ProjectQueryParams {
  return Object.fromEntries(PROJECT_FILTERS.map((key) => [key, search.get(key) || undefined]));
}

/** Fund, status, unit and region, each choice written into the address of the page shown. */
export function ProjectFilterFields({ pathname, filter }: { pathname: string; filter: ProjectQueryParams }) {
  const { t } = useTranslation();
  const units = useUnits();
  const vocabulary = useIncidentVocabulary();
  const set = (key: (typeof PROJECT_FILTERS)[number], value: string) =>
    navigate(`${pathname}${queryString({ ...filter, [key]: value || undefined })}`);
  return (
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
  );
}
