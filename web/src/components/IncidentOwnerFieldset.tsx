import { useTranslation } from 'react-i18next';
import { INCIDENT_CLASSIFICATIONS } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { useLocale } from '../i18n.js';
import { fieldId, type IncidentClassification } from '../incidents.js';
import { isOpen, unitLabel } from '../units.js';
import { IncidentSelectField } from './IncidentFields.js';
import { IncidentFieldset } from './IncidentFieldset.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** Whose record it is: the unit, the classification and, when restricted, the units it is shared with. */
export function IncidentOwnerFieldset({
  draft,
  set,
  errorFor,
  units,
  unitChoices,
}: Pick<IncidentFieldsetProps, 'draft' | 'set' | 'errorFor'> & { units: readonly Unit[]; unitChoices: readonly string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const otherUnits = units.filter((unit) => unit.code !== draft.unit && (isOpen(unit) || draft.sharedWith.includes(unit.code)));

  return (
    <IncidentFieldset path="owner" legend={t('incidents.form.owner')}>
      <div className="form-row">
        <IncidentSelectField
          path="unit"
          label={t('incidents.form.unit')}
          value={draft.unit}
          onChange={(value) => set('unit', value)}
          error={errorFor('unit')}
        >
          {unitChoices.map((code) => (
            <option key={code} value={code}>
              {unitLabel(code, units, locale)}
            </option>
          ))}
        </IncidentSelectField>
        <IncidentSelectField
          path="classification"
          label={t('incidents.form.classification')}
          hint={t('incidents.form.classificationHint')}
          value={draft.classification}
          onChange={(value) => set('classification', value as IncidentClassification)}
          error={errorFor('classification')}
        >
          {INCIDENT_CLASSIFICATIONS.map((classification) => (
            <option key={classification} value={classification}>
              {t(`incidents.classifications.${classification}`)}
            </option>
          ))}
        </IncidentSelectField>
      </div>
      {draft.classification === 'restricted' && (
        <fieldset
          id={fieldId('sharedWith')}
          tabIndex={-1}
          className="incident-share"
          aria-describedby={errorFor('sharedWith') ? `${fieldId('sharedWith')}-error` : `${fieldId('sharedWith')}-hint`}
        >
          <legend>{t('incidents.form.sharedWith')}</legend>
          <p id={`${fieldId('sharedWith')}-hint`} className="hint">
            {t('incidents.form.sharedWithHint')}
          </p>
          {errorFor('sharedWith') && (
            <p id={`${fieldId('sharedWith')}-error`} className="field-error">
              {errorFor('sharedWith')}
            </p>
          )}
          <ul className="incident-share-list">
            {otherUnits.map((unit) => (
              <li key={unit.code} className="checkbox">
                <input
                  id={`${fieldId('sharedWith')}-${unit.code}`}
                  type="checkbox"
                  checked={draft.sharedWith.includes(unit.code)}
                  onChange={(event) =>
                    set(
                      'sharedWith',
                      event.target.checked ? [...draft.sharedWith, unit.code] : draft.sharedWith.filter((code) => code !== unit.code),
                    )
                  }
                />
                <label htmlFor={`${fieldId('sharedWith')}-${unit.code}`}>{unitLabel(unit.code, units, locale)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </IncidentFieldset>
  );
}
