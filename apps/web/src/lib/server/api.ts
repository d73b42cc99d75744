/**
 * The app's GraphQL client on the server: page loads and form actions call the API through
 * {@link callApi}, passing on the visitor's session cookie and address, and handing a session
 * the API opens or ends back to the browser.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import {
  ApiError,
  apiErrorFromGraphql,
  apiErrorFromHttp,
  networkError,
  type GraphqlErrorEntry,
} from '$lib/graphql/errors';
import type { TypedDocumentString } from '$lib/graphql/generated/graphql';
import { resolveApiUrl } from './api-url';
import { SESSION_COOKIE, clearsCookie, parseSetCookie } from './set-cookie';

/** How long one API call may take before the page gives up, in milliseconds. */
const API_TIMEOUT_MS = 15_000;

/** The parts of a request event an API call uses. */
export type ApiEvent = Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'platform' | 'url'>;

/** Variables as a rest argument: required when the operation has any, absent when it has none. */
type VariablesArg<TVariables> =
  TVariables extends Record<string, never> ? [] : [variables: TVariables];

/** The API's address for this request; see {@link resolveApiUrl}. */
function apiUrl(event: ApiEvent): string {
  return resolveApiUrl(env.KEEL_API_URL, event.platform?.req.socket, env.HOST, event.url.origin);
}

function requestHeaders(event: ApiEvent): Headers {
  const headers = new Headers({
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    // The API limits requests per client address and trusts this header from loopback only.
    'x-forwarded-for': event.getClientAddress(),
  });
  const session = event.cookies.get(SESSION_COOKIE);

  if (session) {
    headers.set('cookie', `${SESSION_COOKIE}=${encodeURIComponent(session)}`);
  }

  return headers;
}

/** Hands the API's session cookie, set or cleared, on to the browser. */
function relaySessionCookie(response: Response, cookies: Cookies): void {
  for (const header of response.headers.getSetCookie()) {
    const cookie = parseSetCookie(header);

    if (cookie?.name !== SESSION_COOKIE) {
      continue;
    }

    if (clearsCookie(cookie)) {
      cookies.delete(SESSION_COOKIE, { path: cookie.path });
      continue;
    }

    cookies.set(SESSION_COOKIE, cookie.value, {
      path: cookie.path,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite ?? 'lax',
      ...(cookie.expires && { expires: cookie.expires }),
      ...(cookie.maxAge !== null && { maxAge: cookie.maxAge }),
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs one operation as the visitor and returns its data. Throws an {@link ApiError} for
 * anything but a clean answer: the API's first error when it sent `errors`, NETWORK when it
 * could not be reached, INTERNAL_SERVER_ERROR for an answer that is not GraphQL.
 */
export async function callApi<TResult, TVariables>(
  event: ApiEvent,
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TResult> {
  let response: Response;

  try {
    response = await fetch(apiUrl(event), {
      method: 'POST',
      headers: requestHeaders(event),
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
  } catch {
    throw networkError();
  }

  relaySessionCookie(response, event.cookies);

  const body: unknown = await response.json().catch(() => null);

  if (!isRecord(body)) {
    throw apiErrorFromHttp(response.status);
  }

  if (Array.isArray(body.errors) && body.errors.length > 0) {
    throw apiErrorFromGraphql(body.errors as GraphqlErrorEntry[], response.status);
  }

  if (!isRecord(body.data)) {
    throw apiErrorFromHttp(response.status);
  }

  return body.data as TResult;
}

export { ApiError };
