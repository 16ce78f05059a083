import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton.js';

/**
 * A password the server generated, shown this once (created account or reset): selectable, with a
 * copy button, and the reminder that the person changes it at their first sign-in.
 */
export function GeneratedPassword({ title, password, onDismiss }: { title: string; password: string | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const passwordId = useId();

  useEffect(() => box.current?.focus(), []);

  return (
    <div ref={box} tabIndex={-1} className="alert alert-success created-account">
      <p className="created-title">{title}</p>
      {password && (
        <>
          <label htmlFor={passwordId}>{t('users.generatedPassword')}</label>
          <input
            ref={field}
            id={passwordId}
            className="secret generated-password"
            readOnly
            value={password}
            onFocus={(event) => event.target.select()}
          />
          <p className="warning">{t('users.generatedNote')}</p>
          <p>{t('users.generatedMustChange')}</p>
        </>
      )}
      <div className="button-row">
        {password && <CopyButton text={password} label={t('users.copyPassword')} copied={t('users.passwordCopied')} select={field} />}
        <button type="button" className={password ? 'button-primary' : 'button-secondary'} onClick={onDismiss}>
          {password ? t('users.dismiss') : t('users.closeEdit')}
        </button>
      </div>
    </div>
  );
}
