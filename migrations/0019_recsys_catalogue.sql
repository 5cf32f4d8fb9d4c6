-- recsys module: its own read-model of the catalogue, fed by the videos module's events (consumer group
-- `recsys-catalogue`, run by every api node), so the recommender never reads the videos module's tables or presenter.
-- Rows are created by whichever event of a video arrives first; each handler keeps the newest facts it knows.
create table recsys_catalogue (
  video_id uuid primary key,
  author_id uuid,
  caption text not null default '',
  hashtags text[] not null default '{}',
  sound_id uuid,
  duration_ms double precision not null default 0,
  -- null until an event says (VideoReady before version 2 did not): counted as public, as the recommender does.
  visibility text check (visibility in ('public', 'friends', 'private')),
  -- VideoReady arrived.
  ready boolean not null default false,
  -- When others may see it (from VideoReady or VideoPublished); published_at once VideoPublished arrived.
  publish_at timestamptz,
  published_at timestamptz,
  -- VideoRemoved arrived: final.
  removed boolean not null default false,
  -- When the event that set caption, hashtags and visibility happened: an older one arriving later changes nothing.
  details_at timestamptz,
  updated_at timestamptz not null default now()
);
create index recsys_catalogue_recommendable on recsys_catalogue (publish_at desc, video_id desc)
  where ready and not removed;

-- Once, for videos that became ready before this table existed; the facts are as of now, so older events replayed
-- from the stream do not override them.
insert into recsys_catalogue
  (video_id, author_id, caption, hashtags, sound_id, duration_ms, visibility, ready, publish_at, published_at,
   details_at)
select id, author_id, caption, hashtags, sound_id, coalesce(duration_ms, 0), visibility, true,
       coalesce(publish_at, ready_at, created_at), published_at, now()
from videos
where status = 'ready';
