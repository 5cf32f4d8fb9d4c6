import { randomBytes } from 'node:crypto';
import type { Database } from './db/database.ts';

/**
 * A random secret created once per installation and shared by every node through the relational store.
 * `insert … on conflict do nothing` makes two nodes starting together agree on one value.
 */
export async function loadOrCreateSecret(db: Database, name: string, bytes = 48): Promise<string> {
  await db.query('insert into platform_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [
    name,
    randomBytes(bytes).toString('base64url'),
  ]);
  const { rows } = await db.query<{ value: string }>('select value from platform_secrets where name = $1', [name]);
  const value = rows[0]?.value;
  if (!value) throw new Error(`secret ${name} could not be stored`);
  return value;
}
