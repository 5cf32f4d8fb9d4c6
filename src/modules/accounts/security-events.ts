import type { Static } from 'typebox';
import type { SecurityEventSchema } from './schemas.ts';
import type { SecurityEventRow } from './store.ts';

export type SecurityEvent = Static<typeof SecurityEventSchema>;

export function toSecurityEvent(row: SecurityEventRow): SecurityEvent {
  const lockedUntil = row.locked_until ? new Date(row.locked_until).toISOString() : null;
  return {
    id: row.id,
    type: 'login_locked',
    message: `${row.failed_attempts ?? 'Several'} failed sign-ins to your account${row.address ? ` (latest from ${row.address})` : ''}: sign-in was paused until ${lockedUntil ?? 'later'}. If this was not you, someone may be guessing your password.`,
    address: row.address,
    failed_attempts: row.failed_attempts,
    locked_until: lockedUntil,
    created_at: new Date(row.created_at).toISOString(),
  };
}
