import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '../api/auth.js';

/** The base32 secret in groups of four, as authenticator apps accept it typed by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * A pending key to add to an authenticator app: the QR code the server drew from its otpauth
 * address (an image, so nothing in it can run), the secret in groups for whoever cannot scan, and
 * the address itself for a password manager.
 */
export function TotpKey({ pending, email }: { pending: TotpSetup; email: string }) {
  const { t } = useTranslation();
  const secretId = useId();
  const hintId = useId();
  return (
    <div className="totp-key">
      <figure className="totp-qr">
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pending.qrSvg)}`}
          alt={t('account.totpQrAlt', { email })}
          width={220}
          height={220}
        />
        <figcaption>{t('account.totpScan')}</figcaption>
      </figure>
      <div className="totp-manual">
        <label htmlFor={secretId}>{t('account.totpSecret')}</label>
        <p id={hintId} className="hint">
          {t('account.totpSecretHint')}
        </p>
        {/* A text area, so that the whole key wraps on a phone instead of scrolling out of sight. */}
        <textarea
          id={secretId}
          className="secret totp-secret"
          readOnly
          rows={1}
          aria-describedby={hintId}
          value={groupedSecret(pending.secret)}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
        />
        <dl className="totp-settings">
          <dt>{t('account.totpIssuer')}</dt>
          <dd>Mandat</dd>
          <dt>{t('account.totpAccount')}</dt>
          <dd>{email}</dd>
          <dt>{t('account.totpType')}</dt>
          <dd>{t('account.totpTypeValue')}</dd>
        </dl>
        <details>
          <summary>{t('account.totpUri')}</summary>
          <code className="totp-uri">{pending.uri}</code>
        </details>
      </div>
    </div>
  );
}
