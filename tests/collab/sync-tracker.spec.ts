import { SyncTracker, type TrackableSocket } from '@keel/collab';
import { beforeEach, describe, expect, it } from 'vitest';

/**
 * SyncTracker against a scripted socket, frame by frame. The durability spec shows the same
 * tracker keeping a kill -9 from taking confirmed edits; this one pins down its counting rules.
 */
const NAME = 'incident/0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b/timeline';

class ScriptedSocket implements TrackableSocket {
  static latest: ScriptedSocket;

  readyState = 0;
  readonly written: Uint8Array[] = [];
  private readonly messageListeners: ((event: { data: unknown }) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];

  constructor(readonly url: string) {
    ScriptedSocket.latest = this;
  }

  send(data: Uint8Array): void {
    this.written.push(data);
  }

  addEventListener(type: 'message' | 'close', listener: (event: { data: unknown }) => void): void {
    if (type === 'message') this.messageListeners.push(listener);
    else this.closeListeners.push(() => listener({ data: undefined }));
  }

  open(): void {
    this.readyState = 1;
  }

  receive(frame: Uint8Array): void {
    // Browsers and the provider's `ws` (binaryType "arraybuffer") deliver an ArrayBuffer.
    const data = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
    for (const listener of this.messageListeners) listener({ data });
  }

  close(): void {
    this.readyState = 3;
    for (const listener of this.closeListeners) listener();
  }
}

/** A Hocuspocus frame: the document name, then single-byte fields (all values here are < 128). */
function frame(documentName: string, ...fields: number[]): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  return Uint8Array.from([name.byteLength, ...name, ...fields]);
}

const syncStep1 = (name = NAME) => frame(name, 0, 0, 1, 0);
const syncStep2 = (name = NAME) => frame(name, 0, 1, 2, 0, 0);
const update = (name = NAME) => frame(name, 0, 2, 2, 0, 0);
const awareness = (name = NAME) => frame(name, 1, 1, 0);
const applied = (name = NAME) => frame(name, 8, 1);
const notApplied = (name = NAME) => frame(name, 8, 0);

let tracker: SyncTracker;
let socket: ScriptedSocket;

/** A tracked socket that is open and has had its handshake acknowledged. */
function handshaken(): ScriptedSocket {
  const next = new (tracker.wrap(ScriptedSocket))('ws://keel/collab') as ScriptedSocket;
  next.open();
  next.send(syncStep1());
  next.send(syncStep2());
  next.receive(applied());
  return next;
}

beforeEach(() => {
  tracker = new SyncTracker();
  socket = handshaken();
});

describe('SyncTracker', () => {
  it('hands the provider the socket itself, with send still writing to it', () => {
    expect(socket).toBe(ScriptedSocket.latest);
    expect(socket.written).toHaveLength(2);
  });

  it('confirms a document only after the sync step 2 of its handshake was acknowledged', () => {
    const fresh = new (tracker.wrap(ScriptedSocket))('ws://keel/collab') as ScriptedSocket;
    fresh.open();
    fresh.send(syncStep1());
    expect(tracker.isConfirmed(NAME)).toBe(false);

    fresh.send(syncStep2());
    expect(tracker.isConfirmed(NAME)).toBe(false);
    fresh.receive(applied());
    expect(tracker.isConfirmed(NAME)).toBe(true);
  });

  it('waits for one acknowledgement per update written, however many came before', () => {
    for (let count = 0; count < 3; count += 1) socket.send(update());
    socket.receive(applied());
    socket.receive(applied());
    expect(tracker.isConfirmed(NAME)).toBe(false);
    expect(tracker.progress(NAME)).toMatchObject({ written: 4, answered: 3 });

    socket.receive(applied());
    expect(tracker.isConfirmed(NAME)).toBe(true);
  });

  it('counts updates queued offline once they are written, unlike provider 4.8', () => {
    const reconnected = new (tracker.wrap(ScriptedSocket))('ws://keel/collab') as ScriptedSocket;
    reconnected.open();
    reconnected.send(syncStep1());
    for (let count = 0; count < 5; count += 1) reconnected.send(update());
    reconnected.send(syncStep2());
    // Provider 4.8.0 counts 1 after a reconnect, so this first answer brings it to 0.
    reconnected.receive(applied());

    expect(tracker.isConfirmed(NAME)).toBe(false);
    for (let count = 0; count < 5; count += 1) reconnected.receive(applied());
    expect(tracker.isConfirmed(NAME)).toBe(true);
  });

  it('does not confirm what the server answered as not applied', () => {
    socket.send(update());
    socket.receive(notApplied());

    expect(tracker.isConfirmed(NAME)).toBe(false);
    expect(tracker.progress(NAME)).toMatchObject({ rejected: 1 });
  });

  it('confirms nothing once the socket closed, and starts over on the next one', () => {
    socket.send(update());
    socket.close();
    expect(tracker.isConfirmed(NAME)).toBe(false);
    expect(tracker.progress(NAME)).toBeNull();

    handshaken();
    expect(tracker.isConfirmed(NAME)).toBe(true);
  });

  it('ignores awareness, pings and frames it cannot read, and keeps documents apart', () => {
    const other = 'incident/0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b/postmortem';
    socket.send(awareness());
    socket.send(Uint8Array.from([10]));
    socket.receive(Uint8Array.from([9]));
    socket.receive(Uint8Array.from([200, 1]));
    socket.send(update(other));
    expect(tracker.isConfirmed(NAME)).toBe(true);
    expect(tracker.isConfirmed(other)).toBe(false);
  });

  it('tells subscribers about every counted frame and close', () => {
    let calls = 0;
    const unsubscribe = tracker.subscribe(() => (calls += 1));
    socket.send(update());
    socket.receive(applied());
    socket.close();
    unsubscribe();
    socket.send(update());

    expect(calls).toBe(3);
  });
});
