import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { authApi, type TotpSetup } from '../api/auth.js';
import { toProblem } from '../api/client.js';
import { OneTimeCodeField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { HiddenUsername } from '../components/PasswordChangeForm.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { RecoveryCodes } from '../components/RecoveryCodes.js';
import { TotpKey } from '../components/TotpKey.js';
import { navigate, safeInternalPath, useLocation } from '../router.js';
import { useSession } from '../session.js';

type Step = 'password' | 'key' | 'codes';

/**
 * Second-factor enrolment for an account whose pages need it (hotline calls, protection cases),
 * before any form: the password, then the key as a QR code (and as text, for whoever cannot scan),
 * a first code from the app, and the recovery codes, shown this once. Then on to `next`.
 */
export function SecondFactorPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { signedIn } = useSession();
  const [step, setStep] = useState<Step>('password');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const codeField = useRef<HTMLInputElement>(null);
  const next = safeInternalPath(search.get('next'));
  const done = me.totpEnabled && step !== 'codes';

  useEffect(() => {
    if (done) navigate(next, { replace: true });
  }, [done, next]);
  useEffect(() => {
    if (step === 'key') codeField.current?.focus();
  }, [step]);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const generate = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setPending(await authApi.totpSetup({ password }));
      setPassword('');
      setStep('key');
    });
  };

  const enable = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setProblem(clientProblem([{ path: 'code', message: t('problems.totpFormat') }]));
      return;
    }
    void run(async () => {
      const { recoveryCodes: codes, ...updated } = await authApi.totpEnable(code);
      setRecoveryCodes(codes);
      setStep('codes');
      signedIn(updated);
    });
  };

  const steps = ['password', 'key', 'codes'] as const;
  const labels = { password: t('account.proofPassword'), code: t('account.totpCode') };

  return (
    <Page title={t('firstSignIn.totpTitle')}>
      {step !== 'codes' && (
        <>
          <p className="lead">
            {me.may.useProtection
              ? t('firstSignIn.totpWhyCases')
              : me.may.useHotline
                ? t('firstSignIn.totpWhyCalls')
                : t('firstSignIn.totpWhyAccount')}
          </p>
          <ol className="enrol-steps" aria-label={t('firstSignIn.stepsLabel')}>
            {steps.map((name, index) => (
              <li key={name} aria-current={name === step ? 'step' : undefined}>
                {t(`firstSignIn.step.${name}`, { n: index + 1 })}
              </li>
            ))}
          </ol>
        </>
      )}
      <ProblemAlert problem={problem} labels={labels} />
      {step === 'password' && (
        <form className="form form-narrow" onSubmit={generate} noValidate>
          <p>{t('firstSignIn.passwordProof')}</p>
          <HiddenUsername email={me.email} />
          <TextField
            label={labels.password}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            error={fieldError(problem, 'password')}
          />
          <button type="submit" className="button-primary" aria-disabled={busy}>
            {t('firstSignIn.showKey')}
          </button>
        </form>
      )}
      {step === 'key' && pending && (
        <form className="form totp-enrol" onSubmit={enable} noValidate>
          <p>{t('firstSignIn.keyInstructions')}</p>
          <TotpKey pending={pending} email={me.email} />
          <OneTimeCodeField
            ref={codeField}
            label={labels.code}
            hint={t('firstSignIn.codeHint')}
            value={code}
            onChange={setCode}
            error={fieldError(problem, 'code')}
          />
          <button type="submit" className="button-primary" aria-disabled={busy}>
            {t('account.totpEnable')}
          </button>
        </form>
      )}
      {step === 'codes' && recoveryCodes && (
        <>
          <p role="status" className="alert alert-success">
            {t('firstSignIn.enabled')}
          </p>
          <RecoveryCodes
            codes={recoveryCodes}
            account={me.email}
            dismissLabel={t('firstSignIn.continue')}
            onDismiss={() => navigate(next, { replace: true })}
          />
        </>
      )}
    </Page>
  );
}
