-- notifications and messaging modules. Ids of accounts, videos and comments owned by other modules carry no
-- foreign key: modules do not share tables.

-- notifications module. `seq` orders the list and moves to the top whenever an aggregate changes, so "read up to"
-- means "up to what the client was shown". `group_key` is what makes writing one idempotent: `event:<id>` for a
-- notification of its own, `like:<video>:<window>` for likes aggregated per video and time window.
create sequence notification_seq;

create table notifications (
  id bigserial primary key,
  recipient_id uuid not null,
  group_key text not null,
  type text not null,
  video_id uuid,
  comment_id uuid,
  text text,
  -- The most recent few actors, newest first; every actor is in notification_actors.
  actor_ids uuid[] not null default '{}',
  actor_count integer not null default 0,
  seq bigint not null default nextval('notification_seq'),
  read_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (recipient_id, group_key)
);
create index notifications_list on notifications (recipient_id, seq desc);
create index notifications_unread on notifications (recipient_id) where read_at is null;

create table notification_actors (
  notification_id bigint not null references notifications (id) on delete cascade,
  actor_id uuid not null,
  primary key (notification_id, actor_id)
);

-- A row only once an account changed a default (everything on).
create table notification_preferences (
  user_id uuid primary key,
  likes boolean not null default true,
  comments boolean not null default true,
  follows boolean not null default true,
  mentions boolean not null default true,
  messages boolean not null default true,
  updated_at timestamptz not null default now()
);

-- A browser's push endpoint belongs to the account signed in on it now.
create table push_subscriptions (
  endpoint text primary key,
  user_id uuid not null,
  p256dh text not null,
  auth text not null,
  created_at timestamptz not null default now()
);
create index push_subscriptions_by_user on push_subscriptions (user_id);

-- messaging module. One sequence orders messages and conversation activity: no timestamp ties, exact cursors.
create sequence message_seq;

create table conversations (
  id uuid primary key,
  kind text not null check (kind in ('direct', 'group')),
  title text,
  -- '<smaller user id>:<larger user id>' for a 1:1, so finding or creating it is one race-free insert.
  direct_key text unique,
  created_by uuid not null,
  activity_seq bigint not null default nextval('message_seq'),
  last_message_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table conversation_members (
  conversation_id uuid not null references conversations (id) on delete cascade,
  user_id uuid not null,
  -- The member has read every message up to this seq.
  last_read_seq bigint not null default 0,
  joined_at timestamptz not null default now(),
  primary key (conversation_id, user_id)
);
create index conversation_members_by_user on conversation_members (user_id, conversation_id);

create table messages (
  id uuid primary key,
  seq bigint not null unique default nextval('message_seq'),
  conversation_id uuid not null references conversations (id) on delete cascade,
  sender_id uuid not null,
  text text,
  video_id uuid,
  created_at timestamptz not null default now(),
  check (text is not null or video_id is not null)
);
create index messages_history on messages (conversation_id, seq desc);
