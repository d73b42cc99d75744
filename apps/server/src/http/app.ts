import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { SESSION_COOKIE, authenticate } from '../auth/authenticate.js';
import type { CredentialCache } from '../auth/credential-cache.js';
import { secretDigest } from '../auth/secrets.js';
import type { LiveDocuments } from '../collab/live-documents.js';
import { ClientError } from '../errors/client-error.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import type { QueryLimits } from '../graphql/limits/index.js';
import type { KeelPubSub } from '../graphql/pubsub.js';
import type { Logger } from '../logger.js';
import { readCookie } from './cookies.js';
import type { KeelMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';

/** Largest JSON body `/graphql` accepts, in bytes. */
export const MAX_BODY_BYTES = 100_000;

const RATE_LIMITED_MESSAGE = 'Too many requests; slow down and retry later.';

/** A handler for everything that is not the API: the web app. */
export type PageHandler = (req: Request, res: Response, next: NextFunction) => void;

/** What {@link createHttpApp} needs. */
export interface HttpAppOptions {
  orm: MikroORM;
  apollo: ApolloServer<RequestContext>;
  logger: Logger;
  pubSub: KeelPubSub;
  /** Server-side writes into live documents, handed to each request's context. */
  liveDocuments?: LiveDocuments;
  metrics: KeelMetrics;
  limits: QueryLimits;
  rateLimiter: RateLimiter;
  /** Recently resolved sessions and tokens. */
  credentials: CredentialCache;
  production: boolean;
  /** Serves pages; when absent, `/` explains where the API is. */
  pages?: PageHandler;
}

/** The Express application: probes, metrics, GraphQL over HTTP, then pages. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(requestId);
  app.use(countRequests(options.metrics));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await options.orm.em.fork().execute('select 1');
      res.json({ status: 'ready' });
    } catch (error) {
      options.logger.warn({ err: error }, 'readiness check failed: database unreachable');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });

  app.use(
    '/graphql',
    express.json({
      limit: MAX_BODY_BYTES,
      type: ['application/json', 'application/graphql-response+json'],
    }),
    rejectOversizedDocuments(options.limits),
    preventCrossSiteRequests,
    rateLimit(options.rateLimiter, options.logger),
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => contextFor(options, req, res),
    }),
  );

  app.use(options.pages ?? landingPage);
  app.use(handleHttpError(options.logger));
  return app;
}

async function contextFor(options: HttpAppOptions, req: Request, res: Response) {
  const context = createRequestContext(options, {
    actor: null,
    requestId: String(res.locals.requestId),
    cookies: {
      set: (secret, expiresAt) => {
        res.cookie(SESSION_COOKIE, secret, {
          httpOnly: true,
          sameSite: 'lax',
          secure: options.production,
          path: '/',
          expires: expiresAt,
        });
      },
      clear: () => {
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    },
  });

  try {
    context.actor = await authenticate(
      context.em,
      {
        authorization: req.headers.authorization ?? null,
        sessionSecret: readCookie(req.headers.cookie, SESSION_COOKIE),
      },
      options.credentials,
    );
  } catch (error) {
    // Apollo answers a failed context function with this error and status.
    if (error instanceof ClientError) {
      error.extensions.http = { status: 401 };
    }
    // The limiter counted this request against its token. A token that is none must spend the
    // address's budget, or every made-up token would bring a fresh budget of its own.
    if (bearerOf(req)) await chargeAddress(options, req, res);
    throw error;
  }
  return context;
}

/** Throws RATE_LIMITED (429) when the client address has spent its budget. */
async function chargeAddress(options: HttpAppOptions, req: Request, res: Response) {
  let decision;
  try {
    decision = await options.rateLimiter.consume(`ip:${req.ip ?? 'unknown'}`);
  } catch (error) {
    options.logger.warn({ err: error }, 'rate limiter unavailable; request let through');
    return;
  }
  if (decision.allowed) return;

  res.setHeader('Retry-After', String(retryAfterSeconds(decision.retryAfterMs)));
  throw new RateLimitedError(RATE_LIMITED_MESSAGE, {
    retryAfterMs: decision.retryAfterMs,
    http: { status: 429 },
  });
}

function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('x-request-id', id);
  next();
}

function countRequests(metrics: KeelMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      const route = req.path.startsWith('/graphql') ? '/graphql' : knownRoute(req.path);
      metrics.httpRequests.inc({ route, status: String(res.statusCode) });
    });
    next();
  };
}

function knownRoute(path: string): string {
  return ['/healthz', '/readyz', '/metrics'].includes(path) ? path : 'pages';
}

/** Writes a GraphQL-shaped error response for failures outside GraphQL execution. */
function sendGraphqlError(
  res: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}

/** Content types a cross-site form or `fetch` may send without asking the server first. */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * Cross-site request forgery prevention, applied where a forged request could act as someone: a
 * request that carries the session cookie must be one that a browser would only send after a
 * CORS preflight (a non-simple content type, or a custom header). A request without the cookie
 * holds no ambient credential, so integrations may use a plain GET.
 */
function preventCrossSiteRequests(req: Request, res: Response, next: NextFunction): void {
  if (!readCookie(req.headers.cookie, SESSION_COOKIE)) {
    next();
    return;
  }

  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const preflighted =
    (contentType !== undefined && !SIMPLE_CONTENT_TYPES.has(contentType)) ||
    req.headers['apollo-require-preflight'] !== undefined ||
    req.headers['x-apollo-operation-name'] !== undefined;
  if (preflighted) {
    next();
    return;
  }

  sendGraphqlError(
    res,
    400,
    'This request carries a session cookie but could have been sent by another site ' +
      '(Cross-Site Request Forgery prevention). Send it with content-type application/json ' +
      'or an apollo-require-preflight header.',
    { code: 'BAD_USER_INPUT' },
  );
}

function rejectOversizedDocuments(limits: QueryLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    const query =
      req.method === 'GET'
        ? req.query.query
        : body && typeof body === 'object'
          ? (body as { query?: unknown }).query
          : undefined;

    if (typeof query === 'string' && Buffer.byteLength(query) > limits.maxDocumentBytes) {
      sendGraphqlError(res, 413, `The query is larger than ${limits.maxDocumentBytes} bytes.`, {
        code: 'PAYLOAD_TOO_LARGE',
        maxDocumentBytes: limits.maxDocumentBytes,
      });
      return;
    }
    next();
  };
}

/**
 * One budget per API token, and one per client address for everyone else (sign-in attempts
 * included). Counting the token, not the address, keeps integrations behind a shared egress
 * address from starving one another.
 */
function rateLimit(limiter: RateLimiter, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const bearer = bearerOf(req);
    const key = bearer ? `token:${secretDigest(bearer)}` : `ip:${req.ip ?? 'unknown'}`;

    let decision;
    try {
      decision = await limiter.consume(key);
    } catch (error) {
      // A broken limiter store must not take the API down with it.
      logger.warn({ err: error }, 'rate limiter unavailable; request let through');
      next();
      return;
    }

    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (decision.allowed) {
      next();
      return;
    }

    res.setHeader('Retry-After', String(retryAfterSeconds(decision.retryAfterMs)));
    sendGraphqlError(res, 429, RATE_LIMITED_MESSAGE, {
      code: 'RATE_LIMITED',
      retryAfterMs: decision.retryAfterMs,
    });
  };
}

/** The bearer token of a request's Authorization header, if it has one. */
function bearerOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

function landingPage(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || req.path !== '/') {
    next();
    return;
  }
  res
    .type('html')
    .send(
      '<!doctype html><title>Keel</title><h1>Keel is running</h1>' +
        '<p>The GraphQL API answers at <a href="/graphql">/graphql</a>.</p>',
    );
}

function handleHttpError(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }

    const status = (error as { status?: number }).status;
    if (status === 413) {
      sendGraphqlError(res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      return;
    }
    if (status === 400) {
      sendGraphqlError(res, 400, 'The request body is not valid JSON.', { code: 'BAD_USER_INPUT' });
      return;
    }

    logger.error({ err: error }, 'unhandled HTTP error');
    sendGraphqlError(res, 500, 'Something went wrong on our side.', {
      code: 'INTERNAL_SERVER_ERROR',
    });
  };
}
