import { useTranslation } from 'react-i18next';
import { IncidentFieldset } from './IncidentFieldset.js';
import { IncidentActorFields } from './IncidentRowFields.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** Who: the actors involved, each with their role. */
export function IncidentActorsFieldset({ draft, set, errorFor, vocabulary }: Omit<IncidentFieldsetProps, 'setDraft'>) {
  const { t } = useTranslation();
  return (
    <IncidentFieldset path="actors" legend={t('incidents.form.who')} error={errorFor('actors')}>
      <IncidentActorFields
        rows={draft.actors}
        actors={vocabulary.actors}
        onChange={(rows) => set('actors', rows)}
        errorFor={(path) => errorFor(path)}
      />
    </IncidentFieldset>
  );
}
