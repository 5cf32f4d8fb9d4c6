/** The sound preference shared by every player: muted by default (autoplay needs it), remembered in localStorage. */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'looply.muted';
const listeners = new Set<() => void>();

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'false';
  } catch {
    return true;
  }
}

let muted = readStored();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isMuted = (): boolean => muted;

/** `remember: false` changes it for this page only — used when the browser refuses to autoplay with sound. */
export function setMuted(next: boolean, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // Not remembered; still applies to this page.
    }
  }
  if (next === muted) return;
  muted = next;
  for (const listener of listeners) listener();
}

export function toggleMuted(): void {
  setMuted(!muted);
}

export function useMuted(): boolean {
  return useSyncExternalStore(subscribe, isMuted);
}
