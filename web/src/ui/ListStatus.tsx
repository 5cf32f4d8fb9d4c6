/**
 * What a paged list shows besides its items: a word when there are none, the error with a Retry (of the request
 * that failed), the spinner while a page loads, and the button for the next page.
 */
import type { ReactNode } from 'react';
import type { PagedResource } from '../hooks/usePagedResource.ts';

interface Props {
  list: Pick<PagedResource<unknown>, 'items' | 'loading' | 'error' | 'hasMore' | 'loadMore' | 'retry'>;
  /** Shown as it is when the list loaded and is empty. */
  empty: ReactNode;
  /** What the spinner says to a screen reader ("Loading comments"). */
  loadingLabel: string;
  /** The class of the box the error sits in. */
  box?: string;
  /** The label of the next page's button; without one, the next page is the caller's business. */
  more?: string;
}

export function ListStatus({ list, empty, loadingLabel, box = 'empty', more }: Props) {
  const { loading, error } = list;
  return (
    <>
      {!loading && !error && list.items.length === 0 && empty}
      {error && (
        <div className={box} role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={list.retry}>
            Retry
          </button>
        </div>
      )}
      {loading && <div className="spinner inline" role="status" aria-label={loadingLabel} />}
      {more && list.hasMore && !loading && (
        <button type="button" className="button block" onClick={list.loadMore}>
          {more}
        </button>
      )}
    </>
  );
}
