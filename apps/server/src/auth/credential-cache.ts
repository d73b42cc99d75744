import type { KeelPubSub } from '../graphql/pubsub.js';
import type { Actor } from './actor.js';

/** How long a resolved credential is trusted before it is looked up again. */
export const CREDENTIAL_CACHE_TTL_MS = 3_000;

/** Most credentials remembered; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  expiresAt: number;
}

/**
 * Remembers which actor a session or token secret resolved to, for a few seconds, so a client
 * sending many requests is not looked up in the database each time. Revoking a token, ending a
 * session, removing a member or changing a role forgets the affected entries at once in every
 * process that receives the event; a process that misses the event (Redis pub/sub may drop it)
 * stops trusting the entry after {@link CREDENTIAL_CACHE_TTL_MS}.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = CREDENTIAL_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor for a secret's digest, if it was resolved recently. */
  get(digest: string): Actor | null {
    const entry = this.entries.get(digest);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(digest);
      return null;
    }
    return entry.actor;
  }

  /** Remembers what a secret's digest resolved to, never past the credential's own expiry. */
  set(digest: string, actor: Actor, credentialExpiresAtMs: number | null = null): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const expiresAt = Math.min(this.now() + this.ttlMs, credentialExpiresAtMs ?? Infinity);
    this.entries.set(digest, { actor, expiresAt });
  }

  /** Forgets every entry matching the revoked token, session or member. */
  forget(match: { tokenId?: string; sessionId?: string; userId?: string }): void {
    for (const [digest, { actor }] of this.entries) {
      const hit =
        actor.kind === 'TOKEN'
          ? actor.tokenId === match.tokenId || actor.createdByUserId === match.userId
          : actor.sessionId === match.sessionId || actor.userId === match.userId;
      if (hit) this.entries.delete(digest);
    }
  }
}

/**
 * Keeps a cache in step with revocations published on the event bus, by this process or by
 * another; returns a function that stops following them.
 */
export function followRevocations(pubSub: KeelPubSub, cache: CredentialCache) {
  const revoked = pubSub.subscribe('credentialRevoked');
  const loop = (async () => {
    for await (const event of revoked) cache.forget(event);
  })();

  return async (): Promise<void> => {
    await revoked.return();
    await loop;
  };
}
