import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ENTRY_FIELDS,
  TIMELINE_LIMITS,
  addEntry,
  entryBody,
  listEntries,
  pinEntry,
  readEntry,
  restoreEntry,
  softDeleteEntry,
  timelineEntries,
  updateEntry,
  type NewTimelineEntry,
} from './timeline.js';
import { CollabShapeError, type AuthorRef } from './values.js';

const ada: AuthorRef = { kind: 'USER', id: '0190f0c4-0000-7000-8000-000000000001', name: 'Ada' };
const bot: AuthorRef = { kind: 'TOKEN', id: '0190f0c4-0000-7000-8000-000000000002', name: 'Bot' };

function note(overrides: Partial<NewTimelineEntry> = {}): NewTimelineEntry {
  return {
    occurredAt: '2026-03-01T10:00:00Z',
    kind: 'NOTE',
    source: 'PERSON',
    author: ada,
    ...overrides,
  };
}

/** Two replicas that exchange every update, as two connected editors would. */
function connectedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  });
  return [a, b];
}

/** Exchanges what each replica lacks, as a reconnect would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('addEntry', () => {
  it('writes an entry that reads back as plain data with normalised times', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, {
      ...note({
        occurredAt: '2026-03-01T11:00:00+01:00',
        createdAt: new Date('2026-03-01T10:05Z'),
      }),
      bodyText: 'Stripe webhook failing\nRetries exhausted',
      tags: ['payments', ' zapier ', 'payments'],
      evidence: [{ url: 'https://status.example.com/run/1', label: 'Run log' }],
    });

    expect(readEntry(doc, id)).toEqual({
      id,
      occurredAt: '2026-03-01T10:00:00.000Z',
      createdAt: '2026-03-01T10:05:00.000Z',
      kind: 'NOTE',
      source: 'PERSON',
      author: ada,
      bodyText: 'Stripe webhook failing\nRetries exhausted',
      pinned: false,
      tags: ['payments', 'zapier'],
      evidence: [{ url: 'https://status.example.com/run/1', label: 'Run log' }],
      deleted: false,
      deletedAt: null,
      deletedBy: null,
    });
  });

  it('lays the body out as Tiptap paragraphs in a Y.XmlFragment', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, note({ bodyText: 'first\nsecond' }));

    const body = entryBody(doc, id);
    expect(body).toBeInstanceOf(Y.XmlFragment);
    expect(body.toString()).toBe('<paragraph>first</paragraph><paragraph>second</paragraph>');
  });

  it('writes the whole entry in one update', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => (updates += 1));

    addEntry(doc, note({ bodyText: 'one', tags: ['a'] }));

    expect(updates).toBe(1);
  });

  it('generates distinct ids unless given one', () => {
    const doc = new Y.Doc();
    const first = addEntry(doc, note());
    const second = addEntry(doc, note());

    expect(first).not.toBe(second);
    expect(addEntry(doc, note({ id: 'signal-42' }))).toBe('signal-42');
  });

  it.each<[string, Partial<NewTimelineEntry>]>([
    ['an unknown kind', { kind: 'GOSSIP' as never }],
    ['an unknown source', { source: 'RUMOUR' as never }],
    ['an invalid time', { occurredAt: 'yesterday-ish' }],
    ['an author without a name', { author: { kind: 'USER', id: ada.id, name: '' } }],
    ['a person without an id', { author: { kind: 'USER', id: null, name: 'Ada' } }],
    ['an id with a slash', { id: 'a/b' }],
    ['a javascript: link', { evidence: [{ url: 'javascript:alert(1)', label: 'x' }] }],
    ['a link that is not a URL', { evidence: [{ url: 'see the log', label: 'x' }] }],
    ['an empty tag', { tags: ['  '] }],
    ['a long tag', { tags: ['x'.repeat(TIMELINE_LIMITS.maxTagLength + 1)] }],
    [
      'too many tags',
      { tags: Array.from({ length: TIMELINE_LIMITS.maxTags + 1 }, (_, i) => `t${i}`) },
    ],
  ])('refuses %s and writes nothing', (_label, overrides) => {
    const doc = new Y.Doc();
    const before = Y.encodeStateVector(doc);

    expect(() => addEntry(doc, note(overrides))).toThrow(CollabShapeError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses an id that is already in use', () => {
    const doc = new Y.Doc();
    addEntry(doc, note({ id: 'same' }));

    expect(() => addEntry(doc, note({ id: 'same', bodyText: 'other' }))).toThrow(/already exists/);
    expect(readEntry(doc, 'same')?.bodyText).toBe('');
  });
});

describe('listEntries', () => {
  it('orders by when things happened, then by id, so backdated entries slot in', () => {
    const doc = new Y.Doc();
    addEntry(doc, note({ id: 'b', occurredAt: '2026-03-01T10:00:00Z' }));
    addEntry(doc, note({ id: 'c', occurredAt: '2026-03-01T09:00:00Z' }));
    addEntry(doc, note({ id: 'a', occurredAt: '2026-03-01T10:00:00Z' }));

    expect(listEntries(doc).map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
  });

  it('leaves out deleted entries unless asked', () => {
    const doc = new Y.Doc();
    const kept = addEntry(doc, note());
    const gone = addEntry(doc, note());
    softDeleteEntry(doc, gone, ada, '2026-03-01T12:00:00Z');

    expect(listEntries(doc).map((entry) => entry.id)).toEqual([kept]);
    expect(listEntries(doc, { includeDeleted: true })).toHaveLength(2);
  });

  it('skips entries a crafted update left malformed', () => {
    const doc = new Y.Doc();
    const good = addEntry(doc, note());
    doc.transact(() => {
      const entries = timelineEntries(doc) as unknown as Y.Map<unknown>;
      entries.set('not-a-map', 'hello');
      const broken = new Y.Map<unknown>();
      entries.set('no-author', broken);
      broken.set(ENTRY_FIELDS.occurredAt, '2026-03-01T10:00:00Z');
      broken.set(ENTRY_FIELDS.kind, 'NOTE');
    });

    expect(listEntries(doc).map((entry) => entry.id)).toEqual([good]);
    expect(readEntry(doc, 'not-a-map')).toBeNull();
    expect(readEntry(doc, 'no-author')).toBeNull();
  });
});

describe('updateEntry', () => {
  it('changes the time and kind but never the author', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, note());

    updateEntry(doc, id, { occurredAt: '2026-03-01T08:30:00Z', kind: 'DECISION' });

    expect(readEntry(doc, id)).toMatchObject({
      occurredAt: '2026-03-01T08:30:00.000Z',
      kind: 'DECISION',
      author: ada,
    });
  });

  it('keeps both of two concurrent changes to different fields', () => {
    const [a, b] = connectedPair();
    const id = addEntry(a, note());
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(b));

    updateEntry(b, id, { kind: 'ACTION' });
    pinEntry(offline, id);
    sync(b, offline);

    expect(readEntry(a, id)).toMatchObject({ kind: 'ACTION', pinned: true });
    expect(readEntry(offline, id)).toEqual(readEntry(a, id));
  });

  it('keeps a tag added elsewhere while this replica replaced the list', () => {
    const a = new Y.Doc();
    const id = addEntry(a, note({ tags: ['payments', 'stripe'] }));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    updateEntry(a, id, { tags: ['payments'] });
    updateEntry(b, id, { tags: ['payments', 'stripe', 'webhook'] });
    sync(a, b);

    expect(readEntry(a, id)?.tags.sort()).toEqual(['payments', 'webhook']);
    expect(readEntry(b, id)).toEqual(readEntry(a, id));
  });

  it('refuses an unknown entry', () => {
    expect(() => updateEntry(new Y.Doc(), 'missing', { kind: 'NOTE' })).toThrow(CollabShapeError);
  });
});

describe('softDeleteEntry', () => {
  it('marks the entry with who and when, and restoreEntry undoes it', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, note({ bodyText: 'wrong incident' }));

    softDeleteEntry(doc, id, bot, '2026-03-01T12:00:00Z');
    expect(readEntry(doc, id)).toMatchObject({
      deleted: true,
      deletedAt: '2026-03-01T12:00:00.000Z',
      deletedBy: bot,
      bodyText: 'wrong incident',
    });
    expect(timelineEntries(doc).has(id)).toBe(true);

    restoreEntry(doc, id);
    expect(readEntry(doc, id)).toMatchObject({ deleted: false, deletedAt: null, deletedBy: null });
  });
});

describe('reading untrusted content', () => {
  it('drops evidence links that are not http(s), however they were written', () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, note());
    const evidence = timelineEntries(doc).get(id)!.get(ENTRY_FIELDS.evidence) as Y.Array<unknown>;
    evidence.push([
      { url: 'javascript:alert(1)', label: 'click' },
      { url: 'https://ok.example/x', label: 'ok' },
      'not an object',
    ]);

    expect(readEntry(doc, id)?.evidence).toEqual([{ url: 'https://ok.example/x', label: 'ok' }]);
  });
});
