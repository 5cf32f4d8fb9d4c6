-- live module: the stream room. Chat messages (a deleted one is kept, hidden, so the stream's stats still count it),
-- per-stream moderators, mutes and bans, slow mode, who watched (unique viewers), the gifts sent during the stream
-- (copied from the wallet's receipt: the live module never reads the wallet's tables), and the stats recorded at end.
alter table live_streams
  add column slow_mode_seconds integer not null default 0 check (slow_mode_seconds between 0 and 300),
  add column peak_viewers integer not null default 0;

create table live_chat_messages (
  id uuid primary key,
  stream_id uuid not null references live_streams (id) on delete cascade,
  author_id uuid not null,
  text text not null,
  created_at timestamptz not null default clock_timestamp(),
  deleted_at timestamptz
);
create index live_chat_messages_of_stream on live_chat_messages (stream_id, created_at desc, id desc);

create table live_stream_members (
  stream_id uuid not null references live_streams (id) on delete cascade,
  user_id uuid not null,
  moderator boolean not null default false,
  muted boolean not null default false,
  banned boolean not null default false,
  primary key (stream_id, user_id)
);

create table live_stream_viewers (
  stream_id uuid not null references live_streams (id) on delete cascade,
  user_id uuid not null,
  first_joined_at timestamptz not null default now(),
  primary key (stream_id, user_id)
);

create table live_gifts (
  transaction_id uuid primary key,
  stream_id uuid not null references live_streams (id) on delete cascade,
  sender_id uuid not null,
  gift_id text not null,
  quantity integer not null check (quantity > 0),
  coins bigint not null check (coins >= 0),
  created_at timestamptz not null default now()
);
create index live_gifts_of_stream on live_gifts (stream_id);

create table live_stream_stats (
  stream_id uuid primary key references live_streams (id) on delete cascade,
  duration_seconds integer not null,
  peak_viewers integer not null,
  unique_viewers integer not null,
  chat_messages integer not null,
  gifts integer not null,
  coins bigint not null,
  recorded_at timestamptz not null default now()
);
