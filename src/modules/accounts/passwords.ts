import { hash, verify } from '@node-rs/argon2';

// `Algorithm.Argon2id` is a const enum, which type stripping cannot read, hence its value.
const ARGON2ID = 2;
// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~35 ms a hash on these machines.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// Verifying against this keeps a login for an unknown username as slow as one with a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  return decoyHash;
}
