import { describe, expect, it } from 'vitest';
import { hashString } from '../../platform/hashing.ts';
import { HashEmbeddingTable } from './embedding-table.ts';

const DIM = 8;
const table = (options: Partial<ConstructorParameters<typeof HashEmbeddingTable>[0]> = {}) =>
  new HashEmbeddingTable({ dim: DIM, minCount: 1, ttlMs: 60_000, learningRate: 0.1, initialRows: 16, ...options });

function vectorOf(embeddings: HashEmbeddingTable, key: string): number[] {
  const out = new Float32Array(DIM);
  embeddings.addVectorTo(key, out, 0, 1);
  return [...out];
}

/** Two different ids whose 32-bit hashes are equal: a hashing-trick table would give them one row. */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `v:${i}`;
    const hash = hashString(key);
    const other = seen.get(hash);
    if (other !== undefined) return [other, key];
    seen.set(hash, key);
  }
}

describe('the hash embedding table', () => {
  it('gives ids whose hashes collide rows of their own, so learning one leaves the other alone', () => {
    const [a, b] = collidingIds();
    expect(hashString(a)).toBe(hashString(b));
    const embeddings = table();
    const rowA = embeddings.touch(a, 0);
    const rowB = embeddings.touch(b, 0);
    expect(rowA).toBeGreaterThanOrEqual(0);
    expect(rowB).toBeGreaterThanOrEqual(0);
    expect(rowA).not.toBe(rowB);
    const before = vectorOf(embeddings, b);
    embeddings.applyGradient(rowA, new Float32Array(DIM).fill(1), 0, 0);
    expect(vectorOf(embeddings, b)).toEqual(before);
    expect(vectorOf(embeddings, a)).not.toEqual(before);
  });

  it('keeps rare ids out until they were seen often enough (frequency filter)', () => {
    const embeddings = table({ minCount: 3 });
    expect(embeddings.touch('t:chess', 0)).toBe(-1);
    expect(embeddings.touch('t:chess', 1)).toBe(-1);
    expect(embeddings.size).toBe(0);
    const seeded = vectorOf(embeddings, 't:chess');
    const row = embeddings.touch('t:chess', 2);
    expect(row).toBeGreaterThanOrEqual(0);
    expect(embeddings.size).toBe(1);
    // Admission starts the row at the id's seeded vector: nothing that used it moves.
    expect(vectorOf(embeddings, 't:chess')).toEqual(seeded);
  });

  it('contributes a deterministic seeded vector for ids without a row, and zero for pure id embeddings', () => {
    const embeddings = table({ minCount: 100, startsAtZero: (key) => key.startsWith('v:') });
    expect(vectorOf(embeddings, 't:cats')).toEqual(vectorOf(table(), 't:cats'));
    expect(vectorOf(embeddings, 't:cats').some((x) => x !== 0)).toBe(true);
    expect(vectorOf(embeddings, 'v:123').every((x) => x === 0)).toBe(true);
  });

  it('expires rows not touched within the time to live and reuses their memory', () => {
    const embeddings = table({ ttlMs: 1000 });
    embeddings.touch('a', 0);
    const stale = embeddings.touch('b', 0);
    embeddings.touch('a', 900);
    expect(embeddings.expire(1500)).toBe(1);
    expect(embeddings.rowOf('b')).toBe(-1);
    expect(embeddings.rowOf('a')).toBeGreaterThanOrEqual(0);
    expect(embeddings.touch('c', 1600)).toBe(stale);
  });

  it('grows past its initial size and survives a snapshot', () => {
    const embeddings = table();
    for (let i = 0; i < 100; i++) embeddings.touch(`id:${i}`, i);
    embeddings.applyGradient(embeddings.rowOf('id:42'), new Float32Array(DIM).fill(0.5), 0, 100);
    const restored = new HashEmbeddingTable(
      { dim: DIM, minCount: 1, ttlMs: 60_000, learningRate: 0.1 },
      embeddings.toSnapshot(),
    );
    expect(restored.size).toBe(100);
    expect(vectorOf(restored, 'id:42')).toEqual(vectorOf(embeddings, 'id:42'));
  });
});
