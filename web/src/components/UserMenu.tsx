import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { authApi } from '../api/auth.js';
import { ApiError } from '../api/client.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';

/** The signed-in user's name, opening "My account" and "Sign out" (a disclosure, not an ARIA menu). */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
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

  const signOut = async () => {
    setFailed(false);
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
        {failed && (
          <p role="alert" className="field-error">
            {t('problems.network')}
          </p>
        )}
      </div>
    </div>
  );
}
