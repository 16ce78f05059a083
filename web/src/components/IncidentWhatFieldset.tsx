import { useTranslation } from 'react-i18next';
import { IncidentCheckboxField, IncidentSelectField } from './IncidentFields.js';
import { IncidentFieldset } from './IncidentFieldset.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** What: the event type and sub-type, the mission’s category, and whether civilians were threatened. */
export function IncidentWhatFieldset({ draft, set, setDraft, errorFor, vocabulary }: IncidentFieldsetProps) {
  const { t } = useTranslation();
  const eventType = vocabulary.eventTypes.find((type) => type.code === draft.eventType);

  return (
    <IncidentFieldset path="what" legend={t('incidents.form.what')}>
      <div className="form-row">
        <IncidentSelectField
          path="eventType"
          label={t('incidents.form.eventType')}
          value={draft.eventType}
          onChange={(code) =>
            setDraft((previous) => ({
              ...previous,
              eventType: code,
              subEventType: vocabulary.eventTypes
                .find((type) => type.code === code)
                ?.subTypes.some((sub) => sub.code === previous.subEventType)
                ? previous.subEventType
                : '',
            }))
          }
          error={errorFor('eventType')}
        >
          <option value="">{t('incidents.form.chooseEventType')}</option>
          {vocabulary.eventTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
        </IncidentSelectField>
        <IncidentSelectField
          path="subEventType"
          label={t('incidents.form.subEventType')}
          value={draft.subEventType}
          onChange={(value) => set('subEventType', value)}
          error={errorFor('subEventType')}
        >
          <option value="">{t('incidents.form.chooseSubType')}</option>
          {(eventType?.subTypes ?? []).map((sub) => (
            <option key={sub.code} value={sub.code}>
              {sub.label}
            </option>
          ))}
        </IncidentSelectField>
        <IncidentSelectField
          path="category"
          label={t('incidents.form.category')}
          optional
          value={draft.category}
          onChange={(value) => set('category', value)}
          error={errorFor('category')}
        >
          <option value="">{t('incidents.form.noCategory')}</option>
          {vocabulary.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {category.label}
            </option>
          ))}
        </IncidentSelectField>
      </div>
      <IncidentCheckboxField
        path="threatToCivilians"
        label={t('incidents.form.threatToCivilians')}
        checked={draft.threatToCivilians}
        onChange={(value) => set('threatToCivilians', value)}
        error={errorFor('threatToCivilians')}
      />
    </IncidentFieldset>
  );
}
