import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { type DdrPersonInput, type DdrVocabulary, ddrApi, useDdrVocabulary } from '../api/ddr.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { OfflineUnavailable } from '../offline/OfflineUnavailable.js';
import { Link, navigate } from '../router.js';
import { ForbiddenPage } from './NotFoundPage.js';

const DOCUMENT_KINDS = ['nina', 'id_card', 'passport', 'other'] as const;

interface Draft {
  movement: string;
  category: string;
  sex: string;
  preRegisteredOn: string;
  name: string;
  aliases: string;
  birthDate: string;
  birthPlace: string;
  fatherName: string;
  motherName: string;
  documentKind: string;
  documentNumber: string;
}

function RegisterForm({ vocabulary }: { vocabulary: DdrVocabulary }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [draft, setDraft] = useState<Draft>({
    movement: '',
    category: 'combatant',
    sex: 'male',
    preRegisteredOn: '',
    name: '',
    aliases: '',
    birthDate: '',
    birthPlace: '',
    fatherName: '',
    motherName: '',
    documentKind: '',
    documentNumber: '',
  });
  const set = (key: keyof Draft) => (value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const field = (path: string, label: string) => ({ label, id: id(path) });
  const fields: FormFields = {
    movement: field('movement', t('ddr.form.movement')),
    category: field('category', t('ddr.form.category')),
    sex: field('sex', t('ddr.form.sex')),
    preRegisteredOn: field('preRegisteredOn', t('ddr.form.preRegisteredOn')),
    'identity.name': field('identity.name', t('ddr.form.name')),
    'identity.aliases': field('identity.aliases', t('ddr.form.aliases')),
    'identity.birthDate': field('identity.birthDate', t('ddr.form.birthDate')),
    'identity.birthPlace': field('identity.birthPlace', t('ddr.form.birthPlace')),
    'identity.fatherName': field('identity.fatherName', t('ddr.form.fatherName')),
    'identity.motherName': field('identity.motherName', t('ddr.form.motherName')),
    'identity.documents': field('identity.documents', t('ddr.form.documentNumber')),
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);
  const props = (path: string) => ({ id: fields[path]?.id, label: fields[path]?.label ?? '', error: error(path) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: DdrPersonInput = {
      movement: draft.movement,
      category: draft.category as DdrPersonInput['category'],
      sex: draft.sex as DdrPersonInput['sex'],
      preRegisteredOn: draft.preRegisteredOn,
      identity: {
        name: draft.name,
        aliases: draft.aliases
          .split('\n')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        birthDate: draft.birthDate,
        birthPlace: draft.birthPlace,
        fatherName: draft.fatherName,
        motherName: draft.motherName,
        documents:
          draft.documentKind && draft.documentNumber.trim()
            ? [{ kind: draft.documentKind as 'nina', number: draft.documentNumber.trim() }]
            : [],
      },
    };
    const person = await submission.submit(() => ddrApi.register(body));
    if (person) navigate(`/ddr/registre/${encodeURIComponent(person.code)}`);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <OfflineUnavailable />
      <FormErrors submission={submission} fields={fields} title={t('ddr.form.errorsTitle')} />
      <SelectField {...props('movement')} value={draft.movement} onChange={set('movement')} required>
        <option value="">{t('protection.chooseOne')}</option>
        {vocabulary.movements.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField {...props('category')} value={draft.category} onChange={set('category')}>
        {vocabulary.categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField {...props('sex')} value={draft.sex} onChange={set('sex')}>
        <option value="male">{t('ddr.form.male')}</option>
        <option value="female">{t('ddr.form.female')}</option>
      </SelectField>
      <TextField {...props('preRegisteredOn')} type="date" value={draft.preRegisteredOn} onChange={set('preRegisteredOn')} required />
      <fieldset className="fieldset">
        <legend>{t('ddr.form.identityLegend')}</legend>
        <TextField {...props('identity.name')} autoComplete="off" value={draft.name} onChange={set('name')} required />
        <TextAreaField
          {...props('identity.aliases')}
          hint={t('ddr.form.aliasesHint')}
          rows={2}
          optional
          value={draft.aliases}
          onChange={set('aliases')}
        />
        <TextField
          {...props('identity.birthDate')}
          type="date"
          hint={t('ddr.form.birthDateHint')}
          value={draft.birthDate}
          onChange={set('birthDate')}
          required
        />
        <TextField {...props('identity.birthPlace')} autoComplete="off" optional value={draft.birthPlace} onChange={set('birthPlace')} />
        <TextField {...props('identity.fatherName')} autoComplete="off" optional value={draft.fatherName} onChange={set('fatherName')} />
        <TextField {...props('identity.motherName')} autoComplete="off" optional value={draft.motherName} onChange={set('motherName')} />
        <SelectField label={t('ddr.form.documentKind')} optional value={draft.documentKind} onChange={set('documentKind')}>
          <option value="">{t('ddr.form.noDocument')}</option>
          {DOCUMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`ddr.documents.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...props('identity.documents')}
          autoComplete="off"
          optional
          value={draft.documentNumber}
          onChange={set('documentNumber')}
        />
      </fieldset>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('ddr.form.busy') : t('ddr.form.submit')}
      </button>
    </form>
  );
}

/** Registration of an ex-combatant or associated member: the identity is sealed on the server. */
export function DdrRegisterPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const vocabulary = useDdrVocabulary();
  if (!me.may.useDdr) return <ForbiddenPage />;
  return (
    <Page title={t('ddr.form.title')}>
      <p>
        <Link to="/ddr/registre">{t('ddr.back')}</Link>
      </p>
      <p className="lead">{t('ddr.form.intro')}</p>
      <Card title={t('ddr.form.title')}>
        <ProtectionShow loaded={vocabulary}>{(vocab) => <RegisterForm vocabulary={vocab} />}</ProtectionShow>
      </Card>
    </Page>
  );
}
