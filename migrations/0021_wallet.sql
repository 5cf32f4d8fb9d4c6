-- wallet module: coins bought through a payment provider, spent on gifts; creators earn diamonds.
-- A double-entry ledger: every movement is a transaction whose entries sum to zero per currency, written in one
-- database transaction. A person's balance is kept on their account row (never negative, enforced twice: by the
-- guarded update and by the check below); a system account's balance is the sum of its entries, so no hot row
-- serialises every gift.
create table wallet_accounts (
  id bigserial primary key,
  -- null for a system account
  owner_id uuid,
  currency text not null check (currency in ('coins', 'diamonds')),
  -- 'user' or the system account's role: 'issuance' (where bought coins and earned diamonds come from), 'spent'
  -- (where coins given as gifts go)
  kind text not null check (kind in ('user', 'issuance', 'spent')),
  balance bigint not null default 0,
  created_at timestamptz not null default now(),
  check (kind <> 'user' or (owner_id is not null and balance >= 0)),
  check (kind = 'user' or owner_id is null)
);
create unique index wallet_accounts_of_users on wallet_accounts (owner_id, currency) where kind = 'user';
create unique index wallet_accounts_of_system on wallet_accounts (kind, currency) where kind <> 'user';
insert into wallet_accounts (currency, kind) values
  ('coins', 'issuance'), ('coins', 'spent'), ('diamonds', 'issuance');

create table wallet_transactions (
  id uuid primary key,
  kind text not null check (kind in ('purchase', 'gift')),
  -- who asked for it; with idempotency_key, a retried request finds the first one instead of moving money again
  actor_id uuid not null,
  idempotency_key text not null,
  -- what was asked, to refuse the same key reused for a different request
  fingerprint text not null,
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique (actor_id, idempotency_key)
);

create table wallet_entries (
  id bigserial primary key,
  transaction_id uuid not null references wallet_transactions (id),
  account_id bigint not null references wallet_accounts (id),
  amount bigint not null check (amount <> 0),
  -- the account's balance after this entry; null for system accounts
  balance_after bigint,
  created_at timestamptz not null default now()
);
create index wallet_entries_by_account on wallet_entries (account_id, id desc);
create index wallet_entries_by_transaction on wallet_entries (transaction_id);

-- Coin purchases through the payment provider: coins are credited once, when the payment settles.
create table wallet_purchases (
  id uuid primary key,
  user_id uuid not null,
  package_id text not null,
  coins bigint not null check (coins > 0),
  price_cents integer not null check (price_cents > 0),
  currency text not null,
  provider text not null,
  provider_ref text,
  status text not null check (status in ('pending', 'settled', 'failed')),
  idempotency_key text not null,
  transaction_id uuid references wallet_transactions (id),
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  unique (user_id, idempotency_key)
);
