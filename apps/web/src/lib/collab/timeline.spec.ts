import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@keel/collab';
import { filterEntries } from './timeline.svelte';

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
