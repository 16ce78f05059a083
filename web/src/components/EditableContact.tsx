import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { CONTACT_KINDS, type Contact, type UpdateContactBody } from '../../../src/contracts/organisation.js';
import { toProblem } from '../api/client.js';
import { organisationApi, organisationQueries } from '../api/organisation.js';
import { Editable, EditFormFrame } from './Editable.js';
import { SelectField, TextField } from './fields.js';
import { clientProblem, fieldError } from './ProblemAlert.js';
import { ContactBody } from './SectionContent.js';
import { ChangeHistory, type HistoryWording } from './TextHistory.js';

type Kind = (typeof CONTACT_KINDS)[number];
const FIELDS = ['kind', 'label', 'value', 'place'] as const;

function isField(name: string): name is (typeof FIELDS)[number] {
  return (FIELDS as readonly string[]).includes(name);
}

function isKind(value: unknown): value is Kind {
  return (CONTACT_KINDS as readonly unknown[]).includes(value);
}

interface ContactFormProps {
  unit: string;
  contact: Contact;
  /** The contact as saved; null when the change was sent as a proposal (a public contact changes once published). */
  onSaved: (contact: Contact | null) => void;
  onCancel: () => void;
  onReload: () => void;
}

/**
 * Corrects a contact, sending the version it started from: the server refuses (409) if someone
 * saved in between. A public contact is not changed but proposed.
 */
function ContactForm({ unit, contact, onSaved, onCancel, onReload }: ContactFormProps) {
  const { t } = useTranslation();
  const proposing = contact.classification === 'public';
  const [kind, setKind] = useState<Kind>(contact.kind);
  const [label, setLabel] = useState(contact.label);
  const [value, setValue] = useState(contact.value);
  const [place, setPlace] = useState(contact.place ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const labels = Object.fromEntries(FIELDS.map((field) => [field, t(`contactEdit.fields.${field}`)]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = [
      ...(label.trim() === '' ? [{ path: 'label', message: t('contactEdit.labelRequired') }] : []),
      ...(value.trim() === '' ? [{ path: 'value', message: t('contactEdit.valueRequired') }] : []),
    ];
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    const newPlace = place.trim() === '' ? null : place.trim();
    const changes: UpdateContactBody = { version: contact.version };
    if (kind !== contact.kind) changes.kind = kind;
    if (label.trim() !== contact.label) changes.label = label.trim();
    if (value.trim() !== contact.value) changes.value = value.trim();
    if (newPlace !== contact.place) changes.place = newPlace;
    if (Object.keys(changes).length === 1) {
      onCancel();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (proposing) {
        await organisationApi.proposeContact(unit, contact.id, changes);
        onSaved(null);
      } else onSaved(await organisationApi.updateContact(unit, contact.id, changes));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <EditFormFrame
      problem={problem}
      labels={labels}
      busy={busy}
      onSubmit={submit}
      onCancel={onCancel}
      onReload={onReload}
      submitLabel={proposing ? t('section.sendProposal') : undefined}
    >
      <TextField
        ref={first}
        label={labels.label ?? ''}
        value={label}
        onChange={setLabel}
        error={fieldError(problem, 'label')}
        lang="fr"
        maxLength={200}
        required
      />
      <SelectField
        label={labels.kind ?? ''}
        value={kind}
        onChange={(next) => isKind(next) && setKind(next)}
        error={fieldError(problem, 'kind')}
      >
        {CONTACT_KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`contactKinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={labels.value ?? ''}
        hint={t('contactEdit.valueHint')}
        value={value}
        onChange={setValue}
        error={fieldError(problem, 'value')}
        maxLength={300}
        required
      />
      <TextField
        label={labels.place ?? ''}
        value={place}
        onChange={setPlace}
        error={fieldError(problem, 'place')}
        lang="fr"
        maxLength={64}
        optional
      />
    </EditFormFrame>
  );
}

interface EditableContactProps {
  unit: string;
  contact: Contact;
  canEdit: boolean;
  onSaved: (contact: Contact) => void;
  onReload: () => void;
}

/** A contact of a section with its "Edit" form (for the unit's officers and managers) and its history. */
export function EditableContact({ unit, contact, canEdit, onSaved, onReload }: EditableContactProps) {
  const { t } = useTranslation();
  const wording: HistoryWording = {
    field: (field) => (isField(field) ? t(`contactEdit.fields.${field}`) : field),
    value: (field, value) => (field === 'kind' && isKind(value) ? t(`contactKinds.${value}`) : null),
  };
  return (
    <Editable
      className="editable-contact"
      canEdit={canEdit}
      context={<span className="visually-hidden" lang="fr">{` : ${contact.label}`}</span>}
      savedMessage={contact.classification === 'public' ? t('section.proposed') : t('contactEdit.saved')}
      editLabel={contact.classification === 'public' ? t('section.propose') : undefined}
      view={<ContactBody contact={contact} />}
      renderForm={(saved, cancel) => (
        <ContactForm
          key={contact.version}
          unit={unit}
          contact={contact}
          onSaved={(updated) => {
            if (updated) onSaved(updated);
            saved();
          }}
          onCancel={cancel}
          onReload={onReload}
        />
      )}
      renderHistory={(id) => (
        <ChangeHistory
          id={id}
          title={t('contactEdit.historyTitle')}
          query={organisationQueries.contactHistory(unit, contact.id, contact.version)}
          wording={wording}
        />
      )}
    />
  );
}
