import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckConstraintViolationException } from '@mikro-orm/postgresql';
import { timelineDocumentName } from '@keel/collab';
import { inTransaction } from '../db/unit-of-work.js';
import { keyOf } from '../ids.js';
import { sqlStatementCounter } from '../db/statement-counter.js';
import { incidentKey } from '../test-support/collab.js';
import { createOrganization, declareIncident } from '../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import {
  appendUpdate,
  appendUpdates,
  journalPosition,
  registerDocument,
  type DocumentKey,
  type PendingUpdate,
  type UpdateAuthor,
} from './journal.store.js';

let keel: TestKeel;
let organizationId: string;
let admin: Awaited<ReturnType<typeof createOrganization>>['admin'];

beforeAll(async () => {
  keel = await startTestKeel();
  const acme = await createOrganization(keel);
  organizationId = keyOf(acme.organizationId, 'Organization')!;
  admin = acme.admin;
});

afterAll(async () => {
  await keel?.close();
});

const system: UpdateAuthor = { kind: 'SYSTEM', id: null };

/** A registered timeline nobody has opened. */
async function newDocument(): Promise<DocumentKey> {
  const incidentId = incidentKey((await declareIncident(admin.client)).id);
  const key = { name: timelineDocumentName(incidentId), organizationId };
  await registerDocument(keel.orm.em.fork(), key, incidentId, 'timeline');
  return key;
}

function pending(...bytes: number[]): PendingUpdate {
  return { data: Uint8Array.from(bytes), author: system };
}

async function storedRows(key: DocumentKey) {
  return keel.sql<{ seq: string; data: Buffer; author_kind: string }>(
    'select seq, data, author_kind from collab_update where document_name = $1 order by seq',
    [key.name],
  );
}

describe('appendUpdates', () => {
  it('numbers a batch in the order given, whatever the batch sizes before it', async () => {
    const key = await newDocument();
    const em = keel.orm.em.fork();

    await appendUpdates(em, key, [pending(1)]);
    const results = await appendUpdates(em, key, [pending(2, 2), pending(3), pending(4, 4, 4)]);

    expect(results).toEqual([
      { seq: 2, unsnapshotted: 2 },
      { seq: 3, unsnapshotted: 3 },
      { seq: 4, unsnapshotted: 4 },
    ]);
    const rows = await storedRows(key);
    expect(rows.map((row) => [Number(row.seq), [...row.data]])).toEqual([
      [1, [1]],
      [2, [2, 2]],
      [3, [3]],
      [4, [4, 4, 4]],
    ]);
    expect((await journalPosition(em, key))?.lastSeq).toBe(4);
  });

  it('stores the bytes of a view into a larger buffer, not the whole buffer', async () => {
    const key = await newDocument();
    const message = Uint8Array.from([9, 9, 5, 6, 7, 9]);

    await appendUpdate(keel.orm.em.fork(), key, message.subarray(2, 5), system);

    expect([...(await storedRows(key))[0]!.data]).toEqual([5, 6, 7]);
  });

  it('is rolled back with the transaction it was given', async () => {
    const key = await newDocument();

    const failed = inTransaction(keel.orm.em.fork(), async (tx) => {
      await appendUpdate(tx, key, Uint8Array.from([1]), system);
      throw new Error('the audit record could not be written');
    });

    await expect(failed).rejects.toThrow('the audit record could not be written');
    expect(await storedRows(key)).toEqual([]);
    expect((await journalPosition(keel.orm.em.fork(), key))?.lastSeq).toBe(0);
  });

  it('throws for a document that is not registered, storing nothing', async () => {
    const key = { name: 'incident/00000000-0000-0000-0000-000000000000/timeline', organizationId };

    await expect(
      appendUpdate(keel.orm.em.fork(), key, Uint8Array.from([1]), system),
    ).rejects.toThrow('is not registered');
  });

  it("raises the database's refusal as MikroORM's exception, storing nothing", async () => {
    const key = await newDocument();
    const robot = { kind: 'ROBOT', id: null } as unknown as UpdateAuthor;

    const refused = appendUpdates(keel.orm.em.fork(), key, [
      pending(1),
      { ...pending(2), author: robot },
    ]);

    await expect(refused).rejects.toBeInstanceOf(CheckConstraintViolationException);
    expect(await storedRows(key)).toEqual([]);
  });

  it('counts as one SQL statement per batch', async () => {
    const key = await newDocument();
    const before = sqlStatementCounter.count;

    await appendUpdates(keel.orm.em.fork(), key, [pending(1), pending(2), pending(3)]);

    expect(sqlStatementCounter.count - before).toBe(1);
  });
});
