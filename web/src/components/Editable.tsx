import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { useLocale } from '../i18n.js';
import { Notice, ProblemAlert } from './ProblemAlert.js';

interface EditFormFrameProps {
  problem: Problem | null;
  /** Field labels by error path, for the summary of a refusal. */
  labels: Record<string, string>;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  /** Fetches the section again after a version conflict; the form then restarts from the new item. */
  onReload: () => void;
  /** The submit button's words, when it does more than save (sends a proposal). */
  submitLabel?: string;
  children: ReactNode;
}

/** The frame of an item's edit form: the refusal (with "Reload" on a version conflict), the fields, save and cancel. */
export function EditFormFrame({ problem, labels, busy, onSubmit, onCancel, onReload, submitLabel, children }: EditFormFrameProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <form className="form text-edit" onSubmit={onSubmit} noValidate lang={locale}>
      <ProblemAlert problem={problem} labels={labels} />
      {problem?.code === 'version_conflict' && (
        <button type="button" className="button-secondary" onClick={onReload}>
          {t('common.reload')}
        </button>
      )}
      {children}
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('common.saving') : (submitLabel ?? t('common.save'))}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface EditableProps {
  className: string;
  canEdit: boolean;
  /** Said to screen readers after "Edit" and "History", to tell this item's buttons from the others'. */
  context: ReactNode;
  savedMessage: string;
  /** The edit button's words: "Edit", or "Propose a change" for public content. */
  editLabel?: string;
  /** The item as everyone reads it; hidden while its form is open (null: stays as it is, elsewhere). */
  view: ReactNode;
  /** The edit form; it calls `saved` once the server has accepted the change, `cancel` to close. */
  renderForm: (saved: () => void, cancel: () => void) => ReactNode;
  renderHistory: (id: string) => ReactNode;
}

/**
 * An item of a section (text, contact, figure) with its "Edit" form, for the unit's officers and
 * managers, and its "History" disclosure, for every signed-in reader. Closing the form gives the
 * focus back to the "Edit" button.
 */
export function Editable({ className, canEdit, context, savedMessage, editLabel, view, renderForm, renderHistory }: EditableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const historyId = useId();
  // Set when the form closes: the edit button, back in its place, then takes the form's focus.
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  return (
    <div className={editing ? `${className} editing` : className}>
      {editing
        ? renderForm(() => {
            setSaved(true);
            close();
          }, close)
        : view}
      {saved && !editing && <Notice>{savedMessage}</Notice>}
      <div className="text-actions" lang={locale}>
        {canEdit && !editing && (
          <button
            ref={editButton}
            type="button"
            className="button-secondary button-small"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {editLabel ?? t('section.edit')}
            {context}
          </button>
        )}
        <button
          type="button"
          className="button-secondary button-small"
          aria-expanded={historyOpen}
          aria-controls={historyOpen ? historyId : undefined}
          onClick={() => setHistoryOpen((open) => !open)}
        >
          {t('section.history')}
          {context}
        </button>
      </div>
      {historyOpen && <div lang={locale}>{renderHistory(historyId)}</div>}
    </div>
  );
}
