import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutboxStatus } from '../offline/OutboxStatus.js';
import { Link, useLocation } from '../router.js';
import { requiredStep, useSession } from '../session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MainNav } from './MainNav.js';
import { OfflineAppStatus } from './OfflineAppStatus.js';
import { UserMenu } from './UserMenu.js';

/** Header (brand, navigation, language, user menu), main landmark and footer around every page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { pathname, href } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // Signing in from a public page (the fact sheet, a search) comes back to it.
  const signInPath = pathname === '/' || pathname === '/setup' ? '/login' : `/login?next=${encodeURIComponent(href)}`;
  const panelId = useId();

  // On a phone the menu covers the page: close it once the user has gone somewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={panelId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('shell.menu')}
          </button>
          <div id={panelId} className={menuOpen ? 'header-panel header-panel-open' : 'header-panel'}>
            {/* While a first step is required (password, second factor), every page leads back to it. */}
            {!requiredStep(me) && <MainNav me={me} menuOpen={menuOpen} />}
            <div className="header-tools">
              <OutboxStatus />
              <LanguageSwitch />
              {me ? (
                <UserMenu me={me} />
              ) : (
                pathname !== '/login' && (
                  <Link to={signInPath} className="header-sign-in">
                    {t('shell.signIn')}
                  </Link>
                )
              )}
            </div>
          </div>
        </div>
        <OfflineAppStatus />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </>
  );
}
