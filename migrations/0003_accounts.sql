create table users (
  id uuid primary key,
  username text not null unique,
  email text unique,
  display_name text not null,
  bio text not null default '',
  avatar_key text,
  password_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per issued refresh token; only a hash of its secret is kept. Tokens of one login share a family,
-- so reusing a rotated token can revoke every token descended from that login.
create table refresh_tokens (
  id uuid primary key,
  family_id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  secret_hash text not null,
  expires_at timestamptz not null,
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index refresh_tokens_family on refresh_tokens (family_id);
