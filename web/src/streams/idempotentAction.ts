/**
 * A money-moving call (a gift, a coin purchase) that is safe to retry: each new click gets a fresh idempotency key,
 * and "Retry" after a failure that may not have reached the server sends the same key again, so the server charges
 * at most once however many times the request went out.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

/** Failures after which the server may or may not have done it: worth a retry with the same key. */
export function isUncertain(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.code === 'BAD_RESPONSE';
}

/** A random UUID; randomUUID exists only in secure contexts, and a LAN server on plain http is not one. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotentAction<A> {
  busy: boolean;
  /** What failed in a way a retry may mend, with the key it went out with; null otherwise. */
  retryable: { args: A; key: string } | null;
  /** A new click: a new key. */
  run(args: A): Promise<void>;
  /** The failed request again, under its key. */
  retry(): Promise<void>;
}

export function useIdempotentAction<A>(
  call: (args: A, key: string) => Promise<void>,
  onError: (err: unknown) => void,
): IdempotentAction<A> {
  const [busy, setBusy] = useState(false);
  const [retryable, setRetryable] = useState<{ args: A; key: string } | null>(null);
  const busyRef = useRef(false);

  const attempt = useCallback(
    async (args: A, key: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      try {
        await call(args, key);
        setRetryable(null);
      } catch (err) {
        setRetryable(isUncertain(err) ? { args, key } : null);
        onError(err);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [call, onError],
  );

  return {
    busy,
    retryable,
    run: (args) => attempt(args, newIdempotencyKey()),
    retry: async () => {
      if (retryable) await attempt(retryable.args, retryable.key);
    },
  };
}
