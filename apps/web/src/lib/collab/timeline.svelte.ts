import type * as Y from 'yjs';
import {
  listEntries,
  timelineEntries,
  type TimelineEntry,
  type TimelineEntryKind,
} from '@keel/collab';

/** Which entries the timeline shows. */
export interface TimelineFilter {
  pinnedOnly: boolean;
  /** One kind, or null for all. */
  kind: TimelineEntryKind | null;
}

/** The entries that pass the filter, in the order {@link listEntries} gives (by occurredAt). */
export function filterEntries(entries: TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  return entries.filter(
    (entry) => (!filter.pinnedOnly || entry.pinned) && (!filter.kind || entry.kind === filter.kind),
  );
}

/**
 * The entries of a timeline document as reactive plain data, read again after every change to
 * the document. A timeline holds hundreds of entries at most, so reading it whole is cheap and
 * keeps the order exactly the one every other reader of the document sees.
 */
export class TimelineEntries {
  entries = $state.raw<TimelineEntry[]>([]);

  #stop: () => void;

  constructor(doc: Y.Doc) {
    const root = timelineEntries(doc);
    const read = () => {
      this.entries = listEntries(doc);
    };

    read();
    root.observeDeep(read);
    this.#stop = () => root.unobserveDeep(read);
  }

  /** Stops following the document. */
  destroy(): void {
    this.#stop();
  }
}
