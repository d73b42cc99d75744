/**
 * Knowing when the server has stored a client's edits, for "saved" indicators and for tests.
 *
 * Keel's server acknowledges an update (Hocuspocus's SyncStatus message) only after the journal
 * has committed it, so an acknowledged edit survives a crash of the server. The provider's own
 * count of unacknowledged changes cannot be trusted across reconnects, though: provider 4.8.0
 * resets it to 1 when a socket opens, then sends the changes it queued while offline, and the
 * first acknowledgement takes it to 0 while the rest are still unconfirmed. A kill -9 at that
 * moment lost such edits. The provider's `synced` event fires even earlier.
 *
 * This tracker counts at the socket instead: it sits in the WebSocket class the provider uses
 * and, per document, counts the frames the server must acknowledge (sync step 2 and updates)
 * against the acknowledgements that came back. Hocuspocus handles one socket's messages in order,
 * so once the counts meet, every frame written on that socket is stored.
 */

/** The part of a WebSocket (the browser's, or the `ws` package's) the tracker uses. */
export interface TrackableSocket {
  readonly readyState: number;
  send(data: Uint8Array): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

/** A WebSocket class as HocuspocusProviderWebsocket's `WebSocketPolyfill` option takes it. */
export type TrackableSocketClass = new (url: string) => TrackableSocket;

/** Where one document stands on the current socket. */
export interface SyncProgress {
  /** Frames written that the server must acknowledge: sync step 2 and updates. */
  written: number;
  /** Acknowledgements received; frames are acknowledged in the order they were written. */
  answered: number;
  /** Acknowledgements that said "not applied" (read-only connections). */
  rejected: number;
  /** Whether this socket's sync handshake has sent the client's state (its sync step 2). */
  handshakeSent: boolean;
}

// Both runtimes Keel supports have TextDecoder; this package compiles without DOM or Node types.
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** Hocuspocus message types this tracker reads. */
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_STATUS = 8;
/** y-protocols sync message types. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** An open WebSocket's `readyState`. */
const OPEN = 1;

interface SocketSession {
  socket: TrackableSocket;
  documents: Map<string, SyncProgress>;
}

/**
 * Tracks one provider socket (one HocuspocusProviderWebsocket) and every document on it.
 *
 * ```ts
 * const tracker = new SyncTracker();
 * const WebSocketPolyfill = tracker.wrap(WebSocket);
 * const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill });
 * tracker.subscribe(() => showSaved(tracker.isConfirmed(name)));
 * ```
 *
 * A closed socket takes its counts with it: whatever it had not had acknowledged is resent by the
 * next socket's sync handshake, whose sync step 2 carries everything the server lacks. Local edits
 * are counted when the provider writes them, which is at once unless the provider's `flushDelay`
 * batching is on; with batching, also require `provider.hasUnsyncedChanges` to be false.
 */
export class SyncTracker {
  private session: SocketSession | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly decoder = new TextDecoder();

  /**
   * A WebSocket class that behaves like `Base` and reports to this tracker. Each new socket
   * replaces the previous one as the socket the tracker speaks for.
   */
  wrap(Base: TrackableSocketClass): TrackableSocketClass {
    const watch = (socket: TrackableSocket) => this.watch(socket);
    return class TrackedSocket {
      constructor(url: string) {
        const socket = new Base(url);
        watch(socket);
        // A constructor may return another object; callers then get the real socket itself.
        return socket;
      }
    } as unknown as TrackableSocketClass;
  }

  /**
   * Whether the server has stored every change of the document this client has sent: the socket
   * is open, its sync handshake has been acknowledged, and nothing written since is unanswered.
   * False for a document refused or read-only on this socket.
   */
  isConfirmed(documentName: string): boolean {
    const progress = this.progress(documentName);
    return (
      progress !== null &&
      this.session?.socket.readyState === OPEN &&
      progress.handshakeSent &&
      progress.answered === progress.written &&
      progress.rejected === 0
    );
  }

  /** The document's counts on the current socket, or null before it was written to. */
  progress(documentName: string): SyncProgress | null {
    const progress = this.session?.documents.get(documentName);
    return progress ? { ...progress } : null;
  }

  /** Calls `listener` after every counted frame, acknowledgement and close. Returns an undo. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private watch(socket: TrackableSocket): void {
    const session: SocketSession = { socket, documents: new Map() };
    this.session = session;

    const send = socket.send.bind(socket);
    socket.send = (data: Uint8Array) => {
      this.written(session, data);
      send(data);
    };
    // Registered before the provider's own listener, so counts are current when it reacts.
    socket.addEventListener('message', (event) => this.received(session, event.data));
    socket.addEventListener('close', () => {
      if (this.session === session) this.session = null;
      this.notify();
    });
  }

  private written(session: SocketSession, data: Uint8Array): void {
    const frame = readFrame(data, this.decoder);
    if (frame?.type !== MESSAGE_SYNC) return;
    if (frame.detail !== SYNC_STEP_2 && frame.detail !== SYNC_UPDATE) return;

    const progress = progressOf(session, frame.documentName);
    progress.written += 1;
    if (frame.detail === SYNC_STEP_2) progress.handshakeSent = true;
    this.notify();
  }

  private received(session: SocketSession, data: unknown): void {
    const frame = readFrame(data, this.decoder);
    if (frame?.type !== MESSAGE_SYNC_STATUS) return;

    const progress = progressOf(session, frame.documentName);
    progress.answered += 1;
    // lib0 writes the flag as a signed varint: one byte, 1 for applied and 0 for not.
    if (frame.detail !== 1) progress.rejected += 1;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function progressOf(session: SocketSession, documentName: string): SyncProgress {
  let progress = session.documents.get(documentName);
  if (!progress) {
    progress = { written: 0, answered: 0, rejected: 0, handshakeSent: false };
    session.documents.set(documentName, progress);
  }
  return progress;
}

/**
 * The document name, message type and the byte after the type (the sync message type, or the
 * SyncStatus flag) of a frame; null for anything else, such as connection-level pings.
 */
function readFrame(
  data: unknown,
  decoder: { decode(bytes: Uint8Array): string },
): { documentName: string; type: number; detail: number } | null {
  const bytes = bytesOf(data);
  if (!bytes) return null;

  try {
    const reader = new Reader(bytes);
    const documentName = decoder.decode(reader.bytes(reader.varUint()));
    return { documentName, type: reader.varUint(), detail: reader.byte() };
  } catch {
    return null;
  }
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Reads the lib0 encodings at the start of a Hocuspocus frame. */
class Reader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  varUint(): number {
    let value = 0;
    for (let factor = 1; ; factor *= 128) {
      const byte = this.byte();
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      if (factor > 2 ** 28) throw new RangeError('varUint too long');
    }
  }

  bytes(length: number): Uint8Array {
    if (this.offset + length > this.data.byteLength) throw new RangeError('truncated frame');
    const bytes = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  byte(): number {
    const byte = this.data[this.offset++];
    if (byte === undefined) throw new RangeError('truncated frame');
    return byte;
  }
}
