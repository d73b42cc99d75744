import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  beforeSyncPayload,
  beforeUnloadDocumentPayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { COLLAB_LIMITS, postmortemTemplateUpdate, type DocumentKind } from '@keel/collab';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { CollabRefusal, type CollabContext } from './collab-socket.js';
import { JournalQueue } from './journal.queue.js';
import {
  appendUpdate,
  appendUpdates,
  journalPosition,
  readDocument,
  readNewestSnapshot,
  readUpdates,
  registerDocument,
  storeSnapshot,
  type AppendResult,
  type DocumentKey,
  type StoredState,
  type UpdateAuthor,
} from './journal.store.js';
import { PeerRelay } from './peer-relay.js';
import { SYNC_MESSAGE, checkUpdate } from './update-check.js';

/** Options of {@link JournalExtension}. */
export interface JournalOptions {
  orm: MikroORM;
  logger: Logger;
  /**
   * Journal rows after the newest snapshot that trigger a new snapshot. Loading replays at most
   * about this many rows on top of a snapshot.
   * @default 500
   */
  compactAfterUpdates?: number;
  /**
   * Largest document, in bytes: the stored snapshot plus every update since, re-measured from
   * the document at each compaction. An update that would pass it closes its socket with 4413.
   * @default COLLAB_LIMITS.maxDocumentBytes (4 MiB)
   */
  maxDocumentBytes?: number;
}

/** Per loaded document: its tenant key and its size estimate in bytes. */
interface LoadedDocument {
  key: DocumentKey;
  /** Size estimate of what is stored: loaded and appended rows, or the size at compaction. */
  bytes: number;
  /** Bytes of updates accepted for the journal whose rows are not committed yet. */
  pendingBytes: number;
}

const SYSTEM_AUTHOR: UpdateAuthor = { kind: 'SYSTEM', id: null };

/**
 * Persists live documents as an append-only journal in PostgreSQL.
 *
 * Each update a client sends is checked and appended in `beforeSync`, which Hocuspocus awaits
 * before it applies the update and tells the client it is synced, so a confirmed edit is already
 * durable. (`onChange` is not awaited and `onStoreDocument` runs seconds later; a journal written
 * there loses confirmed edits on a crash.) Loading replays the newest snapshot and the rows after
 * it; every so many rows a new snapshot is built from the stored rows. Nothing is ever written
 * from a document in memory, so a failed or partial load cannot overwrite what is stored.
 *
 * Appends to one document are group-committed ({@link JournalQueue}): the updates that arrive
 * while one statement is in flight share the next, so 50 editors of a document wait for one
 * commit together rather than for one commit each on the document's row lock. An update reaches
 * the document's other editors as soon as it is queued ({@link PeerRelay}); only its writer waits
 * for the commit.
 */
export class JournalExtension implements Extension {
  readonly extensionName = 'keel-journal';

  private readonly options: Required<JournalOptions>;
  private readonly loaded = new WeakMap<Document, LoadedDocument>();
  private readonly compactions = new Map<string, Promise<void>>();
  private readonly appends = new Set<Promise<unknown>>();
  private readonly queue: JournalQueue;
  private readonly relay = new PeerRelay();

  constructor(options: JournalOptions) {
    // `??` per option rather than a spread, so an option passed as undefined keeps its default.
    this.options = {
      ...options,
      compactAfterUpdates: options.compactAfterUpdates ?? 500,
      maxDocumentBytes: options.maxDocumentBytes ?? COLLAB_LIMITS.maxDocumentBytes,
    };
    this.queue = new JournalQueue({
      write: (key, updates) => appendUpdates(options.orm.em.fork(), key, updates),
      maxBatchBytes: this.options.maxDocumentBytes,
    });
  }

  /**
   * Rebuilds the document from storage. A new postmortem gets its template, journaled like any
   * other update. Any failure refuses the document with 4503 rather than serving it empty.
   */
  async onLoadDocument({
    document,
    documentName,
    context,
  }: onLoadDocumentPayload<CollabContext>): Promise<void> {
    const { organizationId, document: address } = context;
    if (!organizationId || !address) {
      throw new Error(`${documentName} was opened without an authorised context.`);
    }

    const key = { name: documentName, organizationId };
    const em = this.options.orm.em.fork();
    try {
      await registerDocument(em, key, address.incidentId, address.kind);
      const stored = await readDocument(em, key);
      const bytes = applyStored(document, stored.snapshot, stored.updates, (seq, error) => {
        this.options.logger.error({ err: error, documentName, seq }, 'stored update skipped');
      });
      this.loaded.set(document, { key, bytes, pendingBytes: 0 });

      if (!stored.snapshot && stored.updates.length === 0) {
        await this.seed(em, document, key, address.kind);
      }
      // Hocuspocus buffers every change to a document for broadcast, the stored state applied
      // here included, and sends the buffer once the first connection has joined: that client
      // was sent the whole document twice, as this update and in its sync answer (two 230 KB
      // messages to decode for a 500-entry timeline). Nobody is connected yet, so this flush
      // sends nothing and only empties the buffer.
      document.flush();
      if (stored.updates.length >= this.options.compactAfterUpdates) {
        this.scheduleCompaction(document, key);
      }
      this.options.logger.debug(
        { documentName, snapshotSeq: stored.snapshot?.seq ?? 0, replayed: stored.updates.length },
        'collab document loaded',
      );
    } catch (error) {
      if (error instanceof CollabRefusal) throw error;
      this.options.logger.error({ err: error, documentName }, 'collab document failed to load');
      throw new CollabRefusal('unavailable');
    }
  }

  /** From here on, the document's editors get each update once it is queued, not committed. */
  async afterLoadDocument({ document }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
    this.relay.attach(document);
  }

  /**
   * Checks and appends an incoming update before Hocuspocus applies it. Anything refused here
   * closes the whole socket, not just the document's session: Hocuspocus ends the session when a
   * hook throws but leaves the socket open, and the provider then never syncs again by itself.
   * Closing the socket makes it reconnect and offer its unconfirmed changes afresh.
   */
  async beforeSync({
    type,
    payload,
    connection,
    context,
    document,
    documentName,
  }: beforeSyncPayload<CollabContext>): Promise<void> {
    this.relay.forget(connection);
    if (type !== SYNC_MESSAGE.step2 && type !== SYNC_MESSAGE.update) return;
    // Hocuspocus itself refuses changes from read-only connections; there is nothing to keep.
    if (connection.readOnly) return;

    const check = checkUpdate(payload);
    if (check === 'no-op') return;

    const { logger, maxDocumentBytes } = this.options;
    const log = { documentName, socket: context.socket.id, bytes: payload.byteLength };
    // Handed over before Keel decided to close the socket. After a failed write such an update
    // may build on updates that were relayed but never stored; the client offers it again.
    if (context.socket.closing) this.refuse(context, 'unavailable');
    if (check === 'invalid') {
      logger.warn({ ...log, code: 'invalidUpdate' }, 'invalid collab update refused');
      this.refuse(context, 'invalidUpdate');
    }

    const loaded = this.loaded.get(document);
    if (!loaded || !context.actor) {
      logger.error(log, 'collab update for a document that was not loaded here');
      this.refuse(context, 'unavailable');
    }
    if (loaded.bytes + loaded.pendingBytes + payload.byteLength > maxDocumentBytes) {
      logger.warn(
        { ...log, code: 'documentTooLarge', size: loaded.bytes, pending: loaded.pendingBytes },
        'collab update refused',
      );
      this.refuse(context, 'documentTooLarge');
    }

    const { actor } = context;
    const author: UpdateAuthor = {
      kind: actor.kind,
      id: actor.kind === 'USER' ? actor.userId : actor.tokenId,
    };
    // Queued before anything is awaited, so a document's updates are journaled in the order
    // Hocuspocus hands them over, and relayed only once queued, so that whatever a peer builds on
    // it is queued after it.
    let appended: AppendResult;
    loaded.pendingBytes += payload.byteLength;
    try {
      const appending = this.track(this.queue.append(loaded.key, { data: payload, author }));
      this.relay.relay(document, connection, payload);
      appended = await appending;
    } catch (error) {
      logger.error({ ...log, err: error, code: 'unavailable' }, 'collab update not journaled');
      // The peers hold this update, relayed before the write: closing their sockets makes them
      // offer it again, with their own changes, when they reconnect.
      for (const peer of document.getConnections()) {
        (peer.context as CollabContext).socket.close('unavailable');
      }
      this.refuse(context, 'unavailable');
    } finally {
      loaded.pendingBytes -= payload.byteLength;
    }

    loaded.bytes += payload.byteLength;
    if (appended.unsnapshotted >= this.options.compactAfterUpdates) {
      this.scheduleCompaction(document, loaded.key);
    }
  }

  /**
   * Keeps the document loaded until the updates queued for its journal are committed or failed.
   * Hocuspocus unloads a document once its last connection has closed and its store debounce is
   * over, even while an update of that connection still waits for its batch (a slow database);
   * a client opening the document then loaded the journal without that row, and was served a
   * document that lacked the edit until its author offered it again. Meanwhile Hocuspocus hands
   * clients that open the document the copy still loaded, and keeps it when they stay.
   */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    const loaded = this.loaded.get(document);
    if (loaded) await this.queue.idle(loaded.key);
  }

  /**
   * Waits for appends and compactions under way, queued appends included (each settles only once
   * its batch is written), so the database can be closed after. Loops because Hocuspocus goes on
   * with a connection's queued messages after each append settles.
   */
  async drain(): Promise<void> {
    while (this.appends.size > 0 || this.compactions.size > 0) {
      await Promise.allSettled([...this.appends, ...this.compactions.values()]);
    }
  }

  private refuse(
    context: CollabContext,
    name: 'invalidUpdate' | 'documentTooLarge' | 'unavailable',
  ): never {
    context.socket.close(name);
    throw new CollabRefusal(name);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.appends.add(work);
    return work.finally(() => this.appends.delete(work));
  }

  private async seed(
    em: EntityManager,
    document: Document,
    key: DocumentKey,
    kind: DocumentKind,
  ): Promise<void> {
    if (kind !== 'postmortem') return;

    const template = postmortemTemplateUpdate();
    await appendUpdate(em, key, template, SYSTEM_AUTHOR);
    Y.applyUpdate(document, template);
    this.loaded.get(document)!.bytes += template.byteLength;
  }

  /** Runs at most one compaction per document at a time, in the background. */
  private scheduleCompaction(document: Document, key: DocumentKey): void {
    if (this.compactions.has(key.name)) return;

    const run = this.compact(key)
      .then((compacted) => {
        const loaded = this.loaded.get(document);
        if (compacted && loaded && !document.isDestroyed) {
          loaded.bytes = Y.encodeStateAsUpdate(document).byteLength;
        }
      })
      .catch((error: unknown) => {
        // The journal still holds every row; the next append past the threshold tries again.
        this.options.logger.error({ err: error, documentName: key.name }, 'compaction failed');
      })
      .finally(() => this.compactions.delete(key.name));
    this.compactions.set(key.name, run);
  }

  /**
   * Folds the journal into a new snapshot, built from stored rows only. Reading `last_seq` first
   * and then the rows up to it sees all of them (see appendUpdate), so the snapshot covers
   * exactly rows `<= last_seq`.
   */
  private async compact(key: DocumentKey): Promise<boolean> {
    const em = this.options.orm.em.fork();
    const position = await journalPosition(em, key);
    if (!position || position.lastSeq - position.snapshotSeq < this.options.compactAfterUpdates) {
      return false;
    }

    const snapshot = await readNewestSnapshot(em, key);
    const updates = await readUpdates(em, key, snapshot?.seq ?? 0, position.lastSeq);
    const rebuilt = new Y.Doc();
    try {
      applyStored(rebuilt, snapshot, updates, (seq, error) => {
        this.options.logger.error({ err: error, documentName: key.name, seq }, 'row skipped');
      });
      await storeSnapshot(em, key, position.lastSeq, Y.encodeStateAsUpdate(rebuilt));
    } finally {
      rebuilt.destroy();
    }

    this.options.logger.info(
      { documentName: key.name, upToSeq: position.lastSeq, folded: updates.length },
      'collab document compacted',
    );
    return true;
  }
}

/**
 * Applies a snapshot and journal rows to a document and returns their total size in bytes. Each
 * row is applied on its own, so one bad row (which the update check should have kept out) is
 * reported and skipped instead of making the document impossible to load.
 *
 * All rows go in one transaction, so the document emits a single update. Applied one by one,
 * each row was an update that Hocuspocus's document buffered for broadcast and then merged with
 * the others (Y.mergeUpdates, which slows down with the square of their number): a journal of
 * 30,000 rows without a snapshot loaded in about a second, one of 50,000 not within a minute.
 */
export function applyStored(
  document: Y.Doc,
  snapshot: StoredState | null,
  updates: readonly StoredState[],
  onBadRow: (seq: number, error: unknown) => void,
): number {
  let bytes = 0;
  document.transact(() => {
    for (const row of snapshot ? [snapshot, ...updates] : updates) {
      try {
        Y.applyUpdate(document, row.data);
        bytes += row.data.byteLength;
      } catch (error) {
        onBadRow(row.seq, error);
      }
    }
  });
  return bytes;
}
