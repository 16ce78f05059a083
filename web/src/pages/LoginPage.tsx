import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { authApi, authQueries } from '../api/auth.js';
import { ApiError, toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { OneTimeCodeField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { navigate, safeInternalPath, useLocation } from '../router.js';
import { useSession } from '../session.js';

/**
 * Sign-in with e-mail and password, then a six-digit code when the account has two-factor on,
 * or one of its one-time recovery codes when the phone is lost.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { signedIn } = useSession();
  const setup = useLoaded(authQueries.setupStatus());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [totpStep, setTotpStep] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const totpField = useRef<HTMLInputElement>(null);
  const recoveryField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!totpStep) return;
    if (useRecovery) recoveryField.current?.focus();
    else totpField.current?.focus();
  }, [totpStep, useRecovery]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (totpStep && useRecovery && recoveryCode.trim() === '') {
      setProblem(clientProblem([{ path: 'recoveryCode', message: t('problems.recoveryMissing') }]));
      return;
    }
    if (totpStep && !useRecovery && !/^\d{6}$/.test(totp)) {
      setProblem(clientProblem([{ path: 'totp', message: t('problems.totpFormat') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const secondFactor = !totpStep ? {} : useRecovery ? { recoveryCode: recoveryCode.trim() } : { totp };
      const me = await authApi.login({ email, password, ...secondFactor });
      signedIn(me, { adoptLocale: true });
      navigate(safeInternalPath(search.get('next')), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required') setTotpStep(true);
      else setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const labels = {
    email: t('login.email'),
    password: t('login.password'),
    totp: t('login.totp'),
    recoveryCode: t('login.recoveryCode'),
  };

  const switchSecondFactor = () => {
    setProblem(null);
    setUseRecovery(!useRecovery);
  };

  return (
    <Page title={t('login.title')} narrow>
      {search.get('signedOut') && <Notice>{t('login.signedOut')}</Notice>}
      {setup.status === 'done' && setup.data.needed && <p className="alert alert-info">{t('login.setupNeeded')}</p>}
      <p>{t('login.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <TextField
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={fieldError(problem, 'email')}
        />
        <TextField
          label={labels.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={fieldError(problem, 'password')}
        />
        {totpStep && useRecovery && (
          <TextField
            ref={recoveryField}
            label={labels.recoveryCode}
            hint={t('login.recoveryHint')}
            autoComplete="off"
            spellCheck={false}
            required
            value={recoveryCode}
            onChange={setRecoveryCode}
            error={fieldError(problem, 'recoveryCode')}
          />
        )}
        {totpStep && !useRecovery && (
          <OneTimeCodeField
            ref={totpField}
            label={labels.totp}
            hint={t('login.totpHint')}
            value={totp}
            onChange={setTotp}
            error={fieldError(problem, 'totp')}
          />
        )}
        {totpStep && (
          <button type="button" className="button-link" onClick={switchSecondFactor}>
            {useRecovery ? t('login.useTotp') : t('login.useRecovery')}
          </button>
        )}
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
