/**
 * One thing a screen loads (a video, a profile, search results): its status, data, error and a reload, with the
 * request aborted when the screen goes or its inputs change. Aborts are never errors.
 */
import { type DependencyList, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';
import { LatestRequest } from './latestRequest.ts';

export type ResourceStatus = 'idle' | 'loading' | 'error' | 'ready';

interface Snapshot<T> {
  status: ResourceStatus;
  data: T | undefined;
  failure: unknown;
}

export interface Resource<T> {
  status: ResourceStatus;
  /** The loaded value; kept while a `reload` runs, dropped when the inputs change. */
  data: T | undefined;
  /** What went wrong, fit to show; null unless the last load failed. */
  error: string | null;
  /** What the last load threw (an `ApiError` to branch on), or null. */
  failure: unknown;
  /** Loads again (after a failure, or because something changed on the server). */
  reload: () => void;
  /** Changes the loaded value here (an edit the server already accepted, a follower counted). */
  setData: (update: SetStateAction<T>) => void;
}

/**
 * Runs `load` now and whenever `deps` change; `load: null` means there is nothing to load (`idle`). The latest
 * `load` is the one run, so it may close over anything `deps` name.
 */
export function useResource<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): Resource<T> {
  const [snap, setSnap] = useState<Snapshot<T>>(() => ({
    status: load ? 'loading' : 'idle',
    data: undefined,
    failure: null,
  }));
  const request = useRef(new LatestRequest());
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const current = loadRef.current;
    if (!current) {
      request.current.abort();
      setSnap((s) => ({ ...s, status: 'idle', failure: null }));
      return;
    }
    setSnap((s) => ({ ...s, status: 'loading', failure: null }));
    request.current.run(current, {
      done: (data) => setSnap({ status: 'ready', data, failure: null }),
      failed: (failure) => setSnap((s) => ({ ...s, status: 'error', failure })),
    });
  }, []);

  useEffect(
    () => {
      setSnap((s) => ({ ...s, data: undefined }));
      reload();
      const pending = request.current;
      return () => pending.abort();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` say when `load` means something new.
    deps,
  );

  const setData = useCallback((update: SetStateAction<T>) => {
    setSnap((s) => {
      if (s.data === undefined) return s;
      const data = typeof update === 'function' ? (update as (prev: T) => T)(s.data) : update;
      return { ...s, data };
    });
  }, []);

  return {
    status: snap.status,
    data: snap.data,
    error: snap.status === 'error' ? errorMessage(snap.failure) : null,
    failure: snap.status === 'error' ? snap.failure : null,
    reload,
    setData,
  };
}
