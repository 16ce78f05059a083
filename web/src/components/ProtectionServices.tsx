import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtectionCase } from '../../../src/contracts/protection.js';
import { protectionApi } from '../api/protection.js';
import { type CaseSectionProps, termLabel, todayIso } from '../protection.js';
import { SelectField, TextField } from './fields.js';
import { Disclosure, SectionNotice, TermOptions, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { ScrollingTable } from './ScrollingTable.js';
import { Day } from './StrengthValues.js';

type Service = ProtectionCase['services'][number];
const SERVICE_STATUSES = ['referred', 'in_progress', 'completed', 'declined'] as const;
type ServiceStatus = (typeof SERVICE_STATUSES)[number];

function UpdateServiceForm({
  service,
  caseData,
  vocabulary,
  onChanged,
  onReload,
  onSaved,
  onCancel,
}: Omit<CaseSectionProps, 'incidents'> & { service: Service; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [status, setStatus] = useState<ServiceStatus>(service.status === 'referred' ? 'in_progress' : (service.status as ServiceStatus));
  const [on, setOn] = useState(todayIso());
  const fields: FormFields = {
    status: { label: t('protection.services.status'), id: id('status') },
    on: { label: t('protection.services.on'), id: id('on') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changed = await submission.submit(() => protectionApi.updateService(caseData.ref, service.id, { status, on }));
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
          id={fields.status?.id}
          label={t('protection.services.status')}
          value={status}
          onChange={(value) => setStatus(value as ServiceStatus)}
          error={error('status')}
        >
          <TermOptions terms={vocabulary.serviceStatuses} />
        </SelectField>
        <TextField id={fields.on?.id} label={t('protection.services.on')} type="date" value={on} onChange={setOn} error={error('on')} />
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={submission.busy}>
          {submission.busy ? t('common.saving') : t('protection.services.saveStatus')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReferForm({ caseData, vocabulary, onChanged, onReload, onDone }: Omit<CaseSectionProps, 'incidents'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const victims = caseData.persons.filter((person) => person.role === 'victim');
  const [draft, setDraft] = useState({
    person: victims.length === 1 ? (victims[0]?.pseudonym ?? '') : '',
    kind: '',
    provider: '',
    referredOn: todayIso(),
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const fields: FormFields = {
    person: { label: t('protection.services.person'), id: id('person') },
    kind: { label: t('protection.services.kind'), id: id('kind') },
    provider: { label: t('protection.services.provider'), id: id('provider') },
    referredOn: { label: t('protection.services.referredOn'), id: id('referredOn') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(draft.person === '' ? [{ path: 'person', message: t('protection.services.choosePerson') }] : []),
      ...(draft.kind === '' ? [{ path: 'kind', message: t('protection.services.chooseKind') }] : []),
    ];
    if (missing.length > 0) {
      submission.reject(missing);
      return;
    }
    const changed = await submission.submit(() => protectionApi.refer(caseData.ref, draft));
    if (changed) {
      onChanged(changed);
      onDone();
    }
  };

  if (victims.length === 0) return <p className="hint">{t('protection.services.needVictim')}</p>;
  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <p className="hint">{t('protection.services.consentHint')}</p>
      <div className="form-row">
        <SelectField
          id={fields.person?.id}
          label={t('protection.services.person')}
          value={draft.person}
          onChange={(v) => set('person', v)}
          error={error('person')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          {victims.map((person) => (
            <option key={person.pseudonym} value={person.pseudonym}>
              {person.pseudonym}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fields.kind?.id}
          label={t('protection.services.kind')}
          value={draft.kind}
          onChange={(v) => set('kind', v)}
          error={error('kind')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          <TermOptions terms={vocabulary.serviceKinds} />
        </SelectField>
        <TextField
          id={fields.provider?.id}
          label={t('protection.services.provider')}
          hint={t('protection.services.providerHint')}
          value={draft.provider}
          onChange={(v) => set('provider', v)}
          error={error('provider')}
        />
        <TextField
          id={fields.referredOn?.id}
          label={t('protection.services.referredOn')}
          type="date"
          value={draft.referredOn}
          onChange={(v) => set('referredOn', v)}
          error={error('referredOn')}
        />
      </div>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.services.submit')}
      </button>
    </form>
  );
}

/**
 * Referrals of victims to services and their progress. For misconduct this is victim assistance,
 * tracked apart from the case against the person implicated: closing the case leaves it as it is.
 */
export function ProtectionServices(props: CaseSectionProps) {
  const { caseData, vocabulary } = props;
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [updating, setUpdating] = useState<string | null>(null);
  const { notice, show, noticeRef } = useNotice();
  const editable = caseData.may.edit;

  return (
    <>
      {caseData.programme === 'misconduct' && <p className="hint">{t('protection.services.apart')}</p>}
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {caseData.services.length === 0 ? (
        <p>{t('protection.services.none')}</p>
      ) : (
        <ScrollingTable caption={t('protection.services.caption')} className="protection-table">
          <thead>
            <tr>
              <th scope="col">{t('protection.services.person')}</th>
              <th scope="col">{t('protection.services.kind')}</th>
              <th scope="col">{t('protection.services.provider')}</th>
              <th scope="col">{t('protection.services.status')}</th>
              <th scope="col">{t('protection.services.referredOn')}</th>
              <th scope="col">{t('protection.services.updatedOn')}</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">{t('protection.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {caseData.services.map((service) => (
              <Fragment key={service.id}>
                <tr>
                  <td className="nowrap protection-pseudonym">{service.person}</td>
                  <td>{termLabel(vocabulary.serviceKinds, service.kind)}</td>
                  <td>{service.provider}</td>
                  <td>
                    <span
                      className={`incident-status incident-status-${service.status === 'completed' ? 'verified' : service.status === 'declined' ? 'rejected' : 'submitted'}`}
                    >
                      {termLabel(vocabulary.serviceStatuses, service.status)}
                    </span>
                  </td>
                  <td className="nowrap">
                    <Day value={service.referredOn} />
                  </td>
                  <td className="nowrap">
                    <Day value={service.updatedOn} />
                  </td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-expanded={updating === service.id}
                        onClick={() => setUpdating(updating === service.id ? null : service.id)}
                      >
                        {t('protection.services.update')}
                        <span className="visually-hidden">
                          {' '}
                          — {service.person}, {termLabel(vocabulary.serviceKinds, service.kind)}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
                {updating === service.id && (
                  <tr className="protection-form-row">
                    <td colSpan={7}>
                      <UpdateServiceForm
                        service={service}
                        {...props}
                        onSaved={() => {
                          setUpdating(null);
                          show((tr) => tr('protection.services.updated'));
                        }}
                        onCancel={() => setUpdating(null)}
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
        <Disclosure
          label={caseData.programme === 'misconduct' ? t('protection.services.addAssistance') : t('protection.services.add')}
          open={adding}
          onToggle={setAdding}
        >
          <ReferForm
            {...props}
            onDone={() => {
              setAdding(false);
              show((tr) => tr('protection.services.referred'));
            }}
          />
        </Disclosure>
      )}
    </>
  );
}
