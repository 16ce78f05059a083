import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { authApi } from '../api/auth.js';
import { ApiError } from '../api/client.js';
import { currentOutbox, outboxStatus } from '../offline/engine.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';

/** The signed-in user's name, opening "My account" and "Sign out" (a disclosure, not an ARIA menu). */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  // Records of this account not yet sent: signing out asks whether to keep or discard them.
  const [unsent, setUnsent] = useState(0);
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', closeOnOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const signOut = async (outbox: 'ask' | 'keep' | 'discard' = 'ask') => {
    setFailed(false);
    const waiting = outboxStatus().count;
    if (outbox === 'ask' && waiting > 0) {
      setUnsent(waiting);
      return;
    }
    if (outbox === 'discard') await currentOutbox()?.clear();
    setUnsent(0);
    try {
      await authApi.logout();
    } catch (error) {
      // A session that is already gone is as good as a successful sign-out.
      if (!(error instanceof ApiError && error.status === 401)) {
        setFailed(true);
        return;
      }
    }
    setOpen(false);
    signedOut();
    navigate('/login?signedOut=1');
  };

  return (
    <div className="user-menu" ref={container}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {me.name}
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-email">{me.email}</p>
        <ul>
          <li>
            <Link to="/account" onClick={() => setOpen(false)}>
              {t('shell.account')}
            </Link>
          </li>
          <li>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </li>
        </ul>
        {unsent > 0 && (
          <div role="alertdialog" aria-labelledby={`${panelId}-unsent`} className="outbox-sign-out">
            <p id={`${panelId}-unsent`}>
              <strong>{t('offline.signOutTitle')}</strong>
            </p>
            <p>{t('offline.signOutBody', { count: unsent })}</p>
            <div className="button-row">
              <button type="button" className="button-primary" onClick={() => void signOut('keep')}>
                {t('offline.signOutKeep')}
              </button>
              <button type="button" className="button-danger" onClick={() => void signOut('discard')}>
                {t('offline.signOutDiscard')}
              </button>
              <button type="button" className="button-secondary" onClick={() => setUnsent(0)}>
                {t('offline.signOutCancel')}
              </button>
            </div>
          </div>
        )}
        {failed && (
          <p role="alert" className="field-error">
            {t('problems.network')}
          </p>
        )}
      </div>
    </div>
  );
}
