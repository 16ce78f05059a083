import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../src/contracts/auth.js';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import type { Unit } from '../../../src/contracts/units.js';
import type { UpdateUserBody, User } from '../../../src/contracts/users.js';
import { toProblem } from '../api/client.js';
import { userApi } from '../api/users.js';
import { CheckboxField, LocaleOptions, SelectField, TextField } from './fields.js';
import { MembershipEditor, type MembershipRow, membershipRow, rowsToMemberships } from './MembershipEditor.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

function sameMemberships(a: readonly Membership[], b: readonly Membership[]): boolean {
  const key = (list: readonly Membership[]) =>
    list
      .map((m) => `${m.unit}:${m.role}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

interface EditUserFormProps {
  user: User;
  units: readonly Unit[];
  onSaved: (user: User) => void;
  /** Fetches the list again, e.g. after a version conflict; the form then restarts from it. */
  onReload: () => void;
  onClose: () => void;
  /** A password was generated for the account: shown once by the page, which outlives this form. */
  onPasswordReset: (name: string, password: string) => void;
}

/**
 * Gives the account a generated password, after a confirmation: its sessions end, its current
 * password stops working, and it must change the new one at its next sign-in.
 */
function ResetPassword({ user, onReset }: { user: User; onReset: (password: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const reset = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const { generatedPassword } = await userApi.resetPassword(user.id);
      setConfirming(false);
      onReset(generatedPassword);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="reset-password" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('users.resetTitle')}</h3>
      <ProblemAlert problem={problem} />
      {confirming ? (
        <>
          <p className="warning">{t('users.resetWarning', { name: user.name })}</p>
          <div className="button-row">
            <button type="button" className="button-danger" aria-disabled={busy} onClick={() => void reset()}>
              {t('users.resetConfirm')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">{user.mustChangePassword ? t('users.resetPending') : t('users.resetIntro')}</p>
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
            {t('users.reset')}
          </button>
        </>
      )}
    </section>
  );
}

/**
 * Edits one account. Only the fields that changed are sent, with the version the form started
 * from: the server refuses the change (409) if someone else saved the account in between.
 */
export function EditUserForm({ user, units, onSaved, onReload, onClose, onPasswordReset }: EditUserFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [admin, setAdmin] = useState(user.admin);
  const [auditor, setAuditor] = useState(user.auditor);
  const [disabled, setDisabled] = useState(user.disabled);
  const [rows, setRows] = useState<MembershipRow[]>(() => user.memberships.map((m) => membershipRow(m)));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const memberships = rowsToMemberships(rows);
    if (!memberships) {
      setProblem(clientProblem([{ path: 'memberships', message: t('problems.unitMissing') }]));
      return;
    }
    const body: UpdateUserBody = { version: user.version };
    if (name !== user.name) body.name = name;
    if (locale !== user.locale) body.locale = locale;
    if (admin !== user.admin) body.admin = admin;
    if (auditor !== user.auditor) body.auditor = auditor;
    if (disabled !== user.disabled) body.disabled = disabled;
    if (!sameMemberships(memberships, user.memberships)) body.memberships = memberships;

    setBusy(true);
    setProblem(null);
    try {
      onSaved(await userApi.update(user.id, body));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const membershipError =
    fieldError(problem, 'memberships') ?? problem?.errors?.find((error) => error.path.startsWith('memberships.'))?.message;

  return (
    <section className="card card-wide edit-user" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('users.editTitle', { name: user.name })}
      </h2>
      <p className="hint">{user.email}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={{ name: t('users.name'), locale: t('users.language') }} />
        {problem?.code === 'version_conflict' && (
          <button type="button" className="button-secondary" onClick={onReload}>
            {t('common.reload')}
          </button>
        )}
        <div className="form-row">
          <TextField label={t('users.name')} required value={name} onChange={setName} error={fieldError(problem, 'name')} />
          <SelectField label={t('users.language')} value={locale} onChange={(value) => setLocale(value as Locale)}>
            <LocaleOptions />
          </SelectField>
        </div>
        <CheckboxField label={t('users.adminLabel')} checked={admin} onChange={setAdmin} />
        <CheckboxField label={t('users.auditorLabel')} checked={auditor} onChange={setAuditor} />
        <CheckboxField label={t('users.disabledLabel')} checked={disabled} onChange={setDisabled} />
        <MembershipEditor rows={rows} onChange={setRows} units={units} error={membershipError} />
        <div className="button-row">
          <button type="submit" className="button-primary" aria-disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <ResetPassword user={user} onReset={(password) => onPasswordReset(user.name, password)} />
    </section>
  );
}
