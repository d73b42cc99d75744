import { COLLAB_CODES } from '@keel/collab';
import { CloseCode } from 'graphql-ws';

/**
 * Every WebSocket close code Keel sends, in one table; docs/websocket-close-codes.md explains
 * them to integrators. `/graphql` uses graphql-ws's own codes; `/collab` adds Keel's.
 */
export const CLOSE_CODES = {
  /** The server is shutting down; reconnect to another process or retry shortly. */
  goingAway: 1001,
  /** graphql-ws: a message that is not valid for the protocol. */
  badRequest: CloseCode.BadRequest,
  /** graphql-ws: a subscribe message before the connection was acknowledged. */
  unauthorized: CloseCode.Unauthorized,
  /** Credentials missing, invalid, or revoked while the connection was open. */
  forbidden: CloseCode.Forbidden,
  /** graphql-ws: no connection_init within the allowed time. */
  initTimeout: CloseCode.ConnectionInitialisationTimeout,
  /** graphql-ws: a second subscription with an id already in use. */
  subscriberExists: CloseCode.SubscriberAlreadyExists,
  /** graphql-ws: a second connection_init on one connection. */
  tooManyInitRequests: CloseCode.TooManyInitialisationRequests,

  // `/collab`. The values are shared with clients through @keel/collab's COLLAB_CODES. Codes
  // marked "refusal" answer one document's authentication (Hocuspocus's permission-denied, with
  // the reason "<code> <slug>") and leave the socket open; the others close the socket.
  /** /collab: a frame larger than the message cap (1 MiB). */
  collabMessageTooBig: COLLAB_CODES.messageTooBig,
  /** /collab: an update that is empty, truncated or not Yjs; nothing of it was stored. */
  collabInvalidUpdate: COLLAB_CODES.invalidUpdate,
  /** /collab refusal: no credential, or an unknown, expired or revoked one. */
  collabUnauthenticated: COLLAB_CODES.unauthenticated,
  /** /collab refusal: the credential cannot read; or, closing, it was revoked while open. */
  collabForbidden: COLLAB_CODES.forbidden,
  /** /collab refusal: a malformed name, or no such incident in the caller's organisation. */
  collabNotFound: COLLAB_CODES.notFound,
  /** /collab: the member's role changed or they left; reconnecting authorises afresh. */
  collabAccessChanged: COLLAB_CODES.accessChanged,
  /** /collab: the update would grow the document past its cap (4 MiB). */
  collabDocumentTooLarge: COLLAB_CODES.documentTooLarge,
  /** /collab: too many refused documents on one socket. */
  collabTooManyRefusals: COLLAB_CODES.tooManyRefusals,
  /** /collab, refusal or close: storage failed, so nothing of the message was confirmed. */
  collabUnavailable: COLLAB_CODES.unavailable,
  /** /collab, sent by Hocuspocus: too much sent before authenticating, or a broken frame. */
  collabReset: 4205,
  /** /collab, sent by Hocuspocus: no authenticated document and no message for 60 seconds. */
  collabTimeout: 4408,
} as const;
