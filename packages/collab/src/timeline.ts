import * as Y from 'yjs';
import { appendParagraphs, plainTextOf } from './rich-text.js';
import {
  CollabShapeError,
  checkedAuthor,
  checkedInstant,
  isOneOf,
  newEntryId,
  readAuthor,
  readInstant,
  type AuthorRef,
} from './values.js';

/**
 * The timeline document of an incident: one root `Y.Map` named `entries`, keyed by entry id. Each
 * entry is a `Y.Map` with the fields of {@link ENTRY_FIELDS}. Entries are never removed, only
 * marked deleted, so the history of what responders knew stays in the document; and each field
 * is its own map key, so two people changing different fields of one entry both win.
 */

/** Name of the root map that holds the entries. */
export const TIMELINE_ENTRIES = 'entries';

/** What an entry records. */
export const TIMELINE_ENTRY_KINDS = [
  'NOTE',
  'SIGNAL',
  'ACTION',
  'DECISION',
  'STATUS_CHANGE',
  'ROLE_CHANGE',
  'COMMUNICATION',
  'EVIDENCE',
] as const;

/** One of {@link TIMELINE_ENTRY_KINDS}. */
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

/** Who or what produced an entry: a person, Keel itself, or an integration's token. */
export const TIMELINE_ENTRY_SOURCES = ['PERSON', 'SYSTEM', 'INTEGRATION'] as const;

/** One of {@link TIMELINE_ENTRY_SOURCES}. */
export type TimelineEntrySource = (typeof TIMELINE_ENTRY_SOURCES)[number];

/** Keys of an entry's `Y.Map`. */
export const ENTRY_FIELDS = {
  /** ISO-8601 UTC; when it happened, which may be earlier than when it was written. */
  occurredAt: 'occurredAt',
  /** ISO-8601 UTC; when the entry was written. */
  createdAt: 'createdAt',
  kind: 'kind',
  source: 'source',
  /** {@link AuthorRef}, set once. */
  author: 'author',
  /** `Y.XmlFragment` of rich text, laid out for Tiptap (see rich-text.ts). */
  body: 'body',
  pinned: 'pinned',
  /** `Y.Array<string>`. */
  tags: 'tags',
  /** `Y.Array<EvidenceLink>`. */
  evidence: 'evidence',
  deleted: 'deleted',
  deletedAt: 'deletedAt',
  deletedBy: 'deletedBy',
} as const;

/** Limits that keep one entry small; the server also caps whole documents. */
export const TIMELINE_LIMITS = {
  /** Tags per entry. */
  maxTags: 20,
  /** Characters per tag. */
  maxTagLength: 40,
  /** Evidence links per entry. */
  maxEvidence: 20,
  /** Characters per evidence URL. */
  maxUrlLength: 2048,
  /** Characters per evidence label. */
  maxLabelLength: 200,
} as const;

/** A link to something that supports an entry: a log, a screenshot, a run of an automation. */
export interface EvidenceLink {
  /** An `http:` or `https:` URL; anything else is dropped on read, so no `javascript:` links. */
  url: string;
  label: string;
}

/** What {@link addEntry} needs. */
export interface NewTimelineEntry {
  /** @default a random UUID */
  id?: string;
  occurredAt: string | Date;
  kind: TimelineEntryKind;
  source: TimelineEntrySource;
  author: AuthorRef;
  /** Plain text; each line becomes a paragraph. @default '' */
  bodyText?: string;
  /** @default false */
  pinned?: boolean;
  /** @default [] */
  tags?: readonly string[];
  /** @default [] */
  evidence?: readonly EvidenceLink[];
  /** When the entry was written. @default now */
  createdAt?: string | Date;
}

/** Fields {@link updateEntry} can change; the author, source and creation time are fixed. */
export interface TimelineEntryPatch {
  occurredAt?: string | Date;
  kind?: TimelineEntryKind;
  /** The full new list; tags not in it are removed, new ones appended. */
  tags?: readonly string[];
  /** The full new list, compared by URL. */
  evidence?: readonly EvidenceLink[];
}

/** An entry read out of the document as plain data. */
export interface TimelineEntry {
  id: string;
  occurredAt: string;
  createdAt: string;
  kind: TimelineEntryKind;
  source: TimelineEntrySource;
  author: AuthorRef;
  /** The body as plain text, one line per block. */
  bodyText: string;
  pinned: boolean;
  tags: string[];
  evidence: EvidenceLink[];
  deleted: boolean;
  deletedAt: string | null;
  deletedBy: AuthorRef | null;
}

/** Options of {@link listEntries}. */
export interface ListEntriesOptions {
  /** @default false */
  includeDeleted?: boolean;
}

const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const URL_PATTERN = /^https?:\/\/[^\s<>"]+$/i;

/** The root map of entries. */
export function timelineEntries(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(TIMELINE_ENTRIES);
}

/**
 * Adds an entry in one transaction and returns its id. Throws {@link CollabShapeError} for a bad
 * value or an id already in use, writing nothing.
 */
export function addEntry(doc: Y.Doc, input: NewTimelineEntry): string {
  const id = input.id ?? newEntryId();
  if (!ENTRY_ID_PATTERN.test(id)) {
    throw new CollabShapeError('An entry id is 1–64 letters, digits, "-" or "_".');
  }
  if (!isOneOf(input.kind, TIMELINE_ENTRY_KINDS)) {
    throw new CollabShapeError(`Unknown entry kind "${String(input.kind)}".`);
  }
  if (!isOneOf(input.source, TIMELINE_ENTRY_SOURCES)) {
    throw new CollabShapeError(`Unknown entry source "${String(input.source)}".`);
  }
  const occurredAt = checkedInstant(input.occurredAt, 'occurredAt');
  const createdAt = checkedInstant(input.createdAt ?? new Date(), 'createdAt');
  const author = checkedAuthor(input.author);
  const tags = checkedTags(input.tags ?? []);
  const evidence = checkedEvidence(input.evidence ?? []);

  const entries = timelineEntries(doc);
  if (entries.has(id)) throw new CollabShapeError(`An entry with id "${id}" already exists.`);

  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entries.set(id, entry);

    entry.set(ENTRY_FIELDS.occurredAt, occurredAt);
    entry.set(ENTRY_FIELDS.createdAt, createdAt);
    entry.set(ENTRY_FIELDS.kind, input.kind);
    entry.set(ENTRY_FIELDS.source, input.source);
    entry.set(ENTRY_FIELDS.author, author);
    entry.set(ENTRY_FIELDS.pinned, input.pinned ?? false);
    entry.set(ENTRY_FIELDS.deleted, false);

    const body = new Y.XmlFragment();
    entry.set(ENTRY_FIELDS.body, body);
    if (input.bodyText) appendParagraphs(body, input.bodyText);

    const tagArray = new Y.Array<string>();
    entry.set(ENTRY_FIELDS.tags, tagArray);
    tagArray.push(tags);

    const evidenceArray = new Y.Array<EvidenceLink>();
    entry.set(ENTRY_FIELDS.evidence, evidenceArray);
    evidenceArray.push(evidence);
  });
  return id;
}

/**
 * Changes some fields of an entry in one transaction. Lists are changed by removing what is gone
 * and appending what is new, so a tag someone else adds at the same moment survives.
 */
export function updateEntry(doc: Y.Doc, id: string, patch: TimelineEntryPatch): void {
  const entry = requireEntry(doc, id);
  const occurredAt =
    patch.occurredAt === undefined ? undefined : checkedInstant(patch.occurredAt, 'occurredAt');
  if (patch.kind !== undefined && !isOneOf(patch.kind, TIMELINE_ENTRY_KINDS)) {
    throw new CollabShapeError(`Unknown entry kind "${String(patch.kind)}".`);
  }
  const tags = patch.tags === undefined ? undefined : checkedTags(patch.tags);
  const evidence = patch.evidence === undefined ? undefined : checkedEvidence(patch.evidence);

  doc.transact(() => {
    if (occurredAt !== undefined) entry.set(ENTRY_FIELDS.occurredAt, occurredAt);
    if (patch.kind !== undefined) entry.set(ENTRY_FIELDS.kind, patch.kind);
    if (tags !== undefined) {
      reconcileList(arrayField<string>(entry, ENTRY_FIELDS.tags), tags, (tag) => tag);
    }
    if (evidence !== undefined) {
      reconcileList(
        arrayField<EvidenceLink>(entry, ENTRY_FIELDS.evidence),
        evidence,
        (link) => link.url,
      );
    }
  });
}

/** The entry's rich-text body, for binding an editor (Tiptap's `fragment` option) to it. */
export function entryBody(doc: Y.Doc, id: string): Y.XmlFragment {
  const body = requireEntry(doc, id).get(ENTRY_FIELDS.body);
  if (!(body instanceof Y.XmlFragment)) {
    throw new CollabShapeError(`Entry "${id}" has no rich-text body.`);
  }
  return body;
}

/** Pins or unpins an entry; pinned entries are the highlights a postmortem starts from. */
export function pinEntry(doc: Y.Doc, id: string, pinned = true): void {
  const entry = requireEntry(doc, id);
  doc.transact(() => entry.set(ENTRY_FIELDS.pinned, pinned));
}

/**
 * Marks an entry deleted, recording who and when. The entry stays in the document (and in
 * {@link listEntries} with `includeDeleted`), so a deletion can be reviewed and undone.
 */
export function softDeleteEntry(
  doc: Y.Doc,
  id: string,
  by: AuthorRef,
  at: string | Date = new Date(),
): void {
  const entry = requireEntry(doc, id);
  const deletedBy = checkedAuthor(by);
  const deletedAt = checkedInstant(at, 'deletedAt');

  doc.transact(() => {
    entry.set(ENTRY_FIELDS.deleted, true);
    entry.set(ENTRY_FIELDS.deletedAt, deletedAt);
    entry.set(ENTRY_FIELDS.deletedBy, deletedBy);
  });
}

/** Undoes {@link softDeleteEntry}. */
export function restoreEntry(doc: Y.Doc, id: string): void {
  const entry = requireEntry(doc, id);
  doc.transact(() => {
    entry.set(ENTRY_FIELDS.deleted, false);
    entry.set(ENTRY_FIELDS.deletedAt, null);
    entry.set(ENTRY_FIELDS.deletedBy, null);
  });
}

/**
 * Reads one entry as plain data, or null when there is none or it is malformed. Optional fields
 * that are malformed read as their defaults; required ones (times, kind, source, author) make the
 * whole entry unreadable, since a crafted update could have written anything.
 */
export function readEntry(doc: Y.Doc, id: string): TimelineEntry | null {
  const entry = timelineEntries(doc).get(id);
  return entry instanceof Y.Map ? toPlainEntry(id, entry) : null;
}

/** Every readable entry, ordered by when it happened and then by id, so all readers agree. */
export function listEntries(doc: Y.Doc, options: ListEntriesOptions = {}): TimelineEntry[] {
  const result: TimelineEntry[] = [];
  for (const [id, entry] of timelineEntries(doc).entries()) {
    if (!(entry instanceof Y.Map)) continue;

    const plain = toPlainEntry(id, entry);
    if (plain && (options.includeDeleted || !plain.deleted)) result.push(plain);
  }
  return result.sort(compareEntries);
}

/** Orders entries by `occurredAt`, then by id. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toPlainEntry(id: string, entry: Y.Map<unknown>): TimelineEntry | null {
  const occurredAt = readInstant(entry.get(ENTRY_FIELDS.occurredAt));
  const createdAt = readInstant(entry.get(ENTRY_FIELDS.createdAt));
  const kind = entry.get(ENTRY_FIELDS.kind);
  const source = entry.get(ENTRY_FIELDS.source);
  const author = readAuthor(entry.get(ENTRY_FIELDS.author));
  if (!occurredAt || !createdAt || !author) return null;
  if (!isOneOf(kind, TIMELINE_ENTRY_KINDS) || !isOneOf(source, TIMELINE_ENTRY_SOURCES)) return null;

  const body = entry.get(ENTRY_FIELDS.body);
  const deleted = entry.get(ENTRY_FIELDS.deleted) === true;
  return {
    id,
    occurredAt,
    createdAt,
    kind,
    source,
    author,
    bodyText: body instanceof Y.XmlFragment ? plainTextOf(body) : '',
    pinned: entry.get(ENTRY_FIELDS.pinned) === true,
    tags: readTags(entry.get(ENTRY_FIELDS.tags)),
    evidence: readEvidence(entry.get(ENTRY_FIELDS.evidence)),
    deleted,
    deletedAt: deleted ? readInstant(entry.get(ENTRY_FIELDS.deletedAt)) : null,
    deletedBy: deleted ? readAuthor(entry.get(ENTRY_FIELDS.deletedBy)) : null,
  };
}

function requireEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = timelineEntries(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new CollabShapeError(`No entry with id "${id}".`);
  return entry;
}

function arrayField<T>(entry: Y.Map<unknown>, key: string): Y.Array<T> {
  const existing = entry.get(key);
  if (existing instanceof Y.Array) return existing as Y.Array<T>;

  const created = new Y.Array<T>();
  entry.set(key, created);
  return created;
}

/** Deletes items whose key is not wanted (from the end, so indexes stay valid), appends new. */
function reconcileList<T>(list: Y.Array<T>, wanted: readonly T[], keyOf: (item: T) => string) {
  const wantedKeys = new Set(wanted.map(keyOf));
  const present = new Set<string>();
  const items = list.toArray();

  for (let index = items.length - 1; index >= 0; index -= 1) {
    const key = keyOf(items[index]!);
    if (!wantedKeys.has(key) || present.has(key)) list.delete(index, 1);
    else present.add(key);
  }
  const added = wanted.filter((item) => !present.has(keyOf(item)));
  if (added.length > 0) list.push(added);
}

function checkedTags(tags: readonly string[]): string[] {
  const unique = [...new Set(tags.map((tag) => tag.trim()))];
  if (unique.length > TIMELINE_LIMITS.maxTags) {
    throw new CollabShapeError(`An entry has at most ${TIMELINE_LIMITS.maxTags} tags.`);
  }
  for (const tag of unique) {
    if (!isTag(tag)) {
      throw new CollabShapeError(`A tag is 1–${TIMELINE_LIMITS.maxTagLength} characters.`);
    }
  }
  return unique;
}

function checkedEvidence(links: readonly EvidenceLink[]): EvidenceLink[] {
  if (links.length > TIMELINE_LIMITS.maxEvidence) {
    throw new CollabShapeError(`An entry has at most ${TIMELINE_LIMITS.maxEvidence} links.`);
  }
  return links.map((link) => {
    const checked = readLink(link);
    if (!checked) {
      throw new CollabShapeError(
        `Evidence needs an http(s) URL of at most ${TIMELINE_LIMITS.maxUrlLength} characters ` +
          `and a label of at most ${TIMELINE_LIMITS.maxLabelLength}.`,
      );
    }
    return checked;
  });
}

function isTag(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim().length > 0 &&
    value.length <= TIMELINE_LIMITS.maxTagLength
  );
}

function readTags(value: unknown): string[] {
  if (!(value instanceof Y.Array)) return [];
  return [...new Set((value.toArray() as unknown[]).filter(isTag))];
}

function readEvidence(value: unknown): EvidenceLink[] {
  if (!(value instanceof Y.Array)) return [];
  return (value.toArray() as unknown[])
    .map(readLink)
    .filter((link): link is EvidenceLink => link !== null);
}

function readLink(value: unknown): EvidenceLink | null {
  if (typeof value !== 'object' || value === null) return null;

  const { url, label } = value as Record<string, unknown>;
  if (typeof url !== 'string' || url.length > TIMELINE_LIMITS.maxUrlLength) return null;
  if (!URL_PATTERN.test(url)) return null;
  if (typeof label !== 'string' || label.length > TIMELINE_LIMITS.maxLabelLength) return null;
  return { url, label };
}
