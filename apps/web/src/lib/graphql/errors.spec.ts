import { describe, expect, it } from 'vitest';
import {
  ApiError,
  MESSAGES,
  apiErrorFromGraphql,
  apiErrorFromHttp,
  errorMessage,
  httpStatusOf,
  networkError,
} from './errors';

describe('apiErrorFromGraphql', () => {
  it('keeps the code, message and details of the first error', () => {
    const error = apiErrorFromGraphql(
      [
        {
          message: 'Only a resolved incident can be closed: resolve it first, then close it.',
          extensions: { code: 'BAD_USER_INPUT', guard: 'NOT_ALLOWED' },
        },
        { message: 'second', extensions: { code: 'FORBIDDEN' } },
      ],
      200,
    );

    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Only a resolved incident/);
    expect(error.details).toEqual({ guard: 'NOT_ALLOWED' });
    expect(error.status).toBe(200);
  });

  it('treats an unknown code as an internal error', () => {
    expect(apiErrorFromGraphql([{ message: 'x', extensions: { code: 'TEAPOT' } }], 500).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });

  it('keeps the message of an error a resolver raised', () => {
    const error = apiErrorFromGraphql(
      [
        {
          message: 'The email or password is wrong.',
          locations: [{ line: 2, column: 3 }],
          path: ['signIn'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
      200,
    );

    expect(errorMessage(error)).toBe('The email or password is wrong.');
  });

  it('drops the wording of graphql-js complaints about the request', () => {
    const withLocations = apiErrorFromGraphql(
      [{ message: 'Unknown argument "x".', locations: [], extensions: { code: 'BAD_USER_INPUT' } }],
      400,
    );
    const aboutVariables = apiErrorFromGraphql(
      [
        {
          message: 'Variable "$input" got invalid value 1.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
      400,
    );

    expect(withLocations.message).toBe('');
    expect(aboutVariables.message).toBe('');
  });
});

describe('errorMessage', () => {
  it('shows the API’s refusal in its own words', () => {
    const error = new ApiError(
      'BAD_USER_INPUT',
      'Say why the incident is being cancelled, for example a false alarm or a duplicate.',
    );

    expect(errorMessage(error)).toBe(
      'Say why the incident is being cancelled, for example a false alarm or a duplicate.',
    );
  });

  it('starts the API’s message with a capital letter', () => {
    expect(errorMessage(new ApiError('BAD_USER_INPUT', 'title is required.'))).toBe(
      'Title is required.',
    );
  });

  it('shows a wrong password as the API words it', () => {
    const error = new ApiError('UNAUTHENTICATED', 'The email or password is wrong.', 401);

    expect(errorMessage(error)).toBe('The email or password is wrong.');
  });

  it('says how long to wait when rate limited, rounding up to whole seconds', () => {
    const error = new ApiError('RATE_LIMITED', 'Too many requests', 429, { retryAfterMs: 1_200 });

    expect(errorMessage(error)).toBe(MESSAGES.rateLimited(2));
    expect(errorMessage(error)).toBe('Too many requests at once. Wait 2 seconds and try again.');
  });

  it('says one second, not "1 seconds"', () => {
    const error = new ApiError('RATE_LIMITED', '', 429, { retryAfterMs: 300 });

    expect(errorMessage(error)).toBe('Too many requests at once. Wait 1 second and try again.');
  });

  it('explains an unreachable server without technical words', () => {
    expect(errorMessage(networkError())).toBe(MESSAGES.network);
  });

  it('gives a request the app got wrong a sentence of its own', () => {
    const error = apiErrorFromGraphql(
      [{ message: 'Cannot query field "nope".', locations: [{ line: 1, column: 2 }] }],
      400,
    );

    expect(errorMessage(error)).toBe(MESSAGES.badRequest);
  });

  it('names the HTTP status of an answer that is not GraphQL', () => {
    expect(errorMessage(apiErrorFromHttp(502))).toBe(MESSAGES.httpStatus(502));
  });

  it('falls back to a generic sentence for anything that is not an API error', () => {
    expect(errorMessage(new TypeError('undefined is not a function'))).toBe(MESSAGES.unexpected);
    expect(errorMessage('boom')).toBe(MESSAGES.unexpected);
  });

  it.each([
    ['UNAUTHENTICATED', MESSAGES.signedOut],
    ['FORBIDDEN', MESSAGES.forbidden],
    ['NOT_FOUND', MESSAGES.notFound],
    ['CONFLICT', MESSAGES.conflict],
    ['INTERNAL_SERVER_ERROR', MESSAGES.unexpected],
  ] as const)('gives %s without a message a sentence of the app', (code, expected) => {
    expect(errorMessage(new ApiError(code, '  '))).toBe(expected);
  });
});

describe('httpStatusOf', () => {
  it('maps codes to the statuses forms and pages answer with', () => {
    expect(httpStatusOf('CONFLICT')).toBe(409);
    expect(httpStatusOf('NOT_FOUND')).toBe(404);
    expect(httpStatusOf('NETWORK')).toBe(503);
  });
});
