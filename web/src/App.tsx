import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../src/contracts/auth.js';
import { AppShell } from './components/AppShell.js';
import { Loading, ProblemAlert } from './components/ProblemAlert.js';
import { AccountPage } from './pages/AccountPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { HomePage } from './pages/HomePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { ForbiddenPage, NotFoundPage } from './pages/NotFoundPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { navigate, safeInternalPath, useLocation } from './router.js';
import { useSession } from './session.js';

/** Who may open a route. The server enforces the same rules; this only spares a useless page. */
type Access = 'public' | 'guest' | 'signed-in' | ((me: Me) => boolean);

interface Route {
  access: Access;
  render: (me: Me | null) => ReactNode;
}

const ROUTES: Record<string, Route> = {
  '/setup': { access: 'public', render: () => <SetupPage /> },
  '/login': { access: 'guest', render: () => <LoginPage /> },
  '/': { access: 'signed-in', render: (me) => me && <HomePage me={me} /> },
  '/account': { access: 'signed-in', render: (me) => me && <AccountPage me={me} /> },
  '/admin/users': { access: (me) => me.admin, render: () => <UsersPage /> },
  '/admin/audit': { access: (me) => me.admin || me.auditor, render: () => <AuditPage /> },
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function CurrentPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.state.status === 'loading') return <Loading />;
  if (session.state.status === 'failed') {
    return (
      <div className="page page-narrow">
        <ProblemAlert problem={session.state.problem} />
        <button type="button" className="button-primary" onClick={session.reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }

  const route = ROUTES[location.pathname.replace(/(.)\/$/, '$1')];
  if (!route) return <NotFoundPage />;
  const { me } = session;

  if (route.access === 'guest') {
    return me ? <Redirect to={safeInternalPath(location.search.get('next'))} /> : route.render(null);
  }
  if (route.access === 'public') return route.render(me);
  if (!me) return <Redirect to={`/login?next=${encodeURIComponent(location.href)}`} />;
  if (typeof route.access === 'function' && !route.access(me)) return <ForbiddenPage />;
  return route.render(me);
}

export function App() {
  return (
    <AppShell>
      <CurrentPage />
    </AppShell>
  );
}
