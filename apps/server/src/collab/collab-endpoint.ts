import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type WebSocketLike } from '@hocuspocus/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { COLLAB_CODES, COLLAB_LIMITS, refusalReason } from '@keel/collab';
import type { Peer } from 'crossws';
import crossws from 'crossws/adapters/node';
import type { Actor } from '../auth/actor.js';
import type { CredentialRevokedEvent, KeelPubSub } from '../graphql/pubsub.js';
import type { Logger } from '../logger.js';
import { SystemEntryRepair } from '../modules/timeline/system-entries.js';
import { ProjectionExtension } from '../modules/timeline/timeline.projection.js';
import { AuthExtension } from './auth.extension.js';
import { CollabSocket, type CollabContext } from './collab-socket.js';
import { JournalExtension } from './journal.extension.js';
import { LiveDocuments } from './live-documents.js';
import { RedisExtension } from './redis.extension.js';

/** What the collaboration endpoint needs. */
export interface CollabEndpointOptions {
  orm: MikroORM;
  logger: Logger;
  /** Revocations arriving here close the sockets that use the revoked credential. */
  pubSub?: KeelPubSub;
  /**
   * Largest WebSocket message, in bytes; a bigger frame closes the socket with 1009.
   * @default COLLAB_LIMITS.maxMessageBytes (1 MiB)
   */
  maxMessageBytes?: number;
  /** @default COLLAB_LIMITS.maxDocumentBytes (4 MiB); see JournalOptions. */
  maxDocumentBytes?: number;
  /** @default 500; see JournalOptions. */
  compactAfterUpdates?: number;
  /** @default 20; see AuthOptions. */
  maxRefusalsPerSocket?: number;
  /** @default 150; see ProjectionOptions. */
  projectionDelayMs?: number;
  /**
   * When set, Keel processes on the same Redis share their live documents through Hocuspocus's
   * Redis extension. Without it an edit reaches only the clients of the process it arrived at.
   * @default null
   */
  redisUrl?: string | null;
}

/** Keel's `/collab` endpoint, ready to take upgrades from the HTTP server. */
export interface CollabEndpoint {
  /** Takes over a WebSocket upgrade request for `/collab`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The Hocuspocus instance, for server-side access to documents. */
  hocuspocus: Hocuspocus<CollabContext>;
  /** Server-side changes to live documents, journaled before they are applied. */
  liveDocuments: LiveDocuments;
  /** Closes every socket with 1001 and waits for journal, server and projection writes. */
  close(): Promise<void>;
}

interface OpenSocket {
  socket: CollabSocket;
  /** Hocuspocus's side of the socket (its ClientConnection class is not exported). */
  connection: ReturnType<Hocuspocus<CollabContext>['handleConnection']>;
}

/**
 * Hocuspocus on Keel's own port. Hocuspocus's `Server` class always opens an HTTP server of its
 * own, so the core `Hocuspocus` class is used instead, fed by crossws's Node adapter (the same
 * pairing Hocuspocus's `Server` uses inside). This file only composes: the rules live in the
 * extensions.
 */
export function createCollabEndpoint(options: CollabEndpointOptions): CollabEndpoint {
  const { orm, logger } = options;
  const journal = new JournalExtension({
    orm,
    logger,
    maxDocumentBytes: options.maxDocumentBytes,
    compactAfterUpdates: options.compactAfterUpdates,
  });
  const auth = new AuthExtension({
    orm,
    logger,
    maxRefusalsPerSocket: options.maxRefusalsPerSocket,
  });
  const projection = new ProjectionExtension({
    orm,
    logger,
    pubSub: options.pubSub,
    delayMs: options.projectionDelayMs,
  });
  const liveDocuments = new LiveDocuments({
    orm,
    logger,
    maxDocumentBytes: options.maxDocumentBytes,
    afterApply: (name) => projection.flush(name),
  });
  const systemEntries = new SystemEntryRepair({ orm, logger, live: liveDocuments });
  const timeline = [projection, liveDocuments, systemEntries];

  // Hocuspocus runs extensions by priority, which puts the Redis extension (1000) first.
  const redis = options.redisUrl ? new RedisExtension({ url: options.redisUrl, logger }) : null;
  const hocuspocus = new Hocuspocus<CollabContext>({
    name: 'keel',
    extensions: redis ? [auth, journal, redis, ...timeline] : [auth, journal, ...timeline],
  });

  const open = new Map<Peer, OpenSocket>();
  let closing = false;

  const adapter = crossws({
    serverOptions: { maxPayload: options.maxMessageBytes ?? COLLAB_LIMITS.maxMessageBytes },
    hooks: {
      upgrade: () => {
        if (closing) return new Response('Shutting down', { status: 503 });
      },
      open: (peer) => {
        const socket = new CollabSocket(peer, peer.remoteAddress);
        const connection = hocuspocus.handleConnection(
          peer.websocket as unknown as WebSocketLike,
          peer.request as Request,
          { socket },
        );
        open.set(peer, { socket, connection });
        logger.debug({ socket: socket.id, remoteAddress: peer.remoteAddress }, 'collab open');
      },
      message: (peer, message) => {
        const entry = open.get(peer);
        // Frames still in flight after Keel decided to close the socket are not processed.
        if (!entry || entry.socket.closing) return;
        entry.connection.handleMessage(message.uint8Array());
      },
      close: (peer, event) => {
        const entry = open.get(peer);
        if (!entry) return;
        open.delete(peer);
        entry.connection.handleClose({ code: event.code ?? 1005, reason: event.reason ?? '' });
        logger.debug({ socket: entry.socket.id, code: event.code }, 'collab closed');
      },
      error: (peer, error) => {
        logger.warn({ err: error, socket: open.get(peer)?.socket.id }, 'collab socket error');
      },
    },
  });

  const revocations = options.pubSub
    ? closeRevokedSockets(options.pubSub, () => open.values(), logger)
    : null;

  return {
    hocuspocus,
    liveDocuments,
    handleUpgrade(request, socket, head) {
      // The HTTP server's upgrade listener cannot wait; a failure is logged and the socket freed.
      adapter.handleUpgrade(request, socket, head).catch((error: unknown) => {
        logger.error({ err: error }, 'collab upgrade failed');
        socket.destroy();
      });
    },
    async close() {
      if (closing) return;
      closing = true;

      await revocations?.stop();
      // Through CollabSocket, so frames that still arrive are dropped rather than processed.
      for (const { socket } of open.values()) socket.close('goingAway');
      await adapter.close(COLLAB_CODES.goingAway, refusalReason('goingAway'));
      // Repairs write through liveDocuments; both write journal rows the projection follows.
      await systemEntries.drain();
      await liveDocuments.close();
      await journal.drain();
      await projection.drain();
      await redis?.close();
    },
  };
}

/** Closes sockets carrying a credential that was revoked, on this process or another. */
function closeRevokedSockets(
  pubSub: KeelPubSub,
  sockets: () => Iterable<OpenSocket>,
  logger: Logger,
): { stop(): Promise<void> } {
  const revoked = pubSub.subscribe('credentialRevoked');

  const loop = (async () => {
    for await (const event of revoked) {
      for (const { socket } of sockets()) {
        const code = closeCodeFor([...socket.actors], event);
        if (!code) continue;

        logger.info({ socket: socket.id, organizationId: event.organizationId, code }, 'revoked');
        socket.close(code);
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
 * How a revocation affects a socket: a revoked session or token closes it for good (4403); a
 * member whose role changed or who left has their sockets, and their tokens' sockets, closed so
 * that reconnecting authorises them with what they may do now (4409). Null when unaffected.
 */
function closeCodeFor(
  actors: readonly Actor[],
  event: CredentialRevokedEvent,
): 'forbidden' | 'accessChanged' | null {
  const revoked = actors.some((actor) =>
    actor.kind === 'TOKEN' ? actor.tokenId === event.tokenId : actor.sessionId === event.sessionId,
  );
  if (revoked) return 'forbidden';

  const changed =
    event.userId !== undefined &&
    actors.some((actor) =>
      actor.kind === 'TOKEN'
        ? actor.createdByUserId === event.userId
        : actor.userId === event.userId,
    );
  return changed ? 'accessChanged' : null;
}
