import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  SyncTracker,
  parseRefusalReason,
  type TrackableSocketClass,
} from '@keel/collab';
import { PendingChanges } from './pending-changes';
import { peopleOf, type PresenceUser } from './presence';

/**
 * Where a live document stands: `connecting` before the first sync, `connected` while the
 * server answers, `reconnecting` after a drop, `offline` while the browser has no network, and
 * `refused` when the server will not serve the document to this person.
 */
export type CollabStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** What {@link CollabConnection} needs. */
export interface CollabConnectionOptions {
  /** The document's name, such as `incident/<uuid>/timeline`. */
  documentName: string;
  /** The person, as others see them in the room and at their caret. */
  user: PresenceUser;
  /**
   * Whether to publish this person's presence. The server drops viewers' presence anyway.
   * @default true
   */
  announce?: boolean;
}

/**
 * The longest the live connection waits for the browser's copy of a document before syncing
 * without it, in milliseconds. Reading it takes a few tens of milliseconds.
 * @default 2000
 */
const LOCAL_COPY_WAIT_MS = 2_000;

/** The words for a refusal code, for the status line. */
const REFUSALS: Record<string, string> = {
  unauthenticated: 'Your session has ended; sign in again to take part.',
  forbidden: 'You cannot open this document.',
  notFound: 'This document does not exist.',
  unavailable: 'The server could not open this document; reload to try again.',
};

/**
 * One live document of this tab: a Yjs document kept in the browser's IndexedDB (so edits made
 * offline survive a reload) and synced through Hocuspocus on `/collab` of this origin. The
 * browser sends the session cookie with the WebSocket upgrade; the provider's token stays empty,
 * which tells the server to use the cookie.
 *
 * Unsynced changes are counted honestly: a change counts from the moment it is made until the
 * server has acknowledged storing it, as the {@link SyncTracker} sees at the socket. Neither the
 * provider's `synced` event nor its own counter is used, since both run ahead of the server
 * after a reconnect. The count is kept with the browser's copy, so edits made offline still
 * count as unsaved after a reload.
 *
 * When the browser says it is offline, the socket is closed rather than left to time out: a
 * socket the browser keeps open then (as Chromium does for one already open) might still
 * deliver edits while the page says they wait, and a real network loss leaves it hanging for
 * the provider's 30-second silence timeout. The provider connects again once it is online.
 */
export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly documentName: string;
  readonly provider: HocuspocusProvider;

  status = $state<CollabStatus>('connecting');
  /** Local changes the server has not confirmed storing. */
  unsynced = $state(0);
  /** Everyone in the document, this person included. */
  people = $state.raw<PresenceUser[]>([]);
  /** Why the server refused the document, in words; null while it has not. */
  refusal = $state<string | null>(null);
  /** Whether the document holds the server's or the browser's copy yet. */
  loaded = $state(false);
  /** Whether the server's copy has arrived since the page opened the document. */
  synced = $state(false);

  #tracker = new SyncTracker();
  #socket: HocuspocusProviderWebsocket;
  #local: IndexeddbPersistence;
  #cleanups: (() => void)[] = [];

  constructor(options: CollabConnectionOptions) {
    this.documentName = options.documentName;

    // Keyed by person too, so two accounts in one browser profile never share a copy.
    this.#local = new IndexeddbPersistence(
      `keel:${options.user.id}:${options.documentName}`,
      this.doc,
    );
    void this.#local.whenSynced.then(() => (this.loaded = true));

    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#socket = new HocuspocusProviderWebsocket({
      url: `${protocol}//${location.host}${COLLAB_PATH}`,
      WebSocketPolyfill: this.#tracker.wrap(WebSocket as unknown as TrackableSocketClass),
    });
    this.provider = new HocuspocusProvider({
      name: options.documentName,
      document: this.doc,
      websocketProvider: this.#socket,
      token: '',
    });

    this.#watchStatus();
    this.#watchChanges();
    this.#watchPresence(options);
    // A provider given its own socket waits to be attached (it only attaches sockets it made),
    // and sends nothing until then; the socket connects meanwhile. Attached before the browser's
    // copy had loaded, the provider forwarded that copy to the server as one update: on every
    // reload the whole document went up and was journaled again, and the first sync, begun with
    // an empty document, asked for all of it back. Attached after, the handshake exchanges only
    // what either side lacks, edits made offline included.
    void this.#localCopyRead().then(() => {
      if (!this.doc.isDestroyed) this.provider.attach();
    });
    if (!navigator.onLine) this.#socket.disconnect();
  }

  /** Closes the connection; the browser's copy stays for the next visit. */
  destroy(): void {
    for (const cleanup of this.#cleanups) cleanup();
    this.provider.destroy();
    this.#socket.destroy();
    this.doc.destroy();
  }

  /**
   * Resolves once the browser's copy is in the document, once IndexedDB has failed to open, or
   * after {@link LOCAL_COPY_WAIT_MS} at most: a copy that cannot be read must not keep the
   * document from the server.
   */
  #localCopyRead(): Promise<unknown> {
    return Promise.race([
      this.#local.whenSynced,
      this.#local._db.then(
        () => new Promise(() => undefined),
        () => undefined,
      ),
      new Promise((resolve) => setTimeout(resolve, LOCAL_COPY_WAIT_MS)),
    ]);
  }

  #watchStatus(): void {
    const onStatus = ({ status }: { status: string }) => {
      if (this.status === 'refused') return;
      if (status === 'connected') return; // Connected means the socket; wait for the sync.
      if (!navigator.onLine) this.status = 'offline';
      else if (status === 'disconnected' || this.synced) this.status = 'reconnecting';
    };
    const onSynced = () => {
      if (this.status === 'refused') return;
      this.loaded = true;
      this.synced = true;
      this.status = 'connected';
    };
    const onRefused = ({ reason }: { reason: string }) => {
      const refusal = parseRefusalReason(reason);
      this.refusal = REFUSALS[refusal?.name ?? ''] ?? 'The server refused this document.';
      this.status = 'refused';
    };
    const onOffline = () => {
      this.#socket.disconnect();
      if (this.status !== 'refused') this.status = 'offline';
    };
    const onOnline = () => {
      if (this.status === 'refused') return;
      if (this.status === 'offline') this.status = 'reconnecting';
      void this.#socket.connect();
    };

    this.provider.on('status', onStatus);
    this.provider.on('synced', onSynced);
    this.provider.on('authenticationFailed', onRefused);
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    if (!navigator.onLine) this.status = 'offline';

    this.#cleanups.push(() => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    });
  }

  /**
   * Counts changes made here since the server last confirmed everything. A change made offline
   * is carried by the next socket's sync handshake, so once the tracker confirms the document
   * on a socket, everything counted so far is stored. The count of an earlier visit is added
   * once the browser's copy has loaded: its changes are in the document from then on, so the
   * same confirmation covers them.
   */
  #watchChanges(): void {
    const pending = new PendingChanges(this.#local, (count) => (this.unsynced = count));
    const recount = () => {
      if (this.#tracker.isConfirmed(this.documentName)) pending.confirm();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Changes from the server or from the browser's own copy are not this person's edits.
      if (origin === this.provider || origin === this.#local) return;
      pending.add();
      // The provider writes the change after this handler; recount once it has.
      queueMicrotask(recount);
    };

    this.doc.on('update', onUpdate);
    void this.#local.whenSynced.then(() => pending.restore()).then(recount);
    this.#cleanups.push(this.#tracker.subscribe(recount));
    this.#cleanups.push(() => this.doc.off('update', onUpdate));
  }

  #watchPresence(options: CollabConnectionOptions): void {
    const awareness = this.provider.awareness;
    if (!awareness) return;

    if (options.announce ?? true) awareness.setLocalStateField('user', options.user);
    const onChange = () => {
      const states = [...awareness.getStates().values()] as Record<string, unknown>[];
      // Viewers' presence never reaches others, but they are in the room all the same.
      this.people = peopleOf([{ user: options.user }, ...states]);
    };

    onChange();
    awareness.on('change', onChange);
    this.#cleanups.push(() => awareness.off('change', onChange));
  }
}
