-- notifications module. An unlike withdraws its account from the video's like notification: the row stays (so
-- liking again restores it without a new alert) but no longer counts or is named.
alter table notification_actors
  add column withdrawn boolean not null default false,
  -- Added with now() so existing rows are not rewritten; new actors take the clock, so the newest is named first.
  add column added_at timestamptz not null default now();
alter table notification_actors alter column added_at set default clock_timestamp();

-- The named actors after a withdrawal: the newest few still there.
create index notification_actors_newest on notification_actors (notification_id, added_at desc, actor_id desc)
  where not withdrawn;

-- An unlike finds the like notifications of its video (one per window) without reading the recipient's whole list.
create index notifications_likes_by_video on notifications (recipient_id, video_id) where type = 'like';
