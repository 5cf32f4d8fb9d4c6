import { describe, expect, it } from 'vitest';
import { createRandom } from '../../platform/hashing.ts';
import { explorationShare, isExplorationSlot, type RerankItem, rerank } from './rerank.ts';

function items(count: number, start: number, random: () => number, authors = 4, topics = 3): RerankItem[] {
  return Array.from({ length: count }, (_, i) => ({
    label: start + i,
    score: count - i,
    author: Math.floor(random() * authors),
    topic: Math.floor(random() * topics),
    sound: Math.floor(random() * 2),
    sources: 1,
  }));
}

const options = { size: 50, maxTopicRun: 3, maxSoundRun: 2, lookahead: 40 };

describe('the re-ranker', () => {
  it('never puts the same author twice in a row and caps topic and sound runs', () => {
    const random = createRandom(11);
    const page = rerank(items(200, 0, random), items(100, 1000, random), { ...options, explorationShare: 0.4 });
    expect(page).toHaveLength(50);
    expect(new Set(page.map((item) => item.label)).size).toBe(50);
    for (let i = 1; i < page.length; i++) expect(page[i]?.author).not.toBe(page[i - 1]?.author);
    for (let i = 3; i < page.length; i++) {
      const topics = new Set(page.slice(i - 3, i + 1).map((item) => item.topic));
      expect(topics.size).toBeGreaterThan(1);
    }
    for (let i = 2; i < page.length; i++) {
      const sounds = new Set(page.slice(i - 2, i + 1).map((item) => item.sound));
      expect(sounds.size).toBeGreaterThan(1);
    }
  });

  it('explores the share it is given, within every page of ten', () => {
    for (const share of [0.3, 0.4, 0.5]) {
      const random = createRandom(5);
      const page = rerank(items(200, 0, random, 20), items(200, 1000, random, 20), {
        ...options,
        explorationShare: share,
      });
      for (let start = 0; start < 50; start += 10) {
        const explored = page.slice(start, start + 10).filter((item) => item.explored).length;
        expect(explored).toBeGreaterThanOrEqual(Math.floor(10 * share) - 1);
        expect(explored).toBeLessThanOrEqual(Math.ceil(10 * share) + 1);
      }
      expect(page[0]?.explored).toBe(false);
    }
  });

  it('explores half of a newcomer’s page and less as confidence grows, never under 30 %', () => {
    expect(explorationShare(0)).toBe(0.5);
    expect(explorationShare(0.5)).toBeCloseTo(0.4);
    expect(explorationShare(1)).toBeCloseTo(0.3);
    expect(isExplorationSlot(0, 0.5)).toBe(false);
  });

  it('fills from the other queue when one runs dry, and relaxes the rules rather than stop short', () => {
    const random = createRandom(2);
    const sameAuthor = items(5, 0, random, 1, 1);
    const page = rerank(sameAuthor, [], { ...options, size: 5, explorationShare: 0.5 });
    expect(page.map((item) => item.label).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
