import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProtectionIdentity, type ProtectionPerson, protectionApi } from '../api/protection.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { OfflineUnavailable } from '../offline/OfflineUnavailable.js';
import { type CaseSectionProps, partyTerms, termLabel } from '../protection.js';
import { Link } from '../router.js';
import { SelectField, TextAreaField, TextField } from './fields.js';
import { Disclosure, SectionNotice, TermOptions, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { RevealDialog } from './RevealDialog.js';
import { ScrollingTable } from './ScrollingTable.js';
import { NoValue } from './StrengthValues.js';

const KINDS = ['individual', 'group'] as const;

/** "19 ans", "12 à 17 ans", or a group's size. */
function AgeCell({ person, vocabulary }: { person: ProtectionPerson } & Pick<CaseSectionProps, 'vocabulary'>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const age =
    person.age !== null
      ? t('protection.persons.years', { count: person.age, n: formatCount(person.age, locale) })
      : termLabel(vocabulary.ageGroups, person.ageGroup);
  return (
    <>
      {age ?? <NoValue />}
      {person.child && <span className="tag protection-child">{t('protection.persons.child')}</span>}
    </>
  );
}

/** The identity shown in place after a reveal, with the way to hide it again. */
function RevealedIdentity({ identity, onHide }: { identity: ProtectionIdentity; onHide: () => void }) {
  const { t } = useTranslation();
  const region = useRef<HTMLElement>(null);
  const titleId = useId();
  useEffect(() => region.current?.focus(), []);
  const facts: [string, string][] = [
    [t('protection.identity.name'), identity.name],
    [t('protection.identity.contact'), identity.contact],
    [t('protection.identity.birthDate'), identity.birthDate],
    [t('protection.identity.address'), identity.address],
    [t('protection.identity.description'), identity.description],
  ];
  return (
    <section ref={region} className="protection-identity" aria-labelledby={titleId} tabIndex={-1}>
      <p id={titleId} className="protection-identity-title">
        {t('protection.identity.title', { pseudonym: identity.pseudonym })}
      </p>
      <dl className="incident-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value || <NoValue />}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button-secondary button-small" onClick={onHide}>
        {t('protection.identity.hide', { pseudonym: identity.pseudonym })}
      </button>
    </section>
  );
}

interface PersonDraft {
  role: string;
  kind: (typeof KINDS)[number];
  groupSize: string;
  sex: string;
  age: string;
  ageGroup: string;
  affiliation: string;
  name: string;
  contact: string;
  birthDate: string;
  address: string;
  description: string;
}

const EMPTY_PERSON: PersonDraft = {
  role: 'victim',
  kind: 'individual',
  groupSize: '',
  sex: 'unknown',
  age: '',
  ageGroup: '',
  affiliation: '',
  name: '',
  contact: '',
  birthDate: '',
  address: '',
  description: '',
};

/** A whole number typed in a field, or null when empty; anything else goes to the server as is, to be refused there. */
function wholeOrNull(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : Number(trimmed);
}

function AddPersonForm({
  caseData,
  vocabulary,
  incidents,
  onAdded,
}: Omit<CaseSectionProps, 'onChanged' | 'onReload'> & { onAdded: (pseudonym: string, duplicates: string[]) => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [draft, setDraft] = useState<PersonDraft>(EMPTY_PERSON);
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const misconduct = caseData.programme === 'misconduct';
  const affiliationLabel = misconduct ? t('protection.persons.personnel') : t('protection.persons.affiliation');

  const fields: FormFields = {
    role: { label: t('protection.persons.role'), id: id('role') },
    kind: { label: t('protection.persons.kind'), id: id('kind') },
    groupSize: { label: t('protection.persons.groupSize'), id: id('groupSize') },
    sex: { label: t('protection.persons.sex'), id: id('sex') },
    age: { label: t('protection.persons.age'), id: id('age') },
    ageGroup: { label: t('protection.persons.ageGroup'), id: id('ageGroup') },
    affiliation: { label: affiliationLabel, id: id('affiliation') },
    'identity.name': { label: t('protection.identity.name'), id: id('identity.name') },
    'identity.contact': { label: t('protection.identity.contact'), id: id('identity.contact') },
    'identity.birthDate': { label: t('protection.identity.birthDate'), id: id('identity.birthDate') },
    'identity.address': { label: t('protection.identity.address'), id: id('identity.address') },
    'identity.description': { label: t('protection.identity.description'), id: id('identity.description') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const age = wholeOrNull(draft.age);
    const added = await submission.submit(() =>
      protectionApi.addPerson(caseData.ref, {
        role: draft.role as 'victim',
        kind: draft.kind,
        groupSize: draft.kind === 'group' ? wholeOrNull(draft.groupSize) : null,
        sex: draft.sex as 'unknown',
        age,
        ageGroup: age === null ? draft.ageGroup || null : null,
        affiliation: draft.affiliation || null,
        identity: {
          name: draft.name,
          contact: draft.contact,
          birthDate: draft.birthDate,
          address: draft.address,
          description: draft.description,
        },
      }),
    );
    if (added) onAdded(added.pseudonym, added.duplicates);
  };

  return (
    <form className="form protection-form" onSubmit={add} noValidate>
      <OfflineUnavailable />
      <FormErrors submission={submission} fields={fields} />
      <div className="form-row">
        <SelectField
          id={fields.role?.id}
          label={t('protection.persons.role')}
          value={draft.role}
          onChange={(v) => set('role', v)}
          error={error('role')}
        >
          <TermOptions terms={vocabulary.personRoles} />
        </SelectField>
        <SelectField
          id={fields.kind?.id}
          label={t('protection.persons.kind')}
          value={draft.kind}
          onChange={(v) => set('kind', v as PersonDraft['kind'])}
          error={error('kind')}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`protection.persons.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        {draft.kind === 'group' && (
          <TextField
            id={fields.groupSize?.id}
            label={t('protection.persons.groupSize')}
            inputMode="numeric"
            value={draft.groupSize}
            onChange={(v) => set('groupSize', v)}
            error={error('groupSize')}
          />
        )}
        <SelectField
          id={fields.sex?.id}
          label={t('protection.persons.sex')}
          value={draft.sex}
          onChange={(v) => set('sex', v)}
          error={error('sex')}
        >
          <TermOptions terms={vocabulary.sexes} />
        </SelectField>
        <TextField
          id={fields.age?.id}
          label={t('protection.persons.age')}
          hint={t('protection.persons.ageHint')}
          optional
          inputMode="numeric"
          autoComplete="off"
          value={draft.age}
          onChange={(v) => set('age', v)}
          error={error('age')}
        />
        {draft.age.trim() === '' && (
          <SelectField
            id={fields.ageGroup?.id}
            label={t('protection.persons.ageGroup')}
            optional
            value={draft.ageGroup}
            onChange={(v) => set('ageGroup', v)}
            error={error('ageGroup')}
          >
            <option value="">{t('protection.persons.unknownAge')}</option>
            <TermOptions terms={vocabulary.ageGroups} />
          </SelectField>
        )}
        <SelectField
          id={fields.affiliation?.id}
          label={affiliationLabel}
          optional
          value={draft.affiliation}
          onChange={(v) => set('affiliation', v)}
          error={error('affiliation')}
        >
          <option value="">{t('protection.persons.noAffiliation')}</option>
          <TermOptions terms={partyTerms(vocabulary, incidents, caseData.programme, t('protection.unknownParty'))} />
        </SelectField>
      </div>
      <fieldset className="protection-sealed">
        <legend>
          {t('protection.identity.legend')} <span className="tag protection-sealed-tag">{t('protection.sealed')}</span>
        </legend>
        <p className="hint">{t('protection.identity.hint')}</p>
        <div className="form-row">
          <TextField
            id={fields['identity.name']?.id}
            label={t('protection.identity.name')}
            optional
            autoComplete="off"
            value={draft.name}
            onChange={(v) => set('name', v)}
            error={error('identity.name')}
          />
          <TextField
            id={fields['identity.contact']?.id}
            label={t('protection.identity.contact')}
            optional
            autoComplete="off"
            value={draft.contact}
            onChange={(v) => set('contact', v)}
            error={error('identity.contact')}
          />
          <TextField
            id={fields['identity.birthDate']?.id}
            label={t('protection.identity.birthDate')}
            optional
            type="date"
            value={draft.birthDate}
            onChange={(v) => set('birthDate', v)}
            error={error('identity.birthDate')}
          />
          <TextField
            id={fields['identity.address']?.id}
            label={t('protection.identity.address')}
            optional
            autoComplete="off"
            value={draft.address}
            onChange={(v) => set('address', v)}
            error={error('identity.address')}
          />
        </div>
        <TextAreaField
          id={fields['identity.description']?.id}
          label={t('protection.identity.description')}
          hint={t('protection.identity.descriptionHint')}
          optional
          rows={3}
          value={draft.description}
          onChange={(v) => set('description', v)}
          error={error('identity.description')}
        />
      </fieldset>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('common.saving') : t('protection.persons.submit')}
      </button>
    </form>
  );
}

/**
 * The persons of a case under their pseudonyms. An identity is shown only after an explicit,
 * audited reveal with a reason, in place, until hidden again; it is held in this component's
 * state and nowhere else (never stored in the browser).
 */
export function ProtectionPersons({ caseData, vocabulary, incidents, onChanged }: CaseSectionProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [revealing, setRevealing] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<ReadonlyMap<string, ProtectionIdentity>>(new Map());
  const { notice, show, noticeRef } = useNotice();
  const revealButtons = useRef(new Map<string, HTMLButtonElement>());
  const misconduct = caseData.programme === 'misconduct';
  const parties = partyTerms(vocabulary, incidents, caseData.programme, t('protection.unknownParty'));

  const hide = (pseudonym: string) => {
    setRevealed((previous) => {
      const next = new Map(previous);
      next.delete(pseudonym);
      return next;
    });
    // The identity and its button are gone: the person's reveal button takes the focus back.
    requestAnimationFrame(() => revealButtons.current.get(pseudonym)?.focus());
  };

  const added = async (pseudonym: string, duplicates: string[]) => {
    setAdding(false);
    show((tr) =>
      duplicates.length > 0
        ? tr('protection.persons.addedDuplicates', { pseudonym, refs: duplicates.join(', ') })
        : tr('protection.persons.added', { pseudonym }),
    );
    onChanged(await protectionApi.get(caseData.ref));
  };

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {caseData.persons.length === 0 ? (
        <p>{t('protection.persons.none')}</p>
      ) : (
        <ScrollingTable caption={t('protection.persons.caption')} className="protection-table">
          <thead>
            <tr>
              <th scope="col">{t('protection.persons.pseudonym')}</th>
              <th scope="col">{t('protection.persons.role')}</th>
              <th scope="col">{t('protection.persons.sex')}</th>
              <th scope="col">{t('protection.persons.ageColumn')}</th>
              <th scope="col">{misconduct ? t('protection.persons.personnel') : t('protection.persons.affiliation')}</th>
              <th scope="col">{t('protection.persons.identity')}</th>
              <th scope="col">{t('protection.persons.duplicates')}</th>
            </tr>
          </thead>
          <tbody>
            {caseData.persons.map((person) => {
              const identity = revealed.get(person.pseudonym);
              return (
                <Fragment key={person.pseudonym}>
                  <tr>
                    <th scope="row" className="nowrap protection-pseudonym">
                      {person.pseudonym}
                    </th>
                    <td>
                      {termLabel(vocabulary.personRoles, person.role)}
                      {person.kind === 'group' && person.groupSize !== null && (
                        <span className="incident-cell-note">{t('protection.persons.group', { count: person.groupSize })}</span>
                      )}
                    </td>
                    <td>{termLabel(vocabulary.sexes, person.sex)}</td>
                    <td>
                      <AgeCell person={person} vocabulary={vocabulary} />
                    </td>
                    <td>{termLabel(parties, person.affiliation) ?? <NoValue />}</td>
                    <td>
                      {!person.hasIdentity ? (
                        <span className="hint">{t('protection.persons.noIdentity')}</span>
                      ) : identity ? (
                        <span className="hint">{t('protection.persons.shownBelow')}</span>
                      ) : (
                        <button
                          ref={(element) => {
                            if (element) revealButtons.current.set(person.pseudonym, element);
                            else revealButtons.current.delete(person.pseudonym);
                          }}
                          type="button"
                          className="button-secondary button-small"
                          onClick={() => setRevealing(person.pseudonym)}
                        >
                          {t('protection.persons.reveal')}
                          <span className="visually-hidden"> — {person.pseudonym}</span>
                        </button>
                      )}
                    </td>
                    <td>
                      {person.duplicates.length === 0 ? (
                        <NoValue />
                      ) : (
                        <ul className="plain">
                          {person.duplicates.map((ref) => (
                            <li key={ref}>
                              <Link to={`/protection/${encodeURIComponent(ref)}`}>{ref}</Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                  {identity && (
                    <tr className="protection-identity-row">
                      <td colSpan={7}>
                        <RevealedIdentity identity={identity} onHide={() => hide(person.pseudonym)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </ScrollingTable>
      )}
      {revealing && (
        <RevealDialog
          title={t('protection.reveal.title', { pseudonym: revealing })}
          reveal={(reason) => protectionApi.reveal(caseData.ref, revealing, reason)}
          onRevealed={(identity) => {
            setRevealed((previous) => new Map(previous).set(identity.pseudonym, identity));
            setRevealing(null);
          }}
          onClose={() => {
            const pseudonym = revealing;
            setRevealing(null);
            requestAnimationFrame(() => revealButtons.current.get(pseudonym)?.focus());
          }}
        />
      )}
      {caseData.may.edit && (
        <Disclosure label={t('protection.persons.add')} open={adding} onToggle={setAdding}>
          <AddPersonForm caseData={caseData} vocabulary={vocabulary} incidents={incidents} onAdded={(p, d) => void added(p, d)} />
        </Disclosure>
      )}
    </>
  );
}
