import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor.js';
import { SESSION_COOKIE, authenticate } from '../auth/authenticate.js';
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
          return true;
        } catch (error) {
          logger.debug({ err: error }, 'graphql-ws connection refused');
          return false;
        }
      },

      onSubscribe: async (ctx, _id, payload) => {
        const actor = ctx.extra.actor ?? null;
        const requestId = randomUUID();

        const key =
          actor?.kind === 'TOKEN' ? `token:${actor.tokenId}` : `ip:${addressOf(ctx.extra.request)}`;
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
          const errors = validate(schema, document, rules);
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
          };
        } catch (error) {
          return [asClientError(error, logger)];
        }
      },

      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        const errors = result.errors.map((e) => formatClientError(e.toJSON(), e, logger));
        return { ...result, errors };
      },

      onOperation: () => {
        metrics.openSubscriptions.inc();
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

  server.on('connection', () => {
    metrics.openSockets.inc({ path: '/graphql' });
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
