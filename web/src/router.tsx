import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

// A tiny History API router: the server answers index.html for every non-/api path, so any path can be loaded.

const NAVIGATION_EVENT = 'steward:navigate';

function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATION_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATION_EVENT, onChange);
  };
}

function readLocation(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  hash: string;
}

/** The current location; re-renders on navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribeToLocation, readLocation);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams, hash: url.hash };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === readLocation()) return;
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATION_EVENT));
}

/**
 * Matches `/review/:assignmentId` against a pathname: the decoded parameters, or null. Parameters match one
 * non-empty segment.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternSegments = pattern.split('/').filter((segment) => segment !== '');
  const pathSegments = pathname.split('/').filter((segment) => segment !== '');
  if (patternSegments.length !== pathSegments.length) return null;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of patternSegments.entries()) {
    const actual = pathSegments[index] ?? '';
    if (segment.startsWith(':')) parameters[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return parameters;
}

export function pathTo(...segments: string[]): string {
  return '/' + segments.map((segment) => encodeURIComponent(segment)).join('/');
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

/** An anchor that navigates in-app on a plain click and behaves like a link otherwise (new tab, copy). */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
