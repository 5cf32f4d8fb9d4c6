/**
 * The signed-in session: tokens and user kept in localStorage (synced across tabs), plus access-token refresh.
 * Refresh tokens rotate on use, so concurrent refreshes share one request.
 */
import { useSyncExternalStore } from 'react';
import type { AuthResponse, User } from './api/types.ts';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is treated as expired. */
  expiresAt: number;
  user: User;
}

const STORAGE_KEY = 'looply.session';
/** Refresh this long before the server-stated expiry, to absorb clock skew and request latency. */
const EXPIRY_MARGIN_MS = 15_000;

const listeners = new Set<() => void>();
let session: Session | null = readStored();
let refreshing: Promise<string | null> | null = null;

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session> | null;
    if (
      !s ||
      typeof s.accessToken !== 'string' ||
      typeof s.refreshToken !== 'string' ||
      typeof s.expiresAt !== 'number' ||
      typeof s.user?.username !== 'string'
    ) {
      return null;
    }
    return s as Session;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

function store(next: Session | null): void {
  session = next;
  try {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, quota); the session still lives for this page.
  }
  emit();
}

window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  session = readStored();
  emit();
});

export function getSession(): Session | null {
  return session;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}

export function useCurrentUser(): User | null {
  return useSession()?.user ?? null;
}

export function signIn(res: AuthResponse): void {
  store({
    accessToken: res.access_token,
    refreshToken: res.refresh_token,
    expiresAt: Date.now() + res.expires_in * 1000,
    user: res.user,
  });
}

export function updateSessionUser(user: User): void {
  if (session && session.user.id === user.id) store({ ...session, user });
}

export function signOut(): void {
  store(null);
}

/**
 * Trade the refresh token for new tokens. Resolves to the new access token, or null when refreshing failed:
 * on a 4xx the refresh token is dead and the person is signed out; on a network or 5xx error the session is kept.
 */
export function refreshAccessToken(): Promise<string | null> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<string | null> {
  const current = session;
  if (!current) return null;
  let res: Response;
  try {
    res = await fetch('/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: current.refreshToken }),
    });
  } catch {
    return null;
  }
  if (res.ok) {
    try {
      const body = (await res.json()) as AuthResponse;
      signIn(body);
      return body.access_token;
    } catch {
      return null;
    }
  }
  // Another tab may have rotated the refresh token while this request was in flight.
  const stored = readStored();
  if (stored && stored.refreshToken !== current.refreshToken) {
    session = stored;
    emit();
    return stored.accessToken;
  }
  if (res.status >= 400 && res.status < 500 && session?.refreshToken === current.refreshToken) signOut();
  return null;
}

/** The access token to send now (refreshed first if it is about to expire), or null for a visitor. */
export async function getAccessToken(): Promise<string | null> {
  const s = session;
  if (!s) return null;
  if (Date.now() < s.expiresAt - EXPIRY_MARGIN_MS) return s.accessToken;
  const fresh = await refreshAccessToken();
  return fresh ?? session?.accessToken ?? null;
}
