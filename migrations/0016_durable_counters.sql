-- interactions module. A counter change is a delta row written in the transaction of the fact it counts (the like,
-- the comment, the share), so an acknowledged change survives any crash; a flusher folds the deltas into the
-- counters below and deletes them in one transaction. What a reader sees is the counter plus its pending deltas.
create table video_counter_deltas (
  id bigserial primary key,
  video_id uuid not null,
  -- The video's creator, so a like also moves the creator's total when it is folded in.
  author_id uuid,
  likes integer not null default 0,
  comments integer not null default 0,
  shares integer not null default 0,
  saves integer not null default 0
);
create index video_counter_deltas_by_video on video_counter_deltas (video_id);
create index video_counter_deltas_by_author on video_counter_deltas (author_id) where author_id is not null;

create table comment_counter_deltas (
  id bigserial primary key,
  comment_id uuid not null,
  likes integer not null default 0,
  replies integer not null default 0
);
create index comment_counter_deltas_by_comment on comment_counter_deltas (comment_id);

-- A creator's likes are the sum of their videos' likes: the author is kept beside each video's counts.
alter table video_counters add column author_id uuid;
create index video_counters_by_author on video_counters (author_id) where author_id is not null;

-- Counts the earlier in-memory buffer lost in a crash are rebuilt once from the rows they count. The author is
-- copied from the videos table this one time only; from now on every delta carries it.
insert into video_counters (video_id)
  select video_id from video_likes union select video_id from video_saves
  union select video_id from video_shares union select video_id from comments
on conflict (video_id) do nothing;
update video_counters c set
  author_id = (select v.author_id from videos v where v.id = c.video_id),
  likes = (select count(*) from video_likes s where s.video_id = c.video_id),
  comments = (select count(*) from comments s where s.video_id = c.video_id),
  shares = (select count(*) from video_shares s where s.video_id = c.video_id),
  saves = (select count(*) from video_saves s where s.video_id = c.video_id);
update comments c set
  like_count = (select count(*) from comment_likes s where s.comment_id = c.id),
  reply_count = (select count(*) from comments s where s.parent_id = c.id);
insert into creator_counters (user_id, likes)
  select author_id, sum(likes) from video_counters where author_id is not null group by author_id
on conflict (user_id) do update set likes = excluded.likes;
update creator_counters set likes = 0
  where not exists (select 1 from video_counters v where v.author_id = creator_counters.user_id);
