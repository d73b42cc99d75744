import type { AuthorRef } from '@keel/collab';
import { keyOfGlobalId } from './incident-key';
import { presenceColor, type PresenceUser } from './presence';

/** The signed-in person as the app layout loads them. */
export interface SignedInViewer {
  /** Opaque API id of the user; null for an API token's session. */
  id: string | null;
  name: string;
}

/**
 * The person as documents record them: their user's database key, as the server's actors do.
 * Without a user (an API token's session) the name stands in, and edits are refused anyway.
 */
export function authorOf(viewer: SignedInViewer): AuthorRef {
  const key = viewer.id ? keyOfGlobalId(viewer.id, 'User') : null;
  return { kind: 'USER', id: key ?? viewer.name, name: viewer.name };
}

/** The person as others see them in the room and at their caret. */
export function presenceOf(viewer: SignedInViewer): PresenceUser {
  const id = authorOf(viewer).id ?? viewer.name;
  return { id, name: viewer.name, color: presenceColor(id) };
}
