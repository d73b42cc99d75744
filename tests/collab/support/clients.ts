import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SyncTracker, timelineDocumentName } from '@keel/collab';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** The demo organisation's owner, whom Keel seeds into an empty database. */
const DEMO_SIGN_IN = { email: 'ada@northwind.example', password: 'keel-demo-password' };

/** A signed-in person: the `Cookie` header value of their session. */
export interface Session {
  cookie: string;
}

/** Signs in as the demo owner on a Keel process and returns the session cookie. */
export async function signIn(baseUrl: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }',
      variables: { input: DEMO_SIGN_IN },
    }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('keel_session='));
  if (!cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return { cookie };
}

/** Runs a GraphQL operation over HTTP and returns its data, failing on any error. */
async function graphql<Data>(
  baseUrl: string,
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return body.data;
}

/** A declared incident: its GraphQL id and the name of its timeline document. */
export interface TestIncident {
  id: string;
  title: string;
  timeline: string;
}

/** Declares an incident and returns it with its timeline document's name. */
export async function declareIncident(
  baseUrl: string,
  session: Session,
  title = 'Invoice sync stopped',
): Promise<TestIncident> {
  const data = await graphql<{ declareIncident: { id: string; title: string } }>(
    baseUrl,
    session,
    `
      mutation ($input: DeclareIncidentInput!) {
        declareIncident(input: $input) {
          id
          title
        }
      }
    `,
    { input: { title, severity: 'SEV2', detectionSource: 'MONITORING' } },
  );
  const { id } = data.declareIncident;
  // A GraphQL id is base64url of "Incident:<database key>".
  const key = Buffer.from(id, 'base64url')
    .toString('utf8')
    .replace(/^Incident:/, '');
  return { id, title, timeline: timelineDocumentName(key) };
}

/** The map every test edit goes into: one key per edit, so an edit is either there or not. */
export const EDITS = 'test-edits';

/** A provider on `/collab`, as a browser tab would hold one, with a {@link SyncTracker}. */
export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  tracker: SyncTracker;
  documentName: string;
  /** Close codes the socket saw, in order. */
  closes: number[];
  /** Permission-denied reasons, in order (such as "4503 unavailable" during an outage). */
  refusals: string[];
  /** Adds one edit, a key of the {@link EDITS} map. */
  edit(id: string): void;
  /** The edits the document holds. */
  edits(): Set<string>;
  /** Resolves once the initial sync with the server finished. */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves once the tracker reports every change this client sent as stored. */
  confirmed(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/**
 * Opens a provider that reconnects quickly (every 50–400 ms) and, like the web app must, asks
 * again after a "4503 unavailable" refusal, which the server sends while its database is away.
 */
export function openCollab(
  baseUrl: string,
  session: Session,
  documentName: string,
  doc = new Y.Doc(),
): CollabClient {
  const cookie = session.cookie;
  class CookieWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { cookie } });
      // The provider removes its listeners before closing a socket that may still be
      // connecting; `ws` then emits an error that, unheard, would fail the whole test run.
      this.on('error', () => {});
    }
  }
  const tracker = new SyncTracker();
  const closes: number[] = [];
  const refusals: string[] = [];

  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: tracker.wrap(CookieWebSocket),
    delay: 50,
    minDelay: 50,
    factor: 2,
    maxDelay: 400,
    jitter: false,
  });
  socket.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));

  let retry: NodeJS.Timeout | undefined;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    onAuthenticationFailed: ({ reason }) => {
      refusals.push(reason);
      if (!reason.startsWith('4503')) return;
      // Hocuspocus does not ask again by itself; a new socket authenticates afresh.
      retry = setTimeout(() => socket.webSocket?.close(), 100);
    },
  });
  provider.attach();

  const edits = doc.getMap<number>(EDITS);
  return {
    doc,
    provider,
    socket,
    tracker,
    documentName,
    closes,
    refusals,
    edit: (id) => edits.set(id, Date.now()),
    edits: () => new Set(edits.keys()),
    synced: (timeoutMs = 10_000) => eventually(() => provider.isSynced, 'the sync', timeoutMs),
    confirmed: (timeoutMs = 10_000) =>
      eventually(() => tracker.isConfirmed(documentName), 'confirmation', timeoutMs),
    destroy: () => {
      clearTimeout(retry);
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Reads a document through a fresh provider, as a client arriving later would see it. */
export async function readThroughFreshClient(
  baseUrl: string,
  session: Session,
  documentName: string,
): Promise<Set<string>> {
  const reader = openCollab(baseUrl, session, documentName);
  try {
    await reader.synced();
    return reader.edits();
  } finally {
    reader.destroy();
  }
}

/** Resolves with the time (performance.now()) at which the client's document holds the edit. */
export function arrivalOf(client: CollabClient, id: string, timeoutMs = 10_000): Promise<number> {
  const edits = client.doc.getMap(EDITS);
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!edits.has(id)) return;
      finish();
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`edit ${id} did not arrive within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      edits.unobserve(check);
    };
    edits.observe(check);
    check();
  });
}

/** Edit ids `<prefix>-1` … `<prefix>-<count>`. */
export function editIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds, or fails naming `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(5);
  }
}

/** Milliseconds at the given percentile (0–100) of a list of durations. */
export function percentile(durations: readonly number[], at: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((at / 100) * sorted.length) - 1)] ?? NaN;
}
