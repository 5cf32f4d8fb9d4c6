import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../../src/platform/db/database.ts';
import { MIGRATIONS_DIR } from '../../src/platform/db/migrate.ts';
import { createRandom, hashtagNames, sentence, usernames, vocabulary, zipfPicker } from './corpus.ts';

export interface CorpusSize {
  videos: number;
  users: number;
  hashtags: number;
  sounds: number;
}

export interface LoadedCorpus {
  words: string[];
  hashtags: string[];
  usernames: string[];
  soundTitles: string[];
}

const BATCH = 10_000;

/** The search tables' indexes, as the migrations create them: dropped for the bulk load, rebuilt after. */
function searchIndexes(): Array<{ name: string; create: string }> {
  const sql = ['0010_search.sql', '0018_search_typo_prefixes.sql']
    .map((file) => readFileSync(`${MIGRATIONS_DIR}/${file}`, 'utf8'))
    .join('\n');
  return [...sql.matchAll(/create index (\w+) on [^;]+;/g)].map((match) => ({
    name: match[1] as string,
    create: match[0],
  }));
}

/**
 * Fills the search index tables set-based (batches of rows as arrays, no indexes during the load), then builds the
 * indexes, derives the hashtag and sound totals and analyzes: what the index looks like after a long life.
 */
export async function loadCorpus(
  db: Database,
  size: CorpusSize,
  progress: (step: string) => void,
): Promise<LoadedCorpus> {
  const random = createRandom(20261126);
  const words = vocabulary(Math.max(2000, Math.round(size.hashtags / 5)), random);
  const tags = hashtagNames(words, size.hashtags, random);
  const names = usernames(words, size.users, random);
  const wordPick = zipfPicker(words.length, 1.0, random);
  const tagPick = zipfPicker(tags.length, 1.05, random);
  const userPick = zipfPicker(names.length, 0.9, random);
  const soundPick = zipfPicker(size.sounds, 1.1, random);
  const popularity = () => Math.floor(Math.exp(random() * 11) - 1);

  for (const index of searchIndexes()) await db.exec(`drop index if exists ${index.name}`);

  progress(`users: ${size.users}`);
  const userIds = names.map(() => randomUUID());
  for (let start = 0; start < names.length; start += BATCH) {
    const slice = names.slice(start, start + BATCH);
    const display = slice.map(() => sentence(words, wordPick, 2));
    const bios = slice.map(() => sentence(words, wordPick, 4 + Math.floor(random() * 8)));
    await db.query(
      `insert into search_users (id, username, display_name, bio, profile_at, follower_count, likes_received, document)
       select id, username, display_name, bio, now(), followers, likes, search_user_document(username, display_name, bio)
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
         as u(id, username, display_name, bio, followers, likes)`,
      [userIds.slice(start, start + BATCH), slice, display, bios, slice.map(popularity), slice.map(popularity)],
    );
  }

  progress(`sounds: ${size.sounds}`);
  const soundIds = Array.from({ length: size.sounds }, () => randomUUID());
  const soundTitles = soundIds.map(
    () => `${sentence(words, wordPick, 2 + Math.floor(random() * 2))}${random() < 0.2 ? ' remix' : ''}`,
  );
  const soundOwners = soundIds.map(() => userPick());
  for (let start = 0; start < soundIds.length; start += BATCH) {
    const end = start + BATCH;
    await db.query(
      `insert into search_sounds (id, title, owner_id, artist, duration_ms, document, source_known)
       select id, title, owner, artist, 15000, search_sound_document(title, artist), true
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) as s(id, title, owner, artist)`,
      [
        soundIds.slice(start, end),
        soundTitles.slice(start, end),
        soundOwners.slice(start, end).map((i) => userIds[i]),
        soundOwners.slice(start, end).map((i) => names[i]),
      ],
    );
  }

  progress(`videos: ${size.videos}`);
  for (let start = 0; start < size.videos; start += BATCH) {
    const count = Math.min(BATCH, size.videos - start);
    const captions: string[] = [];
    const videoTags: string[] = [];
    const sounds: Array<string | null> = [];
    const titles: Array<string | null> = [];
    const authors: string[] = [];
    const views: number[] = [];
    const likes: number[] = [];
    const visibility: string[] = [];
    for (let i = 0; i < count; i += 1) {
      captions.push(sentence(words, wordPick, 3 + Math.floor(random() * 8)));
      const own = new Set<string>();
      const tagCount = 1 + Math.floor(random() * 4);
      for (let t = 0; t < tagCount; t += 1) own.add(tags[tagPick()] as string);
      videoTags.push([...own].join(' '));
      const sound = random() < 0.6 ? soundPick() : -1;
      sounds.push(sound >= 0 ? (soundIds[sound] as string) : null);
      titles.push(sound >= 0 ? (soundTitles[sound] as string) : null);
      authors.push(userIds[userPick()] as string);
      views.push(popularity());
      likes.push(Math.floor(popularity() / 10));
      visibility.push(random() < 0.95 ? 'public' : 'private');
    }
    await db.query(
      `insert into search_videos (id, author_id, caption, hashtags, sound_id, sound_title, visibility, ready, published,
         text_at, view_count, like_count, band, document)
       select gen_random_uuid(), author, caption, string_to_array(tags, ' '), sound, title, visibility, true, true,
         now(), views, likes, band, search_video_document(caption, string_to_array(tags, ' '), title, band)
       from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])
         as v(author, caption, tags, sound, title, visibility, views, likes),
         search_popularity_band(search_video_popularity(views, likes, 0)) as band`,
      [authors, captions, videoTags, sounds, titles, visibility, views, likes],
    );
    if ((start / BATCH) % 10 === 9) progress(`videos: ${start + count} loaded`);
  }

  progress('hashtag and sound totals, vocabulary');
  await db.exec(`
    insert into search_hashtags (name, video_count, view_count)
      select tag, count(*), sum(view_count) from search_videos, unnest(hashtags) as tag where searchable group by tag;
    insert into search_video_tags (tag, video_id, band)
      select tag, id, band from search_videos, unnest(hashtags) as tag where searchable;
    update search_sounds s set video_count = t.videos, view_count = t.views
      from (select sound_id, count(*) as videos, sum(view_count) as views from search_videos
            where searchable and sound_id is not null group by sound_id) t
      where s.id = t.sound_id;
    -- An original sound's source is one of its owner's videos (a private one hides the sound, as in life), so
    -- sound queries pay for the openness check; owners with no video keep sounds without a source.
    update search_sounds s set source_video_id = v.id
      from (select distinct on (author_id) author_id, id from search_videos order by author_id, id) v
      where v.author_id = s.owner_id;
  `);
  const vocabularyTerms = [...new Set([...words, ...tags.flatMap((tag) => tag.split('_'))])].filter(
    (w) => w.length >= 3,
  );
  await db.query('insert into search_terms (term) select unnest($1::text[]) on conflict do nothing', [vocabularyTerms]);

  for (const index of searchIndexes()) {
    progress(`index ${index.name}`);
    await db.exec(index.create);
  }
  progress('analyze');
  await db.exec(
    'analyze search_users; analyze search_videos; analyze search_video_tags; analyze search_hashtags; analyze search_sounds; analyze search_terms',
  );
  return { words, hashtags: tags, usernames: names, soundTitles };
}
