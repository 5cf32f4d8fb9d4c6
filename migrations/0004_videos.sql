-- Owned by the videos module. author_id names an account but has no foreign key: modules do not share tables.
create table videos (
  id uuid primary key,
  author_id uuid not null,
  status text not null check (status in ('uploading', 'processing', 'ready', 'failed', 'removed')),
  visibility text not null default 'public' check (visibility in ('public', 'friends', 'private')),
  caption text not null default '',
  hashtags text[] not null default '{}',
  progress real not null default 0,
  source_key text,
  hls_key text,
  poster_key text,
  duration_ms integer,
  width integer,
  height integer,
  error_code text,
  error_message text,
  view_count bigint not null default 0,
  like_count bigint not null default 0,
  comment_count bigint not null default 0,
  share_count bigint not null default 0,
  created_at timestamptz not null default now(),
  ready_at timestamptz,
  updated_at timestamptz not null default now()
);
create index videos_public_ready on videos (ready_at desc, id desc) where status = 'ready' and visibility = 'public';
create index videos_by_author on videos (author_id, created_at desc, id desc);
