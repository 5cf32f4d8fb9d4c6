import { expect, vi } from 'vitest';
import { type CatalogueEntry, publishReadyVideos } from './catalogue.ts';
import { signUp, type TestLooply } from './looply.ts';

export const TOPICS = ['chess', 'cooking', 'cats', 'running'] as const;
export type Topic = (typeof TOPICS)[number];

const WORDS: Record<Topic, string> = {
  chess: 'opening gambit endgame checkmate',
  cooking: 'pasta sauce recipe kitchen',
  cats: 'kitten purr whiskers nap',
  running: 'trail marathon pace sprint',
};

export interface TopicCatalogue {
  topicOf: Map<string, Topic>;
  ids: string[];
}

/**
 * `perTopic` ready videos on each of four topics, by two creators per topic, with topic hashtags and words; waits
 * until the recommender of `looply` has them all (their VideoReady events arrived).
 */
export async function buildTopicCatalogue(looply: TestLooply, perTopic: number): Promise<TopicCatalogue> {
  const creators = [];
  for (const [i, topic] of TOPICS.flatMap((topic) => [topic, topic]).entries()) {
    creators.push({ topic, account: await signUp(looply, `${topic}.creator${i}`) });
  }
  const entries: Array<CatalogueEntry & { topic: Topic }> = [];
  for (let n = 0; n < perTopic; n++) {
    for (const [c, topic] of TOPICS.entries()) {
      const creator = creators[c * 2 + (n % 2)] as (typeof creators)[number];
      entries.push({
        topic,
        authorId: creator.account.user.id,
        caption: `${topic} ${WORDS[topic]} part ${n}`,
        hashtags: [topic, `${topic}tok`],
      });
    }
  }
  const ids = await publishReadyVideos(looply, entries);
  const topicOf = new Map(ids.map((id, i) => [id, (entries[i] as { topic: Topic }).topic]));
  await vi.waitFor(() => expect(looply.services.recsys.recommender.state.catalogue.eligibleCount).toBe(ids.length), {
    timeout: 30_000,
    interval: 100,
  });
  return { topicOf, ids };
}

/** Watches a video to the end, or skips it after half a second. */
export async function swipe(looply: TestLooply, token: string, videoId: string, watched: boolean) {
  const response = await looply.api(`/v1/videos/${videoId}/view`, {
    method: 'POST',
    token,
    json: watched
      ? { watch_time_ms: 15_000, completion_rate: 1, replay_count: 0, source: 'fyp' }
      : { watch_time_ms: 500, completion_rate: 0.03, replay_count: 0, source: 'fyp' },
  });
  expect(response.status).toBe(204);
}

/**
 * Swipes through a page as a viewer who loves the first video's topic: that topic watched fully, the rest skipped.
 * Returns the loved topic once the signals have reached the consumers (see settle).
 */
export async function swipeLovingFirstTopic(
  looply: TestLooply,
  token: string,
  page: { videos: Array<{ id: string }> },
  catalogue: TopicCatalogue,
): Promise<Topic> {
  const loved = catalogue.topicOf.get(page.videos[0]?.id ?? '') as Topic;
  for (const video of page.videos) await swipe(looply, token, video.id, catalogue.topicOf.get(video.id) === loved);
  await settle(looply);
  return loved;
}

export async function forYou(looply: TestLooply, token: string | undefined, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  const response = await looply.api(`/v1/feed/fyp${search ? `?${search}` : ''}`, token ? { token } : {});
  expect(response.status).toBe(200);
  return response.body as {
    videos: Array<{ id: string; recommendation_reason: string; playback_urls: unknown }>;
    cursor: string | null;
    has_more: boolean;
    prefetch_hints: Array<{ video_id: string; hls: string }>;
    mode: string;
  };
}

/** The share of `topic` on a page, and whether it is the page's most common topic. */
export function topicShare(page: { videos: Array<{ id: string }> }, catalogue: TopicCatalogue, topic: Topic) {
  const counts = new Map<Topic, number>();
  for (const video of page.videos) {
    const t = catalogue.topicOf.get(video.id);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const mine = counts.get(topic) ?? 0;
  return {
    share: page.videos.length ? mine / page.videos.length : 0,
    dominant: [...counts.entries()].every(([other, count]) => other === topic || count < mine),
  };
}

/** Waits until the signals given so far have reached every consumer (the recommender, its shared session). */
export async function settle(looply: TestLooply): Promise<void> {
  await vi.waitFor(async () => expect(await looply.infra.events.caughtUp()).toBe(true), {
    timeout: 30_000,
    interval: 50,
  });
}
