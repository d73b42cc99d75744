/**
 * Names of Keel's live documents. A name is the only thing a client sends to say which document
 * it wants, so the server parses it strictly before any lookup: anything that is not exactly one
 * of these shapes is refused.
 */

/** The kinds of live document an incident has. */
export const DOCUMENT_KINDS = ['timeline', 'postmortem'] as const;

/** One of {@link DOCUMENT_KINDS}. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document name taken apart. */
export interface DocumentAddress {
  /** The incident's database key (a lower-case UUID). */
  incidentId: string;
  kind: DocumentKind;
}

/**
 * Longest name the parser looks at, in UTF-16 code units. Real names are 56 long; anything longer
 * is refused before the pattern runs, so a huge name costs nothing.
 */
export const MAX_DOCUMENT_NAME_LENGTH = 64;

// Lower case only: `incident/ABC…` and `incident/abc…` would otherwise be two documents with
// separate journals for one incident.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NAME_PATTERN = new RegExp(`^incident/(${UUID})/(${DOCUMENT_KINDS.join('|')})$`);
const UUID_PATTERN = new RegExp(`^${UUID}$`);

/** The name of an incident's live document, such as `incident/<uuid>/timeline`. */
export function documentName(incidentId: string, kind: DocumentKind): string {
  if (!UUID_PATTERN.test(incidentId)) {
    throw new RangeError('An incident id in a document name must be a lower-case UUID.');
  }
  return `incident/${incidentId}/${kind}`;
}

/** The name of an incident's timeline document. */
export function timelineDocumentName(incidentId: string): string {
  return documentName(incidentId, 'timeline');
}

/** The name of an incident's postmortem document. */
export function postmortemDocumentName(incidentId: string): string {
  return documentName(incidentId, 'postmortem');
}

/**
 * Takes a document name apart, or returns null for anything that is not exactly
 * `incident/<lower-case uuid>/<kind>`: path segments such as `..`, extra or missing slashes,
 * upper-case or malformed ids, unknown kinds, surrounding spaces and over-long names.
 */
export function parseDocumentName(name: unknown): DocumentAddress | null {
  if (typeof name !== 'string' || name.length > MAX_DOCUMENT_NAME_LENGTH) return null;

  const match = NAME_PATTERN.exec(name);
  if (!match) return null;
  return { incidentId: match[1]!, kind: match[2] as DocumentKind };
}
