import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtectionCase } from '../../../src/contracts/protection.js';
import { protectionApi } from '../api/protection.js';
import { type CaseSectionProps, personChoiceLabel, termLabel, todayIso } from '../protection.js';
import { SelectField, TextField } from './fields.js';
import { Disclosure, SectionNotice, TermOptions, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { ScrollingTable } from './ScrollingTable.js';
import { Day, NoValue } from './StrengthValues.js';

type Consent = ProtectionCase['consents'][number];

function WithdrawForm({
  consent,
  caseData,
  onChanged,
  onReload,
  onSaved,
  onCancel,
}: Omit<CaseSectionProps, 'vocabulary' | 'incidents'> & {
  consent: Consent;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [withdrawnOn, setWithdrawnOn] = useState(todayIso());
  const fields: FormFields = { withdrawnOn: { label: t('protection.consents.withdrawnOn'), id: id('withdrawnOn') } };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changed = await submission.submit(() => protectionApi.withdrawConsent(caseData.ref, consent.id, withdrawnOn));
    if (changed) {
      onChanged(changed);
      onSaved();
    }
  };

  return (
    <form className="form protection-form protection-inline-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <TextField
        id={fields.withdrawnOn?.id}
        label={t('protection.consents.withdrawnOn')}
        type="date"
        value={withdrawnOn}
        onChange={setWithdrawnOn}
        error={errorOf(submission.problem, fields, 'withdrawnOn')}
      />
      <div className="button-row">
        <button type="submit" className="button-danger" aria-disabled={submission.busy}>
          {submission.busy ? t('common.saving') : t('protection.consents.saveWithdrawal')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function RecordConsentForm({
  caseData,
  vocabulary,
  onChanged,
  onReload,
  onDone,
}: Omit<CaseSectionProps, 'incidents'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [draft, setDraft] = useState({
    person: caseData.persons.length === 1 ? (caseData.persons[0]?.pseudonym ?? '') : '',
    purpose: 'referral',
    partner: '',
    givenBy: 'person',
    obtainedOn: todayIso(),
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const fields: FormFields = {
    person: { label: t('protection.consents.person'), id: id('person') },
    purpose: { label: t('protection.consents.purpose'), id: id('purpose') },
    partner: { label: t('protection.consents.partner'), id: id('partner') },
    givenBy: { label: t('protection.consents.givenBy'), id: id('givenBy') },
    obtainedOn: { label: t('protection.consents.obtainedOn'), id: id('obtainedOn') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.person === '') {
      submission.reject([{ path: 'person', message: t('protection.consents.choosePerson') }]);
      return;
    }
    const changed = await submission.submit(() =>
      protectionApi.recordConsent(caseData.ref, draft.person, {
        purpose: draft.purpose as 'referral',
        partner: draft.purpose === 'sharing' ? draft.partner : '',
        givenBy: draft.givenBy as 'person',
        obtainedOn: draft.obtainedOn,
      }),
    );
    if (changed) {
      onChanged(changed);
      onDone();
    }
  };

  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <div className="form-row">
        <SelectField
          id={fields.person?.id}
          label={t('protection.consents.person')}
          value={draft.person}
          onChange={(v) => set('person', v)}
          error={error('person')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          {caseData.persons.map((person) => (
            <option key={person.pseudonym} value={person.pseudonym}>
              {personChoiceLabel(person, vocabulary)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fields.purpose?.id}
          label={t('protection.consents.purpose')}
          value={draft.purpose}
          onChange={(v) => set('purpose', v)}
          error={error('purpose')}
        >
          <TermOptions terms={vocabulary.consentPurposes} />
        </SelectField>
        {draft.purpose === 'sharing' && (
          <TextField
            id={fields.partner?.id}
            label={t('protection.consents.partner')}
            hint={t('protection.consents.partnerHint')}
            value={draft.partner}
            onChange={(v) => set('partner', v)}
            error={error('partner')}
          />
        )}
        <SelectField
          id={fields.givenBy?.id}
          label={t('protection.consents.givenBy')}
          value={draft.givenBy}
          onChange={(v) => set('givenBy', v)}
          error={error('givenBy')}
        >
          <TermOptions terms={vocabulary.consentGivers} />
        </SelectField>
        <TextField
          id={fields.obtainedOn?.id}
          label={t('protection.consents.obtainedOn')}
          type="date"
          value={draft.obtainedOn}
          onChange={(v) => set('obtainedOn', v)}
          error={error('obtainedOn')}
        />
      </div>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.consents.submit')}
      </button>
    </form>
  );
}

/** Consent per person and purpose (referral, reporting, sharing with a named partner), and its withdrawal: the server enforces it. */
export function ProtectionConsents(props: CaseSectionProps) {
  const { caseData, vocabulary } = props;
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const { notice, show, noticeRef } = useNotice();
  const editable = caseData.may.edit;

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {caseData.consents.length === 0 ? (
        <p>{t('protection.consents.none')}</p>
      ) : (
        <ScrollingTable caption={t('protection.consents.caption')} className="protection-table">
          <thead>
            <tr>
              <th scope="col">{t('protection.consents.person')}</th>
              <th scope="col">{t('protection.consents.purpose')}</th>
              <th scope="col">{t('protection.consents.givenBy')}</th>
              <th scope="col">{t('protection.consents.obtainedOn')}</th>
              <th scope="col">{t('protection.consents.state')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('protection.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {caseData.consents.map((consent) => (
              <Fragment key={consent.id}>
                <tr>
                  <td className="nowrap protection-pseudonym">{consent.person}</td>
                  <td>
                    {termLabel(vocabulary.consentPurposes, consent.purpose)}
                    {consent.partner && (
                      <span className="incident-cell-note">{t('protection.consents.with', { partner: consent.partner })}</span>
                    )}
                  </td>
                  <td>{termLabel(vocabulary.consentGivers, consent.givenBy)}</td>
                  <td>
                    <Day value={consent.obtainedOn} />
                    <span className="incident-cell-note">{t('protection.consents.by', { name: consent.obtainedBy.name })}</span>
                  </td>
                  <td>
                    {consent.active ? (
                      <span className="incident-status incident-status-verified">{t('protection.consents.active')}</span>
                    ) : (
                      <>
                        <span className="incident-status incident-status-rejected">{t('protection.consents.withdrawn')}</span>
                        {consent.withdrawnOn && (
                          <span className="incident-cell-note">
                            <Day value={consent.withdrawnOn} />
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  {editable && (
                    <td>
                      {consent.active ? (
                        <button
                          type="button"
                          className="button-secondary button-small"
                          aria-expanded={withdrawing === consent.id}
                          onClick={() => setWithdrawing(withdrawing === consent.id ? null : consent.id)}
                        >
                          {t('protection.consents.withdraw')}
                          <span className="visually-hidden">
                            {' '}
                            — {consent.person}, {termLabel(vocabulary.consentPurposes, consent.purpose)}
                          </span>
                        </button>
                      ) : (
                        <NoValue />
                      )}
                    </td>
                  )}
                </tr>
                {withdrawing === consent.id && (
                  <tr className="protection-form-row">
                    <td colSpan={6}>
                      <WithdrawForm
                        consent={consent}
                        {...props}
                        onSaved={() => {
                          setWithdrawing(null);
                          show((tr) => tr('protection.consents.withdrawnNotice', { person: consent.person }));
                        }}
                        onCancel={() => setWithdrawing(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {editable &&
        (caseData.persons.length === 0 ? (
          <p className="hint">{t('protection.consents.needPerson')}</p>
        ) : (
          <Disclosure label={t('protection.consents.add')} open={adding} onToggle={setAdding}>
            <RecordConsentForm
              {...props}
              onDone={() => {
                setAdding(false);
                show((tr) => tr('protection.consents.recorded'));
              }}
            />
          </Disclosure>
        ))}
    </>
  );
}
