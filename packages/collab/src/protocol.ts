/**
 * What a client of Keel's `/collab` endpoint needs to know beyond the Hocuspocus protocol: the
 * size limits and the codes the server answers with. docs/websocket-close-codes.md is the table
 * integrators read; these constants are the same values for code.
 */

/** Path of the collaboration WebSocket on Keel's port. */
export const COLLAB_PATH = '/collab';

/** Size limits the server enforces. */
export const COLLAB_LIMITS = {
  /**
   * Largest WebSocket message, in bytes (1 MiB). A bigger frame closes the socket with 1009.
   * Clients that were offline with more than this much unsent change cannot sync it in one go.
   */
  maxMessageBytes: 1024 * 1024,
  /**
   * Largest document, in bytes of stored Yjs state (4 MiB): enough for years of notes, and a
   * document that still loads in about a second (Yjs loads roughly 4–6 MB/s).
   */
  maxDocumentBytes: 4 * 1024 * 1024,
} as const;

/**
 * Codes Keel uses on `/collab`. The socket-level ones close the WebSocket; the refusals answer
 * one document's authentication with Hocuspocus's permission-denied message, whose reason is
 * `"<code> <slug>"` (see {@link refusalReason}), and leave the socket open for other documents.
 */
export const COLLAB_CODES = {
  /** Closes: the server is shutting down. Reconnect. */
  goingAway: 1001,
  /** Closes: a frame larger than {@link COLLAB_LIMITS.maxMessageBytes}. Do not resend it. */
  messageTooBig: 1009,
  /** Closes: an update that is empty, truncated or not a Yjs update. Nothing was stored. */
  invalidUpdate: 4400,
  /** Refusal: no credential, or an unknown, expired or revoked one. */
  unauthenticated: 4401,
  /** Refusal: the credential cannot read this document. Closes: it was revoked while open. */
  forbidden: 4403,
  /** Refusal: the name is malformed, or names no incident in the caller's organisation. */
  notFound: 4404,
  /** Closes: the member's role changed or they left. Reconnect to be authorised afresh. */
  accessChanged: 4409,
  /** Closes: the update would grow the document past {@link COLLAB_LIMITS.maxDocumentBytes}. */
  documentTooLarge: 4413,
  /** Closes: too many refused documents on one socket. */
  tooManyRefusals: 4429,
  /** Refusal or close: storage failed; nothing from the failed message was confirmed. Retry. */
  unavailable: 4503,
} as const;

/** Name of one of {@link COLLAB_CODES}. */
export type CollabCodeName = keyof typeof COLLAB_CODES;

const SLUGS: Record<CollabCodeName, string> = {
  goingAway: 'going-away',
  messageTooBig: 'message-too-big',
  invalidUpdate: 'invalid-update',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not-found',
  accessChanged: 'access-changed',
  documentTooLarge: 'document-too-large',
  tooManyRefusals: 'too-many-refusals',
  unavailable: 'unavailable',
};

/** The reason text sent with a code: `"4404 not-found"`. */
export function refusalReason(name: CollabCodeName): string {
  return `${COLLAB_CODES[name]} ${SLUGS[name]}`;
}

/** The code named by a reason from {@link refusalReason}, or null for any other text. */
export function parseRefusalReason(reason: string): { code: number; name: CollabCodeName } | null {
  for (const name of Object.keys(COLLAB_CODES) as CollabCodeName[]) {
    if (reason === refusalReason(name)) return { code: COLLAB_CODES[name], name };
  }
  return null;
}
