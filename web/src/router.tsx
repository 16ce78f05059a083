import {
  type AnchorHTMLAttributes,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type MouseEvent,
  useEffect,
  useSyncExternalStore,
} from 'react';

/**
 * A router of a few lines on top of the History API: the app has a handful of flat routes, so a
 * routing library would cost more than it gives.
 */

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** Path and query, as given to navigate(). */
  href: string;
}

let cachedHref = '';
let cachedLocation: Location = { pathname: '/', search: new URLSearchParams(), href: '/' };

function toLocation(href: string): Location {
  if (href !== cachedHref) {
    const url = new URL(href, window.location.origin);
    cachedHref = href;
    cachedLocation = { pathname: url.pathname, search: url.searchParams, href };
  }
  return cachedLocation;
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  return toLocation(useSyncExternalStore(subscribe, snapshot));
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/**
 * A path taken from a query parameter (e.g. ?next=) is followed only when it stays inside the
 * app, so a crafted link cannot send a user who just signed in to another site.
 */
export function safeInternalPath(value: string | null, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link that changes page without reloading; modified clicks keep browser behaviour. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

/**
 * Once a page's content has arrived (`ready`), brings the element named by the address's #fragment
 * into view, marks it and gives it the focus, e.g. the text a search result points to. The browser cannot do it by
 * itself: the element did not exist when the page was opened.
 */
export function useHashTarget(ready: boolean): void {
  useEffect(() => {
    if (!ready || !window.location.hash) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target) return;
    target.classList.add('hash-target');
    target.scrollIntoView({ block: 'center' });
    // Reading (and keyboard navigation) continues from there, not from the page's heading.
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }, [ready]);
}

/**
 * A page whose code is fetched when it is first shown (`name` is its export in the module), so the
 * first page opened over a slow link does not carry every other page. Render it inside <Suspense>.
 */
export function lazyPage<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
