/** One short-lived status message at a time ("Link copied"), announced politely to screen readers. */
import { useSyncExternalStore } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
}

const listeners = new Set<() => void>();
let current: ToastMessage | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;

function emit(): void {
  for (const listener of listeners) listener();
}

export function showToast(text: string, ms = 2500): void {
  current = { id: nextId++, text };
  clearTimeout(timer);
  timer = setTimeout(() => {
    current = null;
    emit();
  }, ms);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToast(): ToastMessage | null {
  return useSyncExternalStore(subscribe, () => current);
}
