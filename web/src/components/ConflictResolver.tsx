import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** One field both people changed: its label and each version as text. */
export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

export type ConflictSide = 'mine' | 'theirs';

/**
 * Someone else saved the record while it was being edited (409 `version_conflict`). The editor's
 * values stay in the form; what only the other person changed has been taken; each field both
 * changed is shown with both versions, labelled, and a choice between them. Saving then goes
 * against the version just read. Incidents and protection cases use it alike.
 */
export function ConflictResolver({
  fields,
  choice,
  onChoose,
  title,
  ref,
}: {
  fields: readonly ConflictField[];
  choice: Readonly<Record<string, ConflictSide>>;
  onChoose: (key: string, side: ConflictSide) => void;
  title: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const shown = (value: string) => (value.trim() === '' ? t('common.conflict.empty') : value);
  return (
    <div ref={ref} role="alert" className="alert conflict-resolver" tabIndex={-1}>
      <p className="conflict-resolver-title">{title}</p>
      <p>{fields.length > 0 ? t('common.conflict.body', { count: fields.length }) : t('common.conflict.merged')}</p>
      {fields.map((field) => {
        const name = `conflict-${field.key}`;
        return (
          <fieldset key={field.key} className="conflict-field">
            <legend>{field.label}</legend>
            <dl className="conflict-versions">
              <div className={choice[field.key] === 'theirs' ? 'conflict-version' : 'conflict-version conflict-version-chosen'}>
                <dt>{t('common.conflict.mine')}</dt>
                <dd>{shown(field.mine)}</dd>
              </div>
              <div className={choice[field.key] === 'theirs' ? 'conflict-version conflict-version-chosen' : 'conflict-version'}>
                <dt>{t('common.conflict.theirs')}</dt>
                <dd>{shown(field.theirs)}</dd>
              </div>
            </dl>
            <div className="conflict-choice">
              <label>
                <input type="radio" name={name} checked={choice[field.key] !== 'theirs'} onChange={() => onChoose(field.key, 'mine')} />{' '}
                {t('common.conflict.keepMine')}
              </label>
              <label>
                <input type="radio" name={name} checked={choice[field.key] === 'theirs'} onChange={() => onChoose(field.key, 'theirs')} />{' '}
                {t('common.conflict.takeTheirs')}
              </label>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
