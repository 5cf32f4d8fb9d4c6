import { randomBytes } from 'node:crypto';
import type { Database } from './db/database.ts';

/**
 * A random secret created once per installation and shared by every node through the relational store.
 * `insert … on conflict do nothing` makes two nodes starting together agree on one value.
 */
export function loadOrCreateSecret(db: Database, name: string, bytes = 48): Promise<string> {
  return loadOrCreateStoredSecret(db, name, () => randomBytes(bytes).toString('base64url'));
}

/** The same for a secret of any shape (a key pair as JSON, say): `create` runs on every call, one value wins. */
export async function loadOrCreateStoredSecret(db: Database, name: string, create: () => string): Promise<string> {
  await db.query('insert into platform_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [
    name,
    create(),
  ]);
  const { rows } = await db.query<{ value: string }>('select value from platform_secrets where name = $1', [name]);
  const value = rows[0]?.value;
  if (!value) throw new Error(`secret ${name} could not be stored`);
  return value;
}
