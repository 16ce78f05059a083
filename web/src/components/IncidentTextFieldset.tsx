import { useTranslation } from 'react-i18next';
import { IncidentTextAreaField, IncidentTextField } from './IncidentFields.js';
import { IncidentFieldset } from './IncidentFieldset.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** The title, the description, tags and links to other incidents. */
export function IncidentTextFieldset({ draft, set, errorFor }: Pick<IncidentFieldsetProps, 'draft' | 'set' | 'errorFor'>) {
  const { t } = useTranslation();
  return (
    <IncidentFieldset path="text" legend={t('incidents.form.descriptionGroup')}>
      <IncidentTextField
        path="title"
        label={t('incidents.form.title')}
        hint={t('incidents.form.titleHint')}
        required
        value={draft.title}
        onChange={(value) => set('title', value)}
        error={errorFor('title')}
        className="field-wide"
      />
      <IncidentTextAreaField
        path="description"
        label={t('incidents.form.description')}
        optional
        rows={6}
        value={draft.description}
        onChange={(value) => set('description', value)}
        error={errorFor('description')}
        className="field-wide"
      />
      <div className="form-row">
        <IncidentTextField
          path="tags"
          label={t('incidents.form.tags')}
          hint={t('incidents.form.tagsHint')}
          optional
          value={draft.tags}
          onChange={(value) => set('tags', value)}
          error={errorFor('tags')}
        />
        <IncidentTextField
          path="links"
          label={t('incidents.form.links')}
          hint={t('incidents.form.linksHint')}
          optional
          autoComplete="off"
          value={draft.links}
          onChange={(value) => set('links', value)}
          error={errorFor('links')}
        />
      </div>
    </IncidentFieldset>
  );
}
