/**
 * The GraphQL API names objects with opaque ids (base64url of `<Type>:<uuid>`), while live
 * documents are named by the incident's database key. Neither @keel/collab nor the generated
 * types decode ids, so the web app does it here, in browsers and on the server alike.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Longest id worth decoding; real ones are about 56 characters. */
const MAX_ID_LENGTH = 200;

/**
 * The database key inside an opaque API id of the given type, or null when the id is not one:
 * malformed base64url, another type, or a key that is not a lower-case UUID.
 */
export function keyOfGlobalId(id: string, type: string): string | null {
  if (id.length > MAX_ID_LENGTH || !/^[A-Za-z0-9_-]*$/.test(id)) return null;

  let decoded: string;
  try {
    const base64 = id.replace(/-/g, '+').replace(/_/g, '/');
    decoded = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  } catch {
    return null;
  }

  const prefix = `${type}:`;
  if (!decoded.startsWith(prefix)) return null;

  const key = decoded.slice(prefix.length);
  return UUID_PATTERN.test(key) ? key : null;
}

/** The incident's database key, which names its timeline and postmortem documents. */
export function incidentKeyOf(incidentId: string): string | null {
  return keyOfGlobalId(incidentId, 'Incident');
}
