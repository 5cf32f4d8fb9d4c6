-- accounts module. A rotated refresh token names the token that replaced it, so presenting it again within the
-- grace window (two tabs refreshing at once) hands out the same successor instead of ending the session.
alter table refresh_tokens add column replaced_by uuid;

-- What the owner of an account should know about its security, e.g. sign-in locked after failed attempts.
create table security_events (
  id bigserial primary key,
  user_id uuid not null references users (id) on delete cascade,
  type text not null,
  -- The client address the event came from, as the api node saw it (TRUST_PROXY).
  address text,
  failed_attempts integer,
  locked_until timestamptz,
  created_at timestamptz not null default now()
);
create index security_events_by_user on security_events (user_id, id desc);
