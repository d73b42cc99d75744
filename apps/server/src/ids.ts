import { randomBytes } from 'node:crypto';

/**
 * A UUIDv7: 48 bits of Unix milliseconds, then random bits. Keys made this way sort by creation
 * time, which keeps B-tree inserts at the right edge of the index.
 */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);

  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;

  const hex = bytes.toString('hex');
  const groups = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return `${groups.join('-')}-${hex.slice(20)}`;
}

/** A canonical lower-case UUID; any other key would fail as a uuid in SQL. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID no row has, for filters that name something unknown and so must match nothing. */
export const NO_MATCH = '00000000-0000-0000-0000-000000000000';

/** The GraphQL type names whose objects `node(id:)` can resolve. */
export const NODE_TYPES = [
  'Organization',
  'User',
  'Membership',
  'Team',
  'ApiToken',
  'Automation',
  'Incident',
  'AuditRecord',
  'Playbook',
  'PlaybookVersion',
  'ApprovalPolicy',
  'ChangeRequest',
  'ReviewThread',
  'PlaybookRun',
  'PostmortemVersion',
] as const;

/** One of {@link NODE_TYPES}. */
export type NodeType = (typeof NODE_TYPES)[number];

/**
 * Room for encoding an id without allocating a buffer for it: a page of a thousand objects
 * encodes a thousand ids. Longer text falls back to a buffer of its own.
 */
const idScratch = Buffer.alloc(256);

/** Encodes a type and a database key as the opaque id clients see. */
export function toGlobalId(type: NodeType, key: string): string {
  const text = `${type}:${key}`;
  // A UTF-16 code unit takes at most three bytes in UTF-8.
  if (text.length * 3 > idScratch.length) return Buffer.from(text).toString('base64url');

  const length = idScratch.write(text);
  return idScratch.toString('base64url', 0, length);
}

/**
 * Decodes an opaque id, or returns null when it is not one of ours. Callers treat null like a
 * missing object, so a malformed id and an unknown one are indistinguishable.
 */
export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (id.length > 200) return null;

  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator);
  const key = decoded.slice(separator + 1);

  if (!(NODE_TYPES as readonly string[]).includes(type) || !UUID_PATTERN.test(key)) return null;
  return { type: type as NodeType, key };
}

/** Decodes an id that must be of the given type; null when it is not. */
export function keyOf(id: string, type: NodeType): string | null {
  const decoded = fromGlobalId(id);
  return decoded?.type === type ? decoded.key : null;
}
