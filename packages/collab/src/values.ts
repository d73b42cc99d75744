/**
 * Plain values stored inside live documents, with the checks both writers and readers apply.
 * Anyone with write access can send any Yjs update, so readers re-check what they read instead of
 * trusting that every writer went through these accessors.
 */

/** Who wrote something: a person, an API token, or Keel itself. Matches the server's actors. */
export const AUTHOR_KINDS = ['USER', 'TOKEN', 'SYSTEM'] as const;

/** One of {@link AUTHOR_KINDS}. */
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** An author as it was at the time of writing; the name is a copy, so renames do not rewrite. */
export interface AuthorRef {
  kind: AuthorKind;
  /** The user's or token's database key; null for Keel itself. */
  id: string | null;
  name: string;
}

/** Longest author name kept, in UTF-16 code units (the server's actor names are 120). */
export const MAX_AUTHOR_NAME_LENGTH = 120;

/** Raised when a caller passes a value a document must not hold; nothing is written. */
export class CollabShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollabShapeError';
  }
}

/** A copy of the author after checking it, or a {@link CollabShapeError}. */
export function checkedAuthor(author: AuthorRef): AuthorRef {
  const checked = readAuthor(author);
  if (!checked) {
    throw new CollabShapeError(
      `An author needs a kind (${AUTHOR_KINDS.join(', ')}), an id unless SYSTEM, and a name.`,
    );
  }
  return checked;
}

/** Reads an author from untrusted document content; null when it is not one. */
export function readAuthor(value: unknown): AuthorRef | null {
  if (typeof value !== 'object' || value === null) return null;

  const { kind, id, name } = value as Record<string, unknown>;
  if (!isOneOf(kind, AUTHOR_KINDS)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_AUTHOR_NAME_LENGTH) {
    return null;
  }
  if (id !== null && typeof id !== 'string') return null;
  if (kind !== 'SYSTEM' && !id) return null;
  return { kind, id: id ?? null, name };
}

/** A stable key for an author, used where a document keys people (authors, reviewers). */
export function authorKey(author: AuthorRef): string {
  return `${author.kind}:${author.id ?? 'keel'}`;
}

/** The instant as a normalised ISO-8601 UTC string, or a {@link CollabShapeError}. */
export function checkedInstant(value: string | Date, field: string): string {
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(time)) throw new CollabShapeError(`${field} must be a valid date and time.`);
  return new Date(time).toISOString();
}

/** Reads an instant from untrusted content: the normalised string, or null. */
export function readInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Whether a value is one of a closed set of strings. */
export function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** A generated id for a new entry: a random UUID, from Web Crypto (browsers and Node 20). */
export function newEntryId(): string {
  // The package compiles without DOM or Node typings, so the global is described here.
  const { crypto } = globalThis as unknown as { crypto: { randomUUID(): string } };
  return crypto.randomUUID();
}
