import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** API tokens start with this, so leaked ones are easy to recognise and scan for. */
export const TOKEN_PREFIX = 'keel_';

/** A new random secret: 32 bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a session or token secret. SHA-256 suffices: the secret is random. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Argon2id hash of a password, with the library's recommended costs. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether a password matches its stored hash; false for a malformed hash. */
export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
