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
  return new RequestScope(deps, request.actor, request.requestId, request.cookies);
}

/**
 * A class rather than an object literal because Apollo Server copies each request's context
 * with `Object.assign` onto an object of the same prototype: the lazy logger and `renew` stay on
 * the prototype and keep working on the copy, where an own getter would have been run (making
 * the logger every request) and a closure would have renewed the original instead.
 */
class RequestScope implements RequestContext {
  em: EntityManager;
  loaders: Loaders;
  pubSub: KeelPubSub;
  liveDocuments: LiveDocuments | null;
  private requestLogger: Logger | undefined;

  constructor(
    private readonly deps: ContextDependencies,
    public actor: Actor | null,
    public requestId: string,
    public cookies: SessionCookieJar | null,
  ) {
    this.em = deps.orm.em.fork();
    this.loaders = createLoaders(this.em);
    this.pubSub = deps.pubSub;
    this.liveDocuments = deps.liveDocuments ?? null;
  }

  get logger(): Logger {
    this.requestLogger ??= this.deps.logger.child({ requestId: this.requestId });
    return this.requestLogger;
  }

  renew(): void {
    this.em = this.deps.orm.em.fork();
    this.loaders = createLoaders(this.em);
  }
}
