import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  addEntry,
  entryBody,
  listEntries,
  readEntry,
  refusalReason,
  timelineDocumentName,
  type AuthorRef,
} from '@keel/collab';
import { sqlStatementCounter } from '../db/statement-counter.js';
import { CLOSE_CODES } from '../http/close-codes.js';
import {
  credentialsOf,
  eventually,
  incidentKey,
  openProvider,
  RawCollabSocket,
  restartServer,
  startStandaloneCollab,
  storedDocument,
  type StandaloneCollab,
  type TestProvider,
} from '../test-support/collab.js';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';

let keel: TestKeel;
let acme: OrganizationFixture;
const providers: TestProvider[] = [];
const endpoints: StandaloneCollab[] = [];

const ada: AuthorRef = { kind: 'USER', id: randomUUID(), name: 'Ada' };

beforeAll(async () => {
  keel = await startTestKeel();
  acme = await createOrganization(keel);
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const endpoint of endpoints.splice(0)) await endpoint.close();
});

afterAll(async () => {
  await keel?.close();
});

function open(baseUrl: string, name: string): TestProvider {
  const provider = openProvider(baseUrl, name, credentialsOf(acme.responder.client));
  providers.push(provider);
  return provider;
}

async function standalone(
  options: Parameters<typeof startStandaloneCollab>[1],
): Promise<StandaloneCollab> {
  const endpoint = await startStandaloneCollab(keel, options);
  endpoints.push(endpoint);
  return endpoint;
}

async function newTimeline(): Promise<string> {
  const incident = await declareIncident(acme.admin.client);
  return timelineDocumentName(incidentKey(incident.id));
}

function note(text: string) {
  return {
    occurredAt: '2026-03-01T10:00:00Z',
    kind: 'NOTE' as const,
    source: 'PERSON' as const,
    author: ada,
    bodyText: text,
  };
}

/** Adds entries one at a time, each confirmed before the next, so each is its own update. */
async function addConfirmed(provider: TestProvider, count: number, text = 'entry'): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    addEntry(provider.doc, note(`${text} ${index}`));
    await provider.confirmed();
  }
}

/** `count` updates as a person typing makes them: an entry, then one character per update. */
function typedUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));

  const id = addEntry(doc, note('T'));
  const text = (entryBody(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  while (updates.length < count) text.insert(text.length, 'x');
  return updates;
}

async function documentRow(name: string) {
  const [row] = await keel.sql<{ last_seq: string; snapshot_seq: string }>(
    'select last_seq, snapshot_seq from collab_document where name = $1',
    [name],
  );
  return { lastSeq: Number(row?.last_seq), snapshotSeq: Number(row?.snapshot_seq) };
}

async function unloaded(endpoint: StandaloneCollab, name: string): Promise<void> {
  await eventually(() => !endpoint.endpoint.hocuspocus.documents.has(name), `${name} to unload`);
}

/** A new timeline of `count` confirmed entries, written through `collab` and then unloaded. */
async function storedTimeline(collab: StandaloneCollab, count: number): Promise<string> {
  const name = await newTimeline();
  const writer = open(collab.url, name);
  await writer.synced();
  await addConfirmed(writer, count);
  writer.destroy();
  await unloaded(collab, name);
  return name;
}

/**
 * Holds the document's row locked in a transaction of its own, so journal appends to it wait in
 * flight, until `release` is called. Resolves once the lock is taken.
 */
async function holdDocumentRow(name: string): Promise<{ release(): Promise<void> }> {
  const holder = keel.orm.em.fork();
  await holder.begin();
  await holder.execute('select 1 from collab_document where name = ? for update', [name]);
  return { release: () => holder.commit() };
}

/** Statements of this database waiting for a lock. */
async function lockWaits(): Promise<number> {
  const [row] = await keel.sql<{ count: string }>(
    `select count(*) from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return Number(row?.count);
}

describe('the journal', () => {
  it('numbers updates without gaps while several people write at once', async () => {
    const name = await newTimeline();
    const writers = [open(keel.url, name), open(keel.url, name), open(keel.url, name)];
    await Promise.all(writers.map((writer) => writer.synced()));

    await Promise.all(writers.map((writer) => addConfirmed(writer, 5)));

    const rows = await keel.sql<{ seq: string }>(
      'select seq from collab_update where document_name = $1 order by seq',
      [name],
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_row, index) => index + 1));
    expect(rows).toHaveLength(15);
    expect((await documentRow(name)).lastSeq).toBe(15);
  });

  it('writes a burst of several writers in fewer statements, in arrival order', async () => {
    const name = await newTimeline();
    const writers = [1, 2, 3, 4, 5].map(() => open(keel.url, name));
    await Promise.all(writers.map((writer) => writer.synced()));
    const statementsBefore = sqlStatementCounter.count;

    for (let index = 0; index < 40; index += 1) {
      for (const writer of writers) addEntry(writer.doc, note(`burst ${index}`));
    }
    await Promise.all(writers.map((writer) => writer.confirmed()));

    const statements = sqlStatementCounter.count - statementsBefore;
    const rows = await keel.sql<{ seq: string; data: Buffer }>(
      'select seq, data from collab_update where document_name = $1 order by seq',
      [name],
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_row, index) => index + 1));
    expect(rows).toHaveLength(200);
    expect(statements).toBeLessThan(rows.length);

    // Each writer's updates follow one another: in seq order, every client's clock only grows.
    const clocks = new Map<number, number>();
    for (const row of rows) {
      for (const struct of Y.decodeUpdate(row.data).structs) {
        expect(struct.id.clock).toBeGreaterThanOrEqual(clocks.get(struct.id.client) ?? 0);
        clocks.set(struct.id.client, struct.id.clock + struct.length);
      }
    }
    expect(clocks.size).toBe(writers.length);
    expect(listEntries(await storedDocument(keel, name))).toHaveLength(200);
  });

  it('folds the journal into snapshots and loads from the newest plus the rows after', async () => {
    const collab = await standalone({ compactAfterUpdates: 5 });
    const name = await newTimeline();
    const writer = open(collab.url, name);
    await writer.synced();

    await addConfirmed(writer, 12);
    await eventually(async () => (await documentRow(name)).snapshotSeq >= 10, 'two compactions');
    writer.destroy();
    await unloaded(collab, name);

    // The snapshot must stand on its own: drop the rows it covers and load again.
    const { snapshotSeq } = await documentRow(name);
    await keel.sql('delete from collab_update where document_name = $1 and seq <= $2', [
      name,
      snapshotSeq,
    ]);
    const reader = open(collab.url, name);
    await reader.synced();
    expect(listEntries(reader.doc)).toHaveLength(12);
  });

  // Regression: options the server passes as undefined once replaced the defaults, which
  // switched compaction (and the document cap) off.
  it('compacts after 500 updates on a server started with default options', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    await writer.synced();

    for (let index = 0; index < 510; index += 1) addEntry(writer.doc, note(`burst ${index}`));
    await writer.confirmed();

    await eventually(async () => (await documentRow(name)).snapshotSeq >= 500, 'a snapshot');
  });

  it('closes with 4413 an update that would grow the document past its cap', async () => {
    const collab = await standalone({ maxDocumentBytes: 4_000 });
    const name = await newTimeline();
    const writer = open(collab.url, name);
    await writer.synced();

    for (let index = 0; index < 20 && writer.closes.length === 0; index += 1) {
      addEntry(writer.doc, note('x'.repeat(500)));
      await eventually(
        () => writer.provider.unsyncedChanges === 0 || writer.closes.length > 0,
        'an answer',
      );
    }

    expect(writer.closes[0]).toEqual({
      code: CLOSE_CODES.collabDocumentTooLarge,
      reason: refusalReason('documentTooLarge'),
    });
    const [stored] = await keel.sql<{ bytes: string }>(
      'select sum(length(data)) as bytes from collab_update where document_name = $1',
      [name],
    );
    expect(Number(stored!.bytes)).toBeLessThanOrEqual(4_000);
    const reader = open(collab.url, name);
    await reader.synced();
    expect(listEntries(reader.doc).length).toBeGreaterThan(0);
  });

  it('closes with 4503 every writer whose update was in a batch that failed', async () => {
    const collab = await standalone({});
    const name = await newTimeline();
    const writers = [1, 2, 3].map(() => open(collab.url, name));
    await Promise.all(writers.map((writer) => writer.synced()));

    await keel.sql('alter table collab_update rename to collab_update_away');
    let ids: string[];
    try {
      ids = writers.map((writer) => addEntry(writer.doc, note('during the outage')));
      for (const writer of writers) {
        expect(await writer.closed()).toEqual({
          code: CLOSE_CODES.collabUnavailable,
          reason: refusalReason('unavailable'),
        });
        expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
      }
    } finally {
      await keel.sql('alter table collab_update_away rename to collab_update');
    }
    expect((await documentRow(name)).lastSeq).toBe(0);

    // The queue recovers: the same writers reconnect, offer their edits again and are stored.
    // Each was relayed the others' edits before the write failed, so the first to reconnect may
    // offer all three in one update.
    for (const writer of writers) await writer.provider.configuration.websocketProvider.connect();
    await Promise.all(writers.map((writer) => writer.confirmed()));
    const stored = await storedDocument(keel, name);
    for (const id of ids) expect(readEntry(stored, id)?.bodyText).toBe('during the outage');
  });

  it('keeps a document loaded until the update of a writer who left is committed', async () => {
    const collab = await standalone({});
    const name = await newTimeline();
    const writer = open(collab.url, name);
    await writer.synced();

    const row = await holdDocumentRow(name);
    let reader: TestProvider;
    try {
      addEntry(writer.doc, note('sent just before leaving'));
      await eventually(async () => (await lockWaits()) > 0, 'the append to wait for the row');
      writer.destroy();
      // Hocuspocus unloads the document nobody has open once its store debounce (2 s) is over.
      const { documents, unloadingDocuments } = collab.endpoint.hocuspocus;
      await eventually(
        () => unloadingDocuments.has(name) || !documents.has(name),
        'Hocuspocus to unload the document',
      );
      expect(documents.has(name)).toBe(true);

      reader = open(collab.url, name);
      await reader.synced();
    } finally {
      await row.release();
    }

    await eventually(() => listEntries(reader.doc).length === 1, 'the edit to reach the reader');
    expect((await documentRow(name)).lastSeq).toBe(1);
    reader.destroy();
    await unloaded(collab, name);
  });

  it('closes with 4503 on an edit it cannot store, and stores it on reconnect', async () => {
    const collab = await standalone({});
    const name = await newTimeline();
    const writer = open(collab.url, name);
    await writer.synced();
    await addConfirmed(writer, 1, 'before');

    await keel.sql('alter table collab_update rename to collab_update_away');
    let id: string;
    try {
      id = addEntry(writer.doc, note('during the outage'));
      expect(await writer.closed()).toEqual({
        code: CLOSE_CODES.collabUnavailable,
        reason: refusalReason('unavailable'),
      });
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
    } finally {
      await keel.sql('alter table collab_update_away rename to collab_update');
    }

    // The change stayed with the client; reconnecting offers it again in the sync handshake.
    await writer.provider.configuration.websocketProvider.connect();
    await writer.confirmed();
    expect(readEntry(await storedDocument(keel, name), id)?.bodyText).toBe('during the outage');
  });
});

describe('relaying to peers', () => {
  it('shows an edit to the other editors before it commits; its writer hears after', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    const peer = open(keel.url, name);
    await Promise.all([writer.synced(), peer.synced()]);

    const row = await holdDocumentRow(name);
    try {
      addEntry(writer.doc, note('seen before stored'));
      await eventually(() => listEntries(peer.doc).length === 1, 'the peer to see the edit');
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
      expect((await documentRow(name)).lastSeq).toBe(0);
    } finally {
      await row.release();
    }

    await writer.confirmed();
    expect((await documentRow(name)).lastSeq).toBe(1);
  });

  it('sends each edit to a peer once and never back to its writer', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    const peer = open(keel.url, name);
    await Promise.all([writer.synced(), peer.synced()]);

    await addConfirmed(writer, 5);
    // The peer's edit reaches the writer after anything still due for the writer's own edits.
    addEntry(peer.doc, note('from the peer'));
    await eventually(() => listEntries(writer.doc).length === 6, 'the peer’s edit');

    expect(writer.updatesReceived()).toBe(1);
    expect(peer.updatesReceived()).toBe(5);
  });

  it('sends an edit to a connection that opened the document while it was stored', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    const peer = open(keel.url, name);
    await Promise.all([writer.synced(), peer.synced()]);

    const row = await holdDocumentRow(name);
    let late: TestProvider;
    try {
      addEntry(writer.doc, note('in flight'));
      await eventually(() => listEntries(peer.doc).length === 1, 'the peer to see the edit');
      late = open(keel.url, name);
      await late.synced();
      expect(listEntries(late.doc)).toHaveLength(0);
    } finally {
      await row.release();
    }

    await eventually(() => listEntries(late.doc).length === 1, 'the late reader to get the edit');
  });

  it('closes with 4503 every connection of a document whose write failed', async () => {
    const collab = await standalone({});
    const name = await newTimeline();
    const writer = open(collab.url, name);
    const peer = open(collab.url, name);
    await Promise.all([writer.synced(), peer.synced()]);

    await keel.sql('alter table collab_update rename to collab_update_away');
    let id: string;
    try {
      id = addEntry(writer.doc, note('during the outage'));
      for (const client of [writer, peer]) {
        expect(await client.closed()).toEqual({
          code: CLOSE_CODES.collabUnavailable,
          reason: refusalReason('unavailable'),
        });
      }
    } finally {
      await keel.sql('alter table collab_update_away rename to collab_update');
    }

    // The writer is gone for good; the peer, which was relayed the edit, offers it on reconnect.
    writer.destroy();
    expect(readEntry(peer.doc, id)?.bodyText).toBe('during the outage');
    await peer.provider.configuration.websocketProvider.connect();
    const storedText = async () => readEntry(await storedDocument(keel, name), id)?.bodyText;
    await eventually(async () => (await storedText()) === 'during the outage', 'the stored edit');
  });
});

describe('loading', () => {
  it('refuses with 4503 a document it cannot load, leaving stored rows alone', async () => {
    const collab = await standalone({});
    const name = await storedTimeline(collab, 3);
    const before = await keel.sql('select seq, data from collab_update where document_name = $1', [
      name,
    ]);

    await keel.sql('alter table collab_snapshot rename to collab_snapshot_away');
    try {
      const refused = open(collab.url, name);
      expect(await refused.refused()).toBe(refusalReason('unavailable'));
      expect(refused.doc.share.size).toBe(0);
    } finally {
      await keel.sql('alter table collab_snapshot_away rename to collab_snapshot');
    }

    expect(
      await keel.sql('select seq, data from collab_update where document_name = $1', [name]),
    ).toEqual(before);
    const reader = open(collab.url, name);
    await reader.synced();
    expect(listEntries(reader.doc)).toHaveLength(3);
  });

  it('skips a stored row that cannot be applied instead of refusing the document', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    await writer.synced();
    await addConfirmed(writer, 2);
    writer.destroy();
    await keel.sql(
      `with bumped as (update collab_document set last_seq = last_seq + 1 where name = $1
                       returning last_seq, organization_id)
       insert into collab_update
         (document_name, seq, organization_id, data, author_kind, created_at)
       select $1, last_seq, organization_id, '\\xdeadbeef'::bytea, 'SYSTEM', now() from bumped`,
      [name],
    );

    const reader = open(keel.url, name);
    await reader.synced();
    expect(listEntries(reader.doc)).toHaveLength(2);
  });
});

describe('opening a stored document', () => {
  it('sends its content once, in the sync answer, not also as an update', async () => {
    const collab = await standalone({});
    const name = await storedTimeline(collab, 20);

    const reader = new RawCollabSocket(collab.url, credentialsOf(acme.responder.client));
    try {
      await reader.open(name);
      const sync = () => reader.messagesFor(name).filter((message) => message.type === 0);
      await eventually(() => sync().some((message) => message.syncType === 1), 'the answer');
      // Anything broadcast after the load goes out within the same turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 100));

      const answer = sync().find((message) => message.syncType === 1)!;
      expect(answer.bytes).toBeGreaterThan(20 * 100);
      expect(sync().filter((message) => message.syncType === 2)).toEqual([]);
    } finally {
      reader.close();
    }
  });
});

describe('a long journal', () => {
  it('loads 60,000 rows without a snapshot in seconds, not minutes', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    await writer.synced();
    writer.destroy();
    const rows = typedUpdates(60_000);
    await keel.sql(
      `with document as (
         update collab_document set last_seq = last_seq + $2 where name = $1
         returning last_seq - $2 as first_seq, organization_id)
       insert into collab_update
         (document_name, seq, organization_id, data, author_kind, created_at)
       select $1, first_seq + n, organization_id, rows.data, 'SYSTEM', now()
         from document, unnest($3::bytea[]) with ordinality as rows (data, n)`,
      [name, rows.length, rows.map((row) => Buffer.from(row))],
    );

    const reader = open(keel.url, name);
    await reader.synced();

    const [entry] = listEntries(reader.doc);
    expect(entry?.bodyText).toHaveLength(60_000);
  });
});

// Last, because the GraphQL clients of the fixtures keep talking to the first server's port.
describe('after a restart', () => {
  it('serves every confirmed edit to a new provider', async () => {
    const name = await newTimeline();
    const writer = open(keel.url, name);
    await writer.synced();
    await addConfirmed(writer, 3, 'before the restart');
    const expected = listEntries(writer.doc);
    writer.destroy();

    await restartServer(keel);

    const reader = open(keel.url, name);
    await reader.synced();
    expect(listEntries(reader.doc)).toEqual(expected);
  });
});
