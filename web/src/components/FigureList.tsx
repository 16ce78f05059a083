import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figure } from '../../../src/contracts/organisation.js';
import { describeFormula, formatFigureNumber, formatPeriod, isTimeMeasure } from '../figures.js';
import { useLocale } from '../i18n.js';

/** A value with its unit of time where the label does not say it ("6 mois") and the source's qualifier ("au plus 6 mois"). */
function useStatedValue(): (value: number, measure: string, qualifier: Figure['qualifier']) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (value, measure, qualifier) => {
    const number = formatFigureNumber({ value, measure }, locale);
    const withUnit = isTimeMeasure(measure) ? t(`figures.${measure}`, { count: value, value: number }) : number;
    return qualifier ? t(`figures.qualifiers.${qualifier}`, { value: withUnit }) : withUnit;
  };
}

/**
 * The key figures of a section, formatted in the interface language. A computed figure says so
 * and how; a figure that disagrees with others shows the warning, never silently.
 */
export function FigureList({
  figures,
  renderFigure,
}: {
  figures: readonly Figure[];
  /** Added under each figure, in its own <dd> (the section page's edit form and history). */
  renderFigure?: ((figure: Figure) => ReactNode) | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stated = useStatedValue();
  return (
    <dl className="figures">
      {figures.map((figure) => {
        const formula = figure.derived && t('figures.computedFrom', { formula: describeFormula(figure.derived.formula, figures) });
        // As the fact book states it; a computed figure the fact book also prints shows both.
        const shown = figure.derived && figure.statedValue !== null ? figure.statedValue : figure.value;
        const computed = figure.derived && t('figures.computedValue', { value: stated(figure.value, figure.measure, null) });
        return (
          <div key={figure.key} id={`figure-${figure.key}`} className={figure.warnings.length > 0 ? 'figure figure-warned' : 'figure'}>
            <dt className="figure-label">{figure.label}</dt>
            <dd className="figure-value">
              {figure.derived && figure.statedValue === null
                ? stated(figure.value, figure.measure, null)
                : stated(shown, figure.measure, figure.qualifier)}
              {formula && (
                <span className="figure-computed" title={formula}>
                  <span aria-hidden="true">{figure.statedValue === null ? t('figures.computed') : computed}</span>
                  <span className="visually-hidden">
                    {computed}. {formula}
                  </span>
                </span>
              )}
            </dd>
            {figure.period && (
              <dd className="figure-period">
                {t('figures.period', { period: formatPeriod(figure.period, locale, (start) => t('figures.since', { start })) })}
              </dd>
            )}
            {figure.binding && (
              <dd className="figure-bound">
                {t('results.figureBound', {
                  rule: figure.binding.rule,
                  sourced: stated(figure.binding.sourcedValue, figure.measure, null),
                })}
              </dd>
            )}
            {figure.warnings.map((warning) => (
              <dd key={`${warning.code}:${warning.message}`} className="figure-warning">
                {/* The note role sits inside the <dd>: on the <dd> itself it would break the list. */}
                <span role="note">
                  <span className="warning-badge">{t('figures.warning')}</span> {warning.message}
                </span>
              </dd>
            ))}
            {renderFigure && <dd className="figure-extra">{renderFigure(figure)}</dd>}
          </div>
        );
      })}
    </dl>
  );
}
