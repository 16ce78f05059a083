import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CLASSIFICATIONS, INCIDENT_STATUSES, type IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { useLocale } from '../i18n.js';
import { emptyFilter, type FilterKey, type FilterValues } from '../incidents.js';
import { SelectField, TextField } from './fields.js';

interface IncidentFilterBarProps {
  /** The filter the address states; the bar edits a copy and applies it on submit. */
  filter: FilterValues;
  vocabulary: IncidentVocabulary;
  onApply: (filter: FilterValues) => void;
}

/**
 * The incident log's filter: period, place, what, who, workflow, harm and text. It is applied as a
 * whole on submit (one new address, one step back in the history), not field by field.
 */
export function IncidentFilterBar({ filter, vocabulary, onApply }: IncidentFilterBarProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState(filter);
  const [errors, setErrors] = useState<Partial<Record<FilterKey, string>>>({});
  const set = (key: FilterKey) => (value: string) => setDraft((previous) => ({ ...previous, [key]: value }));

  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const regions = [...vocabulary.regions].sort(byName);
  const regionLabel = new Map(vocabulary.regions.map((region) => [region.code, region.label]));
  const cercles = vocabulary.cercles.filter((cercle) => draft.region === '' || cercle.region === draft.region).sort(byName);
  const actors = [...vocabulary.actors].sort((a, b) => a.name.localeCompare(b.name, locale));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FilterKey, string>> = {};
    const q = draft.q.trim();
    if (q.length === 1) found.q = t('incidents.filters.qTooShort');
    if (draft.minKilled.trim() !== '' && !/^\d{1,6}$/.test(draft.minKilled.trim()))
      found.minKilled = t('incidents.filters.minKilledInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onApply({ ...draft, q, minKilled: draft.minKilled.trim() });
  };

  return (
    <form className="incident-log-filters" onSubmit={submit} noValidate>
      <div className="incident-log-filter-grid">
        <TextField label={t('incidents.filters.from')} type="date" value={draft.from} onChange={set('from')} />
        <TextField label={t('incidents.filters.to')} type="date" value={draft.to} onChange={set('to')} />
        <SelectField
          label={t('incidents.filters.region')}
          value={draft.region}
          onChange={(region) =>
            setDraft((previous) => ({
              ...previous,
              region,
              // A cercle of another region would make the filter empty: it goes with the region.
              cercle: vocabulary.cercles.some((cercle) => cercle.code === previous.cercle && cercle.region === region)
                ? previous.cercle
                : '',
            }))
          }
        >
          <option value="">{t('incidents.filters.anyFeminine')}</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('incidents.filters.cercle')}
          hint={draft.region === '' ? undefined : t('incidents.filters.cercleHint')}
          value={draft.cercle}
          onChange={set('cercle')}
        >
          <option value="">{t('incidents.filters.any')}</option>
          {cercles.map((cercle) => (
            <option key={cercle.code} value={cercle.code}>
              {draft.region === '' ? `${cercle.label} (${regionLabel.get(cercle.region) ?? cercle.region})` : cercle.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('incidents.filters.eventType')} value={draft.eventType} onChange={set('eventType')}>
          <option value="">{t('incidents.filters.any')}</option>
          {vocabulary.eventTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('incidents.filters.category')} value={draft.category} onChange={set('category')}>
          <option value="">{t('incidents.filters.anyFeminine')}</option>
          {vocabulary.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {category.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('incidents.filters.actor')} value={draft.actor} onChange={set('actor')}>
          <option value="">{t('incidents.filters.any')}</option>
          {actors.map((actor) => (
            <option key={actor.code} value={actor.code}>
              {actor.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('incidents.filters.status')} value={draft.status} onChange={set('status')}>
          <option value="">{t('incidents.filters.any')}</option>
          {INCIDENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`incidents.statusHints.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('incidents.filters.classification')} value={draft.classification} onChange={set('classification')}>
          <option value="">{t('incidents.filters.anyFeminine')}</option>
          {INCIDENT_CLASSIFICATIONS.map((classification) => (
            <option key={classification} value={classification}>
              {t(`incidents.classifications.${classification}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('incidents.filters.minKilled')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.minKilled}
          onChange={set('minKilled')}
          error={errors.minKilled}
        />
        <SelectField label={t('incidents.filters.threatToCivilians')} value={draft.threatToCivilians} onChange={set('threatToCivilians')}>
          <option value="">{t('incidents.filters.any')}</option>
          <option value="true">{t('incidents.yes')}</option>
          <option value="false">{t('incidents.no')}</option>
        </SelectField>
        <TextField
          label={t('incidents.filters.q')}
          hint={t('incidents.filters.qHint')}
          type="search"
          value={draft.q}
          onChange={set('q')}
          error={errors.q}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary">
          {t('incidents.filters.apply')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setErrors({});
            setDraft(emptyFilter());
            onApply(emptyFilter());
          }}
        >
          {t('incidents.filters.reset')}
        </button>
      </div>
    </form>
  );
}
