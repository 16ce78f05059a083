import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { protectionApi } from '../api/protection.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type CaseSectionProps, personChoiceLabel } from '../protection.js';
import { TextField } from './fields.js';
import { Disclosure, SectionNotice, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { ScrollingTable } from './ScrollingTable.js';

function ShareForm({ caseData, vocabulary, onChanged, onReload, onDone }: Omit<CaseSectionProps, 'incidents'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [partner, setPartner] = useState('');
  const [persons, setPersons] = useState<string[]>([]);
  const fields: FormFields = {
    partner: { label: t('protection.shares.partner'), id: id('partner') },
    persons: { label: t('protection.shares.persons'), id: id('persons') },
  };
  const personsError = errorOf(submission.problem, fields, 'persons');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (persons.length === 0) {
      submission.reject([{ path: 'persons', message: t('protection.shares.choosePersons') }]);
      return;
    }
    const changed = await submission.submit(() => protectionApi.share(caseData.ref, { partner, persons }));
    if (changed) {
      onChanged(changed);
      onDone();
    }
  };

  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} onReload={onReload} />
      <p className="hint">{t('protection.shares.hint')}</p>
      <TextField
        id={fields.partner?.id}
        label={t('protection.shares.partner')}
        value={partner}
        onChange={setPartner}
        error={errorOf(submission.problem, fields, 'partner')}
      />
      <fieldset id={fields.persons?.id} tabIndex={-1} aria-describedby={personsError ? `${fields.persons?.id}-error` : undefined}>
        <legend>{t('protection.shares.persons')}</legend>
        {personsError && (
          <p id={`${fields.persons?.id}-error`} className="field-error">
            {personsError}
          </p>
        )}
        <ul className="plain protection-checklist">
          {caseData.persons.map((person) => (
            <li key={person.pseudonym} className="checkbox">
              <input
                id={`${fields.persons?.id}-${person.pseudonym}`}
                type="checkbox"
                checked={persons.includes(person.pseudonym)}
                onChange={(event) =>
                  setPersons((previous) =>
                    event.target.checked ? [...previous, person.pseudonym] : previous.filter((p) => p !== person.pseudonym),
                  )
                }
              />
              <label htmlFor={`${fields.persons?.id}-${person.pseudonym}`}>{personChoiceLabel(person, vocabulary)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.shares.submit')}
      </button>
    </form>
  );
}

/** What left the compartment, to whom, about whom: each person's consent to share with that partner is checked by the server. */
export function ProtectionShares(props: CaseSectionProps) {
  const { caseData } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const [adding, setAdding] = useState(false);
  const { notice, show, noticeRef } = useNotice();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {caseData.shares.length === 0 ? (
        <p>{t('protection.shares.none')}</p>
      ) : (
        <ScrollingTable caption={t('protection.shares.caption')} className="protection-table">
          <thead>
            <tr>
              <th scope="col">{t('protection.shares.partner')}</th>
              <th scope="col">{t('protection.shares.persons')}</th>
              <th scope="col">{t('protection.shares.sharedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {caseData.shares.map((share) => (
              <tr key={share.id}>
                <td>{share.partner}</td>
                <td className="protection-pseudonym">{share.persons.join(', ')}</td>
                <td className="nowrap">
                  <time dateTime={share.sharedAt}>{stamp.format(new Date(share.sharedAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {caseData.may.edit && caseData.persons.length > 0 && (
        <Disclosure label={t('protection.shares.add')} open={adding} onToggle={setAdding}>
          <ShareForm
            {...props}
            onDone={() => {
              setAdding(false);
              show((tr) => tr('protection.shares.recorded'));
            }}
          />
        </Disclosure>
      )}
    </>
  );
}
