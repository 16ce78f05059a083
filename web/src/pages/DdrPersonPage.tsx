import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DDR_CODE, DDR_FORCES, DDR_PATHWAYS, type DdrStepName } from '../../../src/contracts/ddr.js';
import { type DdrPerson, type DdrRevealed, type DdrVocabulary, ddrApi, ddrQueries, useDdrVocabulary } from '../api/ddr.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { DdrPersonWeapons, SiteOptions } from '../components/DdrWeapons.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { RevealDialog } from '../components/RevealDialog.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Day, NoValue } from '../components/StrengthValues.js';
import { ddrLabel } from '../ddr.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

type Reason = 'name_dob' | 'phonetic' | 'document';

/** What each step asks for beside its date. */
const STEP_FIELD: Partial<Record<DdrStepName, 'enrolmentRef' | 'site' | 'force' | 'pathway' | 'reason'>> = {
  enrol: 'enrolmentRef',
  canton: 'site',
  integrate: 'force',
  reinsert: 'pathway',
  leave: 'reason',
};

/** The next step; a refusal reloads the person too, since a child's step refers the record to Child Protection. */
function StepForm({
  person,
  vocabulary,
  onSaved,
  onRefused,
}: {
  person: DdrPerson;
  vocabulary: DdrVocabulary;
  onSaved: () => void;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const allowed = (Object.entries(person.may.steps) as [DdrStepName, boolean][]).filter(([, ok]) => ok).map(([step]) => step);
  const [step, setStep] = useState<DdrStepName>(allowed[0] ?? 'register');
  const [on, setOn] = useState('');
  const [extra, setExtra] = useState('');
  const wanted = STEP_FIELD[step];
  const fields: FormFields = {
    step: { label: t('ddr.step.step'), id: id('step') },
    on: { label: t('ddr.step.on'), id: id('on') },
    ...(wanted ? { [wanted]: { label: t(`ddr.step.${wanted}`), id: id(wanted) } } : {}),
  };
  if (allowed.length === 0) return <p>{t('ddr.step.none')}</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { version: person.version, step, on, ...(wanted ? { [wanted]: extra.trim() === '' ? null : extra.trim() } : {}) };
    if (await submission.submit(() => ddrApi.step(person.code, body))) {
      setOn('');
      setExtra('');
      onSaved();
    } else onRefused();
  };
  const choice = (terms: readonly { code: string; name: string }[]) => (
    <SelectField
      id={fields[wanted ?? '']?.id}
      label={t(`ddr.step.${wanted as 'force' | 'pathway'}`)}
      value={extra}
      onChange={setExtra}
      error={errorOf(submission.problem, fields, wanted ?? '')}
    >
      <option value="">{t('protection.chooseOne')}</option>
      {terms.map((term) => (
        <option key={term.code} value={term.code}>
          {term.name}
        </option>
      ))}
    </SelectField>
  );
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors submission={submission} fields={fields} title={t('ddr.step.errorsTitle')} />
      <SelectField
        id={fields.step?.id}
        label={t('ddr.step.step')}
        value={step}
        onChange={(value) => {
          setStep(value as DdrStepName);
          setExtra('');
        }}
      >
        {allowed.map((s) => (
          <option key={s} value={s}>
            {ddrLabel(vocabulary.steps, s)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fields.on?.id}
        label={t('ddr.step.on')}
        type="date"
        value={on}
        onChange={setOn}
        required
        error={errorOf(submission.problem, fields, 'on')}
      />
      {wanted === 'force' && choice(vocabulary.forces.filter((f) => (DDR_FORCES as readonly string[]).includes(f.code)))}
      {wanted === 'pathway' && choice(vocabulary.pathways.filter((p) => (DDR_PATHWAYS as readonly string[]).includes(p.code)))}
      {wanted === 'site' && (
        <SelectField
          id={fields.site?.id}
          label={t('ddr.step.site')}
          value={extra}
          onChange={setExtra}
          error={errorOf(submission.problem, fields, 'site')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          <SiteOptions />
        </SelectField>
      )}
      {(wanted === 'enrolmentRef' || wanted === 'reason') && (
        <TextField
          id={fields[wanted]?.id}
          label={t(`ddr.step.${wanted}`)}
          hint={wanted === 'enrolmentRef' ? t('ddr.step.enrolmentRefHint') : undefined}
          autoComplete="off"
          optional={wanted === 'reason'}
          value={extra}
          onChange={setExtra}
          error={errorOf(submission.problem, fields, wanted)}
        />
      )}
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('ddr.step.busy') : t('ddr.step.submit')}
      </button>
    </form>
  );
}

function Identity({ identity, onHide }: { identity: DdrRevealed; onHide: () => void }) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('ddr.form.name'), identity.name],
    [t('ddr.identity.aliases'), identity.aliases.join(', ')],
    [t('ddr.form.birthDate'), identity.birthDate],
    [t('ddr.form.birthPlace'), identity.birthPlace],
    [t('ddr.form.fatherName'), identity.fatherName],
    [t('ddr.form.motherName'), identity.motherName],
    [t('ddr.identity.documents'), identity.documents.map((d) => `${t(`ddr.documents.${d.kind}`)} ${d.number}`).join(', ')],
    [t('ddr.identity.enrolmentRef'), identity.enrolmentRef ?? ''],
  ];
  return (
    <section className="protection-identity" aria-label={t('ddr.identity.title', { code: identity.code })}>
      <p className="protection-identity-title">{t('ddr.identity.title', { code: identity.code })}</p>
      <dl className="incident-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value || <NoValue />}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button-secondary button-small" onClick={onHide}>
        {t('ddr.identity.hide', { code: identity.code })}
      </button>
    </section>
  );
}

function PersonView({ person, vocabulary, reload }: { person: DdrPerson; vocabulary: DdrVocabulary; reload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [revealing, setRevealing] = useState(false);
  const [identity, setIdentity] = useState<DdrRevealed | null>(null);
  const [saved, setSaved] = useState(false);
  const stamp = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const facts: [string, string | null][] = [
    [t('ddr.list.movement'), ddrLabel(vocabulary.movements, person.movement)],
    [t('ddr.list.category'), ddrLabel(vocabulary.categories, person.category)],
    [t('ddr.form.sex'), t(`ddr.form.${person.sex === 'female' ? 'female' : 'male'}`)],
    [t('ddr.list.status'), ddrLabel(vocabulary.statuses, person.status)],
    [t('ddr.person.enrolment'), person.hasEnrolmentRef ? t('ddr.person.enrolmentRecorded') : null],
    [t('ddr.person.site'), person.site],
    [t('ddr.person.force'), person.force ? ddrLabel(vocabulary.forces, person.force) : null],
    [t('ddr.person.pathway'), person.pathway ? ddrLabel(vocabulary.pathways, person.pathway) : null],
  ];
  return (
    <>
      {person.childReferredOn && (
        <p role="alert" className="alert alert-error">
          {t('ddr.person.childReferred', { date: person.childReferredOn.split('-').reverse().join('/') })}
        </p>
      )}
      {person.duplicateOf && (
        <p className="alert alert-info">
          {t('ddr.person.duplicateOf', { code: person.duplicateOf })}{' '}
          <Link to={`/ddr/registre/${encodeURIComponent(person.duplicateOf)}`}>{person.duplicateOf}</Link>
        </p>
      )}
      <Card title={t('ddr.person.facts')} wide>
        <dl className="incident-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value ?? <NoValue />}</dd>
            </div>
          ))}
        </dl>
        {person.may.reveal &&
          (identity ? (
            <Identity identity={identity} onHide={() => setIdentity(null)} />
          ) : (
            <button type="button" className="button-secondary" onClick={() => setRevealing(true)}>
              {t('ddr.person.reveal')}
            </button>
          ))}
        {revealing && (
          <RevealDialog
            title={t('ddr.revealDialog.title', { code: person.code })}
            reveal={(reason) => ddrApi.reveal(person.code, reason)}
            onRevealed={(revealed) => {
              setIdentity(revealed);
              setRevealing(false);
            }}
            onClose={() => setRevealing(false)}
          />
        )}
      </Card>
      {person.duplicates.length > 0 && (
        <Card title={t('ddr.person.possibleDuplicates')} wide>
          <ul>
            {person.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/ddr/registre/${encodeURIComponent(d.code)}`} className="incident-ref">
                  {d.code}
                </Link>{' '}
                — {d.reasons.map((r) => t(`ddr.person.reasons.${r as Reason}`)).join(' ; ')} (
                {t(`ddr.person.duplicateStatus.${d.status as 'open' | 'confirmed' | 'different'}`)})
              </li>
            ))}
          </ul>
          <Link to="/ddr/doublons">{t('ddr.duplicatesLink')}</Link>
        </Card>
      )}
      <Card title={t('ddr.person.steps')} wide>
        <ScrollingTable caption={t('ddr.person.stepsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('ddr.person.step')}</th>
              <th scope="col">{t('ddr.person.on')}</th>
              <th scope="col">{t('ddr.person.detail')}</th>
              <th scope="col">{t('ddr.person.by')}</th>
            </tr>
          </thead>
          <tbody>
            {person.steps.map((s) => (
              <tr key={`${s.step}-${s.at}`}>
                <td>{ddrLabel(vocabulary.steps, s.step)}</td>
                <td className="nowrap">
                  <Day value={s.on} />
                </td>
                <td>{s.detail ? ddrLabel([...vocabulary.forces, ...vocabulary.pathways], s.detail) : <NoValue />}</td>
                <td>
                  {s.actor} <span className="hint">{stamp.format(new Date(s.at))}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </Card>
      <DdrPersonWeapons person={person} />
      {Object.values(person.may.steps).some(Boolean) && (
        <Card title={t('ddr.step.title')}>
          {saved && (
            <p role="status" className="alert alert-success">
              {t('ddr.step.saved')}
            </p>
          )}
          <StepForm
            key={person.version}
            person={person}
            vocabulary={vocabulary}
            onSaved={() => {
              setSaved(true);
              reload();
            }}
            onRefused={reload}
          />
        </Card>
      )}
    </>
  );
}

/** One person of the DDR registry, by code: the record, its steps, the reveal with a reason, the next step. */
export function DdrPersonPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const vocabulary = useDdrVocabulary();
  const person = useLoaded(ddrQueries.person(code));
  // A person one may not read answers 404, like a code that does not exist: the same page for both.
  if (!DDR_CODE.test(code) || (person.status === 'failed' && person.problem.status === 404)) return <NotFoundPage />;
  return (
    <Page title={t('ddr.person.title', { code })}>
      <p>
        <Link to="/ddr/registre">{t('ddr.back')}</Link>
      </p>
      <ProtectionShow loaded={both(person, vocabulary)}>
        {([p, v]) => <PersonView person={p} vocabulary={v} reload={person.reload} />}
      </ProtectionShow>
    </Page>
  );
}
