/**
 * A three-way merge of JSON documents, the counterpart of diff.ts: it brings a change request
 * written against an older version up to date with the version published since, keeping the
 * author's edits and the newer version's edits, and naming each place where the two collide.
 *
 * Like the diff, it knows no document type; it relies on the same keyed-list convention, so
 * items are matched by key wherever they moved.
 */

import {
  escapePathSegment,
  isJsonObject,
  jsonEqual,
  keyedListKeys,
  presentKeys,
  propertyOf,
  type JsonObject,
} from './diff.js';

/**
 * A place both sides changed in different ways. `undefined` stands for "absent" (a removed
 * property or list item), so these fields are left out when the conflict is stored as JSON.
 * For a conflict over the order of a keyed list, the path is the list's and the three values
 * are the lists of keys in each version's order.
 */
export interface MergeConflict {
  path: string;
  base: unknown;
  /** The value of the side being brought up to date; the merged document keeps it. */
  ours: unknown;
  theirs: unknown;
}

/** The outcome of {@link mergeDocuments}. */
export interface MergeResult {
  /** The merged document, sharing no objects with the inputs. */
  merged: unknown;
  /** Conflicts in document order; empty when the merge is clean. */
  conflicts: MergeConflict[];
}

/**
 * Merges the changes from `base` to `ours` with those from `base` to `theirs`. For a change
 * request being updated onto a newer version, `ours` is the request's document and `theirs`
 * the newer version.
 *
 * Value by value: what only one side changed is taken from it; what both changed alike is
 * taken; what both changed differently is a conflict, and the merged document keeps `ours` so
 * the author's work is never silently lost (even when "ours" is a removal).
 *
 * Objects merge property by property. Keyed lists (see `keyedListKeys`) merge item by item:
 * an item added on one side is kept, placed after the item it follows on that side; an item
 * removed on one side and untouched on the other is removed; removed on one side and changed
 * on the other is a conflict at the item's path. The order of the kept items follows the side
 * that reordered them; if both did, differently, that is a conflict at the list's path and
 * `ours` wins. Any other array is one value, so two different edits of a list of strings
 * conflict as a whole.
 *
 * The result is undefined only when the document itself is absent on the winning side.
 */
export function mergeDocuments(base: unknown, ours: unknown, theirs: unknown): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue('', base, ours, theirs, conflicts);

  return { merged: cloneJson(merged), conflicts };
}

function mergeValue(
  path: string,
  base: unknown,
  ours: unknown,
  theirs: unknown,
  conflicts: MergeConflict[],
): unknown {
  if (jsonEqual(ours, theirs) || jsonEqual(base, theirs)) {
    return ours;
  }

  if (jsonEqual(base, ours)) {
    return theirs;
  }

  if (isJsonObject(base) && isJsonObject(ours) && isJsonObject(theirs)) {
    return mergeObject(path, base, ours, theirs, conflicts);
  }

  if (Array.isArray(base) && Array.isArray(ours) && Array.isArray(theirs)) {
    const lists = keyedLists(base, ours, theirs);

    if (lists) {
      return mergeKeyedList(path, lists, conflicts);
    }
  }

  conflicts.push({ path, base, ours, theirs });

  return ours;
}

function mergeObject(
  path: string,
  base: JsonObject,
  ours: JsonObject,
  theirs: JsonObject,
  conflicts: MergeConflict[],
): JsonObject {
  const merged: JsonObject = {};
  const ourKeys = presentKeys(ours);
  const theirOnlyKeys = presentKeys(theirs).filter((key) => propertyOf(ours, key) === undefined);

  // Keys neither side has any more need no visit: removed on both sides, they stay removed.
  for (const key of [...ourKeys, ...theirOnlyKeys]) {
    const value = mergeValue(
      `${path}/${escapePathSegment(key)}`,
      propertyOf(base, key),
      propertyOf(ours, key),
      propertyOf(theirs, key),
      conflicts,
    );

    if (value !== undefined) {
      setProperty(merged, key, value);
    }
  }

  return merged;
}

/** One version of a keyed list: its items by key, and the keys in list order. */
interface KeyedList {
  keys: string[];
  items: Map<string, unknown>;
}

function keyedLists(
  base: unknown[],
  ours: unknown[],
  theirs: unknown[],
): { base: KeyedList; ours: KeyedList; theirs: KeyedList } | null {
  const read = (list: unknown[]): KeyedList | null => {
    const keys = keyedListKeys(list);

    return keys && { keys, items: new Map(keys.map((key, index) => [key, list[index]])) };
  };
  const [b, o, t] = [read(base), read(ours), read(theirs)];

  return b && o && t && { base: b, ours: o, theirs: t };
}

function mergeKeyedList(
  path: string,
  lists: { base: KeyedList; ours: KeyedList; theirs: KeyedList },
  conflicts: MergeConflict[],
): unknown[] {
  const { base, ours, theirs } = lists;
  const itemPath = (key: string) => `${path}/${escapePathSegment(key)}`;

  // An item survives when ours has it, or theirs added it, or theirs changed it (and then
  // ours, having removed it, wins the conflict); the last case is reported after the list.
  const survivors = new Set(ours.keys);
  const lostChanges: MergeConflict[] = [];

  for (const key of theirs.keys) {
    const before = base.items.get(key);
    const after = theirs.items.get(key);

    if (before === undefined) {
      survivors.add(key);
    } else if (!ours.items.has(key) && !jsonEqual(before, after)) {
      lostChanges.push({ path: itemPath(key), base: before, ours: undefined, theirs: after });
    }
  }

  // Removed by theirs, untouched by ours: honour the removal.
  for (const key of ours.keys) {
    const before = base.items.get(key);

    if (before !== undefined && !theirs.items.has(key) && jsonEqual(before, ours.items.get(key))) {
      survivors.delete(key);
    }
  }

  const order = mergeOrder(path, lists, survivors, conflicts);
  const merged: unknown[] = [];

  for (const key of order) {
    const mine = ours.items.get(key);
    const other = theirs.items.get(key);
    const before = base.items.get(key);

    if (mine !== undefined && other === undefined && before !== undefined) {
      // Changed by ours, removed by theirs.
      conflicts.push({ path: itemPath(key), base: before, ours: mine, theirs: undefined });
      merged.push(mine);
    } else {
      merged.push(mergeValue(itemPath(key), before, mine, other, conflicts));
    }
  }

  conflicts.push(...lostChanges);

  return merged;
}

/**
 * The order of the merged list. Items on all three versions keep the order of the side that
 * reordered them (ours when both did, with a conflict unless they agree); every other survivor
 * is then placed after its nearest predecessor on the side it comes from.
 */
function mergeOrder(
  path: string,
  lists: { base: KeyedList; ours: KeyedList; theirs: KeyedList },
  survivors: ReadonlySet<string>,
  conflicts: MergeConflict[],
): string[] {
  const { base, ours, theirs } = lists;
  const common = (list: KeyedList) =>
    list.keys.filter((key) => base.items.has(key) && ours.items.has(key) && theirs.items.has(key));
  const [baseOrder, ourOrder, theirOrder] = [common(base), common(ours), common(theirs)];
  const oursMoved = !jsonEqual(ourOrder, baseOrder);
  const theirsMoved = !jsonEqual(theirOrder, baseOrder);

  if (oursMoved && theirsMoved && !jsonEqual(ourOrder, theirOrder)) {
    conflicts.push({ path, base: base.keys, ours: ours.keys, theirs: theirs.keys });
  }

  const order = oursMoved ? ourOrder : theirsMoved ? theirOrder : baseOrder;
  const inserted = new Set<string>();

  for (const side of [ours, theirs]) {
    side.keys.forEach((key, index) => {
      if (!survivors.has(key) || order.includes(key)) {
        return;
      }

      const anchor = side.keys
        .slice(0, index)
        .reverse()
        .find((earlier) => order.includes(earlier));
      let position = anchor === undefined ? 0 : order.indexOf(anchor) + 1;

      // When both sides insert after the same item, ours come first: skip the items this side
      // does not know of that were inserted there before.
      while (position < order.length) {
        const next = order[position];

        if (next === undefined || !inserted.has(next) || side.items.has(next)) {
          break;
        }

        position += 1;
      }

      order.splice(position, 0, key);
      inserted.add(key);
    });
  }

  return order;
}

/** Sets a property even when its name is `__proto__`, which plain assignment would not do. */
function setProperty(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A deep copy of a JSON value, so callers may change the result without touching the inputs. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(cloneJson);
  }

  if (isJsonObject(value)) {
    const copy: JsonObject = {};

    for (const key of presentKeys(value)) {
      setProperty(copy, key, cloneJson(value[key]));
    }

    return copy;
  }

  return value;
}
