-- Owned by the search module: documents denormalised from events. No other module's table is read; ids name
-- accounts, videos and sounds without foreign keys. A row may exist before the event that describes it (a like can
-- be handled before VideoReady), so descriptive columns start empty and `*_at` columns say which event version
-- they hold: an older event never overwrites a newer one (events are handled out of order).

-- `document` is computed by these functions on every write (array_to_string is only stable, so no generated column).
create function search_user_document(username text, display_name text, bio text) returns tsvector
language sql stable as $$
  select setweight(to_tsvector('simple', coalesce(username, '')), 'A')
      || setweight(to_tsvector('simple', coalesce(display_name, '')), 'B')
      || setweight(to_tsvector('simple', coalesce(bio, '')), 'C')
$$;

create function search_video_popularity(views bigint, likes bigint, shares bigint) returns double precision
language sql immutable as $$
  select (greatest(views, 0) + 5 * greatest(likes, 0) + 10 * greatest(shares, 0))::double precision
$$;

-- Popularity in powers of two (0 … 24). A video's document holds its band as the lexeme `#p<band>`, which no query
-- word can produce (words are letters and digits), so one GIN lookup finds the matches of a band: search reads the
-- most popular matches first without visiting every match.
create function search_popularity_band(popularity double precision) returns smallint
language sql immutable as $$
  select least(24, floor(ln(1 + greatest(popularity, 0)) / ln(2)))::smallint
$$;

create function search_video_document(caption text, hashtags text[], sound_title text, band smallint) returns tsvector
language sql stable as $$
  select setweight(to_tsvector('simple', array_to_string(hashtags, ' ')), 'A')
      || setweight(to_tsvector('simple', coalesce(caption, '')), 'B')
      || setweight(to_tsvector('simple', coalesce(sound_title, '')), 'C')
      || array_to_tsvector(array['#p' || band])
$$;

create function search_sound_document(title text, artist text) returns tsvector
language sql stable as $$
  select setweight(to_tsvector('simple', coalesce(title, '')), 'A')
      || setweight(to_tsvector('simple', coalesce(artist, '')), 'B')
$$;

create table search_users (
  id uuid primary key,
  -- null until UserRegistered or ProfileUpdated arrives: such a row only holds counts and is never found.
  username text,
  display_name text not null default '',
  bio text not null default '',
  is_private boolean not null default false,
  document tsvector not null default ''::tsvector,
  profile_at timestamptz not null default '-infinity',
  follower_count bigint not null default 0,
  likes_received bigint not null default 0,
  -- Counter events older than this are already in the counts (set by a rebuild from the owning modules).
  counted_from timestamptz not null default '-infinity',
  popularity double precision generated always as (2 * greatest(follower_count, 0) + greatest(likes_received, 0)) stored
);
create index search_users_username on search_users (username text_pattern_ops);
create index search_users_username_trgm on search_users using gin (username gin_trgm_ops);
create index search_users_display_name_trgm on search_users using gin (lower(display_name) gin_trgm_ops);
create index search_users_document on search_users using gin (document);

create table search_videos (
  id uuid primary key,
  author_id uuid,
  caption text not null default '',
  hashtags text[] not null default '{}',
  sound_id uuid,
  sound_title text,
  visibility text not null default 'public',
  ready boolean not null default false,
  published boolean not null default false,
  removed boolean not null default false,
  text_at timestamptz not null default '-infinity',
  visibility_at timestamptz not null default '-infinity',
  document tsvector not null default ''::tsvector,
  view_count bigint not null default 0,
  like_count bigint not null default 0,
  share_count bigint not null default 0,
  counted_from timestamptz not null default '-infinity',
  searchable boolean generated always as (ready and published and not removed and visibility = 'public') stored,
  popularity double precision generated always as (search_video_popularity(view_count, like_count, share_count)) stored,
  -- search_popularity_band(popularity), kept by every write (and in `document`).
  band smallint not null default 0
);
create index search_videos_document on search_videos using gin (document) where searchable;
create index search_videos_by_sound on search_videos (sound_id, band desc, id desc) where searchable;

-- The searchable videos of each hashtag by popularity band: a hashtag's page is one index range, however big.
create table search_video_tags (
  tag text not null,
  video_id uuid not null,
  band smallint not null,
  primary key (tag, video_id)
);
create index search_video_tags_by_band on search_video_tags (tag, band desc, video_id desc);

-- Sums over the searchable videos using a hashtag or sound, kept exact as videos come, change and go.
create table search_hashtags (
  name text primary key,
  video_count bigint not null default 0,
  view_count bigint not null default 0,
  popularity double precision generated always as (10 * greatest(video_count, 0) + greatest(view_count, 0)) stored
);
create index search_hashtags_prefix on search_hashtags (name text_pattern_ops);
create index search_hashtags_trgm on search_hashtags using gin (name gin_trgm_ops);

create table search_sounds (
  id uuid primary key,
  -- null until SoundCreated arrives.
  title text,
  owner_id uuid,
  artist text not null default '',
  duration_ms integer,
  document tsvector not null default ''::tsvector,
  video_count bigint not null default 0,
  view_count bigint not null default 0,
  popularity double precision generated always as (10 * greatest(video_count, 0) + greatest(view_count, 0)) stored
);
create index search_sounds_title on search_sounds (lower(title) text_pattern_ops);
create index search_sounds_title_trgm on search_sounds using gin (lower(title) gin_trgm_ops);
create index search_sounds_artist_trgm on search_sounds using gin (artist gin_trgm_ops);
create index search_sounds_document on search_sounds using gin (document);
create index search_sounds_owner on search_sounds (owner_id);

-- Words of captions and hashtags: the vocabulary a misspelt word is corrected against.
create table search_terms (term text primary key);
create index search_terms_trgm on search_terms using gin (term gin_trgm_ops);

-- Counter events already applied (at-least-once delivery); pruned after the event stream's retention.
create table search_applied_events (
  event_id text primary key,
  applied_at timestamptz not null default now()
);
create index search_applied_events_at on search_applied_events (applied_at);

create table search_index_state (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Owned by the trending module: each detector's current board (read by every api node) and its sketches (adopted
-- by the next detector after it stops).
create table trending_nodes (
  node_id text primary key,
  board jsonb not null,
  state bytea,
  snapshot_at timestamptz,
  updated_at timestamptz not null default now()
);
