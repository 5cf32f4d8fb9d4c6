-- The media pipeline: upload options, effects, renditions, thumbnails, downloads, scheduled publishing, sounds.

-- Owned by the videos module.
alter table videos
  add column allow_download boolean not null default true,
  -- Effects chosen at upload (trim, speed, colour filter, text), applied by every processing run alike.
  add column effects jsonb not null default '{}',
  -- The sound the video plays: one chosen at upload, or the original sound extracted from it.
  add column sound_id uuid,
  -- Each processing run writes under videos/<id>/<rendition id>/; the row points at the finished one, and only
  -- the run named in processing_rendition_id may finish (a run whose worker was presumed dead cannot).
  add column rendition_id text,
  add column processing_rendition_id text,
  add column preview_key text,
  add column sprite_vtt_key text,
  add column download_key text,
  -- When others may see it (null until ready for an unscheduled upload), and when it became visible
  -- (VideoPublished was published).
  add column publish_at timestamptz,
  add column published_at timestamptz;

update videos set publish_at = ready_at, published_at = ready_at where status = 'ready';

drop index if exists videos_public_ready;
create index videos_public_published on videos (publish_at desc, id desc) where status = 'ready' and visibility = 'public';
create index videos_by_sound on videos (sound_id) where sound_id is not null;

-- Owned by the sounds module. owner_id and source_video_id name rows of other modules without foreign keys.
create table sounds (
  id uuid primary key,
  owner_id uuid not null,
  source_video_id uuid unique,
  title text not null,
  duration_ms integer not null,
  audio_key text not null,
  created_at timestamptz not null default now()
);
create index sounds_by_owner on sounds (owner_id, created_at desc);

-- Which videos use a sound; a video is recorded once, however often its processing is retried.
create table sound_uses (
  sound_id uuid not null references sounds (id) on delete cascade,
  video_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (sound_id, video_id)
);
