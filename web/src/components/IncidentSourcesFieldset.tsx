import { useTranslation } from 'react-i18next';
import { IncidentFieldset } from './IncidentFieldset.js';
import { IncidentSourceFields } from './IncidentRowFields.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** Sources: each with its reference, reliability and credibility. */
export function IncidentSourcesFieldset({ draft, set, errorFor }: Pick<IncidentFieldsetProps, 'draft' | 'set' | 'errorFor'>) {
  const { t } = useTranslation();
  return (
    <IncidentFieldset path="sources" legend={t('incidents.form.sources')} error={errorFor('sources')}>
      <IncidentSourceFields rows={draft.sources} onChange={(rows) => set('sources', rows)} errorFor={(path) => errorFor(path)} />
    </IncidentFieldset>
  );
}
