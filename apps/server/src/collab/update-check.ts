import * as Y from 'yjs';

/** The y-protocols sync message types that {@link checkUpdate} is about. */
export const SYNC_MESSAGE = {
  /** Carries a state vector, not an update. */
  step1: 0,
  /** The answer to step 1: what the sender has that the receiver lacks. */
  step2: 1,
  /** A live change. */
  update: 2,
} as const;

/**
 * What an incoming update holds: `changes` to store, a `no-op` (no structs, no deletions; every
 * connection sends one as its sync step 2), or `invalid` bytes that must not be stored.
 */
export type UpdateCheck = 'changes' | 'no-op' | 'invalid';

/**
 * Checks an update by decoding it completely before anything stores it. Empty input, truncated
 * input and garbage fail to decode (lib0 throws on reading past the end, Yjs on unknown content).
 * Without this check Hocuspocus acknowledges such bytes, and once journaled they make the
 * document fail to load.
 */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  if (update.byteLength === 0) return 'invalid';

  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0 ? 'no-op' : 'changes';
  } catch {
    return 'invalid';
  }
}
