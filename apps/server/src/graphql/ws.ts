import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor.js';
import { SESSION_COOKIE, authenticate } from '../auth/authenticate.js';
import { secretDigest } from '../auth/secrets.js';
import type { LiveDocuments } from '../collab/live-documents.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';
import { CLOSE_CODES } from '../http/close-codes.js';
import { readCookie } from '../http/cookies.js';
import type { KeelMetrics } from '../http/metrics.js';
import type { RateLimiter } from '../http/rate-limit.js';
import type { Logger } from '../logger.js';
import { createRequestContext } from './context.js';
import { formatClientError } from './format-error.js';
import { createShapeRules, parseWithLimits, type QueryLimits } from './limits/index.js';
import { guardOperation } from './operation-guard.js';
import type { KeelPubSub } from './pubsub.js';

/** What the GraphQL WebSocket endpoint needs. */
export interface GraphqlWsOptions {
  schema: GraphQLSchema;
  orm: MikroORM;
  logger: Logger;
  pubSub: KeelPubSub;
  /** Server-side writes into live documents, handed to each request's context. */
  liveDocuments?: LiveDocuments;
  metrics: KeelMetrics;
  limits: QueryLimits;
  production: boolean;
  rateLimiter: RateLimiter;
  /** How long a client may take to send connection_init. @default 3000 */
  initTimeoutMs?: number;
}

/** The GraphQL WebSocket endpoint, ready to take upgraded connections. */
export interface GraphqlWsEndpoint {
  server: WebSocketServer;
  close(): Promise<void>;
}

type Extra = {
  socket: WebSocket;
  request: IncomingMessage;
  actor?: Actor;
  /** The rate limiter's key for a token, as HTTP derives it. */
  tokenKey?: string;
};

/**
 * graphql-ws on a `ws` server that takes upgrades from Keel's HTTP server. The connection is
 * authenticated at connection_init (bearer token in `connectionParams.authorization`, or the
 * session cookie of the upgrade request); each subscribe is rate limited and held to the same
 * document limits as HTTP, since graphql-ws by itself runs only the standard validation rules.
 */
export function createGraphqlWsEndpoint(options: GraphqlWsOptions): GraphqlWsEndpoint {
  const { schema, limits, logger, metrics } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: limits.maxDocumentBytes * 4 });
  const actors = new Map<WebSocket, Actor>();
  const rules = [...specifiedRules, ...createShapeRules(limits)];

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      connectionInitWaitTimeout: options.initTimeoutMs ?? 3_000,

      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const em = options.orm.em.fork();
        try {
          const actor = await authenticate(em, {
            authorization: typeof authorization === 'string' ? authorization : null,
            sessionSecret: readCookie(ctx.extra.request.headers.cookie, SESSION_COOKIE),
          });
          if (!actor) return false;

          ctx.extra.actor = actor;
          actors.set(ctx.extra.socket, actor);

          // HTTP counts a token under the digest of its secret; the same key here gives the
          // token one budget, rather than one per transport.
          const secret = /^Bearer\s+(\S+)$/i.exec(String(authorization).trim())?.[1];
          if (actor.kind === 'TOKEN' && secret) {
            ctx.extra.tokenKey = `token:${secretDigest(secret)}`;
          }
          return true;
        } catch (error) {
          logger.debug({ err: error }, 'graphql-ws connection refused');
          return false;
        }
      },

      onSubscribe: async (ctx, _id, payload) => {
        const actor = ctx.extra.actor ?? null;
        const requestId = randomUUID();

        const key = ctx.extra.tokenKey ?? `ip:${addressOf(ctx.extra.request)}`;
        const decision = await options.rateLimiter.consume(key);
        if (!decision.allowed) {
          return [
            new RateLimitedError('Too many operations; slow down.', {
              retryAfterMs: decision.retryAfterMs,
            }),
          ];
        }

        try {
          const document = parseWithLimits(payload.query, limits);
          const hideSuggestions = options.production;
          const errors = validate(schema, document, rules, { hideSuggestions });
          if (errors.length > 0) return errors.map((e) => asClientError(e, logger));

          guardOperation({
            schema,
            document,
            variables: payload.variables,
            operationName: payload.operationName,
            actor,
            limits,
            production: options.production,
          });

          const contextValue = createRequestContext(options, { actor, requestId, cookies: null });
          return {
            schema,
            document,
            variableValues: payload.variables,
            operationName: payload.operationName,
            contextValue,
            hideSuggestions,
          };
        } catch (error) {
          return [asClientError(error, logger)];
        }
      },

      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;

        // graphql-js answers without data when it refused the request before running it (say,
        // variables that do not coerce). Apollo codes those BAD_USER_INPUT; so does this.
        const refused = !('data' in result);
        const errors = result.errors.map((error) => {
          const formatted = error.toJSON();
          const requestProblem = refused && !error.path && error.extensions.code === undefined;
          const coded = requestProblem
            ? { ...formatted, extensions: { code: 'BAD_USER_INPUT' } }
            : formatted;
          return formatClientError(coded, error, logger);
        });
        return { ...result, errors };
      },

      onOperation: (_ctx, _id, _payload, _args, result) => {
        metrics.openSubscriptions.inc();
        return isAsyncIterable(result) ? returningAtOnce(result, logger) : undefined;
      },

      onComplete: () => {
        metrics.openSubscriptions.dec();
      },

      onClose: (ctx) => {
        actors.delete(ctx.extra.socket);
      },
    },
    server,
  );

  server.on('connection', (socket: WebSocket) => {
    metrics.openSockets.inc({ path: '/graphql' });
    socket.once('close', () => metrics.openSockets.dec({ path: '/graphql' }));
  });
  server.on('close', () => metrics.openSockets.set({ path: '/graphql' }, 0));

  const revocations = closeRevokedConnections(options.pubSub, actors, logger);

  return {
    server,
    close: async () => {
      await revocations.stop();
      for (const client of server.clients)
        client.close(CLOSE_CODES.goingAway, 'Server shutting down');
      await disposable.dispose();
    },
  };
}

/** Closes sockets whose session or token was revoked, on this process or another. */
function closeRevokedConnections(
  pubSub: KeelPubSub,
  actors: Map<WebSocket, Actor>,
  logger: Logger,
) {
  const revoked = pubSub.subscribe('credentialRevoked');

  const loop = (async () => {
    for await (const event of revoked) {
      for (const [socket, actor] of actors) {
        const matches =
          actor.kind === 'TOKEN'
            ? actor.tokenId === event.tokenId
            : actor.sessionId === event.sessionId;
        if (!matches) continue;

        logger.info(
          { actor: actor.kind, organizationId: actor.organizationId },
          'closing revoked socket',
        );
        socket.close(CLOSE_CODES.forbidden, 'Forbidden');
        actors.delete(socket);
      }
    }
  })();

  return {
    stop: async () => {
      await revoked.return();
      await loop;
    },
  };
}

/**
 * The events of `source`, behind an iterator whose return() settles at once.
 *
 * graphql-ws ends a subscription (on complete, or when its socket closes) by awaiting return()
 * on its iterator. An async generator function that waits for its next event cannot return
 * before that event comes, so a socket closing in a quiet moment would keep its subscription,
 * onComplete and onClose pending until the organisation's next incident event. The source is
 * still asked to return, and finishes when it next wakes.
 */
function returningAtOnce<T>(source: AsyncIterable<T>, logger: Logger): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  let stop: () => void = () => {};
  const stopped = new Promise<IteratorResult<T>>((resolve) => {
    stop = () => resolve(done);
  });

  const wrapper: AsyncIterableIterator<T> = {
    next: () => Promise.race([iterator.next(), stopped]),
    return: async () => {
      stop();
      iterator.return?.().catch((error: unknown) => {
        logger.debug({ err: error }, 'subscription source failed while returning');
      });
      return done;
    },
    [Symbol.asyncIterator]: () => wrapper,
  };
  return wrapper;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] === 'function';
}

function asClientError(error: unknown, logger: Logger): GraphQLError {
  const graphQLError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError('Internal', { originalError: error as Error });
  const formatted = formatClientError(graphQLError.toJSON(), graphQLError, logger);
  return new GraphQLError(formatted.message, { extensions: formatted.extensions });
}

function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
