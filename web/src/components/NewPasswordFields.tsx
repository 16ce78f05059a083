import type { TFunction } from 'i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { TextField } from './fields.js';
import { fieldError } from './ProblemAlert.js';

/** The server's rule for a new password (passwordSchema), checked first in the browser. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * The browser-side errors for a new password: too short, then (when the form asks for it twice)
 * a confirmation that differs. `path` is the password's name in the request body; the
 * confirmation's error is always on 'confirm'. An empty list means the password can be sent.
 */
export function checkNewPassword(
  password: string,
  confirm: string | null,
  t: TFunction,
  path = 'password',
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) errors.push({ path, message: t('problems.passwordTooShort') });
  if (confirm !== null && confirm !== password) errors.push({ path: 'confirm', message: t('problems.passwordMismatch') });
  return errors;
}

interface NewPasswordFieldsProps {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  /** The second entry of the password; left out where the form asks for it once. */
  confirm?: { label: string; value: string; onChange: (value: string) => void } | undefined;
  problem: Problem | null;
  /** The password's error path, as in checkNewPassword. */
  path?: string;
}

/** A new password with its hint, and its confirmation, each showing its own error. */
export function NewPasswordFields({ label, hint, value, onChange, confirm, problem, path = 'password' }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        hint={hint}
        type="password"
        autoComplete="new-password"
        required
        value={value}
        onChange={onChange}
        error={fieldError(problem, path)}
      />
      {confirm && (
        <TextField
          label={confirm.label}
          type="password"
          autoComplete="new-password"
          required
          value={confirm.value}
          onChange={confirm.onChange}
          error={fieldError(problem, 'confirm')}
        />
      )}
    </>
  );
}
