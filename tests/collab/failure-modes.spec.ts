import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  declareIncident,
  editIds,
  openCollab,
  readThroughFreshClient,
  signIn,
  sleep,
  type CollabClient,
  type Session,
} from './support/clients.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { isRunning, killAll, startKeelServer, type KeelServer } from './support/keel-server.js';
import { startProxy, type TestProxy } from './support/proxy.js';

/**
 * QUALITY.md, Failure modes: PostgreSQL going away under a typing client, and SIGTERM while
 * typing, with the journal working or stuck. Each case ends by reading the document through a
 * fresh client of a freshly started server, so only what PostgreSQL holds counts.
 */
const SHUTDOWN_DEADLINE_MS = 2_000;

let database: TestDatabase;
let keel: KeelServer;
let proxy: TestProxy;
let session: Session;
const clients: CollabClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase('failures');
  keel = await startServer();
  proxy = await startProxy(keel.port);
  session = await signIn(keel.url);
});

// A case that fails half-way may leave the server stopped; the next one starts it again.
beforeEach(async () => {
  if (isRunning(keel)) return;
  keel = await startServer();
  proxy.retarget(keel.port);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await killAll([keel]);
  await proxy?.close();
  await database?.allowConnections(true);
  await database?.drop();
});

function startServer(): Promise<KeelServer> {
  return startKeelServer({ databaseUrl: database.url, shutdownTimeoutMs: SHUTDOWN_DEADLINE_MS });
}

async function connectedClient(): Promise<CollabClient> {
  const { timeline } = await declareIncident(keel.url, session);
  const client = openCollab(proxy.url, session, timeline);
  clients.push(client);
  await client.synced();
  return client;
}

/** Kills the server, starts a new one, and reads the document as a newcomer would. */
async function readAfterCrashAndRestart(client: CollabClient): Promise<Set<string>> {
  client.destroy();
  await keel.kill9();
  keel = await startServer();
  proxy.retarget(keel.port);
  return readThroughFreshClient(keel.url, session, client.documentName);
}

/** Types one edit every `intervalMs`, running `during(index)` before each. */
async function type(
  client: CollabClient,
  ids: readonly string[],
  intervalMs: number,
  during: (index: number) => Promise<void> | void = () => {},
): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await during(index);
    client.edit(id);
    await sleep(intervalMs);
  }
}

/**
 * Which edits the server confirmed on the client's first socket. Frames on one socket are
 * acknowledged in order, so an edit is confirmed once as many frames were answered as had been
 * written up to and including the one that carried it.
 */
function confirmationLedger(client: CollabClient) {
  const frameOf = new Map<string, number>();
  let answered = 0;
  const stop = client.tracker.subscribe(() => {
    if (client.closes.length > 0) return;
    answered = client.tracker.progress(client.documentName)?.answered ?? answered;
  });

  return {
    edit(id: string) {
      client.edit(id);
      const written = client.tracker.progress(client.documentName)?.written;
      if (client.closes.length === 0 && written !== undefined) frameOf.set(id, written);
    },
    confirmed(): string[] {
      return [...frameOf].filter(([, frame]) => frame <= answered).map(([id]) => id);
    },
    stop,
  };
}

describe('a PostgreSQL outage while editing', () => {
  it("loses no edit when the server's database sessions are terminated mid-typing", async () => {
    const client = await connectedClient();
    const ids = editIds('terminated', 120);
    let terminated = 0;

    await type(client, ids, 10, async (index) => {
      if (index % 30 === 15) terminated += await database.terminateSessions();
    });
    await client.confirmed(20_000);

    expect(terminated).toBeGreaterThan(0);
    expect(await readAfterCrashAndRestart(client)).toEqual(new Set(ids));
  });

  it('loses no edit typed while the database refuses connections for 1.5 seconds', async () => {
    const client = await connectedClient();
    const before = editIds('before-outage', 10);
    const during = editIds('during-outage', 30);
    const after = editIds('after-outage', 10);

    await type(client, before, 5);
    await client.confirmed();
    await database.allowConnections(false);
    const outageStarted = performance.now();
    try {
      await database.terminateSessions();
      await type(client, during, 50);
    } finally {
      await database.allowConnections(true);
    }
    const restoredAt = performance.now();
    await type(client, after, 5);
    await client.confirmed(20_000);
    console.info(
      `after a ${Math.round(restoredAt - outageStarted)} ms database outage, every edit was ` +
        `confirmed ${Math.round(performance.now() - restoredAt)} ms after it ended; ` +
        `socket closes ${JSON.stringify(client.closes)}, refusals ${client.refusals.length}`,
    );

    // The outage reached the client as Keel's "unavailable" code, not as silence.
    expect([
      ...client.closes,
      ...client.refusals.map((reason) => Number.parseInt(reason)),
    ]).toContain(4503);
    expect(await readAfterCrashAndRestart(client)).toEqual(
      new Set([...before, ...during, ...after]),
    );
  });
});

describe('SIGTERM while editing', () => {
  it('exits within the shutdown deadline, having stored every edit it confirmed', async () => {
    const client = await connectedClient();
    const ledger = confirmationLedger(client);
    const ids = editIds('sigterm', 150);
    const exitedAt = keel.exited.then(() => performance.now());
    let signalledAt = 0;

    for (const [index, id] of ids.entries()) {
      if (index === 100) {
        signalledAt = performance.now();
        keel.child.kill('SIGTERM');
      }
      ledger.edit(id);
      await sleep(5);
    }
    const exitCode = await keel.exited;
    const tookMs = (await exitedAt) - signalledAt;
    ledger.stop();

    const confirmed = ledger.confirmed();
    console.info(
      `SIGTERM: exited ${exitCode} after ${Math.round(tookMs)} ms; ` +
        `${confirmed.length} of ${ids.length} edits confirmed before the socket closed`,
    );
    expect(exitCode).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    expect(confirmed.length).toBeGreaterThan(0);

    proxy.cut();
    keel = await startServer();
    proxy.retarget(keel.port);
    const stored = await readThroughFreshClient(keel.url, session, client.documentName);
    expect(confirmed.filter((id) => !stored.has(id))).toEqual([]);

    // The client still holds what the server never confirmed, and sends it once it is back.
    proxy.restore();
    await client.confirmed();
    expect(await readThroughFreshClient(keel.url, session, client.documentName)).toEqual(
      new Set(ids),
    );
  });

  it('exits by the deadline with the journal stuck, keeping every edit it confirmed', async () => {
    const client = await connectedClient();
    const ledger = confirmationLedger(client);
    const beforeLock = editIds('before-lock', 20);
    const whileLocked = editIds('while-locked', 20);
    for (const id of beforeLock) ledger.edit(id);
    await client.confirmed();

    // Appends bump the document's row; holding its lock makes every append wait.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from collab_document where name = $1 for update', [
        client.documentName,
      ]);
      for (const id of whileLocked) ledger.edit(id);
      await sleep(100);

      const signalledAt = performance.now();
      keel.child.kill('SIGTERM');
      const exitCode = await keel.exited;
      const tookMs = performance.now() - signalledAt;
      console.info(
        `SIGTERM with the journal stuck: exited ${exitCode} after ${Math.round(tookMs)} ms`,
      );

      expect(exitCode).toBe(1);
      expect(keel.output()).toContain('shutdown deadline passed');
      expect(tookMs).toBeLessThan(SHUTDOWN_DEADLINE_MS + 1_000);
      expect(ledger.confirmed()).toEqual(beforeLock);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
      ledger.stop();
    }

    const stored = await readAfterCrashAndRestart(client);
    expect(beforeLock.filter((id) => !stored.has(id))).toEqual([]);
  });
});
