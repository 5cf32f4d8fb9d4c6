/**
 * The request behind a screen: one at a time, abortable, and only the latest one may report. A result that
 * arrives after the request was aborted or superseded is dropped, and an abort is never reported as an error.
 */
import { isAbort } from '../api.ts';

export interface RequestOutcome<T> {
  done: (data: T) => void;
  failed: (err: unknown) => void;
}

export class LatestRequest {
  private current: AbortController | null = null;

  /** A request is in flight. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts `load`, aborting the request before it; `outcome` hears only from this one, and never of an abort. */
  run<T>(load: (signal: AbortSignal) => Promise<T>, outcome: RequestOutcome<T>): void {
    this.abort();
    const ctrl = new AbortController();
    this.current = ctrl;
    load(ctrl.signal).then(
      (data) => {
        if (this.current !== ctrl) return;
        this.current = null;
        outcome.done(data);
      },
      (err: unknown) => {
        if (this.current !== ctrl) return;
        this.current = null;
        if (!isAbort(err)) outcome.failed(err);
      },
    );
  }

  abort(): void {
    this.current?.abort();
    this.current = null;
  }
}

/** `base` followed by the items of `page` it does not have yet (by `keyOf`), and how many were new. */
export function appendUnique<T>(base: T[], page: T[], keyOf: (item: T) => string): { items: T[]; fresh: number } {
  const seen = new Set(base.map(keyOf));
  const fresh = page.filter((item) => !seen.has(keyOf(item)));
  return { items: fresh.length ? [...base, ...fresh] : base, fresh: fresh.length };
}
