/**
 * Who is in a live document, as Yjs awareness tells it. Each client publishes a `user` field of
 * {@link PresenceUser}; Tiptap's CollaborationCaret reads the same field for caret labels.
 */

/** What one client publishes about its person. */
export interface PresenceUser {
  /** A stable key for the person (their user id), so two tabs of one person count once. */
  id: string;
  name: string;
  /** A CSS colour for their caret and badge. */
  color: string;
}

/** Colours dark enough for white caret labels, light enough to see on white. */
const PALETTE = [
  '#b42318',
  '#b54708',
  '#027a48',
  '#026aa2',
  '#5925dc',
  '#c11574',
  '#3e4784',
  '#107569',
] as const;

/** The colour of a person: the same on every machine, chosen from their id. */
export function presenceColor(id: string): string {
  let hash = 0;
  for (let index = 0; index < id.length; index += 1) {
    hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  }
  return PALETTE[hash % PALETTE.length]!;
}

/**
 * The people in awareness states, one per person, sorted by name. States without a well-formed
 * `user` are skipped: anyone with access may publish anything.
 */
export function peopleOf(states: Iterable<Record<string, unknown>>): PresenceUser[] {
  const people = new Map<string, PresenceUser>();
  for (const state of states) {
    const user = readUser(state['user']);
    if (user && !people.has(user.id)) people.set(user.id, user);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function readUser(value: unknown): PresenceUser | null {
  if (typeof value !== 'object' || value === null) return null;

  const { id, name, color } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null;
  if (!/^#[0-9a-f]{6}$/i.test(color) || name.length === 0 || name.length > 120) return null;
  return { id, name, color };
}
