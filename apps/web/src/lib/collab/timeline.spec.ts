import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEntry,
  entryBody,
  pinEntry,
  softDeleteEntry,
  type AuthorRef,
  type TimelineEntry,
} from '@keel/collab';
import { TimelineEntries, filterEntries, newestEntries, withServerCopy } from './timeline.svelte';

function entry(id: string, patch: Partial<TimelineEntry>): TimelineEntry {
  return {
    id,
    occurredAt: '2025-01-01T00:00:00.000Z',
    createdAt: '2025-01-01T00:00:00.000Z',
    kind: 'NOTE',
    source: 'PERSON',
    author: { kind: 'USER', id: 'u', name: 'Ada' },
    bodyText: '',
    pinned: false,
    tags: [],
    evidence: [],
    deleted: false,
    deletedAt: null,
    deletedBy: null,
    ...patch,
  };
}

describe('filterEntries', () => {
  const entries = [
    entry('a', { pinned: true }),
    entry('b', { kind: 'DECISION' }),
    entry('c', { kind: 'DECISION', pinned: true }),
  ];

  it('keeps every entry without a filter', () => {
    expect(filterEntries(entries, { pinnedOnly: false, kind: null })).toHaveLength(3);
  });

  it('keeps pinned entries of one kind when both filters are on', () => {
    const shown = filterEntries(entries, { pinnedOnly: true, kind: 'DECISION' });
    expect(shown.map((e) => e.id)).toEqual(['c']);
  });
});

describe('newestEntries', () => {
  const entries = ['a', 'b', 'c', 'd'].map((id) => entry(id, {}));

  it('keeps the last entries, which are the newest', () => {
    expect(newestEntries(entries, 2).map((e) => e.id)).toEqual(['c', 'd']);
  });

  it('keeps every entry when there are fewer than the window', () => {
    expect(newestEntries(entries, 10)).toBe(entries);
  });
});

describe('withServerCopy', () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();
  const serverCopy = [entry('a', { occurredAt: at(1) }), entry('b', { occurredAt: at(2) })];

  it('shows the server’s entries while the document holds none of them', () => {
    expect(withServerCopy([], serverCopy, () => false)).toEqual(serverCopy);
  });

  it('shows a live entry instead of the server’s copy of it, in timeline order', () => {
    const liveB = entry('b', { occurredAt: at(2), pinned: true });
    const added = entry('c', { occurredAt: at(0) });
    const held = new Set(['b', 'c']);

    const shown = withServerCopy([added, liveB], serverCopy, (id) => held.has(id));

    expect(shown.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(shown[2]).toBe(liveB);
  });

  it('leaves out an entry the document holds as deleted', () => {
    expect(withServerCopy([], serverCopy, (id) => id === 'a').map((e) => e.id)).toEqual(['b']);
  });

  it('returns the live list itself once the document holds every entry', () => {
    const live = [entry('a', {}), entry('b', {})];
    expect(withServerCopy(live, serverCopy, () => true)).toBe(live);
  });
});

describe('TimelineEntries', () => {
  const ada: AuthorRef = { kind: 'USER', id: 'u1', name: 'Ada' };

  function timelineWith(count: number) {
    const doc = new Y.Doc();
    const ids = Array.from({ length: count }, (_, i) =>
      addEntry(doc, {
        kind: 'NOTE',
        source: 'PERSON',
        author: ada,
        occurredAt: new Date(Date.UTC(2025, 0, 1, 9, i)),
        bodyText: `Entry ${i}`,
      }),
    );
    return { doc, ids, timeline: new TimelineEntries(doc) };
  }

  it('reads every entry, oldest first', () => {
    const { ids, timeline } = timelineWith(3);

    expect(timeline.entries.map((e) => e.id)).toEqual(ids);
  });

  it('reads again only the entry a change touched, and keeps the others as they were', () => {
    const { doc, ids, timeline } = timelineWith(3);
    const before = timeline.entries;

    pinEntry(doc, ids[1]!);

    expect(timeline.entries[1]!.pinned).toBe(true);
    expect(timeline.entries[1]).not.toBe(before[1]);
    expect(timeline.entries[0]).toBe(before[0]);
    expect(timeline.entries[2]).toBe(before[2]);
  });

  it('follows text typed into an entry’s body', () => {
    const { doc, ids, timeline } = timelineWith(2);
    const paragraph = entryBody(doc, ids[0]!).get(0) as Y.XmlElement;

    (paragraph.get(0) as Y.XmlText).insert('Entry 0'.length, ', then more');

    expect(timeline.entries[0]!.bodyText).toBe('Entry 0, then more');
  });

  it('places a new entry by when it happened, and drops a deleted one', () => {
    const { doc, ids, timeline } = timelineWith(2);

    const early = addEntry(doc, {
      kind: 'SIGNAL',
      source: 'PERSON',
      author: ada,
      occurredAt: new Date(Date.UTC(2024, 11, 31)),
      bodyText: 'Backdated',
    });
    softDeleteEntry(doc, ids[1]!, ada);

    expect(timeline.entries.map((e) => e.id)).toEqual([early, ids[0]]);
  });

  it('picks up entries that arrive in an update from elsewhere', () => {
    const { doc, timeline } = timelineWith(1);
    const { doc: other } = timelineWith(2);

    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));

    expect(timeline.entries).toHaveLength(3);
  });

  it('holds a deleted entry too, so the server’s copy cannot bring it back', () => {
    const { doc, ids, timeline } = timelineWith(2);

    softDeleteEntry(doc, ids[0]!, ada);

    expect(timeline.holds(ids[0]!)).toBe(true);
    expect(timeline.holds('elsewhere')).toBe(false);
  });

  it('stops following the document once destroyed', () => {
    const { doc, ids, timeline } = timelineWith(1);

    timeline.destroy();
    pinEntry(doc, ids[0]!);

    expect(timeline.entries[0]!.pinned).toBe(false);
  });
});
