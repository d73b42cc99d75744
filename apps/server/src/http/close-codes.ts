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
} as const;
