import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const PRINTING = 'printing-recovery-codes';

/**
 * The one-time recovery codes, shown once: the server never sends them again. They can be copied
 * or printed (only this block is printed), and the block stays until the user says they are safe.
 */
export function RecoveryCodes({ codes, onDismiss }: { codes: readonly string[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLElement>(null);
  const titleId = useId();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);

  useEffect(() => box.current?.focus(), []);
  useEffect(() => () => document.body.classList.remove(PRINTING), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };

  const print = () => {
    document.body.classList.add(PRINTING);
    window.addEventListener('afterprint', () => document.body.classList.remove(PRINTING), { once: true });
    window.print();
  };

  return (
    <section ref={box} tabIndex={-1} className="alert alert-success recovery-codes" aria-labelledby={titleId}>
      <h3 id={titleId} className="created-title">
        {t('account.recoveryTitle')}
      </h3>
      <p className="warning">{t('account.recoveryNote')}</p>
      <ol className="recovery-code-list" aria-label={t('account.recoveryList')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      {copied && <p role="status">{copied === 'ok' ? t('account.recoveryCopied') : t('account.recoveryCopyFailed')}</p>}
      <div className="button-row no-print">
        <button type="button" className="button-secondary" onClick={() => void copy()}>
          {t('account.recoveryCopy')}
        </button>
        <button type="button" className="button-secondary" onClick={print}>
          {t('account.recoveryPrint')}
        </button>
        <button type="button" className="button-primary" onClick={onDismiss}>
          {t('account.recoveryDismiss')}
        </button>
      </div>
    </section>
  );
}
