import { Redis as HocuspocusRedis, type RedisInstance } from '@hocuspocus/extension-redis';
import {
  OutgoingMessage,
  isTransactionOrigin,
  type afterLoadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from '../logger.js';
import { CollabRefusal } from './collab-socket.js';

/** Options of {@link RedisExtension}. */
export interface RedisOptions {
  /** A `redis://` or `rediss://` URL; user, password and database number are read from it. */
  url: string;
  logger: Logger;
  /**
   * Namespace of the channels and keys.
   * @default 'keel:collab'
   */
  prefix?: string;
}

/**
 * Shares live documents between Keel processes through Redis pub/sub: Hocuspocus's Redis
 * extension (4.7.0), changed where Keel's journal allows it or a Redis outage showed a need.
 *
 * - No store lock. The extension takes a Redis lock around `onStoreDocument` so that only one
 *   process stores a document. Keel journals every update before applying it and never stores a
 *   document from memory, so the lock guards nothing; while Redis was away it only failed stores
 *   and kept documents in memory.
 * - Failed publishes are handled. The extension answers other processes through a callback
 *   whose promise Hocuspocus's MessageReceiver drops; when Redis went away under load, ioredis
 *   rejected those publishes after its retries and the unhandled rejection ended every process.
 * - Changes are pushed, not only announced. The extension tells other processes that a document
 *   changed (its state vector), after the client was told the change is stored, and they fetch
 *   the change from this process; a process killed right after confirming an edit could not
 *   answer, and the others' open copies missed the edit (13 times in 15) until they next loaded
 *   it. Each change is now also published itself, before it is acknowledged. This writes the
 *   extension's message format (its `messagePrefix` and `<prefix>:<document>` channels) of 4.7.0.
 * - Documents announce themselves again after a reconnect. Pub/sub delivers nothing published
 *   while a process was cut off, and the extension announces a document only when it loads or
 *   changes; after a Redis restart two processes kept different versions until the next edit.
 *   Announcing its state makes each peer send what this process lacks and ask for what it lacks.
 * - A document that cannot subscribe is refused with 4503. Loading waits for Redis (ioredis
 *   retries for about ten seconds); the extension's own error reached clients as a bare
 *   "permission-denied", which they do not retry. Documents already open go on working on this
 *   process alone meanwhile.
 *
 * Known shortcoming, until the extension re-subscribes by itself: it subscribes to its reply
 * channel once, when constructed. If Redis stays away for the first ten seconds of the process,
 * that subscription fails for good and every later document load is refused until a restart.
 */
export class RedisExtension extends HocuspocusRedis {
  private readonly logger: Logger;
  private unavailable = false;

  constructor(options: RedisOptions) {
    const url = new URL(options.url);
    super({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : 6379,
      prefix: options.prefix ?? 'keel:collab',
      options: {
        username: decodeURIComponent(url.username) || undefined,
        password: decodeURIComponent(url.password) || undefined,
        db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
        tls: url.protocol === 'rediss:' ? {} : undefined,
      },
    });
    this.logger = options.logger;

    this.handlePublishFailures(this.pub);
    this.sub.on('ready', this.announceAfterReconnect);
    this.sub.on('error', this.reportUnavailable);
    this.pub.on('error', this.reportUnavailable);
  }

  /**
   * Subscribes the document as the extension does, refusing it with 4503 when that fails, and
   * from then on publishes each change made here.
   */
  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    const { document, documentName } = payload;
    try {
      await super.afterLoadDocument(payload);
    } catch (error) {
      this.logger.warn(
        { err: error, documentName, code: 'unavailable' },
        'collab document not shared through redis; refused',
      );
      throw new CollabRefusal('unavailable');
    }

    // Yjs calls this while the change is applied, before Hocuspocus acknowledges it to the
    // client; the extension's onChange runs only after that acknowledgement has gone out.
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (isTransactionOrigin(origin) && origin.source === 'redis') return;
      const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update);
      void this.pub.publish(
        `${this.configuration.prefix}:${documentName}`,
        Buffer.concat([this.messagePrefix, message.toUint8Array()]),
      );
    });
  }

  /** Nothing to lock: see the class comment. */
  override async onStoreDocument(): Promise<void> {}

  /**
   * Lets go of Redis. The extension's own `onDestroy` sends QUIT, which waits for a Redis that is
   * away until ioredis gives up on it (about ten seconds), past the shutdown deadline; without a
   * ready connection the sockets are dropped instead. Redis holds no state of Keel's.
   */
  async close(): Promise<void> {
    this.sub.off('ready', this.announceAfterReconnect);
    this.sub.off('error', this.reportUnavailable);
    this.pub.off('error', this.reportUnavailable);

    if (this.pub.status === 'ready' && this.sub.status === 'ready') {
      await this.onDestroy();
      return;
    }
    this.pub.disconnect();
    this.sub.disconnect();
  }

  /** Marks every publish's failure as handled; callers that await one still see it fail. */
  private handlePublishFailures(client: RedisInstance): void {
    const publish = client.publish.bind(client) as (
      channel: string | Buffer,
      message: string | Buffer,
    ) => Promise<number>;
    client.publish = ((channel: string | Buffer, message: string | Buffer) => {
      const published = publish(channel, message);
      published.catch((error: unknown) => {
        this.logger.debug({ err: error }, 'collab redis publish failed');
      });
      return published;
    }) as RedisInstance['publish'];
  }

  private readonly reportUnavailable = (error: Error): void => {
    // ioredis reports every failed reconnect attempt; one line per outage is enough.
    if (this.unavailable) return;
    this.unavailable = true;
    this.logger.warn({ err: error }, 'collab redis unavailable; documents are not shared');
  };

  private readonly announceAfterReconnect = (): void => {
    // ioredis re-subscribes right after 'ready'. A PING queued behind those subscriptions
    // answers once they hold, so no peer's answer arrives on a channel not yet listened to.
    this.sub
      .ping()
      .then(() => {
        const documents = this.announceAll();
        if (this.unavailable) {
          this.logger.info({ documents }, 'collab redis back; documents re-announced');
        }
        this.unavailable = false;
      })
      .catch(this.reportUnavailable);
  };

  /**
   * Announces the state of every open document, as the extension does after a change; peers
   * answer with what this process lacks and ask for what they lack. Returns how many there were.
   */
  private announceAll(): number {
    const documents = this.instance ? [...this.instance.documents.values()] : [];
    for (const document of documents) {
      void this.onChange({
        instance: this.instance,
        clientsCount: document.getConnectionsCount(),
        context: {},
        document,
        documentName: document.name,
        requestHeaders: new Headers(),
        requestParameters: new URLSearchParams(),
        update: new Uint8Array(),
        socketId: '',
        transactionOrigin: { source: 'local' },
      });
    }
    return documents.length;
  }
}
