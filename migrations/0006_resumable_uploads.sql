-- Owned by the uploads module: one row per resumable (tus) upload. `id` is also the id of the video it fills and of
-- the tus upload on disk; owner_id names an account without a foreign key, as modules do not share tables.
create table resumable_uploads (
  id uuid primary key,
  owner_id uuid not null,
  size bigint not null check (size > 0),
  state text not null default 'open' check (state in ('open', 'finished', 'cancelled', 'expired')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);
create index resumable_uploads_open on resumable_uploads (expires_at, id) where state = 'open';
