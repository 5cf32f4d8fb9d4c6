import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/support/services.ts';
import { ChatStore } from './chat-store.ts';
import { StatsStore } from './stats-store.ts';
import { LiveStore } from './store.ts';

describe.each(databaseVariants())('live room stores on $name', ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function stream(): Promise<{ id: string; hostId: string }> {
    const row = await new LiveStore(database.db).insert({
      id: randomUUID(),
      hostId: randomUUID(),
      title: 'Store',
      visibility: 'public',
      keyHash: randomUUID(),
      keyExpiresAt: new Date(Date.now() + 60_000),
      replay: false,
    });
    return { id: row.id, hostId: row.host_id };
  }

  it('keeps the last messages oldest first, without deleted ones or those of hidden authors', async () => {
    const { id } = await stream();
    const chat = new ChatStore(database.db);
    const [ann, ben] = [randomUUID(), randomUUID()];
    const written = [];
    for (let i = 0; i < 5; i += 1) {
      written.push(await chat.insert({ id: randomUUID(), streamId: id, authorId: i % 2 ? ben : ann, text: `m${i}` }));
    }
    const texts = async (hidden: string[], limit: number) =>
      (await chat.recent(id, hidden, limit)).map((row) => row.text);
    expect(await texts([], 50)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(await texts([], 2)).toEqual(['m3', 'm4']);
    expect(await texts([ben], 50)).toEqual(['m0', 'm2', 'm4']);
    const third = written[2]?.id ?? '';
    expect(await chat.markDeleted(id, third)).toBe(true);
    expect(await chat.markDeleted(id, third)).toBe(false);
    expect(await chat.find(id, third)).toBeNull();
    expect(await texts([], 50)).toEqual(['m0', 'm1', 'm3', 'm4']);
    // A message is found only in its own stream.
    expect(await chat.find((await stream()).id, written[0]?.id ?? '')).toBeNull();
  });

  it('sets each standing on its own', async () => {
    const { id } = await stream();
    const chat = new ChatStore(database.db);
    const viewer = randomUUID();
    expect(await chat.standing(id, viewer)).toEqual({ moderator: false, muted: false, banned: false });
    await chat.setStanding(id, viewer, 'muted', true);
    await chat.setStanding(id, viewer, 'moderator', true);
    expect(await chat.standing(id, viewer)).toEqual({ moderator: true, muted: true, banned: false });
    await chat.setStanding(id, viewer, 'muted', false);
    expect(await chat.standing(id, viewer)).toEqual({ moderator: true, muted: false, banned: false });
    expect(await chat.standing((await stream()).id, viewer)).toEqual({ moderator: false, muted: false, banned: false });
  });

  it('records the stats of a stream once, from its viewers, peak, messages and gifts', async () => {
    const { id } = await stream();
    const live = new LiveStore(database.db);
    const stats = new StatsStore(database.db);
    const chat = new ChatStore(database.db);
    await live.markLive(id);
    const [one, two] = [randomUUID(), randomUUID()];
    for (const viewer of [one, two, one]) await stats.addViewer(id, viewer);
    await stats.raisePeak(id, 3);
    await stats.raisePeak(id, 2);
    const message = await chat.insert({ id: randomUUID(), streamId: id, authorId: one, text: 'hi' });
    await chat.insert({ id: randomUUID(), streamId: id, authorId: two, text: 'yo' });
    await chat.markDeleted(id, message.id);
    const gift = { transactionId: randomUUID(), streamId: id, senderId: one, giftId: 'rose', quantity: 2, coins: 2 };
    await stats.recordGift(gift);
    await stats.recordGift(gift);
    await stats.recordGift({ ...gift, transactionId: randomUUID(), quantity: 1, coins: 30 });
    expect((await live.find(id))?.peak_viewers).toBe(3);
    expect((await stats.stats([id])).size).toBe(0);

    await live.markEnded(id);
    await stats.record(id);
    const recorded = (await stats.stats([id])).get(id);
    expect(recorded).toMatchObject({ peak_viewers: 3, unique_viewers: 2, chat_messages: 2, gifts: 3, coins: 32 });
    expect(recorded?.duration_seconds).toBeGreaterThanOrEqual(0);
    await stats.addViewer(id, randomUUID());
    await stats.record(id);
    expect((await stats.stats([id])).get(id)).toEqual(recorded);
  });

  it('records a stream that never went on air as lasting nothing', async () => {
    const { id } = await stream();
    await new LiveStore(database.db).markEnded(id);
    const stats = new StatsStore(database.db);
    await stats.record(id);
    expect((await stats.stats([id])).get(id)).toEqual({
      duration_seconds: 0,
      peak_viewers: 0,
      unique_viewers: 0,
      chat_messages: 0,
      gifts: 0,
      coins: 0,
    });
  });
});
