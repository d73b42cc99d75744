/**
 * A structural diff of JSON documents, written for playbooks and approval policies but knowing
 * neither: it relies only on the convention of document.ts that discussable list items carry a
 * stable key. That keeps one diff for both documents, and for fields added to them later.
 *
 * Paths follow JSON Pointer (RFC 6901) except that an item of a keyed list is named by its key
 * instead of its index, so a path keeps pointing at the same step when other steps move.
 */

import type { ChangeOperation, DocumentChange } from './document.js';

/** A JSON object, as opposed to an array or a primitive. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Escapes a key or id for use as one path segment: `~` becomes `~0` and `/` becomes `~1`, in
 * that order, as JSON Pointer requires, so that `a/b` cannot be mistaken for two segments.
 */
export function escapePathSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Splits a path into its unescaped segments; the empty path (the whole document) has none. */
export function splitPath(path: string): string[] {
  if (path === '') {
    return [];
  }

  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Whether two JSON values are equal: same primitives, arrays equal item by item, objects with
 * the same properties whatever their order. A property whose value is `undefined` counts as
 * absent, as it would after a trip through JSON.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }

  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }

    return a.every((item, index) => jsonEqual(item, b[index]));
  }

  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = presentKeys(a);

    if (keys.length !== presentKeys(b).length) {
      return false;
    }

    return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }

  return false;
}

/** The keys of `object` that hold a value, in the object's own order. */
export function presentKeys(object: JsonObject): string[] {
  return Object.keys(object).filter((key) => object[key] !== undefined);
}

/** The value of an own property, or `undefined`; inherited properties never count. */
export function propertyOf(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * The key an item of a keyed list goes by: its `id` when that is a string, otherwise its
 * `riskLevel` (approval rules have no id, one rule per level), otherwise null.
 */
export function itemKey(item: unknown): string | null {
  if (!isJsonObject(item)) {
    return null;
  }

  const id = propertyOf(item, 'id');

  if (typeof id === 'string') {
    return id;
  }

  const riskLevel = propertyOf(item, 'riskLevel');

  return typeof riskLevel === 'string' ? riskLevel : null;
}

/**
 * The keys of `value` in order when it is a keyed list: an array whose every item has a key
 * (see {@link itemKey}) and no key twice. Returns null for anything else, which is then
 * compared as a whole value. An empty array is a keyed list, so adding the first step to an
 * empty module still reads as "step added".
 */
export function keyedListKeys(value: unknown): string[] | null {
  if (!Array.isArray(value)) {
    return null;
  }

  const keys: string[] = [];
  const seen = new Set<string>();

  for (const item of value) {
    const key = itemKey(item);

    if (key === null || seen.has(key)) {
      return null;
    }

    seen.add(key);
    keys.push(key);
  }

  return keys;
}

/**
 * Lists the differences between two versions of a document, in document order: properties in
 * the order of `after` followed by those only `before` has, list items in the order of `after`
 * with removed items where they used to stand.
 *
 * - Objects are compared property by property: ADDED, REMOVED, or differences inside.
 * - Keyed lists (see {@link keyedListKeys}) report items ADDED, REMOVED or MOVED, and
 *   differences inside kept items under `<list path>/<key>`. MOVED is reported only for items
 *   whose order relative to the other kept items changed: the largest set of kept items still
 *   in their old relative order stays put, so one insertion does not make every later item
 *   "moved". A MOVED change carries the old and new indexes.
 * - Anything else that differs (primitives, other arrays, a change of type) is one CHANGED.
 *
 * Values in the changes are shared with the inputs, not copied. Equal documents give `[]`.
 */
export function diffDocuments(before: unknown, after: unknown): DocumentChange[] {
  const changes: DocumentChange[] = [];

  diffValue('', before, after, changes);

  return changes;
}

function diffValue(path: string, before: unknown, after: unknown, out: DocumentChange[]): void {
  if (jsonEqual(before, after)) {
    return;
  }

  if (isJsonObject(before) && isJsonObject(after)) {
    diffObject(path, before, after, out);
    return;
  }

  const beforeKeys = keyedListKeys(before);
  const afterKeys = keyedListKeys(after);

  if (beforeKeys && afterKeys && Array.isArray(before) && Array.isArray(after)) {
    diffKeyedList(path, before, beforeKeys, after, afterKeys, out);
    return;
  }

  out.push({ operation: 'CHANGED', path, before, after });
}

function diffObject(
  path: string,
  before: JsonObject,
  after: JsonObject,
  out: DocumentChange[],
): void {
  for (const key of presentKeys(after)) {
    const childPath = `${path}/${escapePathSegment(key)}`;
    const old = propertyOf(before, key);

    if (old === undefined) {
      out.push({ operation: 'ADDED', path: childPath, after: after[key] });
    } else {
      diffValue(childPath, old, after[key], out);
    }
  }

  for (const key of presentKeys(before)) {
    if (propertyOf(after, key) === undefined) {
      out.push({
        operation: 'REMOVED',
        path: `${path}/${escapePathSegment(key)}`,
        before: before[key],
      });
    }
  }
}

function diffKeyedList(
  path: string,
  before: unknown[],
  beforeKeys: string[],
  after: unknown[],
  afterKeys: string[],
  out: DocumentChange[],
): void {
  const oldIndex = new Map(beforeKeys.map((key, index) => [key, index]));
  const newKeys = new Set(afterKeys);
  const keptOldIndexes = afterKeys.flatMap((key) => {
    const index = oldIndex.get(key);
    return index === undefined ? [] : [index];
  });
  const staying = new Set(longestIncreasingSubsequence(keptOldIndexes));
  const itemPath = (key: string) => `${path}/${escapePathSegment(key)}`;

  // Removed items are reported just before the next item that stayed in place after them, which
  // is where a reader of both versions side by side would look for them.
  let nextRemoved = 0;
  const reportRemovedBefore = (limit: number) => {
    for (; nextRemoved < limit; nextRemoved += 1) {
      const key = beforeKeys[nextRemoved];

      if (key !== undefined && !newKeys.has(key)) {
        out.push({ operation: 'REMOVED', path: itemPath(key), before: before[nextRemoved] });
      }
    }
  };

  afterKeys.forEach((key, newIndex) => {
    const index = oldIndex.get(key);

    if (index === undefined) {
      out.push({ operation: 'ADDED', path: itemPath(key), after: after[newIndex] });
      return;
    }

    if (staying.has(index)) {
      reportRemovedBefore(index);
    } else {
      out.push({ operation: 'MOVED', path: itemPath(key), before: index, after: newIndex });
    }

    diffValue(itemPath(key), before[index], after[newIndex], out);
  });

  reportRemovedBefore(beforeKeys.length);
}

/**
 * One longest strictly increasing subsequence of `values` (distinct list indexes here), as the
 * values themselves. Patience sorting, O(n log n); the result is deterministic.
 */
function longestIncreasingSubsequence(values: readonly number[]): number[] {
  // tailValues[k] is the smallest last value of any increasing run of length k + 1 seen so far,
  // tailPositions[k] where it sits in `values`; previous[i] links position i to its run.
  const tailValues: number[] = [];
  const tailPositions: number[] = [];
  const previous: number[] = [];

  values.forEach((value, position) => {
    let low = 0;
    let high = tailValues.length;

    while (low < high) {
      const middle = (low + high) >> 1;

      if ((tailValues[middle] ?? Infinity) < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }

    previous.push(low > 0 ? (tailPositions[low - 1] ?? -1) : -1);
    tailValues[low] = value;
    tailPositions[low] = position;
  });

  const result: number[] = [];

  for (let position = tailPositions.at(-1) ?? -1; position >= 0;) {
    const value = values[position];

    if (value !== undefined) {
      result.push(value);
    }

    position = previous[position] ?? -1;
  }

  return result.reverse();
}

/** Counts of a change list, for headlines such as "3 changes in contain and fix". */
export interface ChangeSummary {
  /** How many changes of each operation. */
  counts: Record<ChangeOperation, number>;
  /** How many changes in all. */
  total: number;
  /**
   * The parts of the document touched, as paths, in the order first touched: an item of the
   * top-level `modules` or `rules` list (`/modules/contain`, `/rules/HIGH`), otherwise a
   * top-level property (`/title`, `/triggers`, `/modules` when the list is not keyed).
   */
  areas: string[];
}

/** Top-level lists whose items are areas of their own: a playbook's modules, a policy's rules. */
const ITEMIZED_LISTS: ReadonlySet<string> = new Set(['modules', 'rules']);

/** Counts changes by operation and names the areas of the document they touch. */
export function summariseChanges(changes: readonly DocumentChange[]): ChangeSummary {
  const counts: Record<ChangeOperation, number> = { ADDED: 0, REMOVED: 0, MOVED: 0, CHANGED: 0 };
  const areas = new Set<string>();

  for (const change of changes) {
    counts[change.operation] += 1;

    const segments = change.path.split('/').slice(1);
    const [first, second] = segments;

    if (first === undefined) {
      areas.add('');
    } else if (second !== undefined && ITEMIZED_LISTS.has(first)) {
      areas.add(`/${first}/${second}`);
    } else {
      areas.add(`/${first}`);
    }
  }

  return { counts, total: changes.length, areas: [...areas] };
}

/**
 * Fields whose wording can change without changing what responders do. `complianceNotes` is
 * prose too but deliberately absent: rewording data-handling rules changes obligations, so it
 * always needs a full review.
 */
export const PROSE_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'summary',
  'purpose',
  'detail',
  'question',
  'label',
  'description',
  'instruction',
  'note',
]);

/**
 * Whether a change list only rewords prose: every change is CHANGED, on a field named in
 * {@link PROSE_FIELDS}, from text to text. An empty list is not text-only: a change request
 * that changes nothing should not qualify for the lightest review by default.
 */
export function isTextOnlyChange(changes: readonly DocumentChange[]): boolean {
  if (changes.length === 0) {
    return false;
  }

  return changes.every((change) => {
    const field = splitPath(change.path).at(-1);

    return (
      change.operation === 'CHANGED' &&
      field !== undefined &&
      PROSE_FIELDS.has(field) &&
      typeof change.before === 'string' &&
      typeof change.after === 'string'
    );
  });
}
