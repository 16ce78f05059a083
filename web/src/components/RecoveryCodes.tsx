import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton.js';

const PRINTING = 'printing-recovery-codes';

/**
 * The one-time recovery codes, shown once: the server never sends them again. They can be copied,
 * downloaded as a text file or printed (only this block is printed), and the block stays until
 * the user says they are safe. `account` names them in the file.
 */
export function RecoveryCodes({
  codes,
  account,
  dismissLabel,
  onDismiss,
}: {
  codes: readonly string[];
  account: string;
  /** The button that closes the block; "I have put the codes somewhere safe" unless told. */
  dismissLabel?: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const titleId = useId();

  useEffect(() => box.current?.focus(), []);
  useEffect(() => () => document.body.classList.remove(PRINTING), []);

  const print = () => {
    document.body.classList.add(PRINTING);
    window.addEventListener('afterprint', () => document.body.classList.remove(PRINTING), { once: true });
    window.print();
  };

  const download = () => {
    const text = `${t('account.recoveryFileTitle', { account })}\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('account.recoveryFileName');
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the link; the object is no longer needed once it has.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section ref={box} tabIndex={-1} className="alert alert-success recovery-codes" aria-labelledby={titleId}>
      <h3 id={titleId} className="created-title">
        {t('account.recoveryTitle')}
      </h3>
      <p className="warning">{t('account.recoveryNote')}</p>
      <ol ref={list} className="recovery-code-list" aria-label={t('account.recoveryList')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row no-print">
        <CopyButton text={codes.join('\n')} label={t('account.recoveryCopy')} copied={t('account.recoveryCopied')} select={list} />
        <button type="button" className="button-secondary" onClick={download}>
          {t('account.recoveryDownload')}
        </button>
        <button type="button" className="button-secondary" onClick={print}>
          {t('account.recoveryPrint')}
        </button>
        <button type="button" className="button-primary" onClick={onDismiss}>
          {dismissLabel ?? t('account.recoveryDismiss')}
        </button>
      </div>
    </section>
  );
}
