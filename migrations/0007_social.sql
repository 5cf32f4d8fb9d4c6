-- The social graph (follows module) and interactions (interactions module). Ids of accounts, videos and comments
-- owned by other modules carry no foreign key: modules do not share tables.

-- Owned by accounts; added here with the follow requests that give it meaning.
alter table users add column is_private boolean not null default false;

-- follows module. Every edge is indexed both ways: by its owner for "following", by its target for "followers".
create table follows (
  follower_id uuid not null,
  followee_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (follower_id, followee_id),
  check (follower_id <> followee_id)
);
create index follows_followers on follows (followee_id, created_at desc, follower_id desc);
create index follows_following on follows (follower_id, created_at desc, followee_id desc);

create table follow_requests (
  requester_id uuid not null,
  target_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (requester_id, target_id)
);
create index follow_requests_by_target on follow_requests (target_id, created_at desc, requester_id desc);

create table blocks (
  blocker_id uuid not null,
  blocked_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (blocker_id, blocked_id)
);
create index blocks_by_blocked on blocks (blocked_id, blocker_id);

-- Kept in the transaction of each follow change, so profile counts are exact without counting edges.
create table follow_counts (
  user_id uuid primary key,
  followers bigint not null default 0,
  following bigint not null default 0
);

-- interactions module. The rows are the truth of who did what; the counters below are fed from a buffer.
create table video_likes (
  video_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (video_id, user_id)
);
create index video_likes_by_user on video_likes (user_id, created_at desc);

create table video_saves (
  user_id uuid not null,
  video_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (user_id, video_id)
);
create index video_saves_newest on video_saves (user_id, created_at desc, video_id desc);
create index video_saves_by_video on video_saves (video_id);

create table video_shares (
  id bigserial primary key,
  video_id uuid not null,
  user_id uuid,
  channel text not null,
  created_at timestamptz not null default now()
);
create index video_shares_by_video on video_shares (video_id);

create table comments (
  id uuid primary key,
  video_id uuid not null,
  user_id uuid not null,
  -- Replies hang under a top-level comment; a reply to a reply is filed under the same top-level comment.
  parent_id uuid references comments (id) on delete cascade,
  content text not null,
  mentions text[] not null default '{}',
  like_count bigint not null default 0,
  reply_count bigint not null default 0,
  created_at timestamptz not null default now()
);
create index comments_top_level on comments (video_id, created_at desc, id desc) where parent_id is null;
create index comments_replies on comments (parent_id, created_at, id) where parent_id is not null;

create table comment_likes (
  comment_id uuid not null references comments (id) on delete cascade,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (comment_id, user_id)
);

-- Counters flushed in batches from the cache; what a client sees is these plus the deltas still buffered.
create table video_counters (
  video_id uuid primary key,
  likes bigint not null default 0,
  comments bigint not null default 0,
  shares bigint not null default 0,
  saves bigint not null default 0
);

-- Likes a creator has received over all their videos, for the profile.
create table creator_counters (
  user_id uuid primary key,
  likes bigint not null default 0
);
