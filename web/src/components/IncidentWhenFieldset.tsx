import { useTranslation } from 'react-i18next';
import { DATE_PRECISIONS } from '../../../src/contracts/incidents.js';
import type { DatePrecision } from '../incidents.js';
import { IncidentSelectField, IncidentTextField } from './IncidentFields.js';
import { IncidentFieldset } from './IncidentFieldset.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** When: the day, the time if known, and how precise the date is. */
export function IncidentWhenFieldset({ draft, set, errorFor }: Pick<IncidentFieldsetProps, 'draft' | 'set' | 'errorFor'>) {
  const { t } = useTranslation();
  return (
    <IncidentFieldset path="when" legend={t('incidents.form.when')}>
      <div className="form-row">
        <IncidentTextField
          path="occurredOn"
          label={t('incidents.form.occurredOn')}
          type="date"
          required
          value={draft.occurredOn}
          onChange={(value) => set('occurredOn', value)}
          error={errorFor('occurredOn')}
        />
        <IncidentTextField
          path="occurredTime"
          label={t('incidents.form.occurredTime')}
          hint={t('incidents.form.occurredTimeHint')}
          optional
          type="time"
          value={draft.occurredTime}
          onChange={(value) => set('occurredTime', value)}
          error={errorFor('occurredTime')}
        />
        <IncidentSelectField
          path="datePrecision"
          label={t('incidents.form.datePrecision')}
          value={draft.datePrecision}
          onChange={(value) => set('datePrecision', value as DatePrecision)}
          error={errorFor('datePrecision')}
        >
          {DATE_PRECISIONS.map((precision) => (
            <option key={precision} value={precision}>
              {t(`incidents.datePrecisions.${precision}`)}
            </option>
          ))}
        </IncidentSelectField>
      </div>
    </IncidentFieldset>
  );
}
