import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { CASUALTY_GROUPS, type CasualtyGroup } from '../../../src/contracts/incidents.js';
import { type CasualtiesDraft, ESTIMATES, type EstimateName, fieldId, OUTCOMES, type Outcome } from '../incidents.js';

/** Groups counted inside civilians ("of which"), shown indented under them. */
const PART_GROUPS: readonly CasualtyGroup[] = ['women', 'children'];

interface IncidentHarmFieldsProps {
  casualties: CasualtiesDraft;
  onChange: (group: CasualtyGroup, outcome: Outcome, estimate: EstimateName, value: string) => void;
  /** The error shown for a field path, if any. */
  errorFor: (path: string) => string | undefined;
}

/**
 * Killed and injured per group, each as low / best / high: two small grids of number inputs
 * rather than one wide one, so that each fits a phone's width. An error about a whole estimate
 * (`casualties.women.killed`) or one of its bounds is shown under its row and read with its inputs.
 */
export function IncidentHarmFields({ casualties, onChange, errorFor }: IncidentHarmFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="incident-harm-grids">
      {OUTCOMES.map((outcome) => (
        <table key={outcome} className="incident-harm-grid">
          <caption>{t('incidents.form.harmCaption', { outcome: t(`incidents.outcomes.${outcome}`) })}</caption>
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
            {CASUALTY_GROUPS.map((group) => {
              const row = `casualties.${group}.${outcome}`;
              const errors = [errorFor(row), ...ESTIMATES.map((estimate) => errorFor(`${row}.${estimate}`))].filter(
                (message): message is string => message !== undefined,
              );
              const errorId = `${fieldId(row)}-error`;
              return (
                <Fragment key={group}>
                  <tr className={PART_GROUPS.includes(group) ? 'incident-harm-part' : undefined}>
                    <th scope="row">{t(`incidents.groups.${group}`)}</th>
                    {ESTIMATES.map((estimate) => {
                      const path = `${row}.${estimate}`;
                      const id = fieldId(path);
                      const invalid = errorFor(path) !== undefined || (estimate === 'best' && errorFor(row) !== undefined);
                      return (
                        <td key={estimate}>
                          <label htmlFor={id} className="visually-hidden">
                            {t('incidents.form.estimateLabel', {
                              outcome: t(`incidents.outcomes.${outcome}`),
                              group: t(`incidents.groupNames.${group}`),
                              estimate: t(`incidents.estimates.${estimate}`).toLowerCase(),
                            })}
                          </label>
                          <input
                            id={id}
                            className="incident-count-input"
                            inputMode="numeric"
                            autoComplete="off"
                            value={casualties[group][outcome][estimate]}
                            onChange={(event) => onChange(group, outcome, estimate, event.target.value)}
                            aria-invalid={invalid ? true : undefined}
                            aria-describedby={errors.length > 0 ? errorId : undefined}
                          />
                        </td>
                      );
                    })}
                  </tr>
                  {errors.length > 0 && (
                    <tr className="incident-harm-error">
                      <td colSpan={4}>
                        <p id={errorId} className="field-error">
                          {errors.join(' ')}
                        </p>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
