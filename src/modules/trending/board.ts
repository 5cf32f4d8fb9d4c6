import { TRENDING } from '../../config.ts';
import { TREND_KINDS, type TrendEntry, type TrendingDetector, type TrendKind } from './detector.ts';
import { trendScore, type WindowCounts } from './trend-score.ts';

/** What one detector shares with every api node: its strongest keys per kind with their window counts at `at`. */
export interface Board {
  at: number;
  kinds: Record<TrendKind, Array<{ key: string; counts: WindowCounts }>>;
}

/** Keys per kind on a board: more than any page shows, so boards of several nodes merge well. */
const BOARD_SIZE = 200;

export function boardOf(detector: TrendingDetector, now: number, only?: TrendKind): Board {
  const kinds = Object.fromEntries(
    TREND_KINDS.map((kind) => [
      kind,
      only && kind !== only ? [] : detector.top(kind, BOARD_SIZE, now).map(({ key, counts }) => ({ key, counts })),
    ]),
  ) as Board['kinds'];
  return { at: now, kinds };
}

/**
 * Ranks a kind over several boards (each detector saw its share of the events): counts are decayed to `now` and
 * added per key, then scored.
 */
export function rankBoards(boards: readonly Board[], kind: TrendKind, limit: number, now: number): TrendEntry[] {
  const totals = new Map<string, [number, number, number]>();
  for (const board of boards) {
    const decay = TRENDING.windowsMs.map((tauMs) => Math.exp(-Math.max(0, now - board.at) / tauMs));
    for (const { key, counts } of board.kinds[kind] ?? []) {
      const total = totals.get(key) ?? [0, 0, 0];
      for (let i = 0; i < 3; i += 1) total[i] = (total[i] as number) + (counts[i] ?? 0) * (decay[i] as number);
      totals.set(key, total);
    }
  }
  return [...totals]
    .map(([key, counts]) => ({ key, counts, score: trendScore(counts) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .slice(0, limit);
}
