import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { SectionText } from '../../../src/contracts/organisation.js';
import { toProblem } from '../api/client.js';
import { organisationApi } from '../api/organisation.js';
import { Editable, EditFormFrame } from './Editable.js';
import { TextAreaField } from './fields.js';
import { clientProblem, fieldError } from './ProblemAlert.js';
import { TextBody } from './SectionContent.js';
import { TextHistory } from './TextHistory.js';

/** The start of a text, to tell apart its "Edit" and "History" buttons from the others'. */
function shortened(body: string): string {
  return body.length > 60 ? `${body.slice(0, 60).trimEnd()}…` : body;
}

interface EditFormProps {
  unit: string;
  text: SectionText;
  /** The text as saved; null when the change was sent as a proposal (a public text changes once published). */
  onSaved: (text: SectionText | null) => void;
  onCancel: () => void;
  /** Fetches the section again after a version conflict; the form then restarts from the new text. */
  onReload: () => void;
}

/**
 * Edits a text's body, sending the version it started from: the server refuses (409) if someone
 * saved in between. A public text is not changed but proposed.
 */
function EditForm({ unit, text, onSaved, onCancel, onReload }: EditFormProps) {
  const { t } = useTranslation();
  const proposing = text.classification === 'public';
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
      const change = { version: text.version, body };
      if (proposing) {
        await organisationApi.proposeText(unit, text.id, change);
        onSaved(null);
      } else onSaved(await organisationApi.updateText(unit, text.id, change));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <EditFormFrame
      problem={problem}
      labels={{ body: t('section.editLabel') }}
      busy={busy}
      onSubmit={submit}
      onCancel={onCancel}
      onReload={onReload}
      submitLabel={proposing ? t('section.sendProposal') : undefined}
    >
      <TextAreaField
        ref={field}
        label={t('section.editLabel')}
        hint={proposing ? `${t('section.proposeHint')} ${t('section.editHint')}` : t('section.editHint')}
        value={body}
        onChange={setBody}
        error={fieldError(problem, 'body')}
        rows={Math.min(12, Math.max(4, Math.ceil(body.length / 80)))}
        lang="fr"
        required
      />
    </EditFormFrame>
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
  const proposing = text.classification === 'public';
  return (
    <Editable
      className="editable-text"
      canEdit={canEdit}
      context={<span className="visually-hidden" lang="fr">{` : « ${shortened(text.body)} »`}</span>}
      savedMessage={proposing ? t('section.proposed') : t('section.saved')}
      editLabel={proposing ? t('section.propose') : undefined}
      view={<TextBody text={text} />}
      renderForm={(saved, cancel) => (
        <EditForm
          key={text.version}
          unit={unit}
          text={text}
          onSaved={(updated) => {
            if (updated) onSaved(updated);
            saved();
          }}
          onCancel={cancel}
          onReload={onReload}
        />
      )}
      renderHistory={(id) => <TextHistory id={id} unit={unit} textId={text.id} version={text.version} />}
    />
  );
}
