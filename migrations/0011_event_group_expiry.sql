-- Consumer groups of one process (SubscribeOptions.idleExpiryMs): deleted once no member has been active this long.
alter table event_groups
  add column idle_expiry_ms bigint,
  add column active_at timestamptz not null default now();
