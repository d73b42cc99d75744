/**
 * Turning what the API answers into sentences for people. Every page shows failures through
 * {@link errorMessage}, so the same problem reads the same everywhere.
 */

/** The API's closed set of `extensions.code` values, plus NETWORK for an unreachable server. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_SERVER_ERROR',
  'NETWORK',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One entry of a GraphQL response's `errors`, as far as the app reads it. */
export interface GraphqlErrorEntry {
  message?: unknown;
  locations?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/** A refusal or failure reported by the API (or by the way to it), with its code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The HTTP status the API answered with, when there was an answer. */
    readonly status: number | null = null,
    /** The error's `extensions`, minus `code`: `retryAfterMs`, `guard`, `problems`… */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a person is told when the API's own words are not meant for them. */
export const MESSAGES = {
  network: 'Keel cannot reach its server. Check your connection, then try again.',
  unexpected: 'Something went wrong on our side. Try again in a moment.',
  badRequest: 'Keel could not understand this request. Reload the page and try again.',
  signedOut: 'Your session has ended. Sign in again to continue.',
  forbidden: 'Your role does not allow this. Ask an admin of your organisation.',
  notFound: 'This no longer exists, or it belongs to another organisation.',
  conflict: 'Someone changed this; reloaded. Check the latest state and try again.',
  rateLimited: (seconds: number): string =>
    `Too many requests at once. Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} ` +
    'and try again.',
  httpStatus: (status: number): string =>
    `The server answered with an error (HTTP ${status}). Try again in a moment.`,
} as const;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Builds the error for a GraphQL response that carries `errors`, from the first entry: the
 * API reports one problem per operation, with every input problem joined in its message.
 */
export function apiErrorFromGraphql(entries: readonly GraphqlErrorEntry[], status: number) {
  const first = entries[0] ?? {};
  const { code, ...details } = first.extensions ?? {};
  const message = typeof first.message === 'string' ? first.message : '';

  // graphql-js's own complaints about the document or its variables come before any resolver
  // runs, so they have no path; they mean the app sent something wrong, not the person.
  const technical =
    first.path === undefined &&
    (first.locations !== undefined || /^(Variable "\$|Syntax Error)/.test(message));

  const known = isErrorCode(code) ? code : null;

  return new ApiError(
    known ?? (technical ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR'),
    technical ? '' : message,
    status,
    technical ? { ...details, technical: true } : details,
  );
}

/** Builds the error for an answer that is not a GraphQL response at all (a proxy's 502). */
export function apiErrorFromHttp(status: number): ApiError {
  return new ApiError('INTERNAL_SERVER_ERROR', MESSAGES.httpStatus(status), status);
}

/** Builds the error for a request that never got an answer. */
export function networkError(): ApiError {
  return new ApiError('NETWORK', MESSAGES.network);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * The sentence to show for any failure. The API writes its refusals for people ("Only a
 * resolved incident can be closed…"), so they are shown as they are; where it has no words for
 * people (an unexpected failure, a request the app got wrong, a rate limit) the app supplies
 * them. Anything that is not an {@link ApiError} is a bug in the app and gets the generic line.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return MESSAGES.unexpected;
  }

  const own = error.message.trim() === '' ? null : sentence(error.message);

  switch (error.code) {
    case 'NETWORK':
      return MESSAGES.network;
    case 'RATE_LIMITED': {
      const retryAfterMs = Number(error.details.retryAfterMs);
      const seconds = Number.isFinite(retryAfterMs)
        ? Math.max(1, Math.ceil(retryAfterMs / 1000))
        : 5;
      return MESSAGES.rateLimited(seconds);
    }
    case 'CONFLICT':
      return own ?? MESSAGES.conflict;
    case 'UNAUTHENTICATED':
      return own ?? MESSAGES.signedOut;
    case 'FORBIDDEN':
      return own ?? MESSAGES.forbidden;
    case 'NOT_FOUND':
      return own ?? MESSAGES.notFound;
    case 'BAD_USER_INPUT':
    case 'PAYLOAD_TOO_LARGE':
      return own ?? MESSAGES.badRequest;
    case 'INTERNAL_SERVER_ERROR':
      return own ?? MESSAGES.unexpected;
  }
}

/** The HTTP status a page or form should answer with for an error of this code. */
export function httpStatusOf(code: ErrorCode): number {
  const statuses: Record<ErrorCode, number> = {
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    BAD_USER_INPUT: 400,
    CONFLICT: 409,
    RATE_LIMITED: 429,
    PAYLOAD_TOO_LARGE: 413,
    INTERNAL_SERVER_ERROR: 500,
    NETWORK: 503,
  };

  return statuses[code];
}
