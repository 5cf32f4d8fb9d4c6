import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { connectJetStream } from '../../src/platform/stream/nats-connection.ts';
import type { ChaosClient } from './client.ts';
import type { Ledger } from './workload.ts';

/** One invariant: what it claims, how many cases it checked, and the cases that break it (at most a few shown). */
export interface Invariant {
  name: string;
  checked: number;
  breaches: string[];
}

const SAMPLE = 5;

function invariant(name: string, checked: number, breaches: string[]): Invariant {
  return { name, checked, breaches };
}

/** `id:id` pair keys of the ledger → [first, second]. */
function pairOf(key: string): [string, string] {
  const [, first, second] = key.split(':');
  return [first as string, second as string];
}

/** How many messages each video has on an event subject of the run's JetStream (every event of that type, read once). */
async function eventsPerVideo(natsUrl: string, namespace: string, type: string): Promise<Map<string, Set<string>>> {
  const { nc, js } = await connectJetStream(natsUrl, `chaos-check-${type}`);
  const perVideo = new Map<string, Set<string>>();
  try {
    const consumer = await js.consumers.get(`${namespace}_events`, { filter_subjects: `${namespace}.events.${type}` });
    let pending = (await consumer.info()).num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 500), expires: 5000 });
      let got = 0;
      for await (const message of batch) {
        const event = message.json<{ id: string; data: { video_id: string } }>();
        const ids = perVideo.get(event.data.video_id) ?? new Set<string>();
        ids.add(event.id);
        perVideo.set(event.data.video_id, ids);
        got += 1;
      }
      if (got === 0) throw new Error(`could not read the ${type} events`);
      pending -= got;
    }
    await consumer.delete().catch(() => {});
  } finally {
    await nc.close();
  }
  return perVideo;
}

async function deadLetters(natsUrl: string, namespace: string): Promise<Record<string, number>> {
  const { nc, jsm } = await connectJetStream(natsUrl, 'chaos-check-dlq');
  try {
    const counts: Record<string, number> = {};
    for (const stream of [`${namespace}_events_dlq`, `${namespace}_jobs_dlq`]) {
      counts[stream] = await jsm.streams
        .info(stream)
        .then((info) => info.state.messages)
        .catch(() => 0);
    }
    return counts;
  } finally {
    await nc.close();
  }
}

export interface CheckContext {
  db: pg.Client;
  client: ChaosClient;
  ledger: Ledger;
  /** The seed videos interactions targeted. */
  videos: readonly string[];
  natsUrl: string;
  namespace: string;
  dataDir: string;
  /** The output of `looply reconcile-counters` run after the cluster settled. */
  reconcileOutput: string;
}

/** Every invariant of the chaos run, checked against the settled cluster through the API and the database. */
export async function checkInvariants(c: CheckContext): Promise<Invariant[]> {
  const { db, ledger } = c;
  const results: Invariant[] = [];
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await db.query<T>(sql, params)).rows;
  const reader = ledger.accounts[0];

  // Sign-ups: each acknowledged account exists, in the store and through the API.
  {
    const breaches: string[] = [];
    const usernames = [...ledger.signups.keys()];
    const rows = await q<{ username: string; id: string }>('select username, id from users where username = any($1)', [
      usernames,
    ]);
    const stored = new Map(rows.map((row) => [row.username, row.id]));
    for (const [username, id] of ledger.signups) {
      if (stored.get(username) !== id) breaches.push(`account ${username} (${id}) is not stored`);
      else {
        const answer = await c.client.call('check', `/v1/users/${username}`);
        if (answer.status !== 200) breaches.push(`GET /v1/users/${username} answered ${answer.status}`);
      }
    }
    results.push(invariant('acknowledged sign-ups present', ledger.signups.size, breaches));
  }

  // Likes and follows: the last acknowledged state of every pair whose outcome is known is what the rows say.
  for (const [kind, pairs, table, a, b] of [
    ['likes', ledger.likes, 'video_likes', 'user_id', 'video_id'],
    ['follows', ledger.follows, 'follows', 'follower_id', 'followee_id'],
  ] as const) {
    const breaches: string[] = [];
    const rows = await q<{ a: string; b: string }>(`select ${a} as a, ${b} as b from ${table}`);
    const present = new Set(rows.map((row) => `${row.a}:${row.b}`));
    let checked = 0;
    for (const [key, pair] of pairs) {
      if (pair.state === null || pair.tainted) continue;
      checked += 1;
      const [first, second] = pairOf(key);
      const stored = present.has(`${first}:${second}`);
      if (stored !== pair.state) {
        breaches.push(`${kind} ${first} → ${second}: acknowledged ${pair.state}, stored ${stored}`);
      }
    }
    results.push(invariant(`acknowledged ${kind} and un${kind} hold`, checked, breaches));
  }

  // Comments and messages: every acknowledged one is stored where it was written.
  {
    const ids = ledger.comments.map((comment) => comment.id);
    const rows = await q<{ id: string; video_id: string }>('select id, video_id from comments where id = any($1)', [
      ids,
    ]);
    const stored = new Map(rows.map((row) => [row.id, row.video_id]));
    const breaches = ledger.comments
      .filter((comment) => stored.get(comment.id) !== comment.videoId)
      .map((comment) => `comment ${comment.id} on ${comment.videoId} is not stored`);
    results.push(invariant('acknowledged comments present', ids.length, breaches));
  }
  {
    const ids = ledger.messages.map((message) => message.id);
    const rows = await q<{ id: string; conversation_id: string }>(
      'select id, conversation_id from messages where id = any($1)',
      [ids],
    );
    const stored = new Map(rows.map((row) => [row.id, row.conversation_id]));
    const breaches = ledger.messages
      .filter((message) => stored.get(message.id) !== message.conversationId)
      .map((message) => `message ${message.id} in ${message.conversationId} is not stored`);
    results.push(invariant('acknowledged messages present', ids.length, breaches));
  }

  // Views: at least every acknowledged one counted, at most every one sent.
  {
    const breaches: string[] = [];
    for (const [video, views] of ledger.views) {
      const answer = await c.client.call('check', `/v1/videos/${video}`, { token: reader?.token ?? '' });
      const shown = Number(answer.body?.stats?.views);
      if (!(shown >= views.acknowledged && shown <= views.sent)) {
        breaches.push(`video ${video}: ${shown} views shown, ${views.acknowledged} acknowledged, ${views.sent} sent`);
      }
    }
    results.push(invariant('acknowledged views counted (≤ attempts sent)', ledger.views.size, breaches));
  }

  // Counters: what the API shows equals the rows it counts.
  {
    const breaches: string[] = [];
    const truth = await q<{ id: string; likes: string; comments: string; shares: string; saves: string }>(
      `select v.id,
         (select count(*) from video_likes s where s.video_id = v.id) as likes,
         (select count(*) from comments s where s.video_id = v.id) as comments,
         (select count(*) from video_shares s where s.video_id = v.id) as shares,
         (select count(*) from video_saves s where s.video_id = v.id) as saves
       from videos v where v.status = 'ready'`,
    );
    for (const row of truth) {
      const answer = await c.client.call('check', `/v1/videos/${row.id}`, { token: reader?.token ?? '' });
      const stats = answer.body?.stats ?? {};
      for (const field of ['likes', 'comments', 'shares', 'saves'] as const) {
        if (Number(stats[field]) !== Number(row[field])) {
          breaches.push(`video ${row.id}: ${field} shown ${stats[field]}, rows ${row[field]}`);
        }
      }
    }
    const people = await q<{ username: string; followers: string; following: string; likes: string }>(
      `select u.username,
         (select count(*) from follows f where f.followee_id = u.id) as followers,
         (select count(*) from follows f where f.follower_id = u.id) as following,
         (select count(*) from video_likes l join videos v on v.id = l.video_id where v.author_id = u.id) as likes
       from users u`,
    );
    for (const person of people) {
      const answer = await c.client.call('check', `/v1/users/${person.username}`);
      const stats = answer.body?.stats ?? {};
      for (const field of ['followers', 'following', 'likes'] as const) {
        if (Number(stats[field]) !== Number(person[field])) {
          breaches.push(`@${person.username}: ${field} shown ${stats[field]}, rows ${person[field]}`);
        }
      }
    }
    const reconciled = /Corrected the counts of (\d+) videos, (\d+) comments and (\d+) creators/.exec(
      c.reconcileOutput,
    );
    if (!reconciled) breaches.push(`looply reconcile-counters printed: ${c.reconcileOutput.trim()}`);
    else if (reconciled.slice(1).some((n) => n !== '0')) breaches.push(`looply reconcile-counters: ${reconciled[0]}`);
    results.push(invariant('every counter equals its rows', truth.length * 4 + people.length * 3 + 1, breaches));
  }

  // Uploads: each acknowledged upload became one video, processed to ready once, with one rendition.
  {
    const breaches: string[] = [];
    const ids = ledger.uploads.map((upload) => upload.id);
    const [readyEvents, uploadedEvents] = await Promise.all([
      eventsPerVideo(c.natsUrl, c.namespace, 'VideoReady'),
      eventsPerVideo(c.natsUrl, c.namespace, 'VideoUploaded'),
    ]);
    const videos = await q<{ id: string; status: string; rendition_id: string | null; state: string | null }>(
      `select v.id, v.status, v.rendition_id, r.state from videos v left join resumable_uploads r on r.id = v.id
       where v.id = any($1)`,
      [ids],
    );
    const byId = new Map(videos.map((video) => [video.id, video]));
    for (const id of ids) {
      const video = byId.get(id);
      if (!video) {
        breaches.push(`upload ${id}: no video`);
        continue;
      }
      if (video.status !== 'ready') breaches.push(`upload ${id}: video ${video.status}, not ready`);
      if (video.state !== 'finished') breaches.push(`upload ${id}: resumable upload ${video.state}, not finished`);
      const ready = readyEvents.get(id)?.size ?? 0;
      const uploaded = uploadedEvents.get(id)?.size ?? 0;
      if (ready !== 1) breaches.push(`upload ${id}: ${ready} VideoReady events`);
      if (uploaded !== 1) breaches.push(`upload ${id}: ${uploaded} VideoUploaded events`);
      const runs = await readdir(join(c.dataDir, 'blobs', 'videos', id)).catch(() => []);
      if (runs.length !== 1 || runs[0] !== video.rendition_id) {
        breaches.push(`upload ${id}: rendition directories ${JSON.stringify(runs)}, ready one ${video.rendition_id}`);
      }
      if (video.status === 'ready') {
        const answer = await c.client.call('check', `/v1/videos/${id}`, { token: reader?.token ?? '' });
        const master = answer.body?.playback_urls?.hls;
        const response = master ? await fetch(`${c.client.nodes[0]}${master}`) : null;
        await response?.arrayBuffer();
        if (response?.status !== 200) breaches.push(`upload ${id}: HLS master answered ${response?.status}`);
      }
    }
    // No video of the run processed twice or left half-way (also those of uploads whose answer was lost).
    const stray = await q<{ id: string; status: string }>(
      `select id, status from videos where status not in ('ready', 'uploading')`,
    );
    for (const video of stray) breaches.push(`video ${video.id} is ${video.status}`);
    for (const [id, events] of readyEvents) {
      if (events.size > 1 && !ids.includes(id)) breaches.push(`video ${id}: ${events.size} VideoReady events`);
    }
    results.push(invariant('every upload finished exactly once (ready, one rendition)', ids.length, breaches));
  }

  {
    const letters = await deadLetters(c.natsUrl, c.namespace);
    const breaches = Object.entries(letters)
      .filter(([, count]) => count > 0)
      .map(([stream, count]) => `${count} messages in ${stream}`);
    results.push(invariant('no job or event dead-lettered', Object.keys(letters).length, breaches));
  }
  return results.map((result) => ({ ...result, breaches: result.breaches }));
}

/** The first few breaches of an invariant, and how many more. */
export function sampleBreaches(breaches: readonly string[]): string[] {
  return breaches.length <= SAMPLE
    ? [...breaches]
    : [...breaches.slice(0, SAMPLE), `… and ${breaches.length - SAMPLE} more`];
}
