import type { Document, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  COLLAB_LIMITS,
  documentName,
  postmortemTemplateUpdate,
  type DocumentKind,
} from '@keel/collab';
import * as Y from 'yjs';
import { inTransaction } from '../db/unit-of-work.js';
import { PayloadTooLargeError } from '../errors/payload-too-large-error.js';
import type { Logger } from '../logger.js';
import { CollabSocket, type CollabContext } from './collab-socket.js';
import { applyStored } from './journal.extension.js';
import { appendUpdate, readDocument, type UpdateAuthor } from './journal.store.js';
import { checkUpdate } from './update-check.js';

/** Options of {@link LiveDocuments}. */
export interface LiveDocumentsOptions {
  orm: MikroORM;
  logger: Logger;
  /**
   * Largest document, in bytes of encoded state; a change that would pass it is refused with
   * PAYLOAD_TOO_LARGE and nothing is written.
   * @default COLLAB_LIMITS.maxDocumentBytes (4 MiB)
   */
  maxDocumentBytes?: number;
  /**
   * Runs after a change is applied and before {@link LiveDocuments.write} resolves, so that what
   * is derived from documents (the projection) already shows the change when the caller returns.
   */
  afterApply?: (documentName: string) => Promise<void>;
}

/** A direct connection while it is open, when its document is always set. */
type OpenDocument = Awaited<ReturnType<Hocuspocus<CollabContext>['openDirectConnection']>> & {
  document: Document;
};

/** Which live document, of which tenant. */
export interface LiveDocumentAddress {
  incidentId: string;
  organizationId: string;
  kind: DocumentKind;
}

/** A change Keel itself makes to a live document, for {@link LiveDocuments.write}. */
export interface ServerChange extends LiveDocumentAddress {
  /** Who the journal row is attributed to. */
  author: UpdateAuthor;
  /**
   * Writes the change into `draft`, an empty document of its own. `live` is the document as it
   * is now, to read from, never to write to. Writing nothing makes the whole call a no-op. May be
   * async: it runs while no other server change to the same document runs.
   */
  draft(live: Y.Doc, draft: Y.Doc): void | Promise<void>;
  /**
   * What `draft` holds when it is handed over: `'empty'` suits changes that only add (a new
   * entry); `'live'` is a copy of the live document, for changes that edit or delete what is
   * there, since Yjs can only delete items a document holds. Either way only what `draft` writes
   * is journaled and applied, not the copy.
   * @default 'empty'
   */
  draftFrom?: 'empty' | 'live';
  /**
   * Runs inside the transaction that journals the change, typically to append the audit record,
   * so that the change and its record commit together or not at all.
   */
  alongside?(tx: EntityManager): Promise<void>;
}

/**
 * The context of Keel's own direct connections. The journal only needs the tenant and the
 * address; the socket is a stand-in that nothing closes, since no client is behind it.
 */
function serverContext(change: ServerChange): CollabContext {
  return {
    socket: new CollabSocket({ close: () => {} }, undefined),
    organizationId: change.organizationId,
    document: { incidentId: change.incidentId, kind: change.kind },
  };
}

/**
 * Server-side writes into live documents: what a mutation adds to a timeline, the entries Keel
 * writes for status and role changes, and a postmortem's text restored from a saved version.
 *
 * Changes from clients are journaled in `beforeSync`; changes made on the server never pass
 * through that hook, so this class journals them itself, and does so first: the change is built
 * in a scratch document, appended to the journal (with the caller's audit record, in one
 * transaction), and only then applied to the live document, which broadcasts it to connected
 * editors. Whatever a client has seen of such a change is therefore already stored; a crash
 * between the commit and the apply loses nothing, because loading the document replays the
 * journal.
 *
 * Each change is built in a fresh scratch document with its own Yjs client id, so every server
 * write adds one entry to the document's state vector (a few bytes). Reusing the live document's
 * client id would need the change applied before it is stored, which is the order this class
 * exists to avoid.
 *
 * Writes to one document run one at a time, so a writer that checks what the document holds
 * (system entries are written once each) is not raced by another server write. The size limit
 * is checked against the document itself: the journal's running estimate only counts client
 * updates until its next compaction re-measures.
 */
export class LiveDocuments implements Extension {
  readonly extensionName = 'keel-live-documents';

  private instance: Hocuspocus<CollabContext> | null = null;
  private readonly maxDocumentBytes: number;
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: LiveDocumentsOptions) {
    this.maxDocumentBytes = options.maxDocumentBytes ?? COLLAB_LIMITS.maxDocumentBytes;
  }

  /** Hocuspocus hands its instance to every extension here; writes go through it. */
  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance as Hocuspocus<CollabContext>;
  }

  /**
   * Journals a change and applies it to the live document (loading it if nobody has it open).
   * Resolves true once the change is durable, applied and projected; false when the draft was
   * empty. Throws PAYLOAD_TOO_LARGE when the document would grow past its limit, and rethrows
   * anything `alongside` throws; in both cases nothing was written.
   */
  async write(change: ServerChange): Promise<boolean> {
    if (this.closed) throw new Error('Live documents are closed; the server is shutting down.');

    const name = documentName(change.incidentId, change.kind);
    const previous = this.queues.get(name) ?? Promise.resolve();
    const run = previous.then(() => this.writeNow(name, change));
    const settled = run.catch(() => {});
    this.queues.set(name, settled);
    void settled.then(() => {
      if (this.queues.get(name) === settled) this.queues.delete(name);
    });
    return run;
  }

  /** Refuses new writes and waits for those under way. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * The whole state of a document as `Y.encodeStateAsUpdate`, without opening it: the copy this
   * process has loaded when there is one, otherwise the journal as stored. Every change is
   * journaled before it is applied anywhere, so the stored state holds all that any editor was
   * told is saved. A postmortem nobody has opened yet reads as its template, as it would open.
   */
  async currentState(address: LiveDocumentAddress): Promise<Uint8Array> {
    const name = documentName(address.incidentId, address.kind);
    const loaded = this.instance?.documents.get(name);
    if (loaded && !loaded.isDestroyed) return Y.encodeStateAsUpdate(loaded);

    const key = { name, organizationId: address.organizationId };
    const stored = await readDocument(this.options.orm.em.fork(), key);
    const doc = new Y.Doc();
    try {
      applyStored(doc, stored.snapshot, stored.updates, (seq, error) => {
        this.options.logger.error({ err: error, documentName: name, seq }, 'stored update skipped');
      });
      if (address.kind === 'postmortem' && !stored.snapshot && stored.updates.length === 0) {
        Y.applyUpdate(doc, postmortemTemplateUpdate());
      }
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  private async writeNow(name: string, change: ServerChange): Promise<boolean> {
    const connection = await this.connect(name, change);
    try {
      const live = connection.document;
      const update = await draftUpdate(live, change);
      if (checkUpdate(update) !== 'changes') return false;

      const size = Y.encodeStateAsUpdate(live).byteLength;
      if (size + update.byteLength > this.maxDocumentBytes) {
        throw new PayloadTooLargeError('The document is full; nothing was added.', {
          maxDocumentBytes: this.maxDocumentBytes,
        });
      }

      const key = { name, organizationId: change.organizationId };
      await inTransaction(this.options.orm.em.fork(), async (tx) => {
        await appendUpdate(tx, key, update, change.author);
        await change.alongside?.(tx);
      });

      await connection.transact((document) => Y.applyUpdate(document, update));
      this.options.logger.debug(
        { documentName: name, bytes: update.byteLength, author: change.author.kind },
        'server change journaled and applied',
      );
      await this.options.afterApply?.(name);
      return true;
    } finally {
      // Kept warm rather than unloaded at once: the change is already stored, integrations
      // tend to write several entries in a row, and an immediate unload would run the store
      // hooks inside this call (the Redis extension holds a local store for a second).
      await connection.disconnect({ unloadImmediately: false });
    }
  }

  private async connect(name: string, change: ServerChange): Promise<OpenDocument> {
    if (!this.instance) throw new Error('LiveDocuments is not registered with Hocuspocus.');
    try {
      const connection = await this.instance.openDirectConnection(name, serverContext(change));
      return Object.assign(connection, { document: connection.document! });
    } catch (error) {
      // A refused load is a CollabRefusal, which is deliberately not an Error.
      throw new Error(`The live document ${name} could not be loaded.`, { cause: error });
    }
  }
}

/** Runs the change's draft in a scratch document and returns what it wrote as one update. */
async function draftUpdate(live: Y.Doc, change: ServerChange): Promise<Uint8Array> {
  const draft = new Y.Doc();
  try {
    if (change.draftFrom !== 'live') {
      await change.draft(live, draft);
      return Y.encodeStateAsUpdate(draft);
    }

    // Only the draft's own transactions are kept: the copy of the live state is what the live
    // document already has, and its full delete set would be journaled again with every change.
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(live));
    const written: Uint8Array[] = [];
    draft.on('update', (update: Uint8Array) => written.push(update));
    await change.draft(live, draft);
    return Y.mergeUpdates(written);
  } finally {
    draft.destroy();
  }
}
