import { readCookie } from '../http/cookies.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';

/** A GraphQL error as the server sends it. */
export interface ResponseError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

/** What one request returned. */
export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: ResponseError[] | undefined;
}

/**
 * A GraphQL client over real HTTP that keeps a session cookie like a browser, or sends a
 * bearer token like an integration.
 */
export class GraphqlClient {
  sessionSecret: string | null = null;
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** Sends a query or mutation; never throws for GraphQL errors. */
  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...extraHeaders,
    };
    if (this.sessionSecret) headers.cookie = `${SESSION_COOKIE}=${this.sessionSecret}`;
    if (this.token) headers.authorization = `Bearer ${this.token}`;

    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });

    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE));
    if (setCookie) {
      const value = readCookie(setCookie.split(';')[0], SESSION_COOKIE);
      this.sessionSecret = value && !/expires=Thu, 01 Jan 1970/i.test(setCookie) ? value : null;
    }

    const body = (await response.json()) as { data?: T | null; errors?: ResponseError[] };
    return {
      status: response.status,
      headers: response.headers,
      data: body.data,
      errors: body.errors,
    };
  }

  /** Sends a request that must succeed, and returns its data. */
  async data<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const response = await this.request<T>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  /** A client for the same server with no credentials. */
  anonymous(): GraphqlClient {
    return new GraphqlClient(this.baseUrl);
  }
}
