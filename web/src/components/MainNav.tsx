import { type FocusEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { useLoaded } from '../api/queries.js';
import { worklistQueries } from '../api/worklist.js';
import { Link, useLocation } from '../router.js';

/**
 * One entry of the navigation; `within` also marks it while on a page below it (e.g. one section of
 * the fact sheet), except below one of `except` (parts with their own entry).
 */
interface Entry {
  to: string;
  label: ReactNode;
  within?: string;
  except?: string[];
}

/** The entries of one part of the mission's work, shown behind one button. */
interface Group {
  id: string;
  label: string;
  entries: Entry[];
}

function currentness(pathname: string, { to, within, except = [] }: Entry): 'page' | 'true' | undefined {
  if (pathname === to) return 'page';
  const below = within !== undefined && pathname.startsWith(within) && !except.some((part) => pathname.startsWith(part));
  return below ? 'true' : undefined;
}

function NavLink({ entry, children }: { entry: Entry; children?: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <Link to={entry.to} aria-current={currentness(pathname, entry)}>
      {entry.label}
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

/**
 * The groups, as the mission organises its work; an entry appears only to whom it is for (signed
 * in, a cross-cutting function), and a group only when one of its entries does.
 */
function useGroups(me: Me | null): Group[] {
  const { t } = useTranslation();
  const groups: Group[] = [
    {
      id: 'situation',
      label: t('nav.groups.situation'),
      entries: me
        ? [
            // The list and the dashboard are views of one log; the map has an entry of its own.
            { to: '/incidents', within: '/incidents/', except: ['/incidents/carte'], label: t('nav.incidentLog') },
            { to: '/incidents/carte', label: t('nav.incidentMap') },
            { to: '/alertes', label: t('alerts.nav') },
            { to: '/situation/map', label: t('nav.situationMap') },
            { to: '/situation/sitreps', within: '/situation/sitreps/', label: t('nav.sitreps') },
            {
              to: '/operations',
              within: '/operations/',
              except: ['/operations/cessez-le-feu', '/operations/mouvements', '/operations/appui'],
              label: t('operations.nav'),
            },
            { to: '/operations/cessez-le-feu', label: t('nav.ceasefire') },
            { to: '/operations/mouvements', label: t('nav.movements') },
            { to: '/operations/appui', label: t('nav.malianSupport') },
          ]
        : [],
    },
    {
      id: 'protection',
      label: t('nav.groups.protection'),
      entries: [
        // A courtesy: the server shows nobody else a case or a call.
        ...(me?.may.useProtection
          ? [{ to: '/protection', within: '/protection/', except: ['/protection/statistiques'], label: t('nav.protectionCases') }]
          : []),
        // Case workers reach the intake queues from the protection pages; operators have only the calls.
        ...(me?.may.useHotline && !me.may.useProtection
          ? [{ to: '/protection/appels', within: '/protection/appels/', label: t('protection.callsNav') }]
          : []),
        ...(me
          ? [
              { to: '/protection/statistiques', label: t('nav.protectionStats') },
              { to: '/ddr', within: '/ddr/', label: t('ddr.nav') },
            ]
          : []),
        { to: '/justice', within: '/justice/', label: t('justice.nav') },
      ],
    },
    {
      id: 'programmes',
      label: t('nav.groups.programmes'),
      entries: me
        ? [
            { to: '/projets', within: '/projets/', label: t('projects.nav') },
            { to: '/activites', within: '/activites/', label: t('activities.nav') },
            { to: '/resultats', within: '/resultats/', label: t('results.nav') },
          ]
        : [],
    },
    {
      id: 'peace',
      label: t('nav.groups.peace'),
      entries: me
        ? [
            { to: '/accord', within: '/accord/', except: ['/accord/csa'], label: t('peace.nav') },
            { to: '/accord/csa', within: '/accord/csa/', label: t('nav.csa') },
            { to: '/engagements', within: '/engagements/', label: t('engagements.nav') },
            { to: '/elections', label: t('elections.nav') },
          ]
        : [],
    },
    {
      id: 'information',
      label: t('nav.groups.information'),
      entries: [
        // The mission at a glance and each section's page.
        { to: '/mission', within: '/sections/', label: t('shell.mission') },
        { to: '/fiche', within: '/fiche/', label: t('shell.factsheet') },
        { to: '/effectifs', label: t('shell.strength') },
        { to: '/actualites', within: '/actualites/', label: t('news.nav') },
        { to: '/radio', label: t('news.radioNav') },
      ],
    },
    {
      id: 'administration',
      label: t('nav.groups.administration'),
      entries: [
        ...(me?.admin
          ? [
              { to: '/admin/users', label: t('shell.users') },
              { to: '/admin/units', label: t('shell.units') },
            ]
          : []),
        ...(me?.admin || me?.auditor ? [{ to: '/admin/audit', label: t('shell.audit') }] : []),
      ],
    },
  ];
  return groups.filter((group) => group.entries.length > 0);
}

/**
 * Whether an open group's links float over the page (a wide screen) rather than unfold in place
 * (the phone's menu, where closing a group as focus or a press goes elsewhere would move the
 * thing aimed at).
 */
function floats(list: Element | null | undefined): boolean {
  return list != null && getComputedStyle(list).position === 'absolute';
}

/**
 * One group: a button that shows or hides its links (a disclosure, not an ARIA menu: the links stay
 * links, reached with Tab). Marked when the page shown is one of its entries or below one.
 */
function NavGroup({ group, open, onToggle, onClose }: { group: Group; open: boolean; onToggle: () => void; onClose: () => void }) {
  const { pathname } = useLocation();
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const current = group.entries.some((entry) => currentness(pathname, entry) !== undefined);

  // Tabbing out of a group open over the page closes it (a pointer elsewhere is handled by MainNav).
  const closeWhenFocusLeaves = (event: FocusEvent<HTMLLIElement>) => {
    const next = event.relatedTarget;
    if (open && next instanceof Node && !event.currentTarget.contains(next) && floats(list.current)) onClose();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    onClose();
    toggle.current?.focus();
  };

  return (
    <li className="nav-group" onBlur={closeWhenFocusLeaves} onKeyDown={closeOnEscape}>
      <button
        ref={toggle}
        type="button"
        className="nav-group-toggle"
        aria-expanded={open}
        aria-controls={listId}
        aria-current={current ? 'true' : undefined}
        onClick={onToggle}
      >
        {group.label}
      </button>
      <ul ref={list} id={listId} className="nav-group-list" hidden={!open}>
        {group.entries.map((entry) => (
          <li key={entry.to}>
            <NavLink entry={entry} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * Navigation by module, grouped as the mission organises its work; what appears depends on whether
 * someone is signed in and on their cross-cutting functions. `menuOpen`: the phone's menu has just
 * been opened, which unfolds the current page's group.
 */
export function MainNav({ me, menuOpen }: { me: Me | null; menuOpen: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const groups = useGroups(me);
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const nav = useRef<HTMLElement>(null);

  // Going somewhere closes the open group.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page.
  useEffect(() => setOpenGroup(null), [pathname]);

  // On a phone, opening the menu shows where one is: the current page's group unfolded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the menu opens, not on every render's new groups.
  useEffect(() => {
    if (!menuOpen) return;
    const current = groups.find((group) => group.entries.some((entry) => currentness(pathname, entry) !== undefined));
    setOpenGroup(current?.id ?? null);
  }, [menuOpen]);

  // A press anywhere outside the navigation closes a group open over the page, as a dropdown does.
  useEffect(() => {
    if (openGroup === null) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (nav.current?.contains(event.target as Node)) return;
      if (floats(nav.current?.querySelector('.nav-group-list:not([hidden])'))) setOpenGroup(null);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [openGroup]);

  return (
    <nav ref={nav} aria-label={t('shell.mainNav')} className="main-nav">
      <ul>
        {me && (
          <li>
            <NavLink entry={{ to: '/', label: t('shell.home') }}>
              <WorklistBadge />
            </NavLink>
          </li>
        )}
        {groups.map((group) => (
          <NavGroup
            key={group.id}
            group={group}
            open={openGroup === group.id}
            onToggle={() => setOpenGroup((id) => (id === group.id ? null : group.id))}
            onClose={() => setOpenGroup(null)}
          />
        ))}
        <li>
          <NavLink entry={{ to: '/recherche', label: t('shell.search') }} />
        </li>
      </ul>
    </nav>
  );
}
