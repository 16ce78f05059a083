import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import { authApi, authQueries } from '../api/auth.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { LocaleOptions, SelectField, TextField } from '../components/fields.js';
import { checkNewPassword, NewPasswordFields } from '../components/NewPasswordFields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, Loading, ProblemAlert } from '../components/ProblemAlert.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

/** First run: the one-time link from the server console creates the first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const status = useLoaded(authQueries.setupStatus());
  const token = search.get('token');

  let content: ReactNode;
  if (status.status === 'loading') content = <Loading />;
  else if (status.status === 'failed') content = <ProblemAlert problem={status.problem} />;
  else if (!status.data.needed) {
    content = (
      <>
        <p className="alert alert-info">{t('setup.notNeeded')}</p>
        <p>
          <Link to="/login">{t('setup.goToSignIn')}</Link>
        </p>
      </>
    );
  } else if (!token) content = <p className="alert alert-error">{t('setup.missingToken')}</p>;
  else content = <SetupForm token={token} />;

  return (
    <Page title={t('setup.title')} narrow>
      {content}
    </Page>
  );
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const uiLocale = useLocale();
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const labels = {
    name: t('setup.name'),
    email: t('setup.email'),
    password: t('setup.password'),
    confirm: t('setup.confirm'),
    locale: t('setup.language'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = checkNewPassword(password, confirm, t);
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const me = await authApi.setup({ token, name, email, password, locale });
      signedIn(me, { adoptLocale: true });
      navigate('/', { replace: true });
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <>
      <p>{t('setup.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <TextField label={labels.name} autoComplete="name" required value={name} onChange={setName} error={fieldError(problem, 'name')} />
        <TextField
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={fieldError(problem, 'email')}
        />
        <NewPasswordFields
          label={labels.password}
          hint={t('setup.passwordHint')}
          value={password}
          onChange={setPassword}
          confirm={{ label: labels.confirm, value: confirm, onChange: setConfirm }}
          problem={problem}
        />
        <SelectField
          label={labels.locale}
          value={locale}
          onChange={(value) => setLocale(value as Locale)}
          error={fieldError(problem, 'locale')}
        >
          <LocaleOptions />
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </>
  );
}
