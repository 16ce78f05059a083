import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../src/contracts/auth.js';
import { confidentialPage } from '../../src/contracts/offline.js';
import { AppShell } from './components/AppShell.js';
import { Loading, ProblemAlert } from './components/ProblemAlert.js';
import { UnavailableOffline } from './components/UnavailableOffline.js';
import { FactSheetPage, FactSheetSectionPage } from './pages/FactSheetPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { ForbiddenPage, NotFoundPage } from './pages/NotFoundPage.js';
import { lazyPage, navigate, safeInternalPath, useLocation } from './router.js';
import { PASSWORD_STEP, requiredStep, SECOND_FACTOR_STEP, useSession } from './session.js';
import { useOnline } from './sw/register.js';

// The sign-in page and the fiche are the pages opened first, often over a field link: they come with
// the app. Every other page is fetched when first opened.
const AccountPage = lazyPage(() => import('./pages/AccountPage.js'), 'AccountPage');
const ActorsPage = lazyPage(() => import('./pages/ActorsPage.js'), 'ActorsPage');
const AlertsPage = lazyPage(() => import('./pages/AlertsPage.js'), 'AlertsPage');
const AuditPage = lazyPage(() => import('./pages/AuditPage.js'), 'AuditPage');
const DdrDuplicatesPage = lazyPage(() => import('./pages/DdrDuplicatesPage.js'), 'DdrDuplicatesPage');
const DdrPersonPage = lazyPage(() => import('./pages/DdrPersonPage.js'), 'DdrPersonPage');
const DdrPersonsPage = lazyPage(() => import('./pages/DdrPersonsPage.js'), 'DdrPersonsPage');
const DdrProgressPage = lazyPage(() => import('./pages/DdrProgressPage.js'), 'DdrProgressPage');
const DdrRegisterPage = lazyPage(() => import('./pages/DdrRegisterPage.js'), 'DdrRegisterPage');
const ElectionsPage = lazyPage(() => import('./pages/ElectionsPage.js'), 'ElectionsPage');
const EngagementPage = lazyPage(() => import('./pages/EngagementPage.js'), 'EngagementPage');
const EngagementReportPage = lazyPage(() => import('./pages/EngagementReportPage.js'), 'EngagementReportPage');
const EngagementsPage = lazyPage(() => import('./pages/EngagementsPage.js'), 'EngagementsPage');
const DdrSitePage = lazyPage(() => import('./pages/DdrSitePage.js'), 'DdrSitePage');
const DdrSitesPage = lazyPage(() => import('./pages/DdrSitesPage.js'), 'DdrSitesPage');
const DdrWeaponPage = lazyPage(() => import('./pages/DdrWeaponPage.js'), 'DdrWeaponPage');
const HomePage = lazyPage(() => import('./pages/HomePage.js'), 'HomePage');
const HotlineCallPage = lazyPage(() => import('./pages/HotlineCallPage.js'), 'HotlineCallPage');
const HotlinePage = lazyPage(() => import('./pages/HotlinePage.js'), 'HotlinePage');
const IncidentFormPage = lazyPage(() => import('./pages/IncidentFormPage.js'), 'IncidentFormPage');
const IncidentPage = lazyPage(() => import('./pages/IncidentPage.js'), 'IncidentPage');
const IncidentsPage = lazyPage(() => import('./pages/IncidentsPage.js'), 'IncidentsPage');
const NewsDeskPage = lazyPage(() => import('./pages/NewsDeskPage.js'), 'NewsDeskPage');
const DeskReleasePage = lazyPage(() => import('./pages/DeskReleasePage.js'), 'DeskReleasePage');
const NewsPage = lazyPage(() => import('./pages/NewsPage.js'), 'NewsPage');
const ReleasePage = lazyPage(() => import('./pages/ReleasePage.js'), 'ReleasePage');
const RadioPage = lazyPage(() => import('./pages/RadioPage.js'), 'RadioPage');
const MissionPage = lazyPage(() => import('./pages/MissionPage.js'), 'MissionPage');
const CsaSessionPage = lazyPage(() => import('./pages/CsaSessionPage.js'), 'CsaSessionPage');
const CsaSessionsPage = lazyPage(() => import('./pages/CsaSessionsPage.js'), 'CsaSessionsPage');
const PeaceDashboardPage = lazyPage(() => import('./pages/PeaceDashboardPage.js'), 'PeaceDashboardPage');
const PeacePage = lazyPage(() => import('./pages/PeacePage.js'), 'PeacePage');
const IndicatorPage = lazyPage(() => import('./pages/IndicatorPage.js'), 'IndicatorPage');
const ResultsPage = lazyPage(() => import('./pages/ResultsPage.js'), 'ResultsPage');
const ProvisionPage = lazyPage(() => import('./pages/ProvisionPage.js'), 'ProvisionPage');
const JusticePage = lazyPage(() => import('./pages/JusticePage.js'), 'JusticePage');
const JusticeDashboardPage = lazyPage(() => import('./pages/JusticeDashboardPage.js'), 'JusticeDashboardPage');
const FacilityPage = lazyPage(() => import('./pages/FacilityPage.js'), 'FacilityPage');
const PasswordChangePage = lazyPage(() => import('./pages/PasswordChangePage.js'), 'PasswordChangePage');
const ActivitiesPage = lazyPage(() => import('./pages/ActivitiesPage.js'), 'ActivitiesPage');
const ActivityFormPage = lazyPage(() => import('./pages/ActivityFormPage.js'), 'ActivityFormPage');
const ActivityPage = lazyPage(() => import('./pages/ActivityPage.js'), 'ActivityPage');
const CeasefirePage = lazyPage(() => import('./pages/CeasefirePage.js'), 'CeasefirePage');
const MovementsPage = lazyPage(() => import('./pages/MovementsPage.js'), 'MovementsPage');
const MovementPage = lazyPage(() => import('./pages/MovementPage.js'), 'MovementPage');
const SupportPage = lazyPage(() => import('./pages/SupportPage.js'), 'SupportPage');
const OperationFormPage = lazyPage(() => import('./pages/OperationFormPage.js'), 'OperationFormPage');
const OperationPage = lazyPage(() => import('./pages/OperationPage.js'), 'OperationPage');
const OperationsPage = lazyPage(() => import('./pages/OperationsPage.js'), 'OperationsPage');
const SituationMapPage = lazyPage(() => import('./pages/SituationMapPage.js'), 'SituationMapPage');
const SitrepsPage = lazyPage(() => import('./pages/SitrepsPage.js'), 'SitrepsPage');
const SitrepPage = lazyPage(() => import('./pages/SitrepPage.js'), 'SitrepPage');
const ProjectFormPage = lazyPage(() => import('./pages/ProjectFormPage.js'), 'ProjectFormPage');
const ProjectPage = lazyPage(() => import('./pages/ProjectPage.js'), 'ProjectPage');
const ProjectsPage = lazyPage(() => import('./pages/ProjectsPage.js'), 'ProjectsPage');
const ProjectsDashboardPage = lazyPage(() => import('./pages/ProjectsDashboardPage.js'), 'ProjectsDashboardPage');
const ProtectionCaseFormPage = lazyPage(() => import('./pages/ProtectionCaseFormPage.js'), 'ProtectionCaseFormPage');
const ProtectionCasePage = lazyPage(() => import('./pages/ProtectionCasePage.js'), 'ProtectionCasePage');
const ProtectionCasesPage = lazyPage(() => import('./pages/ProtectionCasesPage.js'), 'ProtectionCasesPage');
const ProtectionStatsPage = lazyPage(() => import('./pages/ProtectionStatsPage.js'), 'ProtectionStatsPage');
const SearchPage = lazyPage(() => import('./pages/SearchPage.js'), 'SearchPage');
const SecondFactorPage = lazyPage(() => import('./pages/SecondFactorPage.js'), 'SecondFactorPage');
const SectionPage = lazyPage(() => import('./pages/SectionPage.js'), 'SectionPage');
const SetupPage = lazyPage(() => import('./pages/SetupPage.js'), 'SetupPage');
const StrengthPage = lazyPage(() => import('./pages/StrengthPage.js'), 'StrengthPage');
const UnitsPage = lazyPage(() => import('./pages/UnitsPage.js'), 'UnitsPage');
const UsersPage = lazyPage(() => import('./pages/UsersPage.js'), 'UsersPage');
const OutboxPage = lazyPage(() => import('./pages/OutboxPage.js'), 'OutboxPage');

// Leaflet with Mali's boundaries, and ECharts, weigh more than the rest of the app: they load with their pages.
const IncidentMapPage = lazy(() => import('./pages/IncidentMapPage.js').then((m) => ({ default: m.IncidentMapPage })));
const IncidentDashboardPage = lazy(() => import('./pages/IncidentDashboardPage.js').then((m) => ({ default: m.IncidentDashboardPage })));

/** Who may open a route. The server enforces the same rules; this only spares a useless page. */
type Access = 'public' | 'guest' | 'signed-in' | ((me: Me) => boolean);

/** The values of a pattern's `:name` segments. */
type Params = Record<string, string>;

interface Route {
  access: Access;
  render: (me: Me | null, params: Params) => ReactNode;
}

// A page with a parameter is keyed by it, so that going from one unit to another starts afresh.
const ROUTES: Record<string, Route> = {
  '/setup': { access: 'public', render: () => <SetupPage /> },
  '/login': { access: 'guest', render: () => <LoginPage /> },
  '/fiche': { access: 'public', render: (me) => <FactSheetPage me={me} /> },
  '/fiche/:unit': { access: 'public', render: (me, { unit = '' }) => <FactSheetSectionPage key={unit} me={me} unit={unit} /> },
  '/effectifs': { access: 'public', render: (me) => <StrengthPage me={me} /> },
  '/recherche': { access: 'public', render: (me) => <SearchPage me={me} /> },
  // Before '/incidents/:ref', which would take them.
  '/incidents/carte': {
    access: 'signed-in',
    render: () => (
      <Suspense fallback={<Loading />}>
        <IncidentMapPage />
      </Suspense>
    ),
  },
  '/incidents/tableau': {
    access: 'signed-in',
    render: () => (
      <Suspense fallback={<Loading />}>
        <IncidentDashboardPage />
      </Suspense>
    ),
  },
  '/incidents/acteurs': { access: 'signed-in', render: () => <ActorsPage /> },
  '/alertes': { access: 'signed-in', render: (me) => me && <AlertsPage me={me} /> },
  '/incidents': { access: 'signed-in', render: (me) => me && <IncidentsPage me={me} /> },
  '/incidents/nouveau': { access: 'signed-in', render: (me) => me && <IncidentFormPage me={me} /> },
  // After every static '/incidents/…' page above: a pattern with a parameter takes any segment.
  '/incidents/:ref': { access: 'signed-in', render: (_, { ref = '' }) => <IncidentPage key={ref} incidentRef={ref} /> },
  '/incidents/:ref/modifier': {
    access: 'signed-in',
    render: (me, { ref = '' }) => me && <IncidentFormPage key={ref} me={me} incidentRef={ref} />,
  },
  // Activities are internal by default: every signed-in member reads them, each within the read scope.
  '/activites': { access: 'signed-in', render: () => <ActivitiesPage /> },
  '/activites/nouvelle': { access: 'signed-in', render: () => <ActivityFormPage /> },
  '/activites/:id': { access: 'signed-in', render: (_, { id = '' }) => <ActivityPage key={id} activityId={id} /> },
  '/activites/:id/modifier': { access: 'signed-in', render: (_, { id = '' }) => <ActivityFormPage key={id} activityId={id} /> },
  // The portfolio is internal: every signed-in member reads it, each project within the read scope.
  '/projets': { access: 'signed-in', render: (me) => me && <ProjectsPage me={me} /> },
  '/projets/nouveau': { access: 'signed-in', render: (me) => me && <ProjectFormPage me={me} /> },
  '/projets/tableau': { access: 'signed-in', render: () => <ProjectsDashboardPage /> },
  '/projets/:id': { access: 'signed-in', render: (_, { id = '' }) => <ProjectPage key={id} projectId={id} /> },
  '/projets/:id/modifier': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <ProjectFormPage key={id} me={me} projectId={id} />,
  },
  // The operations log: open to every signed-in member; the server shows each only the operations
  // they may read (until completed, the units taking part and the JOC; one they may not read is a 404).
  '/operations': { access: 'signed-in', render: (me) => me && <OperationsPage me={me} /> },
  '/operations/nouvelle': { access: 'signed-in', render: (me) => me && <OperationFormPage me={me} /> },
  '/operations/cessez-le-feu': { access: 'signed-in', render: (me) => me && <CeasefirePage me={me} /> },
  '/operations/mouvements': { access: 'signed-in', render: () => <MovementsPage /> },
  '/operations/mouvements/:id': { access: 'signed-in', render: (_, { id = '' }) => <MovementPage key={id} movementId={id} /> },
  '/operations/appui': { access: 'signed-in', render: () => <SupportPage /> },
  '/operations/:id': { access: 'signed-in', render: (_, { id = '' }) => <OperationPage key={id} operationId={id} /> },
  '/operations/:id/modifier': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <OperationFormPage key={id} me={me} operationId={id} />,
  },
  // Confidential cases and hotline intake: open to every signed-in member, since the server shows
  // each only the cases and calls they may read (a case one may not read is a 404, like any other).
  '/protection': { access: 'signed-in', render: (me) => me && <ProtectionCasesPage me={me} /> },
  '/protection/nouveau': { access: 'signed-in', render: (me) => me && <ProtectionCaseFormPage me={me} /> },
  '/protection/appels': { access: 'signed-in', render: (me) => me && <HotlinePage me={me} /> },
  // De-identified counts: every signed-in member reads them (no second factor: nothing in them names anyone).
  '/protection/statistiques': { access: 'signed-in', render: (me) => me && <ProtectionStatsPage me={me} /> },
  // After the static '/protection/…' pages above.
  '/protection/:ref': { access: 'signed-in', render: (me, { ref = '' }) => me && <ProtectionCasePage key={ref} me={me} caseRef={ref} /> },
  '/protection/:ref/modifier': {
    access: 'signed-in',
    render: (me, { ref = '' }) => me && <ProtectionCaseFormPage key={ref} me={me} caseRef={ref} />,
  },
  '/protection/appels/:ref': { access: 'signed-in', render: (_, { ref = '' }) => <HotlineCallPage key={ref} callRef={ref} /> },
  // The peace process: internal by default, so its pages are for signed-in members (the server filters each record).
  '/accord': { access: 'signed-in', render: (me) => me && <PeacePage me={me} /> },
  '/accord/tableau': { access: 'signed-in', render: (me) => me && <PeaceDashboardPage reader={me.id} /> },
  '/accord/csa': { access: 'signed-in', render: (me) => me && <CsaSessionsPage me={me} /> },
  '/accord/csa/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <CsaSessionPage key={id} reader={me.id} sessionId={id} units={me.may.createPeaceIn} />,
  },
  '/accord/dispositions/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <ProvisionPage key={id} reader={me.id} provisionId={id} units={me.may.createPeaceIn} />,
  },
  // Political engagements are restricted by default: the server shows each member only what they may read.
  '/engagements': { access: 'signed-in', render: (me) => me && <EngagementsPage me={me} /> },
  '/engagements/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <EngagementPage key={id} reader={me.id} engagementId={id} />,
  },
  '/engagements/rapports/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <EngagementReportPage key={id} reader={me.id} reportId={id} />,
  },
  '/elections': { access: 'signed-in', render: (me) => me && <ElectionsPage me={me} /> },
  // DDR: progress counts for every member; the registry's persons only for its team (the server decides, a person one may not read is a 404).
  // The results framework: internal by default, for signed-in members (the server filters each record).
  '/resultats': { access: 'signed-in', render: (me) => me && <ResultsPage me={me} /> },
  '/resultats/indicateurs/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <IndicatorPage key={id} id={id} reader={me.id} />,
  },
  '/ddr': { access: 'signed-in', render: (me) => me && <DdrProgressPage me={me} /> },
  '/ddr/registre': { access: 'signed-in', render: (me) => me && <DdrPersonsPage me={me} /> },
  '/ddr/registre/nouveau': { access: 'signed-in', render: (me) => me && <DdrRegisterPage me={me} /> },
  '/ddr/doublons': { access: 'signed-in', render: () => <DdrDuplicatesPage /> },
  '/ddr/registre/:code': { access: 'signed-in', render: (_, { code = '' }) => <DdrPersonPage key={code} code={code} /> },
  // Courts and prisons: internal unless marked public, so a visitor sees the public ones (the server filters each facility).
  '/justice': { access: 'public', render: (me) => <JusticePage reader={me?.id ?? 'anonymous'} /> },
  '/justice/tableau': { access: 'public', render: (me) => <JusticeDashboardPage reader={me?.id ?? 'anonymous'} /> },
  '/justice/:id': {
    access: 'public',
    render: (me, { id = '' }) => <FacilityPage key={id} reader={me?.id ?? 'anonymous'} facilityId={id} />,
  },
  // Sites and their counts are internal or public (a visitor sees the public ones, counts suppressed); weapons are confidential like persons.
  '/ddr/sites': { access: 'public', render: (me) => <DdrSitesPage me={me} /> },
  '/ddr/sites/:id': { access: 'public', render: (_, { id = '' }) => <DdrSitePage key={id} id={id} /> },
  '/ddr/armes/:code': { access: 'signed-in', render: (_, { code = '' }) => <DdrWeaponPage key={code} code={code} /> },
  // A visitor lands on the public fact sheet (with a way to sign in); a member on what waits for them.
  '/': { access: 'public', render: (me) => (me ? <HomePage me={me} /> : <FactSheetPage me={null} />) },
  '/mission': { access: 'public', render: (me) => <MissionPage me={me} /> },
  // Public information: the news, a release and the radio are public; the desk is for the division (the server decides).
  '/actualites': { access: 'public', render: (me) => <NewsPage me={me} /> },
  '/actualites/redaction': { access: 'signed-in', render: (me) => me && <NewsDeskPage me={me} /> },
  '/actualites/redaction/:id': {
    access: 'signed-in',
    render: (me, { id = '' }) => me && <DeskReleasePage key={id} reader={me.id} releaseId={id} />,
  },
  // After '/actualites/redaction', which it would take.
  '/actualites/:id': { access: 'public', render: (_, { id = '' }) => <ReleasePage key={id} releaseId={id} /> },
  '/radio': { access: 'public', render: (me) => <RadioPage me={me} /> },
  '/sections/:unit': { access: 'signed-in', render: (me, { unit = '' }) => me && <SectionPage key={unit} me={me} unit={unit} /> },
  '/account': { access: 'signed-in', render: (me) => me && <AccountPage me={me} /> },
  // The steps an account goes through before anything else (see requiredStep in session.tsx).
  [PASSWORD_STEP]: { access: 'signed-in', render: (me) => me && <PasswordChangePage me={me} /> },
  [SECOND_FACTOR_STEP]: { access: 'signed-in', render: (me) => me && <SecondFactorPage me={me} /> },
  '/admin/users': { access: (me) => me.admin, render: () => <UsersPage /> },
  '/admin/units': { access: (me) => me.admin, render: () => <UnitsPage /> },
  '/admin/audit': { access: (me) => me.admin || me.auditor, render: () => <AuditPage /> },
  // The operational picture and the situation reports: the server shows each reader only what they may read.
  '/situation/map': { access: 'signed-in', render: () => <SituationMapPage /> },
  '/situation/sitreps': { access: 'signed-in', render: (me) => me && <SitrepsPage me={me} /> },
  '/situation/sitreps/:id': { access: 'signed-in', render: (_, { id = '' }) => <SitrepPage key={id} sitrepId={id} /> },
  // The records of the signed-in account waiting on this device (the header's connection status links to it).
  '/outbox': { access: 'signed-in', render: () => <OutboxPage /> },
};

/** The route whose pattern the path fits, segment by segment, with its parameters. */
function matchRoute(pathname: string): { route: Route; params: Params } | null {
  const segments = pathname.replace(/(.)\/$/, '$1').split('/');
  for (const [pattern, route] of Object.entries(ROUTES)) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Params = {};
    const fits = parts.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith(':')) return part === segment;
      if (segment === '') return false;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return false;
      }
      return true;
    });
    if (fits) return { route, params };
  }
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function CurrentPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const online = useOnline();

  // Confidential work is never kept on the device: offline, its pages read nothing, not even a copy.
  if (!online && confidentialPage(location.pathname)) return <UnavailableOffline />;
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

  const { me } = session;
  // Someone else chose the password, or the account's pages need a second factor it lacks: that
  // comes first, wherever the person was going, and they go on there afterwards.
  const step = requiredStep(me);
  if (step && location.pathname !== step) {
    const onStep = location.pathname === PASSWORD_STEP || location.pathname === SECOND_FACTOR_STEP || location.pathname === '/login';
    const next = onStep ? safeInternalPath(location.search.get('next')) : location.href;
    return <Redirect to={`${step}?next=${encodeURIComponent(next)}`} />;
  }

  const matched = matchRoute(location.pathname);
  if (!matched) return <NotFoundPage />;
  const { route, params } = matched;

  if (route.access === 'guest') {
    return me ? <Redirect to={safeInternalPath(location.search.get('next'))} /> : route.render(null, params);
  }
  if (route.access === 'public') return route.render(me, params);
  if (!me) return <Redirect to={`/login?next=${encodeURIComponent(location.href)}`} />;
  if (typeof route.access === 'function' && !route.access(me)) return <ForbiddenPage />;
  return route.render(me, params);
}

export function App() {
  return (
    <AppShell>
      <Suspense fallback={<Loading />}>
        <CurrentPage />
      </Suspense>
    </AppShell>
  );
}
