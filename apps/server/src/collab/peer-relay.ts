import {
  OutgoingMessage,
  isTransactionOrigin,
  type Connection,
  type Document,
} from '@hocuspocus/server';
import { mergeUpdates } from 'yjs';

/** Hocuspocus 4.7's Document broadcasts applied updates through this method (private in types). */
interface UpdateBroadcaster {
  broadcastUpdate(update: Uint8Array): void;
}

/**
 * Connections that already hold every update a document applied since its last broadcast, or
 * null while it applied none.
 */
interface BroadcastWindow {
  holders: Set<Connection> | null;
}

/** Updates relayed together, at the end of the event loop's turn in which they were queued. */
interface RelayBatch {
  document: Document;
  updates: Uint8Array[];
  writers: Set<Connection>;
  /** Who holds the batch once it is sent: its writers and the connections it was sent to. */
  holders: Set<Connection> | null;
}

interface RelayState {
  window: BroadcastWindow;
  /** The batch that updates queued now join; null once it is sent. */
  open: RelayBatch | null;
}

/**
 * Sends a client's update to the other connections of its document as soon as it is queued for
 * the journal, instead of when Hocuspocus applies it, which happens only once its row has
 * committed. Editors then see each other's changes without waiting for a commit (under load the
 * commit was most of an edit's way to its peers), while the writer still hears that an edit is
 * synced only once it is stored.
 *
 * What Hocuspocus then broadcasts when it applies the update goes only to connections that lack
 * it: the writer and the peers it was relayed to are skipped, while a connection that opened the
 * document in the meantime (and synced without it) still receives it. A broadcast that merges
 * other updates, from Redis or from Keel itself, goes to everyone. As Hocuspocus does for its own
 * broadcasts, updates queued in one turn of the event loop are merged and sent together, so a
 * busy document costs its clients one message per turn rather than one per update.
 *
 * Peers thus hold updates that are not stored yet. The journal keeps that safe: a document's
 * batches commit one at a time in arrival order, so an update a peer builds on is committed
 * before the peer's own; and when a write fails, every connection of the document is closed and
 * offers again, on reconnecting, whatever the journal lacks.
 *
 * Known shortcoming, until Hocuspocus lets a broadcast skip connections: this replaces the
 * Document's private `broadcastUpdate` of 4.7 on each document; `attach` throws if it is gone.
 *
 * Peers on other Keel processes still get an update only once it is stored (Redis publishes what
 * the document applies). Publishing it when relayed would bring them level with local peers, once
 * a failed write also makes the other processes close their connections to the document and
 * unload it, so that their clients offer again what the journal lacks.
 */
export class PeerRelay {
  private readonly documents = new WeakMap<Document, RelayState>();
  /** Per writer, the batch that relays its update, until Hocuspocus applies it. */
  private readonly relayed = new WeakMap<Connection, RelayBatch>();

  /**
   * Takes over the document's update broadcasts. Call once Hocuspocus has set the document's
   * `onUpdate` callback, that is from `afterLoadDocument`.
   */
  attach(document: Document): void {
    const broadcaster = document as unknown as UpdateBroadcaster;
    if (typeof broadcaster.broadcastUpdate !== 'function') {
      throw new Error('Hocuspocus no longer broadcasts through Document.broadcastUpdate');
    }

    // Updates applied before now were not followed; they go to everyone.
    document.flush();
    const window: BroadcastWindow = { holders: null };
    this.documents.set(document, { window, open: null });

    // Hocuspocus calls onUpdate before it buffers or broadcasts the update.
    const onUpdate = document.callbacks.onUpdate;
    document.callbacks.onUpdate = (updated, origin, update) => {
      const holders = this.takeHolders(origin);
      window.holders = window.holders ? intersection(window.holders, holders) : holders;
      onUpdate(updated, origin, update);
    };
    broadcaster.broadcastUpdate = (update) => {
      const holders = window.holders ?? new Set<Connection>();
      window.holders = null;
      sendUpdate(document, update, (connection) => !holders.has(connection));
    };
  }

  /**
   * Sends `update`, which `writer` sent and the journal has queued, to the document's other
   * connections at the end of this turn of the event loop. Does nothing for a document that was
   * not attached.
   */
  relay(document: Document, writer: Connection, update: Uint8Array): void {
    const state = this.documents.get(document);
    if (!state) return;

    let batch = state.open;
    if (!batch) {
      batch = { document, updates: [], writers: new Set(), holders: null };
      state.open = batch;
      const opened = batch;
      setImmediate(() => this.sendBatch(opened));
    }
    batch.updates.push(update);
    batch.writers.add(writer);
    this.relayed.set(writer, batch);
  }

  /**
   * Forgets what was relayed for `writer`. Called before each of its messages, so holders noted
   * for an update that Hocuspocus never applied cannot be taken for a later one.
   */
  forget(writer: Connection): void {
    this.relayed.delete(writer);
  }

  private takeHolders(origin: unknown): Set<Connection> {
    if (!isTransactionOrigin(origin) || origin.source !== 'connection') return new Set();

    const batch = this.relayed.get(origin.connection);
    this.relayed.delete(origin.connection);
    if (!batch) return new Set();
    // Hocuspocus applies an update after its commit, in a later turn; were it ever sooner, the
    // batch is sent first so that its holders are known.
    this.sendBatch(batch);
    return batch.holders!;
  }

  /** Sends a batch once; a batch of one writer's updates is not sent back to that writer. */
  private sendBatch(batch: RelayBatch): void {
    if (batch.holders) return;

    const state = this.documents.get(batch.document);
    if (state?.open === batch) state.open = null;
    const update = batch.updates.length === 1 ? batch.updates[0]! : mergeUpdates(batch.updates);
    const [onlyWriter] = batch.writers.size === 1 ? batch.writers : [];
    const holders = new Set(batch.writers);
    sendUpdate(batch.document, update, (connection) => {
      if (connection === onlyWriter) return false;
      holders.add(connection);
      return true;
    });
    batch.holders = holders;
  }
}

/**
 * Sends an update message to the connections `accept` lets through, encoded once per message
 * address as Hocuspocus does.
 */
function sendUpdate(
  document: Document,
  update: Uint8Array,
  accept: (connection: Connection) => boolean,
): void {
  let address: string | undefined;
  let message: Uint8Array | undefined;
  for (const connection of document.getConnections()) {
    if (!accept(connection)) continue;

    if (!message || connection.messageAddress !== address) {
      address = connection.messageAddress;
      message = new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array();
    }
    connection.send(message);
  }
}

function intersection<T>(a: Set<T>, b: Set<T>): Set<T> {
  return new Set([...a].filter((item) => b.has(item)));
}
