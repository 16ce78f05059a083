import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import { api, type TotpSetup, toProblem } from '../api.js';
import { LocaleOptions, SelectField, TextField } from '../components/fields.js';
import { checkNewPassword, NewPasswordFields } from '../components/NewPasswordFields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { applyLocale } from '../i18n.js';
import { useSession } from '../session.js';

/**
 * Runs one form's request: keeps its problem and success message, and ignores a second submit
 * while the first is in flight.
 */
function useSubmit() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, done, busy, run };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

function LanguageForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [locale, setLocale] = useState<Locale>(me.locale);
  const { problem, done, busy, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const updated = await api.updateMe({ locale });
      signedIn(updated);
      await applyLocale(updated.locale);
      return t('account.languageSaved', { lng: updated.locale });
    });
  };

  return (
    <Section title={t('account.languageTitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} />
        {done && <Notice>{done}</Notice>}
        <SelectField label={t('account.language')} value={locale} onChange={(value) => setLocale(value as Locale)}>
          <LocaleOptions />
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </Section>
  );
}

/** Lets password managers tie the password fields of a form to the right account. */
function HiddenUsername({ email }: { email: string }) {
  return <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />;
}

function PasswordForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { problem, setProblem, done, busy, run } = useSubmit();
  const labels = {
    currentPassword: t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    confirm: t('account.confirmPassword'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = checkNewPassword(newPassword, confirm, t, 'newPassword');
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    void run(async () => {
      signedIn(await api.changePassword({ currentPassword, newPassword }));
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      return t('account.passwordChanged');
    });
  };

  return (
    <Section title={t('account.passwordTitle')}>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        {done && <Notice>{done}</Notice>}
        <HiddenUsername email={me.email} />
        <TextField
          label={labels.currentPassword}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrentPassword}
          error={fieldError(problem, 'currentPassword')}
        />
        <NewPasswordFields
          path="newPassword"
          label={labels.newPassword}
          hint={t('account.newPasswordHint')}
          value={newPassword}
          onChange={setNewPassword}
          confirm={{ label: labels.confirm, value: confirm, onChange: setConfirm }}
          problem={problem}
        />
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {t('account.changePassword')}
        </button>
      </form>
    </Section>
  );
}

/** Two-factor: generate a key, confirm it with a first code; or turn it off with the password. */
function TotpForms({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { problem, setProblem, done, busy, run } = useSubmit();

  const generate = () =>
    void run(async () => {
      setPending(await api.totpSetup());
      setCode('');
      return null;
    });

  const enable = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setProblem(clientProblem([{ path: 'code', message: t('problems.totpFormat') }]));
      return;
    }
    void run(async () => {
      signedIn(await api.totpEnable(code));
      setPending(null);
      return t('account.totpEnabled');
    });
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      signedIn(await api.totpDisable(password));
      setPassword('');
      return t('account.totpDisabled');
    });
  };

  return (
    <Section title={t('account.totpTitle')}>
      <p>{t('account.totpIntro')}</p>
      <p className={me.totpEnabled ? 'chain chain-ok' : 'chain'}>{me.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
      <ProblemAlert problem={problem} labels={{ code: t('account.totpCode'), password: t('account.totpDisablePassword') }} />
      {done && <Notice>{done}</Notice>}
      {me.totpEnabled ? (
        <form className="form" onSubmit={disable} noValidate>
          <HiddenUsername email={me.email} />
          <TextField
            label={t('account.totpDisablePassword')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            error={fieldError(problem, 'password')}
          />
          <button type="submit" className="button-danger" aria-disabled={busy}>
            {t('account.totpDisable')}
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="button-secondary" onClick={generate} aria-disabled={busy}>
            {t('account.totpGenerate')}
          </button>
          {pending && (
            <form className="form totp-enrol" onSubmit={enable} noValidate>
              <p>{t('account.totpInstructions')}</p>
              <TextField label={t('account.totpSecret')} readOnly className="secret" value={pending.secret} onChange={() => undefined} />
              <TextField label={t('account.totpUri')} readOnly className="secret" value={pending.uri} onChange={() => undefined} />
              <TextField
                label={t('account.totpCode')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(value) => setCode(value.replace(/\s/g, ''))}
                error={fieldError(problem, 'code')}
              />
              <button type="submit" className="button-primary" aria-disabled={busy}>
                {t('account.totpEnable')}
              </button>
            </form>
          )}
        </>
      )}
    </Section>
  );
}

/** The signed-in user's own settings: language, password, two-factor authentication. */
export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Page title={t('account.title')}>
      <p className="lead">{t('account.identity', { name: me.name, email: me.email })}</p>
      <div className="cards">
        {/* Restarts from the saved language when the header switch changes it. */}
        <LanguageForm key={me.locale} me={me} />
        <PasswordForm me={me} />
        <TotpForms me={me} />
      </div>
    </Page>
  );
}
