import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { EDITED_KEYS, type IncidentFilterState, STATUS_CHOICES, type StatusChoice } from '../incidentFilter.js';
import { FILTER_KEYS } from '../incidents.js';
import { SelectField, TextField } from './fields.js';

const CHOICES = Object.keys(STATUS_CHOICES) as StatusChoice[];

/**
 * The compact filter of the map and dashboard: period, event type, status. Each change goes into
 * the address at once, so the page can be bookmarked or sent, and the list shows the same incidents.
 * Criteria set on the list that this form does not edit are named, and kept until reset.
 */
export function IncidentFilterForm({ filter, vocabulary }: { filter: IncidentFilterState; vocabulary: IncidentVocabulary | null }) {
  const { t } = useTranslation();
  const { values } = filter;
  const types = vocabulary?.eventTypes ?? [];
  const typeLabel = (code: string) => types.find((type) => type.code === code)?.label ?? code;
  const eventType = values.eventType ?? '';
  const status = CHOICES.find((choice) => STATUS_CHOICES[choice] === (values.status ?? STATUS_CHOICES.all)) ?? values.status ?? '';
  const active = FILTER_KEYS.filter((key) => values[key] !== undefined);
  const others = active.filter((key) => !EDITED_KEYS.includes(key));

  return (
    <form className="incident-filter" aria-label={t('incidentMap.filter.label')} onSubmit={(event: FormEvent) => event.preventDefault()}>
      <div className="incident-filter-fields">
        <TextField label={t('incidentMap.filter.from')} type="date" value={values.from ?? ''} onChange={(v) => filter.set('from', v)} />
        <TextField label={t('incidentMap.filter.to')} type="date" value={values.to ?? ''} onChange={(v) => filter.set('to', v)} />
        <SelectField label={t('incidentMap.filter.eventType')} value={eventType} onChange={(v) => filter.set('eventType', v)}>
          <option value="">{t('incidentMap.filter.allTypes')}</option>
          {types.map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
          {eventType !== '' && !types.some((type) => type.code === eventType) && (
            <option value={eventType}>{eventType.split(',').map(typeLabel).join(', ')}</option>
          )}
        </SelectField>
        <SelectField
          label={t('incidentMap.filter.status')}
          value={status}
          onChange={(v) => filter.set('status', v === 'all' ? '' : (STATUS_CHOICES[v as StatusChoice] ?? v))}
        >
          {CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`incidentMap.filter.statuses.${choice}`)}
            </option>
          ))}
          {!(CHOICES as string[]).includes(status) && (
            <option value={status}>{t('incidentMap.filter.otherStatuses', { list: status })}</option>
          )}
        </SelectField>
      </div>
      {active.length > 0 && (
        <div className="incident-filter-more">
          {others.length > 0 && (
            <p className="hint">
              {t('incidentMap.filter.others', {
                list: others.map((key) => t(`incidentMap.filter.keys.${key}`)).join(', '),
              })}
            </p>
          )}
          <button type="button" className="button-secondary button-small" onClick={filter.clear}>
            {t('incidentMap.filter.reset')}
          </button>
        </div>
      )}
    </form>
  );
}
