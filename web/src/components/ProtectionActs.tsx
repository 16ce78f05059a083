import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProtectionAct, protectionApi } from '../api/protection.js';
import { type CaseSectionProps, partyTerms, termLabel, todayIso, violationTerms } from '../protection.js';
import { SelectField, TextField } from './fields.js';
import { Disclosure, SectionNotice, TermOptions, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { ScrollingTable } from './ScrollingTable.js';
import { Day, NoValue } from './StrengthValues.js';

const VERIFICATIONS = ['pending', 'verified', 'not_verified'] as const;
type Verification = (typeof VERIFICATIONS)[number];

function VerificationCell({ act, vocabulary }: { act: ProtectionAct } & Pick<CaseSectionProps, 'vocabulary'>) {
  const { t } = useTranslation();
  return (
    <>
      {t(`protection.acts.verifications.${act.verification as Verification}`)}
      {act.verifiedOn && (
        <span className="incident-cell-note">
          <Day value={act.verifiedOn} />
        </span>
      )}
      {act.standardOfProof && <span className="incident-cell-note">{termLabel(vocabulary.standardsOfProof, act.standardOfProof)}</span>}
      {act.late && <span className="tag protection-late">{t('protection.acts.late')}</span>}
    </>
  );
}

function VerifyForm({
  act,
  caseData,
  vocabulary,
  onChanged,
  onReload,
  onSaved,
  onCancel,
}: { act: ProtectionAct; onSaved: () => void; onCancel: () => void } & Omit<CaseSectionProps, 'incidents'>) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [verification, setVerification] = useState<Verification>(
    act.verification === 'pending' ? 'verified' : (act.verification as Verification),
  );
  const [verifiedOn, setVerifiedOn] = useState(act.verifiedOn ?? todayIso());
  const [standardOfProof, setStandardOfProof] = useState(act.standardOfProof ?? '');
  const fields: FormFields = {
    verification: { label: t('protection.acts.verification'), id: id('verification') },
    verifiedOn: { label: t('protection.acts.verifiedOn'), id: id('verifiedOn') },
    standardOfProof: { label: t('protection.acts.standardOfProof'), id: id('standardOfProof') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changed = await submission.submit(() =>
      protectionApi.verifyAct(caseData.ref, act.id, {
        verification,
        verifiedOn: verification === 'pending' ? null : verifiedOn || null,
        standardOfProof: verification === 'verified' ? standardOfProof || null : null,
      }),
    );
    if (changed) {
      onChanged(changed);
      onSaved();
    }
  };

  return (
    <form className="form protection-form protection-inline-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <div className="form-row">
        <SelectField
          id={fields.verification?.id}
          label={t('protection.acts.verification')}
          value={verification}
          onChange={(value) => setVerification(value as Verification)}
          error={error('verification')}
        >
          {VERIFICATIONS.map((value) => (
            <option key={value} value={value}>
              {t(`protection.acts.verifications.${value}`)}
            </option>
          ))}
        </SelectField>
        {verification !== 'pending' && (
          <TextField
            id={fields.verifiedOn?.id}
            label={t('protection.acts.verifiedOn')}
            type="date"
            value={verifiedOn}
            onChange={setVerifiedOn}
            error={error('verifiedOn')}
          />
        )}
        {verification === 'verified' && (
          <SelectField
            id={fields.standardOfProof?.id}
            label={t('protection.acts.standardOfProof')}
            value={standardOfProof}
            onChange={setStandardOfProof}
            error={error('standardOfProof')}
          >
            <option value="">{t('protection.chooseOne')}</option>
            <TermOptions terms={vocabulary.standardsOfProof.filter((term) => term.code !== 'not_verified')} />
          </SelectField>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={submission.busy}>
          {submission.busy ? t('common.saving') : t('protection.acts.saveVerification')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AddActForm({ caseData, vocabulary, incidents, onChanged, onReload, onDone }: CaseSectionProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const victims = caseData.persons.filter((person) => person.role === 'victim');
  const perpetrators = caseData.persons.filter((person) => person.role === 'perpetrator');
  const parties = partyTerms(vocabulary, incidents, caseData.programme, t('protection.unknownParty'));
  const firstPerpetrator = perpetrators.length === 1 ? perpetrators[0] : undefined;
  const [draft, setDraft] = useState({
    victim: victims.length === 1 ? (victims[0]?.pseudonym ?? '') : '',
    perpetrator: firstPerpetrator?.pseudonym ?? '',
    party: firstPerpetrator?.affiliation ?? '',
    violation: '',
    occurredOn: caseData.occurredOn,
    region: caseData.region,
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const violationLabel = t(`protection.acts.violationBy.${caseData.programme}`);
  const fields: FormFields = {
    victim: { label: t('protection.acts.victim'), id: id('victim') },
    perpetrator: { label: t('protection.acts.perpetrator'), id: id('perpetrator') },
    party: { label: t('protection.acts.party'), id: id('party') },
    violation: { label: violationLabel, id: id('violation') },
    occurredOn: { label: t('protection.acts.occurredOn'), id: id('occurredOn') },
    region: { label: t('protection.form.region'), id: id('region') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const changed = await submission.submit(() =>
      protectionApi.addAct(caseData.ref, {
        victim: draft.victim,
        perpetrator: draft.perpetrator || null,
        party: draft.party,
        violation: draft.violation,
        occurredOn: draft.occurredOn,
        region: draft.region,
      }),
    );
    if (changed) {
      onChanged(changed);
      onDone();
    }
  };

  if (victims.length === 0) return <p className="hint">{t('protection.acts.needVictim')}</p>;
  return (
    <form className="form protection-form" onSubmit={add} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <div className="form-row">
        <SelectField
          id={fields.victim?.id}
          label={t('protection.acts.victim')}
          value={draft.victim}
          onChange={(v) => set('victim', v)}
          error={error('victim')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          {victims.map((person) => (
            <option key={person.pseudonym} value={person.pseudonym}>
              {person.pseudonym}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fields.perpetrator?.id}
          label={t('protection.acts.perpetrator')}
          optional
          value={draft.perpetrator}
          onChange={(pseudonym) =>
            setDraft((previous) => ({
              ...previous,
              perpetrator: pseudonym,
              // The perpetrator's affiliation is the act's party, unless one was chosen already.
              party: previous.party || (perpetrators.find((person) => person.pseudonym === pseudonym)?.affiliation ?? ''),
            }))
          }
          error={error('perpetrator')}
        >
          <option value="">{t('protection.acts.noPerpetrator')}</option>
          {perpetrators.map((person) => (
            <option key={person.pseudonym} value={person.pseudonym}>
              {person.pseudonym}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fields.party?.id}
          label={t('protection.acts.party')}
          value={draft.party}
          onChange={(v) => set('party', v)}
          error={error('party')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          <TermOptions terms={parties} />
        </SelectField>
        <SelectField
          id={fields.violation?.id}
          label={violationLabel}
          value={draft.violation}
          onChange={(v) => set('violation', v)}
          error={error('violation')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          <TermOptions terms={violationTerms(vocabulary, caseData.programme)} />
        </SelectField>
        <TextField
          id={fields.occurredOn?.id}
          label={t('protection.acts.occurredOn')}
          type="date"
          value={draft.occurredOn}
          onChange={(v) => set('occurredOn', v)}
          error={error('occurredOn')}
        />
        <SelectField
          id={fields.region?.id}
          label={t('protection.form.region')}
          value={draft.region}
          onChange={(v) => set('region', v)}
          error={error('region')}
        >
          <TermOptions terms={incidents.regions} />
        </SelectField>
      </div>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.acts.submit')}
      </button>
    </form>
  );
}

/** Who did what to whom: each act names a victim, a perpetrator or a party, a violation of the programme's vocabulary, and its verification. */
export function ProtectionActs(props: CaseSectionProps) {
  const { caseData, vocabulary, incidents } = props;
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [verifying, setVerifying] = useState<string | null>(null);
  const { notice, show, noticeRef } = useNotice();
  const parties = partyTerms(vocabulary, incidents, caseData.programme, t('protection.unknownParty'));
  const violations = violationTerms(vocabulary, caseData.programme);
  const editable = caseData.may.edit;
  const columns = editable ? 6 : 5;

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {caseData.acts.length === 0 ? (
        <p>{t('protection.acts.none')}</p>
      ) : (
        <ScrollingTable caption={t('protection.acts.caption')} className="protection-table">
          <thead>
            <tr>
              <th scope="col">{t(`protection.acts.violationBy.${caseData.programme}`)}</th>
              <th scope="col">{t('protection.acts.victim')}</th>
              <th scope="col">{t('protection.acts.perpetratorAndParty')}</th>
              <th scope="col">{t('protection.acts.whenWhere')}</th>
              <th scope="col">{t('protection.acts.verification')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('protection.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {caseData.acts.map((act) => (
              <Fragment key={act.id}>
                <tr>
                  <td>{termLabel(violations, act.violation)}</td>
                  <td className="nowrap protection-pseudonym">{act.victim}</td>
                  <td>
                    <span className="protection-pseudonym">{act.perpetrator ?? <NoValue />}</span>
                    <span className="incident-cell-note">{termLabel(parties, act.party)}</span>
                  </td>
                  <td>
                    <span className="nowrap">
                      <Day value={act.occurredOn} />
                    </span>
                    <span className="incident-cell-note">{termLabel(incidents.regions, act.region)}</span>
                  </td>
                  <td>
                    <VerificationCell act={act} vocabulary={vocabulary} />
                  </td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-expanded={verifying === act.id}
                        onClick={() => setVerifying(verifying === act.id ? null : act.id)}
                      >
                        {t('protection.acts.verify')}
                        <span className="visually-hidden">
                          {' '}
                          — {termLabel(violations, act.violation)}, {act.victim}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
                {verifying === act.id && (
                  <tr className="protection-form-row">
                    <td colSpan={columns}>
                      <VerifyForm
                        act={act}
                        {...props}
                        onSaved={() => {
                          setVerifying(null);
                          show((tr) => tr('protection.acts.verified'));
                        }}
                        onCancel={() => setVerifying(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {editable && (
        <Disclosure label={t('protection.acts.add')} open={adding} onToggle={setAdding}>
          <AddActForm
            {...props}
            onDone={() => {
              setAdding(false);
              show((tr) => tr('protection.acts.added'));
            }}
          />
        </Disclosure>
      )}
    </>
  );
}
