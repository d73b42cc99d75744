import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  declareIncident,
  editIds,
  eventually,
  openCollab,
  readThroughFreshClient,
  signIn,
  type CollabClient,
  type Session,
} from './support/clients.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { isRunning, killAll, startKeelServer, type KeelServer } from './support/keel-server.js';
import { startProxy, type TestProxy } from './support/proxy.js';

/**
 * QUALITY.md, Durability: an edit the server confirmed survives `kill -9` of the server. Every
 * case kills the built server the moment the client learns its edits are confirmed, starts it
 * again on the same database, and reads the document through a client that was not there before.
 * Clients reach the server through a relay, so a case can cut the network or swap the server.
 */
let database: TestDatabase;
let keel: KeelServer;
let proxy: TestProxy;
let session: Session;
const clients: CollabClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase('durability');
  keel = await startKeelServer({ databaseUrl: database.url });
  proxy = await startProxy(keel.port);
  session = await signIn(keel.url);
});

// A case that fails half-way may leave the server stopped; the next one starts it again.
beforeEach(async () => {
  if (!isRunning(keel)) await restartKeel();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await killAll([keel]);
  await proxy?.close();
  await database?.drop();
});

/** A client of a new incident's timeline, connected through the relay and synced. */
async function connectedClient(): Promise<CollabClient> {
  const { timeline } = await declareIncident(keel.url, session);
  const client = openCollab(proxy.url, session, timeline);
  clients.push(client);
  await client.synced();
  return client;
}

/** Starts the server again on the same database and points the relay at it. */
async function restartKeel(): Promise<void> {
  keel = await startKeelServer({ databaseUrl: database.url });
  proxy.retarget(keel.port);
}

/**
 * Sends SIGKILL in the same turn in which `isDone` first holds after a change of one of the
 * clients' trackers, so the server gets no time beyond what the clients saw. Resolves once the
 * server is gone, with the time (performance.now()) the signal was sent.
 */
async function killWhen(watched: readonly CollabClient[], isDone: () => boolean): Promise<number> {
  let killedAt = 0;
  const check = () => {
    if (killedAt !== 0 || !isDone()) return;
    keel.child.kill('SIGKILL');
    killedAt = performance.now();
  };
  const stops = watched.map((client) => client.tracker.subscribe(check));
  try {
    check();
    await eventually(() => killedAt !== 0, 'the moment to kill the server', 15_000);
  } finally {
    for (const stop of stops) stop();
  }
  await keel.exited;
  return killedAt;
}

/** Kills the server as soon as the tracker reports everything the client sent as stored. */
function killWhenConfirmed(client: CollabClient): Promise<number> {
  return killWhen([client], () => client.tracker.isConfirmed(client.documentName));
}

/** Frames of the client's current socket that the server has answered. */
function answered(client: CollabClient): number {
  return client.tracker.progress(client.documentName)?.answered ?? 0;
}

/** Cuts the relay and waits until the client noticed. */
async function disconnect(client: CollabClient): Promise<void> {
  const closes = client.closes.length;
  proxy.cut();
  await eventually(() => client.closes.length > closes, 'the client to notice the cut');
}

async function recoveredAfterRestart(client: CollabClient): Promise<Set<string>> {
  client.destroy();
  await restartKeel();
  return readThroughFreshClient(keel.url, session, client.documentName);
}

describe('edits the server confirmed, after kill -9 and a restart', () => {
  it('keeps single edits, each confirmed before the next', async () => {
    const client = await connectedClient();
    const ids = editIds('single', 10);

    for (const id of ids.slice(0, -1)) {
      client.edit(id);
      await client.confirmed();
    }
    client.edit(ids.at(-1)!);
    await killWhenConfirmed(client);

    expect(await recoveredAfterRestart(client)).toEqual(new Set(ids));
  });

  it('keeps a burst of 200 edits sent in one go', async () => {
    const client = await connectedClient();
    const ids = editIds('burst', 200);

    for (const id of ids) client.edit(id);
    await killWhenConfirmed(client);

    expect(await recoveredAfterRestart(client)).toEqual(new Set(ids));
  });

  // Several writers of one document share commits: the updates that arrive while one statement
  // is in flight are written together by the next. Each is confirmed only once its statement
  // has committed, so a kill between two statements loses nothing that anyone was told.
  it('keeps every edit confirmed to several writers whose updates share commits', async () => {
    const first = await connectedClient();
    const writers = [first];
    for (let index = 1; index < 8; index += 1) {
      const writer = openCollab(proxy.url, session, first.documentName);
      clients.push(writer);
      writers.push(writer);
    }
    await Promise.all(writers.map((writer) => writer.confirmed()));
    const ids = writers.map((_writer, index) => editIds(`writer-${index + 1}`, 40));
    const handshakes = writers.map(answered);
    // Each writer's frames are answered in the order sent: its first n edits are confirmed.
    const confirmedEdits = () =>
      writers.flatMap((writer, index) =>
        ids[index]!.slice(0, answered(writer) - handshakes[index]!),
      );
    const total = ids.flat().length;

    writers.forEach((writer, index) => ids[index]!.forEach((id) => writer.edit(id)));
    let confirmedAtKill: string[] = [];
    await killWhen(writers, () => {
      confirmedAtKill = confirmedEdits();
      return confirmedAtKill.length >= total / 2;
    });
    for (const writer of writers) writer.destroy();
    await restartKeel();
    const recovered = await readThroughFreshClient(keel.url, session, first.documentName);

    expect(confirmedAtKill.length).toBeLessThan(total);
    expect(confirmedAtKill.filter((id) => !recovered.has(id))).toEqual([]);
    // Rows written by one statement share its transaction's timestamp.
    const [journal] = await database.sql<{ rows: string; statements: string }>(
      `select count(*) as rows, count(distinct created_at) as statements
         from collab_update where document_name = $1`,
      [first.documentName],
    );
    expect(Number(journal!.statements)).toBeLessThan(Number(journal!.rows));
  });

  it('keeps edits made while the network was cut, once confirmed after reconnecting', async () => {
    const client = await connectedClient();
    const ids = editIds('offline', 30);

    await disconnect(client);
    for (const id of ids) client.edit(id);
    let providerSaidSyncedAt = 0;
    client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number === 0 && providerSaidSyncedAt === 0) providerSaidSyncedAt = performance.now();
    });
    proxy.restore();
    const confirmedAt = await killWhenConfirmed(client);

    console.info(
      `after reconnecting with ${ids.length} offline edits, the tracker confirmed them ` +
        `${(confirmedAt - providerSaidSyncedAt).toFixed(1)} ms after provider 4.8.0 reported 0`,
    );
    expect(await recoveredAfterRestart(client)).toEqual(new Set(ids));
  });

  it('keeps edits made while the server was down, once the new server confirms them', async () => {
    const client = await connectedClient();
    const before = editIds('before-crash', 5);
    const during = editIds('while-down', 30);

    for (const id of before) client.edit(id);
    await client.confirmed();
    await keel.kill9();
    for (const id of during) client.edit(id);
    await restartKeel();
    await killWhenConfirmed(client);

    expect(await recoveredAfterRestart(client)).toEqual(new Set([...before, ...during]));
  });
});

describe('provider 4.8.0 counting unsynced changes across a reconnect', () => {
  it('reports offline edits synced while the server has yet to confirm most of them', async () => {
    const client = await connectedClient();
    const ids = editIds('miscounted', 30);

    await disconnect(client);
    for (const id of ids) client.edit(id);
    expect(client.provider.unsyncedChanges).toBeGreaterThanOrEqual(ids.length);

    // Killed in the same turn in which the provider's own count reaches zero, as a "saved" badge
    // driven by it would turn green: what the kill takes is what such a badge claimed and lost.
    let unanswered = -1;
    client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number !== 0 || unanswered !== -1) return;
      const progress = client.tracker.progress(client.documentName)!;
      unanswered = progress.written - progress.answered;
      keel.child.kill('SIGKILL');
    });
    proxy.restore();
    await eventually(() => !isRunning(keel), 'the kill at zero unsynced changes');

    const recovered = await recoveredAfterRestart(client);
    const lost = ids.filter((id) => !recovered.has(id));
    console.info(
      `provider 4.8.0 reported 0 unsynced with ${unanswered} frames unanswered; ` +
        `after kill -9, ${lost.length} of ${ids.length} offline edits were lost`,
    );
    // Fails once the provider counts queued changes itself; then SyncTracker may be retired.
    expect(unanswered).toBeGreaterThan(0);
  });
});
