-- Embedded event stream: an append-only log read by consumer groups.
-- `tx_id` is the inserting transaction: readers only take rows whose transaction is older than every running one
-- (pg_snapshot_xmin), ordered by (tx_id, seq), so an event committed late with a low seq is never skipped.
create table events (
  seq bigserial primary key,
  tx_id xid8 not null default pg_current_xact_id(),
  id text not null unique,
  type text not null,
  version integer not null,
  occurred_at timestamptz not null,
  data jsonb not null,
  published_at timestamptz not null default now()
);
create index events_tx_seq on events (tx_id, seq);
create index events_published_at on events (published_at);

-- Per consumer group: how far into the log it has taken events (into event_deliveries).
create table event_groups (
  name text primary key,
  cursor_tx xid8 not null default '0',
  cursor_seq bigint not null default 0
);

-- Events of a group waiting for or in delivery; a row is deleted when a member acknowledges it.
create table event_deliveries (
  group_name text not null,
  seq bigint not null,
  deliveries integer not null default 0,
  lease_until timestamptz not null default now(),
  last_error text,
  primary key (group_name, seq)
);
create index event_deliveries_ready on event_deliveries (group_name, lease_until);

create table event_dead_letters (
  group_name text not null,
  seq bigint not null,
  event jsonb not null,
  deliveries integer not null,
  last_error text not null,
  failed_at timestamptz not null default now(),
  primary key (group_name, seq)
);

-- Embedded job queue. A finished job is deleted; a dead one stays for inspection.
create table jobs (
  id text primary key,
  seq bigserial not null,
  queue text not null,
  payload jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'dead')),
  attempts integer not null default 0,
  run_at timestamptz not null default now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_ready on jobs (queue, run_at, seq) where status = 'queued';
create index jobs_leased on jobs (queue, lease_until) where status = 'running';
create index jobs_dead on jobs (queue, updated_at) where status = 'dead';

-- Transactional outbox for the NATS adapters: rows written with the state change, relayed to JetStream.
create table outbox (
  id bigserial primary key,
  stream text not null,
  subject text not null,
  msg_id text not null,
  headers jsonb not null default '{}',
  body text not null,
  created_at timestamptz not null default now()
);
create index outbox_stream_id on outbox (stream, id);
