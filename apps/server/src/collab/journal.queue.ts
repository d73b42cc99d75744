import type { AppendResult, DocumentKey, PendingUpdate } from './journal.store.js';

/**
 * Writes a batch of one document's updates in one statement (so in one commit), numbered in the
 * order given, and resolves with one result per update once that statement has committed.
 */
export type BatchWriter = (
  key: DocumentKey,
  updates: readonly PendingUpdate[],
) => Promise<AppendResult[]>;

/** Options of {@link JournalQueue}. */
export interface JournalQueueOptions {
  /** Writes each batch; `appendUpdates` on a fresh EntityManager fork in the server. */
  write: BatchWriter;
  /**
   * Most updates written by one statement.
   * @default 200
   */
  maxBatchUpdates?: number;
  /**
   * Most bytes of updates written by one statement; a larger single update goes alone.
   * @default 4 MiB
   */
  maxBatchBytes?: number;
}

/** An update waiting for its batch, with the settlement of the caller's promise. */
interface QueuedUpdate extends PendingUpdate {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** The updates of one document that wait while a batch of it is being written. */
interface DocumentQueue {
  key: DocumentKey;
  waiting: QueuedUpdate[];
  /** Settles once no update of the document waits or is being written. Never rejects. */
  writing: Promise<void>;
}

/**
 * Group commit of journal appends, per document. The first update of a document is written at
 * once; the updates that arrive while that statement is in flight wait, and are then written
 * together in one statement, in arrival order, and so on while any wait. Each caller's promise
 * settles only when the statement that holds its update has committed or failed, so the
 * durability of each confirmed edit is unchanged while a document's writers share one commit
 * (one fsync) instead of queueing on its row lock for one each.
 *
 * A failed statement rejects each update it held and every update waiting behind it. Those
 * were sent after the failed updates had been relayed to their peers, so they may build on them;
 * stored without them, they would be confirmed yet not load until someone offered the failed
 * updates again. Batches of a document are therefore also committed in the order they were
 * taken, one at a time. Nothing of a failed statement is stored (it is one statement), so its
 * writers may safely offer the same updates again. A document's queue holds at most one update
 * per connection, since Hocuspocus handles a connection's messages one at a time, and it is
 * dropped as soon as it is empty.
 */
export class JournalQueue {
  private readonly options: Required<JournalQueueOptions>;
  private readonly documents = new Map<string, DocumentQueue>();

  constructor(options: JournalQueueOptions) {
    this.options = {
      ...options,
      maxBatchUpdates: Math.max(1, options.maxBatchUpdates ?? 200),
      maxBatchBytes: options.maxBatchBytes ?? 4 * 1024 * 1024,
    };
  }

  /** Documents with updates waiting or being written; for metrics and tests. */
  get busyDocumentCount(): number {
    return this.documents.size;
  }

  /**
   * Journals an update after those queued before it for the same document. Resolves with its
   * position once its row is committed; rejects when its batch, or one written before it, could
   * not be written.
   */
  append(key: DocumentKey, update: PendingUpdate): Promise<AppendResult> {
    const id = queueId(key);
    const busy = this.documents.get(id);
    const queue: DocumentQueue = busy ?? { key, waiting: [], writing: Promise.resolve() };

    const appended = new Promise<AppendResult>((resolve, reject) => {
      queue.waiting.push({ ...update, resolve, reject });
    });
    if (!busy) {
      this.documents.set(id, queue);
      queue.writing = this.writeAll(id, queue);
    }
    return appended;
  }

  /**
   * Resolves once the document has no update waiting or being written, those queued meanwhile
   * included. Unloading a document waits for it, so that loading it again reads every row its
   * writers were promised. Never rejects: each writer hears of its own failure.
   */
  idle(key: DocumentKey): Promise<void> {
    return this.documents.get(queueId(key))?.writing ?? Promise.resolve();
  }

  /** Writes batches until no update of the document waits. Never rejects. */
  private async writeAll(id: string, queue: DocumentQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = this.takeBatch(queue.waiting);
      try {
        const results = await this.options.write(queue.key, batch);
        batch.forEach((update, index) => update.resolve(results[index]!));
      } catch (error) {
        for (const update of [...batch, ...queue.waiting.splice(0)]) update.reject(error);
      }
    }
    this.documents.delete(id);
  }

  /** Takes the oldest waiting updates, at least one, within the batch limits. */
  private takeBatch(waiting: QueuedUpdate[]): QueuedUpdate[] {
    const { maxBatchUpdates, maxBatchBytes } = this.options;
    let count = 1;
    let bytes = waiting[0]!.data.byteLength;
    while (count < waiting.length && count < maxBatchUpdates) {
      bytes += waiting[count]!.data.byteLength;
      if (bytes > maxBatchBytes) break;
      count += 1;
    }
    return waiting.splice(0, count);
  }
}

/** Document names are unique on their own; the tenant is added so keys never collide. */
function queueId(key: DocumentKey): string {
  return `${key.organizationId}/${key.name}`;
}
