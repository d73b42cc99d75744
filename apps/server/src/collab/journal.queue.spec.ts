import { describe, expect, it } from 'vitest';
import { JournalQueue, type BatchWriter } from './journal.queue.js';
import type { AppendResult, DocumentKey, PendingUpdate } from './journal.store.js';

const timeline: DocumentKey = { organizationId: 'org-a', name: 'incident/1/timeline' };
const postmortem: DocumentKey = { organizationId: 'org-a', name: 'incident/1/postmortem' };

/** A statement sent by the queue, settled by the test. */
interface Statement {
  key: DocumentKey;
  updates: readonly PendingUpdate[];
  commit(): void;
  fail(error: Error): void;
}

/**
 * A writer that holds every statement in flight until the test commits or fails it, numbering
 * rows per document as the journal does (only on commit).
 */
function heldWriter(): { write: BatchWriter; statements: Statement[] } {
  const statements: Statement[] = [];
  const lastSeq = new Map<string, number>();
  const write: BatchWriter = (key, updates) =>
    new Promise<AppendResult[]>((resolve, reject) => {
      statements.push({
        key,
        updates,
        commit: () => {
          const first = (lastSeq.get(key.name) ?? 0) + 1;
          lastSeq.set(key.name, first + updates.length - 1);
          resolve(updates.map((_update, index) => ({ seq: first + index, unsnapshotted: 0 })));
        },
        fail: reject,
      });
    });
  return { write, statements };
}

function update(label: string, bytes = 1): PendingUpdate {
  const data = new Uint8Array(bytes);
  data[0] = label.charCodeAt(0);
  return { data, author: { kind: 'USER', id: label } };
}

function authorsOf(statement: Statement | undefined): (string | null)[] {
  return statement?.updates.map((pending) => pending.author.id) ?? [];
}

/** Lets every settled promise's callbacks run. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** Records when a promise settles, and how. */
function watch<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; value?: T } {
  const watched: { state: 'pending' | 'resolved' | 'rejected'; value?: T } = { state: 'pending' };
  void promise.then(
    (value) => Object.assign(watched, { state: 'resolved', value }),
    () => Object.assign(watched, { state: 'rejected' }),
  );
  return watched;
}

describe('batching', () => {
  it('writes the first update at once and those arriving meanwhile in one statement', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const first = queue.append(timeline, update('a'));
    expect(authorsOf(statements[0])).toEqual(['a']);
    const queued = ['b', 'c', 'd'].map((label) => queue.append(timeline, update(label)));
    expect(statements).toHaveLength(1);

    statements[0]!.commit();
    await settle();
    expect(statements).toHaveLength(2);
    expect(authorsOf(statements[1])).toEqual(['b', 'c', 'd']);

    statements[1]!.commit();
    expect((await first).seq).toBe(1);
    expect((await Promise.all(queued)).map((result) => result.seq)).toEqual([2, 3, 4]);
  });

  it('keeps arrival order across batches', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write, maxBatchUpdates: 2 });

    const labels = ['a', 'b', 'c', 'd', 'e', 'f'];
    const appended = labels.map((label) => queue.append(timeline, update(label)));
    for (let index = 0; index < 4; index += 1) {
      statements[index]!.commit();
      await settle();
    }

    expect(statements.map(authorsOf)).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f']]);
    expect((await Promise.all(appended)).map((result) => result.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('cuts a batch before it passes maxBatchBytes; a larger update goes alone', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write, maxBatchBytes: 10 });

    const sizes = { a: 1, b: 4, c: 6, d: 11, e: 1 };
    for (const [label, bytes] of Object.entries(sizes)) {
      void queue.append(timeline, update(label, bytes));
    }
    for (let index = 0; index < 4; index += 1) {
      statements[index]!.commit();
      await settle();
    }

    expect(statements.map(authorsOf)).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
  });
});

describe('durability', () => {
  it('settles an update only once the statement holding it has committed', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const first = watch(queue.append(timeline, update('a')));
    const second = watch(queue.append(timeline, update('b')));
    await settle();
    expect([first.state, second.state]).toEqual(['pending', 'pending']);

    statements[0]!.commit();
    await settle();
    expect([first.state, second.state]).toEqual(['resolved', 'pending']);

    statements[1]!.commit();
    await settle();
    expect(second.state).toBe('resolved');
  });

  it('rejects every update of a failed statement and those waiting behind it', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const first = queue.append(timeline, update('a'));
    const failed = ['b', 'c'].map((label) => watch(queue.append(timeline, update(label))));
    statements[0]!.commit();
    await first;
    const behind = watch(queue.append(timeline, update('d')));
    statements[1]!.fail(new Error('connection terminated'));
    await settle();

    expect([...failed, behind].map((watched) => watched.state)).toEqual([
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(statements).toHaveLength(2);
    expect(queue.busyDocumentCount).toBe(0);
  });

  it('writes the next update normally once a failed statement has settled', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const failed = watch(queue.append(timeline, update('a')));
    statements[0]!.fail(new Error('connection terminated'));
    await settle();
    const next = watch(queue.append(timeline, update('b')));
    statements[1]!.commit();
    await settle();

    expect(failed.state).toBe('rejected');
    expect(next).toEqual({ state: 'resolved', value: { seq: 1, unsnapshotted: 0 } });
  });

  it('rejects an update whose writer throws before returning a promise', async () => {
    const queue = new JournalQueue({
      write: () => {
        throw new Error('pool closed');
      },
    });

    await expect(queue.append(timeline, update('a'))).rejects.toThrow('pool closed');
    expect(queue.busyDocumentCount).toBe(0);
  });
});

describe('documents', () => {
  it('writes each document on its own: a stalled statement holds up no other', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const stalled = watch(queue.append(timeline, update('a')));
    const other = queue.append(postmortem, update('b'));
    expect(statements.map((statement) => statement.key)).toEqual([timeline, postmortem]);

    statements[1]!.commit();
    expect(await other).toEqual({ seq: 1, unsnapshotted: 0 });
    expect(stalled.state).toBe('pending');
  });

  it('keeps the same name of two tenants apart', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    void queue.append(timeline, update('a'));
    void queue.append({ ...timeline, organizationId: 'org-b' }, update('b'));

    expect(statements.map((statement) => statement.key.organizationId)).toEqual(['org-a', 'org-b']);
  });

  it('forgets a document once nothing of it waits', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    const appended = [queue.append(timeline, update('a')), queue.append(postmortem, update('b'))];
    expect(queue.busyDocumentCount).toBe(2);
    for (const statement of statements) statement.commit();
    await Promise.all(appended);
    await settle();

    expect(queue.busyDocumentCount).toBe(0);
  });
});

describe('idle', () => {
  it('resolves at once for a document with nothing to write', async () => {
    const queue = new JournalQueue({ write: heldWriter().write });

    await expect(queue.idle(timeline)).resolves.toBeUndefined();
  });

  it('waits for updates queued after it was asked, not for other documents', async () => {
    const { write, statements } = heldWriter();
    const queue = new JournalQueue({ write });

    void queue.append(timeline, update('a'));
    void queue.append(postmortem, update('p'));
    const idle = watch(queue.idle(timeline));
    const failed = watch(queue.append(timeline, update('b')));

    statements[0]!.commit();
    await settle();
    expect(idle.state).toBe('pending');

    statements[2]!.fail(new Error('deadlock detected'));
    await settle();
    expect([idle.state, failed.state]).toEqual(['resolved', 'rejected']);
    expect(statements[1]!.key).toEqual(postmortem);
  });
});
