import { randomBytes } from 'node:crypto';
import { addEntry, entryBody, timelineDocumentName } from '@keel/collab';
import * as Y from 'yjs';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { graphql, keyOf, signUp, type BenchSession } from './graphql-client.js';
import {
  heapUsedBytes,
  requireBuild,
  startBareCollabServer,
  startKeelProcess,
  type KeelProcess,
} from './keel-process.js';
import { openLiveClient, until, type LiveClient, type LiveTarget } from './live-client.js';
import { percentile, printTable } from './load.js';

/** Editors on one document. */
const EDITORS = Number(process.env.BENCH_EDITORS ?? 50);
/** Length of each measured turn, in milliseconds. */
const TURN_MS = Number(process.env.BENCH_TURN_MS ?? 5_000);
/** Turns per target, alternating. */
const TURNS = Number(process.env.BENCH_TURNS ?? 2);
/** Paced editing: each editor changes the document once per this many milliseconds. */
const EDIT_INTERVAL_MS = Number(process.env.BENCH_EDIT_INTERVAL_MS ?? 500);
/** Journal rows of the document loaded cold. */
const LOAD_UPDATES = Number(process.env.BENCH_LOAD_UPDATES ?? 100_000);
/** Sequential edits for the acknowledgement and cross-process figures. */
const SEQUENTIAL_EDITS = Number(process.env.BENCH_SEQUENTIAL_EDITS ?? 300);

/** The map every benchmark edit goes into: key `<editor>-<n>`, value the time it was made. */
const EDITS_MAP = 'bench-edits';

const now = () => performance.now();

/** One target of the comparison: where its clients connect, and a new document's name. */
interface Target {
  name: 'keel' | 'bare';
  live: LiveTarget;
  newDocument(): Promise<string>;
}

/** What one run of editors measured. */
interface EditorsResult {
  acknowledged: number;
  seconds: number;
  /** From an edit to the server's acknowledgement (after the journal commit, in Keel). */
  ackMs: number[];
  /** From an edit to its arrival at a peer that only watches. */
  peerMs: number[];
  /** Edits the watching peer never saw. */
  missing: number;
}

/**
 * Live collaboration through Keel's `/collab` against a bare Hocuspocus server (no
 * authentication, no journal) in processes of their own, in alternating turns: many editors on
 * one document, acknowledgements one edit at a time, two Keel processes sharing Redis against
 * one, and a cold load of a document with a long journal, with and without a snapshot.
 */
export async function runCollabBenchmark(): Promise<void> {
  requireBuild(false);
  const database = await createBenchDatabase('collab');
  let keel = await startKeelProcess({ databaseUrl: database.url });
  const bare = await startBareCollabServer();

  try {
    const session = await signUp(keel.url, 'Bench collab');
    const targets: Target[] = [
      {
        name: 'keel',
        live: { url: wsUrl(keel.url), cookie: session.cookie },
        newDocument: () => declareTimeline(keel.url, session),
      },
      {
        name: 'bare',
        live: { url: wsUrl(bare.url) },
        newDocument: async () => `bench-${randomBytes(6).toString('hex')}`,
      },
    ];

    const paced: Record<string, EditorsResult[]> = { keel: [], bare: [] };
    const saturated: Record<string, EditorsResult[]> = { keel: [], bare: [] };
    for (let turn = 0; turn < TURNS; turn += 1) {
      for (const target of targets) {
        paced[target.name]!.push(await runEditors(target, 'paced'));
        saturated[target.name]!.push(await runEditors(target, 'saturated'));
      }
    }
    reportEditors(merge(paced), merge(saturated));

    const sequential = await measureSequentialAcks(targets, database);
    reportSequential(sequential);

    const crossProcess = await measureCrossProcess(database, {
      url: keel.url,
      session,
    });
    reportCrossProcess(crossProcess);

    await keel.stop();
    const load = await measureColdLoad(database, session, (next) => (keel = next));
    reportColdLoad(load);
  } finally {
    await keel.stop();
    await bare.stop();
    await database.drop();
  }
}

function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/collab`;
}

/** Declares an incident and returns its timeline document's name. */
async function declareTimeline(baseUrl: string, session: BenchSession): Promise<string> {
  const data = await graphql<{ declareIncident: { id: string } }>(
    baseUrl,
    session,
    `
      mutation ($input: DeclareIncidentInput!) {
        declareIncident(input: $input) {
          id
        }
      }
    `,
    { input: { title: 'Make scenario floods Slack', severity: 'SEV2', detectionSource: 'OTHER' } },
  );
  return timelineDocumentName(keyOf(data.declareIncident.id));
}

/** Opens a client and waits until it has synced and its handshake is acknowledged. */
async function openSynced(target: LiveTarget, documentName: string): Promise<LiveClient> {
  const client = openLiveClient(target, documentName);
  await client.synced();
  await client.confirmed();
  return client;
}

/**
 * Records, for every edit `client` sends from now on, the time until the server acknowledged
 * it. Hocuspocus answers one socket's messages in order, so the n-th acknowledgement is for
 * the n-th update sent.
 */
function trackAcks(client: LiveClient, documentName: string, ackMs: number[]) {
  const sentAt: number[] = [];
  let answered = client.tracker.progress(documentName)?.answered ?? 0;
  const waiters: (() => void)[] = [];
  const stop = client.tracker.subscribe(() => {
    const progress = client.tracker.progress(documentName);
    if (!progress) return;
    while (progress.answered > answered && sentAt.length > 0) {
      answered += 1;
      ackMs.push(now() - sentAt.shift()!);
    }
    if (sentAt.length === 0) waiters.splice(0).forEach((wake) => wake());
  });
  return {
    sent: () => sentAt.push(now()),
    /** Resolves once every edit sent so far is acknowledged. */
    drained: () =>
      sentAt.length === 0 ? Promise.resolve() : new Promise<void>((wake) => waiters.push(wake)),
    pending: () => sentAt.length,
    stop,
  };
}

/**
 * `EDITORS` clients on a new document and one more that only watches. Paced: each editor makes
 * one edit every `EDIT_INTERVAL_MS`, starting at a random offset. Saturated: each editor makes
 * its next edit as soon as the previous one is acknowledged.
 */
async function runEditors(target: Target, mode: 'paced' | 'saturated'): Promise<EditorsResult> {
  const documentName = await target.newDocument();
  const watcher = await openSynced(target.live, documentName);
  const editors = await Promise.all(
    Array.from({ length: EDITORS }, () => openSynced(target.live, documentName)),
  );

  const peerMs: number[] = [];
  const seen = new Set<string>();
  const watched = watcher.doc.getMap<number>(EDITS_MAP);
  watched.observe((event) => {
    const arrived = now();
    for (const key of event.keysChanged) {
      seen.add(key);
      peerMs.push(arrived - watched.get(key)!);
    }
  });

  const ackMs: number[] = [];
  const sent: string[] = [];
  const started = now();
  const deadline = started + TURN_MS;
  let acknowledgedInTime = 0;

  await Promise.all(
    editors.map(async (editor, index) => {
      const acks = trackAcks(editor, documentName, ackMs);
      const edits = editor.doc.getMap<number>(EDITS_MAP);
      if (mode === 'paced') await sleep(Math.random() * EDIT_INTERVAL_MS);

      for (let n = 0; now() < deadline; n += 1) {
        const key = `${index}-${n}`;
        acks.sent();
        edits.set(key, now());
        sent.push(key);
        if (mode === 'saturated') {
          await acks.drained();
          if (now() <= deadline) acknowledgedInTime += 1;
        } else {
          await sleep(EDIT_INTERVAL_MS);
        }
      }
      await acks.drained();
      acks.stop();
    }),
  );
  const seconds = (now() - started) / 1000;

  await until(() => seen.size >= sent.length, 'the watcher to see every edit', 10_000).catch(
    () => undefined,
  );
  for (const client of [watcher, ...editors]) client.destroy();

  return {
    acknowledged: mode === 'saturated' ? acknowledgedInTime : ackMs.length,
    seconds: mode === 'saturated' ? TURN_MS / 1000 : seconds,
    ackMs,
    peerMs,
    missing: sent.length - seen.size,
  };
}

function merge(results: Record<string, EditorsResult[]>): Record<string, EditorsResult> {
  const merged: Record<string, EditorsResult> = {};
  for (const [name, runs] of Object.entries(results)) {
    merged[name] = {
      acknowledged: runs.reduce((sum, r) => sum + r.acknowledged, 0),
      seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
      ackMs: runs.flatMap((r) => r.ackMs),
      peerMs: runs.flatMap((r) => r.peerMs),
      missing: runs.reduce((sum, r) => sum + r.missing, 0),
    };
  }
  return merged;
}

/**
 * One editor, one edit at a time on an otherwise idle server: edit to acknowledgement. Keel
 * acknowledges only after the journal row is committed, so this is edit to durable; the bare
 * server acknowledges once the edit is in memory. Keel's journal is checked afterwards to hold
 * a row for every acknowledged edit.
 */
async function measureSequentialAcks(targets: Target[], database: BenchDatabase) {
  const ackMs: Record<string, number[]> = { keel: [], bare: [] };
  const documents = new Map<string, string>();
  const clients = new Map<string, LiveClient>();
  for (const target of targets) {
    const documentName = await target.newDocument();
    documents.set(target.name, documentName);
    clients.set(target.name, await openSynced(target.live, documentName));
  }
  const keelDocument = documents.get('keel')!;
  const rowsBefore = await journalRows(database, keelDocument);

  const chunk = 50;
  for (let done = 0; done < SEQUENTIAL_EDITS; done += chunk) {
    for (const target of targets) {
      const client = clients.get(target.name)!;
      const acks = trackAcks(client, documents.get(target.name)!, ackMs[target.name]!);
      const edits = client.doc.getMap<number>(EDITS_MAP);
      for (let n = done; n < Math.min(done + chunk, SEQUENTIAL_EDITS); n += 1) {
        acks.sent();
        edits.set(`solo-${n}`, now());
        await acks.drained();
      }
      acks.stop();
    }
  }

  const journaled = (await journalRows(database, keelDocument)) - rowsBefore;
  for (const client of clients.values()) client.destroy();
  return { ackMs, journaled, acknowledged: ackMs.keel!.length };
}

async function journalRows(database: BenchDatabase, documentName: string): Promise<number> {
  const [row] = await database.sql<{ count: string }>(
    'select count(*) from collab_update where document_name = $1',
    [documentName],
  );
  return Number(row!.count);
}

/**
 * Two Keel processes on one database and one Redis. One client edits on process A, one at a
 * time; a peer on A and a peer on B record when each edit arrives, so both paths are measured
 * on the same edits. Alternating with those, the same on the benchmark's single Keel process
 * without Redis, as Keel runs by default.
 */
async function measureCrossProcess(
  database: BenchDatabase,
  single: { url: string; session: BenchSession },
) {
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const a = await startKeelProcess({ databaseUrl: database.url, redisUrl });
  const b = await startKeelProcess({ databaseUrl: database.url, redisUrl });
  const opened: LiveClient[] = [];
  try {
    const session = await signUp(a.url, 'Bench scale-out');
    const documentName = await declareTimeline(a.url, session);
    const onA = { url: wsUrl(a.url), cookie: session.cookie };
    const onB = { url: wsUrl(b.url), cookie: session.cookie };
    const writer = await openSynced(onA, documentName);
    const samePeer = await openSynced(onA, documentName);
    const otherPeer = await openSynced(onB, documentName);
    opened.push(writer, samePeer, otherPeer);

    const arrivals = (peer: LiveClient, into: number[]) => {
      const map = peer.doc.getMap<number>(EDITS_MAP);
      map.observe((event) => {
        const arrived = now();
        for (const key of event.keysChanged) into.push(arrived - map.get(key)!);
      });
    };
    const sameMs: number[] = [];
    const crossMs: number[] = [];
    arrivals(samePeer, sameMs);
    arrivals(otherPeer, crossMs);

    const singleDocument = await declareTimeline(single.url, single.session);
    const onSingle = { url: wsUrl(single.url), cookie: single.session.cookie };
    const singleWriter = await openSynced(onSingle, singleDocument);
    const singlePeer = await openSynced(onSingle, singleDocument);
    opened.push(singleWriter, singlePeer);
    const singleMs: number[] = [];
    arrivals(singlePeer, singleMs);

    const edits = writer.doc.getMap<number>(EDITS_MAP);
    const singleEdits = singleWriter.doc.getMap<number>(EDITS_MAP);
    for (let n = 0; n < SEQUENTIAL_EDITS; n += 1) {
      edits.set(`cross-${n}`, now());
      await until(() => sameMs.length > n && crossMs.length > n, 'both peers', 10_000);
      await sleep(5);
      singleEdits.set(`single-${n}`, now());
      await until(() => singleMs.length > n, 'the peer', 10_000);
      await sleep(5);
    }
    return { sameMs, crossMs, singleMs };
  } finally {
    for (const client of opened) client.destroy();
    await a.stop();
    await b.stop();
  }
}

/** What loading the long document measured, per way of storing it. */
interface LoadResult {
  updates: number;
  journalBytes: number;
  snapshotBytes: number;
  /** Provider connect to synced, through a freshly started Keel, ms. */
  keel: Record<'journal' | 'snapshot', number[]>;
  /** Keel's heap used before and after the load, bytes. */
  heap: Record<'journal' | 'snapshot', { before: number; after: number }[]>;
  /** `Y.applyUpdate` in this process, ms. */
  plain: Record<'journal' | 'snapshot', number[]>;
}

/**
 * A timeline whose journal holds `LOAD_UPDATES` rows after the seeded ones: one entry, then its
 * text typed one character per update, written as the journal writes rows. Each load starts a
 * fresh Keel process, so the document comes from the database; the journal-only case has its
 * snapshots removed first, the snapshot case has the one Keel's own compaction wrote.
 */
async function measureColdLoad(
  database: BenchDatabase,
  session: BenchSession,
  started: (keel: KeelProcess) => void,
): Promise<LoadResult> {
  let keel = await startKeelProcess({ databaseUrl: database.url });
  started(keel);
  const documentName = await declareTimeline(keel.url, session);
  const live = () => ({ url: wsUrl(keel.url), cookie: session.cookie });
  (await openSynced(live(), documentName)).destroy();
  await keel.stop();

  const updates = typedUpdates(LOAD_UPDATES, keyOf(session.userId), session.userName);
  await appendJournal(database, documentName, updates, keyOf(session.userId));

  const result: LoadResult = {
    updates: updates.length,
    journalBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    snapshotBytes: 0,
    keel: { journal: [], snapshot: [] },
    heap: { journal: [], snapshot: [] },
    plain: { journal: [], snapshot: [] },
  };

  let snapshot: { upToSeq: number; data: Buffer } | null = null;
  for (let turn = 0; turn < TURNS; turn += 1) {
    for (const stored of ['journal', 'snapshot'] as const) {
      if (stored === 'journal') await dropSnapshots(database, documentName);
      else await restoreSnapshot(database, documentName, snapshot!);

      keel = await startKeelProcess({ databaseUrl: database.url });
      started(keel);
      const before = await heapUsedBytes(keel.url);
      const opening = now();
      const client = openLiveClient(live(), documentName);
      await client.synced(120_000).catch((cause: unknown) => {
        throw new Error(`Keel did not load the document:\n${keel.output()}`, { cause });
      });
      result.keel[stored].push(now() - opening);
      const after = await heapUsedBytes(keel.url).catch((cause: unknown) => {
        throw new Error(`Keel failed after the load:\n${keel.output()}`, { cause });
      });
      result.heap[stored].push({ before, after });
      client.destroy();

      // Loading the journal alone makes Keel compact it; keep that snapshot for the other case.
      snapshot ??= await awaitSnapshot(database, documentName);
      await keel.stop();
    }

    const replay = now();
    const replayed = new Y.Doc();
    for (const update of updates) Y.applyUpdate(replayed, update);
    result.plain.journal.push(now() - replay);

    const fromSnapshot = now();
    Y.applyUpdate(new Y.Doc(), snapshot!.data);
    result.plain.snapshot.push(now() - fromSnapshot);
  }
  result.snapshotBytes = snapshot?.data.byteLength ?? 0;
  return result;
}

/** `count` updates: an entry, then its text typed one character at a time. */
function typedUpdates(count: number, userKey: string, userName: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));

  const id = addEntry(doc, {
    kind: 'NOTE',
    source: 'PERSON',
    author: { kind: 'USER', id: userKey, name: userName },
    occurredAt: new Date(),
    bodyText: 'Typed',
  });
  const paragraph = entryBody(doc, id).get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const words = 'the retry queue drained after the webhook was paused ';
  for (let n = 0; updates.length < count; n += 1) {
    text.insert(text.length, words[n % words.length]!);
  }
  return updates;
}

/** Appends `updates` as journal rows after the document's last one, as the journal does. */
async function appendJournal(
  database: BenchDatabase,
  documentName: string,
  updates: Uint8Array[],
  authorId: string,
): Promise<void> {
  const [document] = await database.sql<{ last_seq: string; organization_id: string }>(
    'select last_seq, organization_id from collab_document where name = $1',
    [documentName],
  );
  const first = Number(document!.last_seq) + 1;
  const batch = 2_000;
  for (let offset = 0; offset < updates.length; offset += batch) {
    const slice = updates.slice(offset, offset + batch);
    await database.sql(
      `insert into collab_update
         (document_name, seq, organization_id, data, author_kind, author_id, created_at)
       select $1, seq, $2, data, 'USER', $3, now()
         from unnest($4::bigint[], $5::bytea[]) as rows (seq, data)`,
      [
        documentName,
        document!.organization_id,
        authorId,
        slice.map((_, i) => first + offset + i),
        slice.map((update) => Buffer.from(update)),
      ],
    );
  }
  await database.sql('update collab_document set last_seq = $2 where name = $1', [
    documentName,
    first + updates.length - 1,
  ]);
}

async function dropSnapshots(database: BenchDatabase, documentName: string): Promise<void> {
  await database.sql('delete from collab_snapshot where document_name = $1', [documentName]);
  await database.sql('update collab_document set snapshot_seq = 0 where name = $1', [documentName]);
}

async function restoreSnapshot(
  database: BenchDatabase,
  documentName: string,
  snapshot: { upToSeq: number; data: Buffer },
): Promise<void> {
  await database.sql(
    `insert into collab_snapshot (document_name, up_to_seq, organization_id, data, created_at)
     select name, $2, organization_id, $3, now() from collab_document where name = $1
     on conflict do nothing`,
    [documentName, snapshot.upToSeq, snapshot.data],
  );
  await database.sql('update collab_document set snapshot_seq = $2 where name = $1', [
    documentName,
    snapshot.upToSeq,
  ]);
}

/** Waits for Keel's compaction to cover the whole journal and returns its snapshot. */
async function awaitSnapshot(database: BenchDatabase, documentName: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await database.sql<{ up_to_seq: string; data: Buffer }>(
      `select s.up_to_seq, s.data from collab_snapshot s
         join collab_document d on d.name = s.document_name and s.up_to_seq = d.last_seq
        where s.document_name = $1`,
      [documentName],
    );
    if (row) return { upToSeq: Number(row.up_to_seq), data: row.data };
    if (Date.now() > deadline) throw new Error('Keel did not compact the loaded journal');
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function reportEditors(
  paced: Record<string, EditorsResult>,
  saturated: Record<string, EditorsResult>,
): void {
  const keel = (r: Record<string, EditorsResult>) => r.keel!;
  const bare = (r: Record<string, EditorsResult>) => r.bare!;
  const rate = (r: EditorsResult) => r.acknowledged / r.seconds;
  const latencyRows = (label: string, pick: (r: EditorsResult) => number[], runs: typeof paced) =>
    [50, 95, 99].map((q) => {
      const k = percentile(pick(keel(runs)), q);
      const b = percentile(pick(bare(runs)), q);
      return [`${label} p${q} ms`, fixed(k), fixed(b), ratio(k, b)];
    });

  console.log(
    `\n${EDITORS} editors on one document and one watching peer, ${TURNS} turns of ` +
      `${TURN_MS / 1000} s per target and mode, alternating\n`,
  );
  printTable(
    ['figure', 'keel /collab', 'bare hocuspocus', 'ratio'],
    [
      [
        `paced (1 edit / ${EDIT_INTERVAL_MS} ms each): edits/s`,
        fixed(rate(keel(paced)), 0),
        fixed(rate(bare(paced)), 0),
        ratio(rate(keel(paced)), rate(bare(paced))),
      ],
      ...latencyRows('paced: edit → peer', (r) => r.peerMs, paced),
      ...latencyRows('paced: edit → ack', (r) => r.ackMs, paced),
      [
        'saturated (next edit on ack): edits/s',
        fixed(rate(keel(saturated)), 0),
        fixed(rate(bare(saturated)), 0),
        ratio(rate(keel(saturated)), rate(bare(saturated))),
      ],
      ...latencyRows('saturated: edit → peer', (r) => r.peerMs, saturated),
      ...latencyRows('saturated: edit → ack', (r) => r.ackMs, saturated),
      [
        'edits the peer never saw',
        keel(paced).missing + keel(saturated).missing,
        bare(paced).missing + bare(saturated).missing,
        '',
      ],
    ],
  );
}

function reportSequential(result: Awaited<ReturnType<typeof measureSequentialAcks>>): void {
  const { keel, bare } = result.ackMs;
  console.log(`\nOne editor, one edit at a time (${SEQUENTIAL_EDITS} edits per target)\n`);
  printTable(
    ['figure', 'keel (journal committed)', 'bare (in memory)', 'ratio'],
    [50, 95, 99].map((q) => {
      const k = percentile(keel!, q);
      const b = percentile(bare!, q);
      return [`edit → ack p${q} ms`, fixed(k), fixed(b), ratio(k, b)];
    }),
  );
  console.log(
    `journal rows written for the ${result.acknowledged} acknowledged edits: ${result.journaled}`,
  );
}

function reportCrossProcess(result: {
  sameMs: number[];
  crossMs: number[];
  singleMs: number[];
}): void {
  console.log(
    `\nTwo Keel processes sharing Redis (edit on A; peers on A and on B) and one Keel process ` +
      `without Redis, ${SEQUENTIAL_EDITS} edits each, one at a time, alternating\n`,
  );
  printTable(
    ['figure', 'peer on B', 'peer on A', 'one process', 'B / one', 'A / one'],
    [50, 95, 99].map((q) => {
      const cross = percentile(result.crossMs, q);
      const same = percentile(result.sameMs, q);
      const single = percentile(result.singleMs, q);
      return [
        `edit → peer p${q} ms`,
        fixed(cross),
        fixed(same),
        fixed(single),
        ratio(cross, single),
        ratio(same, single),
      ];
    }),
  );
}

function reportColdLoad(result: LoadResult): void {
  const median = (values: number[]) => percentile(values, 50);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const heapAfter = (stored: 'journal' | 'snapshot') =>
    median(result.heap[stored].map((h) => h.after));
  const heapGrowth = (stored: 'journal' | 'snapshot') =>
    median(result.heap[stored].map((h) => h.after - h.before));

  console.log(
    `\nCold load of a timeline with ${result.updates.toLocaleString('en')} journaled updates ` +
      `(${mb(result.journalBytes)} of rows; snapshot ${kb(result.snapshotBytes)}), ` +
      `median of ${TURNS} fresh Keel processes each\n`,
  );
  printTable(
    ['stored as', 'keel: connect → synced', 'plain Y.applyUpdate', 'ratio', 'heap after', 'growth'],
    (['journal', 'snapshot'] as const).map((stored) => {
      const k = median(result.keel[stored]);
      const p = median(result.plain[stored]);
      return [
        stored === 'journal' ? 'journal rows only' : 'snapshot (compacted)',
        `${fixed(k, 0)} ms`,
        `${fixed(p, 0)} ms`,
        ratio(k, p),
        mb(heapAfter(stored)),
        mb(heapGrowth(stored)),
      ];
    }),
  );
}
