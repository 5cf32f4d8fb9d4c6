/**
 * A list a screen loads page by page (`cursor` + `has_more`): the items so far, whether there are more, loading,
 * error, and the next page on request. Pages are appended without repeating an item already shown; the request is
 * aborted when the screen goes or its inputs change, and aborts are never errors.
 */
import { type DependencyList, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';
import { appendUnique, LatestRequest } from './latestRequest.ts';

export interface Page<T> {
  items: T[];
  cursor: string | null;
  has_more: boolean;
}

export interface PagedResource<T> {
  items: T[];
  hasMore: boolean;
  /** Where the next page starts (null before the first page and after the last). */
  cursor: string | null;
  loading: boolean;
  /** What went wrong, fit to show; null unless the last load failed. */
  error: string | null;
  /** The next page; ignored while a page is loading or when there is none. */
  loadMore: () => void;
  /** The request that failed, again: the first page (a load or a reload) or the next one. */
  retry: () => void;
  /** The first page again, replacing the list when it arrives. */
  reload: () => void;
  /** Changes the list here (a live event, a comment just posted). */
  setItems: (update: SetStateAction<T[]>) => void;
}

interface Snapshot<T> {
  items: T[];
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  failure: unknown;
  /** Where the failed request started (null: the first page). */
  failedFrom: string | null;
}

const START: Snapshot<never> = {
  items: [],
  cursor: null,
  hasMore: false,
  loading: true,
  failure: null,
  failedFrom: null,
};

/** Loads the first page now and whenever `deps` change (starting an empty list); the latest `loadPage` is used. */
export function usePagedResource<T>(
  loadPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  keyOf: (item: T) => string,
  deps: DependencyList,
): PagedResource<T> {
  const [snap, setSnap] = useState<Snapshot<T>>(START);
  const request = useRef(new LatestRequest());
  const latest = useRef({ loadPage, keyOf, snap });
  latest.current = { loadPage, keyOf, snap };

  const fetchFrom = useCallback((from: string | null) => {
    setSnap((s) => ({ ...s, loading: true, failure: null }));
    request.current.run((signal) => latest.current.loadPage(from, signal), {
      done: (page) =>
        setSnap((s) => ({
          items: appendUnique(from === null ? [] : s.items, page.items, latest.current.keyOf).items,
          cursor: page.cursor,
          hasMore: page.has_more && page.cursor !== null,
          loading: false,
          failure: null,
          failedFrom: null,
        })),
      failed: (failure) => setSnap((s) => ({ ...s, loading: false, failure, failedFrom: from })),
    });
  }, []);

  useEffect(
    () => {
      setSnap(START);
      fetchFrom(null);
      const pending = request.current;
      return () => pending.abort();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` say when `loadPage` means something new.
    deps,
  );

  const loadMore = useCallback(() => {
    const { snap: s } = latest.current;
    if (request.current.busy || !s.hasMore) return;
    fetchFrom(s.cursor);
  }, [fetchFrom]);

  const retry = useCallback(() => fetchFrom(latest.current.snap.failedFrom), [fetchFrom]);

  const reload = useCallback(() => fetchFrom(null), [fetchFrom]);

  const setItems = useCallback((update: SetStateAction<T[]>) => {
    setSnap((s) => ({ ...s, items: typeof update === 'function' ? update(s.items) : update }));
  }, []);

  return {
    items: snap.items,
    hasMore: snap.hasMore,
    cursor: snap.cursor,
    loading: snap.loading,
    error: snap.failure === null ? null : errorMessage(snap.failure),
    loadMore,
    retry,
    reload,
    setItems,
  };
}
