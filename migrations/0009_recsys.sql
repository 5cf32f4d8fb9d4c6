-- Owned by the recsys module: the recommender's in-memory state, serialised, so a restart warms from here and
-- replays only the events since. Written in parts (a large state exceeds what one parameter should carry).
create table recsys_snapshots (
  id bigserial primary key,
  node_id text not null,
  -- Newest event time the state includes; replay starts a little before it.
  watermark timestamptz not null,
  byte_size bigint not null,
  parts integer not null,
  complete boolean not null default false,
  taken_at timestamptz not null default now()
);
create index recsys_snapshots_complete on recsys_snapshots (taken_at desc) where complete;

create table recsys_snapshot_parts (
  snapshot_id bigint not null references recsys_snapshots (id) on delete cascade,
  part integer not null,
  data bytea not null,
  primary key (snapshot_id, part)
);

-- Owned by the feed module: a viewer who switched the For You feed to non-personalised (newest first).
create table feed_preferences (
  user_id uuid primary key,
  personalized boolean not null,
  updated_at timestamptz not null default now()
);
