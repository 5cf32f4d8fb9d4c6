/** One candidate as stage 3 sees it. */
export interface RerankItem {
  label: number;
  score: number;
  author: number;
  /** Primary hashtag, -1 for none. */
  topic: number;
  /** -1 for none. */
  sound: number;
  sources: number;
}

export interface RerankedItem extends RerankItem {
  explored: boolean;
}

export interface RerankOptions {
  size: number;
  /** Share of slots filled from the exploration queue (0–1). */
  explorationShare: number;
  maxTopicRun: number;
  maxSoundRun: number;
  /** How far down a queue to look for a candidate that keeps the page diverse. */
  lookahead: number;
}

export const DEFAULT_RERANK: Omit<RerankOptions, 'size' | 'explorationShare'> = {
  maxTopicRun: 3,
  maxSoundRun: 2,
  lookahead: 40,
};

/** Exploration share of a page: half for a newcomer, falling toward 30 % as we learn what they like. */
export function explorationShare(confidence: number): number {
  return Math.min(0.5, Math.max(0.3, 0.5 - 0.2 * confidence));
}

/** Whether slot `i` goes to exploration: spreads ⌊n·share⌋ slots evenly, never the first. */
export function isExplorationSlot(i: number, share: number): boolean {
  return i > 0 && Math.floor((i + 1) * share) > Math.floor(i * share);
}

/**
 * Stage 3: builds the page from the ranked queue (`exploit`, best first) and the exploration queue, interleaving
 * them so `explorationShare` of every stretch of slots explores. Diversity: never the same author twice in a row,
 * topic and sound runs capped; when no candidate within the lookahead fits, the author rule alone holds, then none.
 */
export function rerank(
  exploit: readonly RerankItem[],
  explore: readonly RerankItem[],
  options: RerankOptions,
): RerankedItem[] {
  const page: RerankedItem[] = [];
  const used = new Set<number>();
  const cursors = { exploit: 0, explore: 0 };
  const fits = (item: RerankItem, strict: boolean): boolean => {
    const previous = page.at(-1);
    if (!previous) return true;
    if (item.author === previous.author) return false;
    if (!strict) return true;
    if (item.topic >= 0 && run(page, (entry) => entry.topic === item.topic) >= options.maxTopicRun) return false;
    if (item.sound >= 0 && run(page, (entry) => entry.sound === item.sound) >= options.maxSoundRun) return false;
    return true;
  };
  const take = (queue: readonly RerankItem[], key: 'exploit' | 'explore'): RerankItem | null => {
    while (cursors[key] < queue.length && used.has((queue[cursors[key]] as RerankItem).label)) cursors[key]++;
    const end = Math.min(queue.length, cursors[key] + options.lookahead);
    for (const strict of [true, false]) {
      for (let i = cursors[key]; i < end; i++) {
        const item = queue[i] as RerankItem;
        if (!used.has(item.label) && fits(item, strict)) return item;
      }
    }
    for (let i = cursors[key]; i < queue.length; i++) {
      const item = queue[i] as RerankItem;
      if (!used.has(item.label)) return item;
    }
    return null;
  };
  while (page.length < options.size) {
    const exploring = isExplorationSlot(page.length, options.explorationShare);
    let item = exploring ? take(explore, 'explore') : take(exploit, 'exploit');
    let explored = exploring && item !== null;
    if (!item) {
      item = exploring ? take(exploit, 'exploit') : take(explore, 'explore');
      explored = !exploring && item !== null;
    }
    if (!item) break;
    used.add(item.label);
    page.push({ ...item, explored });
  }
  return page;
}

/** Length of the run at the end of the page that matches. */
function run(page: readonly RerankItem[], matches: (item: RerankItem) => boolean): number {
  let length = 0;
  for (let i = page.length - 1; i >= 0 && matches(page[i] as RerankItem); i--) length++;
  return length;
}
