import { useTranslation } from 'react-i18next';
import { IncidentFieldset } from './IncidentFieldset.js';
import { IncidentHarmFields } from './IncidentHarmFields.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** Harm: people killed and injured by group, each a low, best and high estimate. */
export function IncidentCasualtiesFieldset({ draft, setDraft, errorFor }: Pick<IncidentFieldsetProps, 'draft' | 'setDraft' | 'errorFor'>) {
  const { t } = useTranslation();
  return (
    <IncidentFieldset
      path="casualties"
      legend={t('incidents.form.harm')}
      hint={t('incidents.form.harmHint')}
      error={errorFor('casualties')}
    >
      <IncidentHarmFields
        casualties={draft.casualties}
        onChange={(group, outcome, estimate, value) =>
          setDraft((previous) => ({
            ...previous,
            casualties: {
              ...previous.casualties,
              [group]: {
                ...previous.casualties[group],
                [outcome]: { ...previous.casualties[group][outcome], [estimate]: value },
              },
            },
          }))
        }
        errorFor={(path) => errorFor(path)}
      />
    </IncidentFieldset>
  );
}
