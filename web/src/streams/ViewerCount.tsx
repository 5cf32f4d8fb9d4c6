/** How many people watch a stream now ("12 watching"). */
import { formatCount } from '../format.ts';

export function ViewerCount({ now }: { now: number }) {
  return (
    <span className="viewer-count" data-testid="viewer-count" data-count={now}>
      <span aria-hidden="true">👁 {formatCount(now)}</span>
      <span className="sr-only">{now} watching</span>
    </span>
  );
}
