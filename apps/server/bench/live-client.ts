import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SyncTracker, type TrackableSocketClass } from '@keel/collab';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** A Node provider on a live document, as a browser tab holds one. */
export interface LiveClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Counts the server's acknowledgements: an acknowledged change is journaled in Keel. */
  tracker: SyncTracker;
  /** Resolves once the first sync finished. */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves once every change sent so far is acknowledged. */
  confirmed(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** Where a live client connects: `ws://host:port/collab`, and a session cookie if any. */
export interface LiveTarget {
  url: string;
  cookie?: string;
}

/** Opens a provider on `documentName`; on a bare server, no cookie is needed. */
export function openLiveClient(target: LiveTarget, documentName: string): LiveClient {
  const cookie = target.cookie;
  class CookieWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, cookie ? { headers: { cookie } } : {});
      // The provider may close a socket that is still connecting; `ws` then emits an error.
      this.on('error', () => {});
    }
  }

  const tracker = new SyncTracker();
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: target.url,
    WebSocketPolyfill: tracker.wrap(CookieWebSocket as unknown as TrackableSocketClass),
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token: '',
  });
  provider.attach();

  return {
    doc,
    provider,
    tracker,
    synced: (timeoutMs = 30_000) => until(() => provider.isSynced, 'the first sync', timeoutMs),
    confirmed: (timeoutMs = 30_000) =>
      until(() => tracker.isConfirmed(documentName), 'confirmation', timeoutMs),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Polls `condition` every few milliseconds until it holds. */
export async function until(condition: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
