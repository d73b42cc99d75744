import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ClientError, isClientErrorCode } from '../errors/client-error.js';
import type { Logger } from '../logger.js';

/** Codes that graphql-js and Apollo give to problems with the request itself. */
const REQUEST_PROBLEM_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The message every unexpected failure shows; the details stay in the log. */
export const GENERIC_ERROR_MESSAGE = 'Something went wrong on our side; it has been logged.';

/**
 * Maps any error to one whose `extensions.code` is in the closed set. Errors we raise on
 * purpose keep their message; problems graphql-js finds in the request become BAD_USER_INPUT;
 * anything else is logged and masked, so no stack or SQL reaches a client.
 */
export function formatClientError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;

  if (
    original instanceof ClientError ||
    (isClientErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')
  ) {
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      ...extensions
    } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }

  // Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED and keeps the rule's own
  // error as originalError: a limit rule's code and figures (such as cost, maxCost) are there.
  const ruleError = error instanceof GraphQLError ? error.originalError : undefined;
  if (
    code === 'GRAPHQL_VALIDATION_FAILED' &&
    ruleError instanceof GraphQLError &&
    isClientErrorCode(ruleError.extensions.code)
  ) {
    return {
      message: formatted.message,
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { ...ruleError.extensions },
    };
  }

  if (typeof code === 'string' && REQUEST_PROBLEM_CODES.has(code)) {
    return {
      message: formatted.message,
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }

  // graphql-js's own coercion errors (a wrong type in variables) have no code but no cause.
  if (original instanceof GraphQLError && !original.originalError && code === undefined) {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }

  logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return {
    message: GENERIC_ERROR_MESSAGE,
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
