import { GraphQLError } from 'graphql';

/**
 * The closed set of `extensions.code` values a client can see. Anything else a resolver throws
 * reaches the client as INTERNAL_SERVER_ERROR with a generic message.
 */
export const CLIENT_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_SERVER_ERROR',
] as const;

/** One of {@link CLIENT_ERROR_CODES}. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Base of every error whose message is meant for the client. */
export abstract class ClientError extends GraphQLError {
  protected constructor(message: string, code: ClientErrorCode, extensions: object = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** Whether a code belongs to the closed set. */
export function isClientErrorCode(code: unknown): code is ClientErrorCode {
  return typeof code === 'string' && (CLIENT_ERROR_CODES as readonly string[]).includes(code);
}
