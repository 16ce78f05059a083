import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import type { Unit } from '../../../src/contracts/units.js';
import { toProblem } from '../api/client.js';
import { userApi } from '../api/users.js';
import { useLocale } from '../i18n.js';
import { CheckboxField, LocaleOptions, SelectField, TextField } from './fields.js';
import { GeneratedPassword } from './GeneratedPassword.js';
import { MembershipEditor, type MembershipRow, membershipRow, rowsToMemberships } from './MembershipEditor.js';
import { checkNewPassword, NewPasswordFields } from './NewPasswordFields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

interface Created {
  name: string;
  generatedPassword: string | null;
}

/** Creates an account: identity, language, cross-cutting functions, unit memberships, password. */
export function CreateUserForm({ units, onCreated }: { units: readonly Unit[]; onCreated?: () => void }) {
  const { t } = useTranslation();
  const uiLocale = useLocale();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [admin, setAdmin] = useState(false);
  const [auditor, setAuditor] = useState(false);
  const [rows, setRows] = useState<MembershipRow[]>(() => [membershipRow()]);
  const [generate, setGenerate] = useState(true);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const passwordModeName = useId();

  const labels = {
    name: t('users.name'),
    email: t('users.email'),
    locale: t('users.language'),
    memberships: t('membershipEditor.legend'),
    password: t('users.password'),
  };

  const reset = () => {
    setName('');
    setEmail('');
    setAdmin(false);
    setAuditor(false);
    setRows([membershipRow()]);
    setGenerate(true);
    setPassword('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const memberships = rowsToMemberships(rows);
    const errors: { path: string; message: string }[] = [];
    if (!memberships) errors.push({ path: 'memberships', message: t('problems.unitMissing') });
    if (!generate) errors.push(...checkNewPassword(password, null, t));
    if (!memberships || errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    setBusy(true);
    setProblem(null);
    setCreated(null);
    try {
      const result = await userApi.create({
        name,
        email,
        locale,
        admin,
        auditor,
        memberships,
        ...(generate ? {} : { password }),
      });
      setCreated({ name: result.user.name, generatedPassword: result.generatedPassword });
      reset();
      onCreated?.();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const membershipError =
    fieldError(problem, 'memberships') ?? problem?.errors?.find((error) => error.path.startsWith('memberships.'))?.message;

  return (
    <>
      {created && (
        <GeneratedPassword
          title={t('users.created', { name: created.name })}
          password={created.generatedPassword}
          onDismiss={() => setCreated(null)}
        />
      )}
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <div className="form-row">
          <TextField label={labels.name} autoComplete="off" required value={name} onChange={setName} error={fieldError(problem, 'name')} />
          <TextField
            label={labels.email}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={setEmail}
            error={fieldError(problem, 'email')}
          />
          <SelectField
            label={labels.locale}
            value={locale}
            onChange={(value) => setLocale(value as Locale)}
            error={fieldError(problem, 'locale')}
          >
            <LocaleOptions />
          </SelectField>
        </div>
        <CheckboxField label={t('users.adminLabel')} checked={admin} onChange={setAdmin} />
        <CheckboxField label={t('users.auditorLabel')} checked={auditor} onChange={setAuditor} />
        <MembershipEditor rows={rows} onChange={setRows} units={units} error={membershipError} />
        <fieldset>
          <legend>{t('users.passwordMode')}</legend>
          <div className="radio">
            <input
              id={`${passwordModeName}-generate`}
              type="radio"
              name={passwordModeName}
              checked={generate}
              onChange={() => setGenerate(true)}
            />
            <label htmlFor={`${passwordModeName}-generate`}>{t('users.passwordGenerate')}</label>
          </div>
          <div className="radio">
            <input
              id={`${passwordModeName}-choose`}
              type="radio"
              name={passwordModeName}
              checked={!generate}
              onChange={() => setGenerate(false)}
            />
            <label htmlFor={`${passwordModeName}-choose`}>{t('users.passwordChoose')}</label>
          </div>
          {!generate && (
            <NewPasswordFields
              label={labels.password}
              hint={t('users.passwordHint')}
              value={password}
              onChange={setPassword}
              problem={problem}
            />
          )}
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('users.creating') : t('users.create')}
        </button>
      </form>
    </>
  );
}
