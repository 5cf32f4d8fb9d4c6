-- live module: streams a host goes live with from OBS or ffmpeg (RTMP). The stream key is handed out once and kept
-- only as its SHA-256 (a random 32-byte key needs no slow hash); it works for this one stream, until it expires or
-- the stream ends.
create table live_streams (
  id uuid primary key,
  host_id uuid not null,
  title text not null,
  visibility text not null check (visibility in ('public', 'friends', 'private')),
  status text not null default 'idle' check (status in ('idle', 'live', 'ended')),
  key_hash text not null unique,
  key_expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz
);
create index live_streams_on_air on live_streams (started_at desc, id desc) where status = 'live';
create index live_streams_of_host on live_streams (host_id, created_at desc);
