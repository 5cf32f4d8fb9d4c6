import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionOf, EVENT_DEFINITIONS, EVENT_MAPS } from '../../src/events.ts';
import { COMMENT_WITHDRAWING_EVENTS } from '../../src/modules/notifications/comment-withdrawal.ts';
import { NOTIFYING_EVENTS } from '../../src/modules/notifications/intents.ts';
import { LIKE_WITHDRAWING_EVENTS } from '../../src/modules/notifications/like-withdrawal.ts';
import { SIGNAL_EVENT_TYPES, USER_SIGNAL_TYPES } from '../../src/modules/recsys/signals.ts';
import { INDEXED_EVENT_TYPES } from '../../src/modules/search/indexer.ts';
import { TREND_EVENT_TYPES } from '../../src/modules/trending/signals.ts';

const SRC = join(import.meta.dirname, '../../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat().filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
}

describe('the event contract', () => {
  it('gives every event type one definition', () => {
    const types = EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types).size).toBe(types.length);
  });

  it('lists every producing module’s event map in src/events.ts', async () => {
    const maps = (await sourceFiles(join(SRC, 'modules')))
      .filter((file) => file.endsWith('/events.ts'))
      .map((file) => relative(join(SRC, 'modules'), file).split('/')[0]);
    expect(maps.sort()).toEqual(Object.keys(EVENT_MAPS).sort());
  });

  it('defines every type a consumer subscribes to', () => {
    const consumed = [
      ...INDEXED_EVENT_TYPES,
      ...TREND_EVENT_TYPES,
      ...SIGNAL_EVENT_TYPES,
      ...USER_SIGNAL_TYPES,
      ...[...NOTIFYING_EVENTS, ...LIKE_WITHDRAWING_EVENTS, ...COMMENT_WITHDRAWING_EVENTS].map((known) => known.type),
    ];
    expect(consumed.filter((type) => definitionOf(type) === undefined)).toEqual([]);
  });

  it('publishes only through definitions: no module makes an unchecked event', async () => {
    const unchecked: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      if (file.endsWith('/platform/stream/events.ts')) continue;
      if ((await readFile(file, 'utf8')).includes('untypedEvent(')) unchecked.push(relative(SRC, file));
    }
    expect(unchecked).toEqual([]);
  });
});
