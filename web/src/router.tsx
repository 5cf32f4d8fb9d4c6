/** Client-side routing on the History API: navigate(), useLocation() and <Link>. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'looply:navigate';

export interface NavigateOptions {
  replace?: boolean;
  /** Stored in history.state, e.g. `{ source: 'profile' }`. */
  state?: unknown;
}

export function navigate(to: string, opts: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url);
    return;
  }
  const extra = opts.state && typeof opts.state === 'object' ? opts.state : {};
  // `inApp` marks entries reached from inside the app, so a Back button knows history.back() stays in Looply.
  if (opts.replace) window.history.replaceState({ ...extra, inApp: canGoBack() }, '', url);
  else window.history.pushState({ ...extra, inApp: true }, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** True when the previous history entry is a Looply page (this one was reached by in-app navigation). */
export function canGoBack(): boolean {
  return historyState('inApp') === true;
}

/** Back within the app, or to `fallback` when this page was opened directly. */
export function goBack(fallback = '/'): void {
  if (canGoBack()) window.history.back();
  else navigate(fallback, { replace: true });
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  pathname: string;
  search: string;
}

/** Re-renders on every navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return q === -1 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
}

/** A value from history.state (set through navigate's `state`), if it is an object holding `key`. */
export function historyState(key: string): unknown {
  const state: unknown = window.history.state;
  return state && typeof state === 'object' && key in state ? (state as Record<string, unknown>)[key] : undefined;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & NavigateOptions & { to: string };

/** An <a> that navigates in-app on a plain left click and behaves like a normal link otherwise (new tab, copy link). */
export function Link({ to, replace, state, onClick, ...rest }: LinkProps) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to, { replace, state });
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
