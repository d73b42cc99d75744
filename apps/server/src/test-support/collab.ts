import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { COLLAB_PATH } from '@keel/collab';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import {
  createCollabEndpoint,
  type CollabEndpoint,
  type CollabEndpointOptions,
} from '../collab/collab-endpoint.js';
import { startKeelServer } from '../http/server.js';
import { keyOf } from '../ids.js';
import { createLogger } from '../logger.js';
import type { GraphqlClient } from './graphql-client.js';
import type { TestKeel } from './keel.js';

/** How a test client proves who it is on `/collab`. */
export interface CollabCredentials {
  /** Sent as the provider's `token` (an API token). */
  token?: string | null;
  /** Sent as the `keel_session` cookie of the upgrade request. */
  sessionSecret?: string | null;
}

/** The credentials a fixture client holds: its session, or its API token. */
export function credentialsOf(client: GraphqlClient): CollabCredentials {
  return { token: client.token, sessionSecret: client.sessionSecret };
}

/** The database key behind an incident's GraphQL id. */
export function incidentKey(incidentId: string): string {
  const key = keyOf(incidentId, 'Incident');
  if (!key) throw new Error(`${incidentId} is not an incident id`);
  return key;
}

/** A close of the provider's WebSocket. */
export interface SocketClose {
  code: number;
  reason: string;
}

/** A Hocuspocus provider from Node, with the events tests wait for. */
export interface TestProvider {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Reasons of permission-denied answers, in order. */
  refusals: string[];
  /** Closes of the underlying socket, in order. */
  closes: SocketClose[];
  /** How many updates the server answered with "not applied" (read-only connections). */
  notApplied: () => number;
  /** How many document updates the server sent, sync handshakes not counted. */
  updatesReceived: () => number;
  /** Resolves once the first sync finished. */
  synced(): Promise<void>;
  /** Resolves once the server has confirmed every local change. */
  confirmed(): Promise<void>;
  /** Resolves with the reason of the first permission-denied answer. */
  refused(): Promise<string>;
  /** Resolves with the first close of the socket. */
  closed(): Promise<SocketClose>;
  destroy(): void;
}

/** The `/collab` URL of a server's base URL (`http://…`). */
export function collabUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`;
}

/**
 * Opens a provider on its own socket. Node 20 has no global WebSocket, so `ws` stands in, with
 * the session cookie on its upgrade request when one is given. Reconnecting is switched off so a
 * test sees each close once.
 */
export function openProvider(
  baseUrl: string,
  name: string,
  credentials: CollabCredentials,
  doc = new Y.Doc(),
): TestProvider {
  const headers = credentials.sessionSecret
    ? { cookie: `${SESSION_COOKIE}=${credentials.sessionSecret}` }
    : {};
  class CookieWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  }

  const refusals: string[] = [];
  const closes: SocketClose[] = [];
  let notApplied = 0;
  let updatesReceived = 0;
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(baseUrl),
    WebSocketPolyfill: CookieWebSocket,
    maxAttempts: 1,
  });
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    closes.push({ code: event.code, reason: String(event.reason) });
    // The provider schedules a reconnect before this runs; disconnect() cancels it.
    socket.disconnect();
  });
  socket.on('message', (event: { data: ArrayBuffer }) => {
    const data = new Uint8Array(event.data);
    if (isSyncStatus(data, false)) notApplied += 1;
    if (isSyncUpdate(data)) updatesReceived += 1;
  });

  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: credentials.token ?? null,
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
  });
  provider.attach();

  return {
    provider,
    doc,
    refusals,
    closes,
    notApplied: () => notApplied,
    updatesReceived: () => updatesReceived,
    synced: () => eventually(() => provider.isSynced, `${name} to sync`),
    confirmed: () =>
      eventually(() => provider.isSynced && provider.unsyncedChanges === 0, 'confirmation'),
    refused: async () => {
      await eventually(() => refusals.length > 0, `${name} to be refused`);
      return refusals[0]!;
    },
    closed: async () => {
      await eventually(() => closes.length > 0, 'the socket to close');
      return closes[0]!;
    },
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Polls until `condition` holds, or fails after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A message the server sent on a raw socket, decoded as far as tests need. */
export interface RawMessage {
  documentName: string;
  /** Hocuspocus message type: 0 sync, 1 awareness, 2 auth, 7 close, 8 sync status. */
  type: number;
  /** For auth messages: 0 token request, 1 permission denied, 2 authenticated. */
  authType?: number;
  /** For sync messages: 0 step 1 (a state vector), 1 step 2 (what it lacks), 2 an update. */
  syncType?: number;
  /** Size of the whole frame, in bytes. */
  bytes: number;
  /** For permission-denied and authenticated: the reason or scope. */
  text?: string;
}

/**
 * A `/collab` socket driven by hand, for sending what a well-behaved provider never would:
 * garbage updates, oversized frames, names of other tenants' documents.
 */
export class RawCollabSocket {
  readonly messages: RawMessage[] = [];
  readonly closedWith: Promise<SocketClose>;
  private readonly socket: WebSocket;
  private readonly opened: Promise<void>;

  constructor(
    baseUrl: string,
    credentials: CollabCredentials = {},
    private readonly token = credentials.token ?? '',
  ) {
    const headers = credentials.sessionSecret
      ? { cookie: `${SESSION_COOKIE}=${credentials.sessionSecret}` }
      : {};
    this.socket = new WebSocket(collabUrl(baseUrl), { headers });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closedWith = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.socket.on('message', (data: Buffer) => this.messages.push(decodeMessage(data)));
  }

  /** Authenticates a document and asks for its state, as a provider does on open. */
  async open(documentName: string): Promise<void> {
    await this.opened;
    this.send(frame(documentName, [varUint(2), varUint(0), varString(this.token)]));
    this.send(frame(documentName, [varUint(0), varUint(0), varBytes(new Uint8Array([0]))]));
  }

  /** Resolves once the server answered the document's authentication. */
  async authAnswer(documentName: string): Promise<RawMessage> {
    await eventually(
      () => this.authAnswers(documentName).length > 0,
      `an answer to ${documentName.slice(0, 60)}`,
    );
    return this.authAnswers(documentName)[0]!;
  }

  /** Sends a sync message of type 2 (an update) carrying `update`. */
  sendUpdate(documentName: string, update: Uint8Array): void {
    this.send(frame(documentName, [varUint(0), varUint(2), varBytes(update)]));
  }

  /** Sends raw bytes as one binary frame. */
  send(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  /** Messages for one document. */
  messagesFor(documentName: string): RawMessage[] {
    return this.messages.filter((message) => message.documentName === documentName);
  }

  close(): void {
    this.socket.close();
  }

  private authAnswers(documentName: string): RawMessage[] {
    return this.messagesFor(documentName).filter(
      (message) => message.type === 2 && (message.authType === 1 || message.authType === 2),
    );
  }
}

/** A `/collab` endpoint with its own options on its own port, sharing a TestKeel's database. */
export interface StandaloneCollab {
  url: string;
  endpoint: CollabEndpoint;
  close(): Promise<void>;
}

/** Starts {@link createCollabEndpoint} alone, for options the Keel server does not expose. */
export async function startStandaloneCollab(
  keel: TestKeel,
  options: Omit<CollabEndpointOptions, 'orm' | 'logger'> = {},
): Promise<StandaloneCollab> {
  const endpoint = createCollabEndpoint({
    orm: keel.orm,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...options,
  });
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => endpoint.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    endpoint,
    close: async () => {
      await endpoint.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Stops a TestKeel's server and starts a new one on the same database, as after a restart: the
 * new process knows only what is stored. `keel.close()` afterwards stops the new server (it
 * closes the object `keel.server` pointed to at start, which is therefore repointed here).
 */
export async function restartServer(keel: TestKeel): Promise<void> {
  const original = keel.server;
  await original.close();
  await new Promise<void>((resolve) => original.httpServer.close(() => resolve()));

  const next = await startKeelServer({
    config: {
      environment: 'test',
      host: '127.0.0.1',
      port: 0,
      redisUrl: null,
      rateLimitBurst: 100_000,
      rateLimitPerSecond: 100_000,
      shutdownTimeoutMs: 5_000,
    },
    orm: keel.orm,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  Object.assign(original, { url: next.url, httpServer: next.httpServer, close: next.close });
  keel.url = next.url;
  keel.wsUrl = `${next.url.replace(/^http/, 'ws')}/graphql`;
}

/** Rebuilds a document from every journal row and snapshot stored for it. */
export async function storedDocument(keel: TestKeel, documentName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snapshots = await keel.sql<{ data: Buffer }>(
    'select data from collab_snapshot where document_name = $1 order by up_to_seq',
    [documentName],
  );
  const rows = await keel.sql<{ data: Buffer }>(
    'select data from collab_update where document_name = $1 order by seq',
    [documentName],
  );
  for (const row of [...snapshots, ...rows]) Y.applyUpdate(doc, row.data);
  return doc;
}

// The few lib0 encodings the Hocuspocus protocol uses, written out so tests can craft frames.

function varUint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function varBytes(bytes: Uint8Array): Uint8Array {
  return concat([varUint(bytes.byteLength), bytes]);
}

function varString(text: string): Uint8Array {
  return varBytes(new TextEncoder().encode(text));
}

/** A Hocuspocus message: the document name, then the parts. */
function frame(documentName: string, parts: Uint8Array[]): Uint8Array {
  return concat([varString(documentName), ...parts]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.byteLength;
  }
  return result;
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new RangeError('truncated');
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  }

  varString(): string {
    const length = this.varUint();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }

  byte(): number | undefined {
    return this.bytes[this.offset++];
  }
}

function decodeMessage(data: Uint8Array): RawMessage {
  const reader = new Reader(data);
  const documentName = reader.varString();
  const type = reader.varUint();
  const bytes = data.byteLength;
  if (type === 0) return { documentName, type, syncType: reader.varUint(), bytes };
  if (type !== 2) return { documentName, type, bytes };

  const authType = reader.varUint();
  const text = authType === 0 ? undefined : reader.varString();
  return { documentName, type, authType, text, bytes };
}

/** Whether bytes are a sync message carrying an update (message type 0, sync type 2). */
function isSyncUpdate(data: Uint8Array): boolean {
  try {
    const reader = new Reader(data);
    reader.varString();
    return reader.varUint() === 0 && reader.varUint() === 2;
  } catch {
    return false;
  }
}

/** Whether bytes are a SyncStatus message with the given outcome (lib0 varInt 1 or 0). */
function isSyncStatus(data: Uint8Array, applied: boolean): boolean {
  try {
    const reader = new Reader(data);
    reader.varString();
    return reader.varUint() === 8 && reader.byte() === (applied ? 1 : 0);
  } catch {
    return false;
  }
}
