import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { SectionText } from '../../../src/contracts/organisation.js';
import { api, toProblem } from '../api.js';
import { useLocale } from '../i18n.js';
import { TextAreaField } from './fields.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';
import { TextBody } from './SectionContent.js';
import { TextHistory } from './TextHistory.js';

/** The start of a text, to tell apart its "Edit" and "History" buttons from the others'. */
function shortened(body: string): string {
  return body.length > 60 ? `${body.slice(0, 60).trimEnd()}…` : body;
}

interface EditFormProps {
  unit: string;
  text: SectionText;
  onSaved: (text: SectionText) => void;
  onCancel: () => void;
  /** Fetches the section again after a version conflict; the form then restarts from the new text. */
  onReload: () => void;
}

/** Edits a text's body, sending the version it started from: the server refuses (409) if someone saved in between. */
function EditForm({ unit, text, onSaved, onCancel, onReload }: EditFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [body, setBody] = useState(text.body);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setProblem(clientProblem([{ path: 'body', message: t('section.bodyRequired') }]));
      return;
    }
    if (body === text.body) {
      onCancel();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await api.updateText(unit, text.id, { version: text.version, body }));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <form className="form text-edit" onSubmit={submit} noValidate lang={locale}>
      <ProblemAlert problem={problem} labels={{ body: t('section.editLabel') }} />
      {problem?.code === 'version_conflict' && (
        <button type="button" className="button-secondary" onClick={onReload}>
          {t('common.reload')}
        </button>
      )}
      <TextAreaField
        ref={field}
        label={t('section.editLabel')}
        hint={t('section.editHint')}
        value={body}
        onChange={setBody}
        error={fieldError(problem, 'body')}
        rows={Math.min(12, Math.max(4, Math.ceil(body.length / 80)))}
        lang="fr"
        required
      />
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface EditableTextProps {
  unit: string;
  text: SectionText;
  canEdit: boolean;
  onSaved: (text: SectionText) => void;
  onReload: () => void;
}

/** A text of a section with its "Edit" form (for the unit's officers and managers) and its history. */
export function EditableText({ unit, text, canEdit, onSaved, onReload }: EditableTextProps) {
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
  const context = <span className="visually-hidden" lang="fr">{` : « ${shortened(text.body)} »`}</span>;

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  return (
    <div className="editable-text">
      {editing ? (
        <EditForm
          key={text.version}
          unit={unit}
          text={text}
          onSaved={(updated) => {
            onSaved(updated);
            setSaved(true);
            close();
          }}
          onCancel={close}
          onReload={onReload}
        />
      ) : (
        <TextBody text={text} />
      )}
      {saved && !editing && <Notice>{t('section.saved')}</Notice>}
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
            {t('section.edit')}
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
      {historyOpen && (
        <div lang={locale}>
          <TextHistory id={historyId} unit={unit} textId={text.id} version={text.version} />
        </div>
      )}
    </div>
  );
}
