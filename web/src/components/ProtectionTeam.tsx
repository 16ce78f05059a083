import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { protectionApi, protectionQueries, type TeamCandidate } from '../api/protection.js';
import { useLoaded } from '../api/queries.js';
import type { CaseSectionProps } from '../protection.js';
import { Disclosure, SectionNotice, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { Show } from './Show.js';

type TeamFormProps = Omit<CaseSectionProps, 'vocabulary' | 'incidents'> & { me: Me; onDone: () => void };

/**
 * The team editor of a unit manager: a checkbox for each of the unit's active officers and
 * managers (the server's candidates). A member who has since left the unit, or lost the role,
 * is listed apart: saving removes them, since the server accepts only candidates.
 */
function TeamChecklist({
  me,
  caseData,
  onChanged,
  onReload,
  onDone,
  candidates,
}: TeamFormProps & { candidates: readonly TeamCandidate[] }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const eligible = new Set(candidates.map((candidate) => candidate.id));
  const leaving = caseData.team.filter((member) => !eligible.has(member.id));
  const [members, setMembers] = useState<string[]>(() => caseData.team.map((member) => member.id).filter((member) => eligible.has(member)));
  const fields: FormFields = { members: { label: t('protection.team.members'), id: id('members') } };
  const membersId = fields.members?.id ?? '';
  const membersError = errorOf(submission.problem, fields, 'members');
  const name = (member: { id: string; name: string }) =>
    member.id === me.id ? t('protection.team.me', { name: member.name }) : member.name;

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
      <fieldset id={membersId} tabIndex={-1} aria-describedby={membersError ? `${membersId}-error` : `${membersId}-hint`}>
        <legend>{t('protection.team.members')}</legend>
        <p id={`${membersId}-hint`} className="hint">
          {t('protection.team.hint')}
        </p>
        {membersError && (
          <p id={`${membersId}-error`} className="field-error">
            {membersError}
          </p>
        )}
        <ul className="plain protection-checklist">
          {candidates.map((candidate) => (
            <li key={candidate.id} className="checkbox">
              <input
                id={`${membersId}-${candidate.id}`}
                type="checkbox"
                checked={members.includes(candidate.id)}
                onChange={(event) =>
                  setMembers((previous) =>
                    event.target.checked ? [...previous, candidate.id] : previous.filter((member) => member !== candidate.id),
                  )
                }
              />
              <label htmlFor={`${membersId}-${candidate.id}`}>
                {name(candidate)}
                <span className="incident-cell-note">{t(`roles.${candidate.role as 'officer' | 'manager'}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {leaving.length > 0 && (
        <p className="hint protection-team-leaving">
          {t('protection.team.leaving', { count: leaving.length, names: leaving.map(name).join(', ') })}
        </p>
      )}
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.team.submit')}
      </button>
    </form>
  );
}

function TeamForm(props: TeamFormProps) {
  const { ref } = props.caseData;
  const loaded = useLoaded(protectionQueries.teamCandidates(ref));
  return (
    <Show loaded={loaded}>
      {({ candidates }) => {
        // One line per person, even should the server name someone twice.
        const unique = candidates.filter((candidate, i) => candidates.findIndex((other) => other.id === candidate.id) === i);
        return <TeamChecklist {...props} candidates={unique} />;
      }}
    </Show>
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
      {caseData.may.assignTeam && (
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
