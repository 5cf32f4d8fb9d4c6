import { collectVisible as collectVisibleItems } from '../../platform/visible-page.ts';
import type { FeedPosition, VideoRow } from './store.ts';

/** A page of the rows of a video list the viewer may see (src/platform/visible-page.ts), positioned by `positionOf`. */
export async function collectVisible(options: {
  after: FeedPosition | null;
  limit: number;
  fetch: (after: FeedPosition | null, limit: number) => Promise<VideoRow[]>;
  visible: (rows: VideoRow[]) => Promise<Set<string>>;
  positionOf: (row: VideoRow) => FeedPosition;
}): Promise<{ rows: VideoRow[]; next: FeedPosition | null }> {
  const page = await collectVisibleItems({
    ...options,
    shown: async (rows: VideoRow[]) => {
      const allowed = await options.visible(rows);
      return (row: VideoRow) => (allowed.has(row.id) ? row : undefined);
    },
  });
  return { rows: page.items, next: page.next };
}
