import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import { authApi, type IdentityProof, type TotpSetup } from '../api/auth.js';
import { toProblem } from '../api/client.js';
import { useUnits } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { notificationQueries, setNotifications } from '../api/worklist.js';
import { MyApiTokens } from '../components/ApiTokens.js';
import { LocaleOptions, OneTimeCodeField, SelectField, TextField } from '../components/fields.js';
import { MembershipRequests } from '../components/MembershipRequests.js';
import { Page } from '../components/Page.js';
import { HiddenUsername, PasswordChangeForm } from '../components/PasswordChangeForm.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { RecoveryCodes } from '../components/RecoveryCodes.js';
import { Show } from '../components/Show.js';
import { TotpKey } from '../components/TotpKey.js';
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

function Section({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className={wide ? 'card card-full-row' : 'card'} aria-labelledby={titleId}>
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
      const updated = await authApi.updateMe({ locale });
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

/** E-mail notifications: off by default; a mail carries a link, never what the record says. */
function NotificationsForm() {
  const { t } = useTranslation();
  const settings = useLoaded(notificationQueries.mine());
  const { problem, done, busy, run } = useSubmit();
  const change = (email: boolean) =>
    void run(async () => {
      await setNotifications(email);
      return t(email ? 'account.notificationsOn' : 'account.notificationsOff');
    });
  return (
    <Section title={t('account.notificationsTitle')}>
      <p className="hint">{t('account.notificationsHint')}</p>
      <ProblemAlert problem={problem} />
      {done && <Notice>{done}</Notice>}
      <Show loaded={settings}>
        {(current) =>
          current.available ? (
            <label className="checkbox">
              <input type="checkbox" checked={current.email} disabled={busy} onChange={(event) => change(event.target.checked)} />{' '}
              {t('account.notificationsEmail')}
            </label>
          ) : (
            <p>{t('account.notificationsUnavailable')}</p>
          )
        }
      </Show>
    </Section>
  );
}

function PasswordForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Section title={t('account.passwordTitle')}>
      {done && <Notice>{done}</Notice>}
      <PasswordChangeForm me={me} onChanged={() => setDone(t('account.passwordChanged'))} onStart={() => setDone(null)} />
    </Section>
  );
}

type ProofAction = 'enrol' | 'renew' | 'disable';

interface Proof {
  password: string;
  code: string;
  recoveryCode: string;
  /** A recovery code is given instead of a code from the app (lost phone). */
  useRecovery: boolean;
}

const NO_PROOF: Proof = { password: '', code: '', recoveryCode: '', useRecovery: false };

/**
 * Proves who is asking before the second factor is enrolled, replaced, removed or its recovery
 * codes renewed: the password, and, once enrolled, a current code or a recovery code.
 */
function ProofForm({
  me,
  action,
  proof,
  onProof,
  problem,
  busy,
  onSubmit,
  onCancel,
}: {
  me: Me;
  action: ProofAction;
  proof: Proof;
  onProof: (proof: Proof) => void;
  problem: Problem | null;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const submitLabel = {
    enrol: me.totpEnabled ? t('account.totpReplace') : t('account.totpGenerate'),
    renew: t('account.recoveryRenew'),
    disable: t('account.totpDisable'),
  }[action];
  return (
    <form className="form totp-proof" onSubmit={onSubmit} noValidate>
      <p>{me.totpEnabled ? t('account.proofIntro') : t('account.proofIntroEnrol')}</p>
      <HiddenUsername email={me.email} />
      <TextField
        label={t('account.proofPassword')}
        type="password"
        autoComplete="current-password"
        required
        value={proof.password}
        onChange={(password) => onProof({ ...proof, password })}
        error={fieldError(problem, 'password')}
      />
      {me.totpEnabled &&
        (proof.useRecovery ? (
          <TextField
            label={t('account.proofRecovery')}
            hint={t('account.proofRecoveryHint')}
            autoComplete="off"
            spellCheck={false}
            required
            value={proof.recoveryCode}
            onChange={(recoveryCode) => onProof({ ...proof, recoveryCode })}
            error={fieldError(problem, 'recoveryCode')}
          />
        ) : (
          <OneTimeCodeField
            label={t('account.totpCode')}
            value={proof.code}
            onChange={(code) => onProof({ ...proof, code })}
            error={fieldError(problem, 'code')}
          />
        ))}
      {me.totpEnabled && (
        <button type="button" className="button-link" onClick={() => onProof({ ...proof, useRecovery: !proof.useRecovery })}>
          {proof.useRecovery ? t('account.proofUseCode') : t('account.proofUseRecovery')}
        </button>
      )}
      <div className="button-row">
        <button type="submit" className={action === 'disable' ? 'button-danger' : 'button-primary'} aria-disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * Two-factor: with the password, generate a key and confirm it with a first code, which gives
 * the recovery codes, shown once. Once on, replacing the key, renewing the recovery codes and
 * turning it off each ask for the password and a current code or a recovery code.
 */
function TotpForms({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [action, setAction] = useState<ProofAction | null>(null);
  const [proof, setProof] = useState<Proof>(NO_PROOF);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { problem, setProblem, done, busy, run } = useSubmit();
  // Before enrolment the only thing to do is to generate a key.
  const shownAction: ProofAction | null = me.totpEnabled ? action : 'enrol';

  const choose = (next: ProofAction | null) => {
    setAction(next);
    setProof(NO_PROOF);
    setProblem(null);
  };

  const proofBody = (): IdentityProof => ({
    password: proof.password,
    ...(me.totpEnabled ? (proof.useRecovery ? { recoveryCode: proof.recoveryCode.trim() } : { code: proof.code }) : {}),
  });

  const submitProof = (event: FormEvent) => {
    event.preventDefault();
    if (!shownAction) return;
    if (me.totpEnabled && proof.useRecovery && proof.recoveryCode.trim() === '') {
      setProblem(clientProblem([{ path: 'recoveryCode', message: t('problems.recoveryMissing') }]));
      return;
    }
    if (me.totpEnabled && !proof.useRecovery && !/^\d{6}$/.test(proof.code)) {
      setProblem(clientProblem([{ path: 'code', message: t('problems.totpFormat') }]));
      return;
    }
    void run(async () => {
      const body = proofBody();
      let message: string | null = null;
      if (shownAction === 'enrol') {
        setPending(await authApi.totpSetup(body));
        setCode('');
      } else if (shownAction === 'renew') {
        setRecoveryCodes((await authApi.renewRecoveryCodes(body)).recoveryCodes);
        message = t('account.recoveryRenewed');
      } else {
        signedIn(await authApi.totpDisable(body));
        setRecoveryCodes(null);
        message = t('account.totpDisabled');
      }
      setProof(NO_PROOF);
      setAction(null);
      return message;
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
      signedIn(updated);
      setPending(null);
      setRecoveryCodes(codes);
      return t('account.totpEnabledSessions');
    });
  };

  return (
    // The recovery codes need the whole width, so that none is broken across lines.
    <Section title={t('account.totpTitle')} wide={recoveryCodes !== null || pending !== null}>
      <p>{t('account.totpIntro')}</p>
      <p className={me.totpEnabled ? 'chain chain-ok' : 'chain'}>{me.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
      <ProblemAlert
        problem={problem}
        labels={{ code: t('account.totpCode'), password: t('account.proofPassword'), recoveryCode: t('account.proofRecovery') }}
      />
      {done && <Notice>{done}</Notice>}
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} account={me.email} onDismiss={() => setRecoveryCodes(null)} />}
      {pending ? (
        <form className="form totp-enrol" onSubmit={enable} noValidate>
          <p>{t('account.totpInstructions')}</p>
          <TotpKey pending={pending} email={me.email} />
          <OneTimeCodeField label={t('account.totpCode')} value={code} onChange={setCode} error={fieldError(problem, 'code')} />
          <div className="button-row">
            <button type="submit" className="button-primary" aria-disabled={busy}>
              {t('account.totpEnable')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : shownAction ? (
        <ProofForm
          me={me}
          action={shownAction}
          proof={proof}
          onProof={setProof}
          problem={problem}
          busy={busy}
          onSubmit={submitProof}
          {...(me.totpEnabled ? { onCancel: () => choose(null) } : {})}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button-secondary" onClick={() => choose('enrol')}>
            {t('account.totpReplace')}
          </button>
          <button type="button" className="button-secondary" onClick={() => choose('renew')}>
            {t('account.recoveryRenew')}
          </button>
          <button type="button" className="button-danger" onClick={() => choose('disable')}>
            {t('account.totpDisable')}
          </button>
        </div>
      )}
    </Section>
  );
}

/** A manager's unit requests, when any wait: memberships of their units that need their approval. */
function ManagerRequests({ me }: { me: Me }) {
  const units = useUnits();
  if (units.status !== 'done') return null;
  return <MembershipRequests meId={me.id} units={units.data} hideWhenEmpty />;
}

/**
 * The signed-in user's own settings: language, password, two-factor authentication and its
 * recovery codes, personal API tokens; for a unit's manager, the memberships waiting for them.
 */
export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const tokensId = useId();
  return (
    <Page title={t('account.title')}>
      <p className="lead">{t('account.identity', { name: me.name, email: me.email })}</p>
      <div className="cards">
        {/* Restarts from the saved language when the header switch changes it. */}
        <LanguageForm key={me.locale} me={me} />
        <PasswordForm me={me} />
        <TotpForms me={me} />
        <NotificationsForm />
      </div>
      <section className="card card-wide" aria-labelledby={tokensId}>
        <h2 id={tokensId}>{t('tokens.title')}</h2>
        <MyApiTokens />
      </section>
      {!me.admin && me.memberships.some((m) => m.role === 'manager') && <ManagerRequests me={me} />}
    </Page>
  );
}
