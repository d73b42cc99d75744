import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../auth/actor.js';
import type { LiveDocuments } from '../collab/live-documents.js';
import type { Logger } from '../logger.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { KeelPubSub } from './pubsub.js';

/** How a resolver sets or clears the browser's session cookie (absent over WebSocket). */
export interface SessionCookieJar {
  set(secret: string, expiresAt: Date): void;
  clear(): void;
}

/** Per-request state every resolver and service receives. */
export interface RequestContext {
  /** A fork of the ORM's EntityManager owned by this request alone. */
  em: EntityManager;
  /** Batching loaders bound to {@link RequestContext.em}. */
  loaders: Loaders;
  actor: Actor | null;
  requestId: string;
  /** The process logger with this request's id; made on first use, as most requests log nothing. */
  readonly logger: Logger;
  pubSub: KeelPubSub;
  cookies: SessionCookieJar | null;
  /** Server-side writes into live documents; null where no `/collab` endpoint runs. */
  liveDocuments: LiveDocuments | null;
  /**
   * Replaces the EntityManager and loaders with fresh ones. A subscription calls it before each
   * event, so what it sends is read anew rather than served from the previous event's cache.
   */
  renew(): void;
}

/** What {@link createRequestContext} needs from the process. */
export interface ContextDependencies {
  orm: MikroORM;
  logger: Logger;
  pubSub: KeelPubSub;
  /** The `/collab` endpoint's writer, when the process serves one. */
  liveDocuments?: LiveDocuments;
}

/** Builds the context of one HTTP request or one WebSocket operation. */
export function createRequestContext(
  deps: ContextDependencies,
  request: { actor: Actor | null; requestId: string; cookies: SessionCookieJar | null },
): RequestContext {
  const em = deps.orm.em.fork();
  let logger: Logger | undefined;
  const context: RequestContext = {
    em,
    loaders: createLoaders(em),
    actor: request.actor,
    requestId: request.requestId,
    get logger() {
      logger ??= deps.logger.child({ requestId: request.requestId });
      return logger;
    },
    pubSub: deps.pubSub,
    cookies: request.cookies,
    liveDocuments: deps.liveDocuments ?? null,
    renew() {
      context.em = deps.orm.em.fork();
      context.loaders = createLoaders(context.em);
    },
  };
  return context;
}
