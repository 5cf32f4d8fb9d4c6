-- live module. `replay`: the host asked for the stream to become a video when it ends; `replay_video_id` is that
-- video (the videos module's, no foreign key), set once the recording was handed over. `media_removed_at`: the
-- stream's HLS blobs were removed after the retention period (the periodic sweep, on any node).
alter table live_streams add column replay boolean not null default false;
alter table live_streams add column replay_video_id uuid;
alter table live_streams add column media_removed_at timestamptz;
create index live_streams_media_kept on live_streams (ended_at) where status = 'ended' and media_removed_at is null;

-- notifications module. A "went live" notification links to its stream; its switch is `live`.
alter table notifications add column stream_id uuid;
alter table notification_preferences add column live boolean not null default true;
