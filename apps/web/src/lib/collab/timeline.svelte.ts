import type * as Y from 'yjs';
import {
  compareEntries,
  readEntry,
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
 * Entries shown at first, newest last; earlier ones are a click away. Rendering every entry of a
 * long incident made the war room take well over a second to become usable (500 entries).
 * @default 100
 */
export const TIMELINE_WINDOW = 100;

/** The last `count` of `entries`: the newest, since entries are ordered oldest first. */
export function newestEntries(entries: TimelineEntry[], count: number): TimelineEntry[] {
  return entries.length <= count ? entries : entries.slice(entries.length - count);
}

/**
 * The live entries, plus the entries of the server's copy that the live document does not hold
 * yet, in the order {@link listEntries} gives. The server renders the war room with its newest
 * entries; until the document has arrived they stay on the page, each handing over to the live
 * entry as the document brings it. One the document holds as deleted is not brought back.
 */
export function withServerCopy(
  live: TimelineEntry[],
  serverCopy: readonly TimelineEntry[],
  holds: (id: string) => boolean,
): TimelineEntry[] {
  const missing = serverCopy.filter((entry) => !holds(entry.id));
  return missing.length === 0 ? live : [...live, ...missing].sort(compareEntries);
}

/**
 * The live (not deleted) entries of a timeline document as reactive plain data, in the order
 * `listEntries` gives, kept up to date as the document changes.
 *
 * Only the entries a change touched are read again; every other entry keeps its object, so
 * the page updates one item instead of all of them. Reading the whole timeline on each change
 * made a remote edit take about 200 ms to show at 500 entries.
 */
export class TimelineEntries {
  entries = $state.raw<TimelineEntry[]>([]);

  readonly #doc: Y.Doc;
  readonly #live = new Map<string, TimelineEntry>();
  #stop: () => void;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    const root = timelineEntries(doc);
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      this.#reread(changedIds(root, events));
    };

    this.#reread(root.keys());
    root.observeDeep(onChange);
    this.#stop = () => root.unobserveDeep(onChange);
  }

  /** Whether the document holds the entry `id`, deleted or not. */
  holds(id: string): boolean {
    return timelineEntries(this.#doc).has(id);
  }

  /** Stops following the document. */
  destroy(): void {
    this.#stop();
  }

  #reread(ids: Iterable<string>): void {
    for (const id of ids) {
      const entry = readEntry(this.#doc, id);
      if (entry && !entry.deleted) this.#live.set(id, entry);
      else this.#live.delete(id);
    }
    this.entries = [...this.#live.values()].sort(compareEntries);
  }
}

/** The ids of the entries that `events` (from observing the root map deeply) touched. */
function changedIds(root: object, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === root) {
      for (const key of event.keys.keys()) ids.add(key);
      continue;
    }
    // A change inside an entry: the first step of its path from the root is the entry's id.
    const [id] = event.path;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}
