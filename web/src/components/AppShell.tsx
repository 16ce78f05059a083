import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { useLoaded } from '../api/queries.js';
import { worklistQueries } from '../api/worklist.js';
import { OutboxStatus } from '../offline/OutboxStatus.js';
import { Link, useLocation } from '../router.js';
import { requiredStep, useSession } from '../session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

/**
 * A navigation link; `within` also marks it while on a page below it (e.g. one section of the fact
 * sheet), except below `except` (a part with its own entry).
 */
function NavLink({ to, within, except, children }: { to: string; within?: string; except?: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const below = within !== undefined && pathname.startsWith(within) && !(except !== undefined && pathname.startsWith(except));
  const current = pathname === to ? 'page' : below ? 'true' : undefined;
  return (
    <Link to={to} aria-current={current}>
      {children}
    </Link>
  );
}

/** How many things wait for the member (the worklist's total), beside the home link. */
function WorklistBadge() {
  const { t } = useTranslation();
  const worklist = useLoaded(worklistQueries.mine());
  if (worklist.status !== 'done' || worklist.data.total === 0) return null;
  const count = worklist.data.total;
  return (
    <span className="nav-badge">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('worklist.badge', { count })}</span>
    </span>
  );
}

/** Navigation by module; what appears depends on whether someone is signed in and on their cross-cutting functions. */
function MainNav({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const groupId = useId();
  return (
    <nav aria-label={t('shell.mainNav')} className="main-nav">
      <ul>
        {me && (
          <li>
            <NavLink to="/">
              {t('shell.home')}
              <WorklistBadge />
            </NavLink>
          </li>
        )}
        <li>
          {/* The mission at a glance and each section's page. */}
          <NavLink to="/mission" within="/sections/">
            {t('shell.mission')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/fiche" within="/fiche/">
            {t('shell.factsheet')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/effectifs">{t('shell.strength')}</NavLink>
        </li>
        {me && (
          <>
            <li>
              {/* The list, the map and the dashboard are three views of one log: one entry. */}
              <NavLink to="/incidents" within="/incidents/">
                {t('shell.incidents')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/alertes">{t('alerts.nav')}</NavLink>
            </li>
            <li>
              <NavLink to="/projets" within="/projets/">
                {t('projects.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/activites" within="/activites/">
                {t('activities.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/operations" within="/operations/">
                {t('operations.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/accord" within="/accord/">
                {t('peace.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/resultats" within="/resultats/">
                {t('results.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/engagements" within="/engagements/">
                {t('engagements.nav')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/elections">{t('elections.nav')}</NavLink>
            </li>
          </>
        )}
        {/* A courtesy: the server shows nobody else a case or a call. */}
        {me?.may.useProtection && (
          <li>
            <NavLink to="/protection" within="/protection/">
              {t('protection.nav')}
            </NavLink>
          </li>
        )}
        {/* Case workers reach the intake queues from the protection pages; operators have only the calls. */}
        {me?.may.useHotline && !me.may.useProtection && (
          <li>
            <NavLink to="/protection/appels" within="/protection/appels/">
              {t('protection.callsNav')}
            </NavLink>
          </li>
        )}
        {me && (
          <li>
            <NavLink to="/ddr" within="/ddr/">
              {t('ddr.nav')}
            </NavLink>
          </li>
        )}
        <li>
          <NavLink to="/actualites" within="/actualites/">
            {t('news.nav')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/justice" within="/justice/">
            {t('justice.nav')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/recherche">{t('shell.search')}</NavLink>
        </li>
        {me?.admin ? (
          <li className="nav-group">
            <span id={groupId} className="nav-group-label">
              {t('shell.administration')}
            </span>
            <ul aria-labelledby={groupId}>
              <li>
                <NavLink to="/admin/users">{t('shell.users')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/units">{t('shell.units')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/audit">{t('shell.audit')}</NavLink>
              </li>
            </ul>
          </li>
        ) : (
          me?.auditor && (
            <li>
              <NavLink to="/admin/audit">{t('shell.audit')}</NavLink>
            </li>
          )
        )}
      </ul>
    </nav>
  );
}

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
            {!requiredStep(me) && <MainNav me={me} />}
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
