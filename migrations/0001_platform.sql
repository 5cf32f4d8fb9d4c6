-- In public, so a schema-scoped installation (tests use one schema each) never owns or drops it.
create extension if not exists pg_trgm with schema public;

-- Secrets the platform generates once and every node shares (e.g. the access-token signing key).
create table platform_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- Small facts about this installation (e.g. whether the demo catalogue was seeded).
create table platform_state (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
