import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('GroupCommit', () => {
  it('writes the first item at once and the items that arrive meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    const gates = [deferred(), deferred()];
    const commit = new GroupCommit<number>(async (items) => {
      writes.push(items);
      await gates[writes.length - 1]?.promise;
    });
    const first = commit.add(1);
    const rest = [commit.add(2), commit.add(3), commit.add(4)];
    expect(writes).toEqual([[1]]);
    gates[0]?.release();
    await first;
    gates[1]?.release();
    await Promise.all(rest);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failed write and goes on with the next', async () => {
    const writes: string[][] = [];
    const gate = deferred();
    const commit = new GroupCommit<string>(async (items) => {
      writes.push(items);
      await gate.promise;
      if (items.includes('bad')) throw new Error('store down');
    });
    const first = commit.add('a');
    const together = [commit.add('bad'), commit.add('b')];
    gate.release();
    await expect(first).resolves.toBeUndefined();
    for (const item of together) await expect(item).rejects.toThrow('store down');
    await expect(commit.add('later')).resolves.toBeUndefined();
    expect(writes).toEqual([['a'], ['bad', 'b'], ['later']]);
  });
});
