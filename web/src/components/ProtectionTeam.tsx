import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { protectionApi } from '../api.js';
import type { CaseSectionProps } from '../protection.js';
import { TextField } from './fields.js';
import { Disclosure, SectionNotice, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The team editor of a unit manager. The API gives managers no list of their unit's officers
 * (GET /api/users is for administrators), so the choices are the current team and the manager;
 * a colleague is added by their account identifier, and the server checks they belong to the unit.
 */
function TeamForm({
  me,
  caseData,
  onChanged,
  onReload,
  onDone,
}: Omit<CaseSectionProps, 'vocabulary' | 'incidents'> & { me: Me; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const initial = caseData.team.map((member) => member.id);
  const [candidates, setCandidates] = useState(() => {
    const known = [...caseData.team];
    if (!known.some((member) => member.id === me.id)) known.push({ id: me.id, name: me.name });
    return known;
  });
  const [members, setMembers] = useState<string[]>(initial);
  const [newId, setNewId] = useState('');
  const fields: FormFields = {
    members: { label: t('protection.team.members'), id: id('members') },
    newMember: { label: t('protection.team.newMember'), id: id('newMember') },
  };
  const membersError = errorOf(submission.problem, fields, 'members');

  const addCandidate = () => {
    const value = newId.trim();
    if (!USER_ID.test(value)) {
      submission.reject([{ path: 'newMember', message: t('protection.team.badId') }]);
      return;
    }
    submission.clear();
    if (!candidates.some((candidate) => candidate.id === value)) setCandidates((previous) => [...previous, { id: value, name: value }]);
    setMembers((previous) => (previous.includes(value) ? previous : [...previous, value]));
    setNewId('');
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (members.length === 0) {
      submission.reject([{ path: 'members', message: t('protection.team.nobody') }]);
      return;
    }
    const changed = await submission.submit(() => protectionApi.assignTeam(caseData.ref, members));
    if (changed) {
      onChanged(changed);
      onDone();
    }
  };

  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <fieldset
        id={fields.members?.id}
        tabIndex={-1}
        aria-describedby={membersError ? `${fields.members?.id}-error` : `${fields.members?.id}-hint`}
      >
        <legend>{t('protection.team.members')}</legend>
        <p id={`${fields.members?.id}-hint`} className="hint">
          {t('protection.team.hint')}
        </p>
        {membersError && (
          <p id={`${fields.members?.id}-error`} className="field-error">
            {membersError}
          </p>
        )}
        <ul className="plain protection-checklist">
          {candidates.map((candidate) => (
            <li key={candidate.id} className="checkbox">
              <input
                id={`${fields.members?.id}-${candidate.id}`}
                type="checkbox"
                checked={members.includes(candidate.id)}
                onChange={(event) =>
                  setMembers((previous) =>
                    event.target.checked ? [...previous, candidate.id] : previous.filter((m) => m !== candidate.id),
                  )
                }
              />
              <label htmlFor={`${fields.members?.id}-${candidate.id}`}>
                {candidate.id === me.id ? t('protection.team.me', { name: candidate.name }) : candidate.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="protection-add-member">
        <TextField
          id={fields.newMember?.id}
          label={t('protection.team.newMember')}
          hint={t('protection.team.newMemberHint')}
          autoComplete="off"
          spellCheck={false}
          value={newId}
          onChange={setNewId}
          error={errorOf(submission.problem, fields, 'newMember')}
        />
        <button type="button" className="button-secondary" onClick={addCandidate}>
          {t('protection.team.addCandidate')}
        </button>
      </div>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.team.submit')}
      </button>
    </form>
  );
}

/** Who works on the case; the unit's managers read it too, and only they assign the team. */
export function ProtectionTeam({ me, ...props }: CaseSectionProps & { me: Me }) {
  const { caseData } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const { notice, show, noticeRef } = useNotice();

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      <ul className="plain protection-team">
        {caseData.team.map((member) => (
          <li key={member.id}>{member.id === me.id ? t('protection.team.me', { name: member.name }) : member.name}</li>
        ))}
      </ul>
      <p className="hint">{t('protection.team.managersRead')}</p>
      {caseData.allowed.assignTeam && (
        <Disclosure label={t('protection.team.edit')} open={editing} onToggle={setEditing}>
          <TeamForm
            me={me}
            {...props}
            onDone={() => {
              setEditing(false);
              show((tr) => tr('protection.team.saved'));
            }}
          />
        </Disclosure>
      )}
    </>
  );
}
