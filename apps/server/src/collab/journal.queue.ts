import type { MikroORM } from '@mikro-orm/postgresql';
import {
  appendUpdates,
  type AppendResult,
  type DocumentKey,
  type PendingUpdate,
} from './journal.store.js';

/** Options of {@link JournalQueue}. */
export interface JournalQueueOptions {
  orm: MikroORM;
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
}

/**
 * Group commit of journal appends, per document. The first update of a document is written at
 * once; the updates that arrive while that statement is in flight wait, and are then written
 * together in one statement, in arrival order, and so on while any wait. Each caller's promise
 * settles only when the statement that holds its update has committed or failed, so the
 * durability of each confirmed edit is unchanged while a document's writers share one commit
 * (one fsync) instead of queueing on its row lock for one each.
 */
export class JournalQueue {
  private readonly options: Required<JournalQueueOptions>;
  private readonly documents = new Map<string, DocumentQueue>();

  constructor(options: JournalQueueOptions) {
    this.options = {
      ...options,
      maxBatchUpdates: options.maxBatchUpdates ?? 200,
      maxBatchBytes: options.maxBatchBytes ?? 4 * 1024 * 1024,
    };
  }

  /**
   * Journals an update after those queued before it for the same document. Resolves with its
   * position once its row is committed; rejects, like every other update of its batch, when the
   * batch could not be written.
   */
  append(key: DocumentKey, update: PendingUpdate): Promise<AppendResult> {
    const id = `${key.organizationId}/${key.name}`;
    const busy = this.documents.get(id);
    const queue = busy ?? { key, waiting: [] };

    const appended = new Promise<AppendResult>((resolve, reject) => {
      queue.waiting.push({ ...update, resolve, reject });
    });
    if (!busy) {
      this.documents.set(id, queue);
      void this.writeAll(id, queue);
    }
    return appended;
  }

  /** Writes batches until no update of the document waits. Never rejects. */
  private async writeAll(id: string, queue: DocumentQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = this.takeBatch(queue.waiting);
      try {
        const results = await appendUpdates(this.options.orm.em.fork(), queue.key, batch);
        batch.forEach((update, index) => update.resolve(results[index]!));
      } catch (error) {
        for (const update of batch) update.reject(error);
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
