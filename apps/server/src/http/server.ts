import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { CredentialCache, followRevocations } from '../auth/credential-cache.js';
import { createCollabEndpoint } from '../collab/collab-endpoint.js';
import type { KeelConfig } from '../config.js';
import { createApollo } from '../graphql/apollo.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../graphql/limits/index.js';
import { createEventBus } from '../graphql/pubsub.js';
import { buildKeelSchema } from '../graphql/schema.js';
import { createGraphqlWsEndpoint } from '../graphql/ws.js';
import type { Logger } from '../logger.js';
import { createHttpApp, type PageHandler } from './app.js';
import { KeelMetrics } from './metrics.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit.js';

/** What {@link startKeelServer} needs. */
export interface KeelServerOptions {
  config: Pick<
    KeelConfig,
    | 'environment'
    | 'host'
    | 'port'
    | 'redisUrl'
    | 'rateLimitBurst'
    | 'rateLimitPerSecond'
    | 'shutdownTimeoutMs'
  >;
  orm: MikroORM;
  logger: Logger;
  limits?: QueryLimits;
  pages?: PageHandler;
  /** How long a WebSocket client may take to send connection_init. @default 3000 */
  wsInitTimeoutMs?: number;
  /** Runs of a GraphQL document through graphql-js before it is compiled. @default 1 */
  interpretedRuns?: number;
}

/** A listening Keel server. */
export interface KeelServer {
  /** Base URL, such as http://127.0.0.1:3000. */
  url: string;
  httpServer: Server;
  /** Stops taking connections, drains requests, closes sockets and the event bus. */
  close(): Promise<void>;
}

/**
 * Composes the process: the event bus, the schema, Apollo over HTTP, graphql-ws over WebSocket
 * upgrades on `/graphql`, Hocuspocus on `/collab`, probes and metrics — all on one port.
 */
export async function startKeelServer(options: KeelServerOptions): Promise<KeelServer> {
  const { config, orm, logger } = options;
  const production = config.environment === 'production';
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;

  const bus = createEventBus(config.redisUrl, logger.child({ component: 'event-bus' }));
  const schema = await buildKeelSchema(bus.pubSub);
  const metrics = new KeelMetrics(orm);
  const { limiter, closeLimiter } = createRateLimiter(config);
  const credentials = new CredentialCache();
  const stopFollowingRevocations = followRevocations(bus.pubSub, credentials);

  const httpServer = createServer();
  const collab = createCollabEndpoint({
    orm,
    logger: logger.child({ component: 'collab' }),
    pubSub: bus.pubSub,
    redisUrl: config.redisUrl,
  });
  const graphqlWs = createGraphqlWsEndpoint({
    schema,
    orm,
    logger,
    pubSub: bus.pubSub,
    liveDocuments: collab.liveDocuments,
    metrics,
    limits,
    production,
    rateLimiter: limiter,
    initTimeoutMs: options.wsInitTimeoutMs,
  });

  const apollo = createApollo({
    schema,
    limits,
    production,
    logger,
    metrics,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    interpretedRuns: options.interpretedRuns,
  });
  await apollo.start();

  const app = createHttpApp({
    orm,
    apollo,
    logger,
    pubSub: bus.pubSub,
    liveDocuments: collab.liveDocuments,
    metrics,
    limits,
    rateLimiter: limiter,
    credentials,
    production,
    pages: options.pages,
  });
  httpServer.on('request', app);
  httpServer.on('upgrade', (request, socket: Duplex, head) => {
    const path = new URL(request.url ?? '/', 'http://keel').pathname;
    if (path === '/graphql') {
      graphqlWs.server.handleUpgrade(request, socket, head, (ws) => {
        graphqlWs.server.emit('connection', ws, request);
      });
      return;
    }
    if (path === '/collab') {
      collab.handleUpgrade(request, socket, head);
      return;
    }
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    httpServer,
    close: async () => {
      const steps: [string, () => Promise<void>][] = [
        ['live documents', () => collab.close()],
        ['graphql-ws', () => graphqlWs.close()],
        ['http', () => apollo.stop()],
        ['rate limiter', closeLimiter],
        ['credential cache', stopFollowingRevocations],
        ['event bus', () => bus.close()],
      ];
      for (const [name, close] of steps) {
        const started = Date.now();
        await close();
        logger.debug({ step: name, ms: Date.now() - started }, 'closed');
      }
    },
  };
}

function createRateLimiter(config: KeelServerOptions['config']): {
  limiter: RateLimiter;
  closeLimiter: () => Promise<void>;
} {
  const budget = { capacity: config.rateLimitBurst, refillPerSecond: config.rateLimitPerSecond };
  if (!config.redisUrl) {
    const limiter = createMemoryRateLimiter(budget);
    return { limiter, closeLimiter: () => limiter.close() };
  }

  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const limiter = createRedisRateLimiter(redis, { ...budget, prefix: 'keel:rate:' });
  return {
    limiter,
    closeLimiter: async () => {
      await limiter.close();
      await redis.quit();
    },
  };
}
