import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { authApi } from '../api/auth.js';
import { toProblem } from '../api/client.js';
import { useSession } from '../session.js';
import { TextField } from './fields.js';
import { checkNewPassword, NewPasswordFields } from './NewPasswordFields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** Lets password managers tie the password fields of a form to the right account. */
export function HiddenUsername({ email }: { email: string }) {
  return <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />;
}

/**
 * The current password and a new one, twice. The server ends every other session and continues
 * this one under a new token: the Me it answers is recorded before `onChanged` runs.
 */
export function PasswordChangeForm({
  me,
  currentLabel,
  submitLabel,
  onStart,
  onChanged,
}: {
  me: Me;
  /** The current password's label: "the password you were given" when someone else chose it. */
  currentLabel?: string;
  submitLabel?: string;
  onStart?: () => void;
  onChanged: (me: Me) => void;
}) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = {
    currentPassword: currentLabel ?? t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    confirm: t('account.confirmPassword'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    onStart?.();
    const errors = checkNewPassword(newPassword, confirm, t, 'newPassword');
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const updated = await authApi.changePassword({ currentPassword, newPassword });
      signedIn(updated);
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      onChanged(updated);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
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
        {submitLabel ?? t('account.changePassword')}
      </button>
    </form>
  );
}
