/**
 * One line of plain words for each audit record in an incident's activity panel. The audit
 * trail stores actions as dotted names and changes as before/after pairs; people want
 * "Ben moved the incident from triaged to contained".
 */
import {
  INCIDENT_ROLES,
  INCIDENT_STATUSES,
  ROLE_LABELS,
  STATUS_LABELS,
  isOneOf,
} from '@keel/domain';

/** One before/after pair of an audit record's `changes`. */
interface Change {
  before?: unknown;
  after?: unknown;
}

function changeOf(changes: Record<string, unknown>, field: string): Change | null {
  const value = changes[field];
  return value !== null && typeof value === 'object' ? (value as Change) : null;
}

function statusWord(value: unknown): string | null {
  return isOneOf(INCIDENT_STATUSES, value) ? STATUS_LABELS[value].toLowerCase() : null;
}

/** The role an assignment record is about, from its `role.<ROLE>` change. */
function roleWord(changes: Record<string, unknown>): string {
  const key = Object.keys(changes).find((field) => field.startsWith('role.'));
  const role = key?.slice('role.'.length);
  return isOneOf(INCIDENT_ROLES, role) ? ROLE_LABELS[role].toLowerCase() : 'a role';
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  title: 'title',
  summary: 'summary',
  severity: 'severity',
  priority: 'priority',
  automations: 'affected automations',
};

function listOfWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What an `incident.update` record changed, as "changed priority from P3 to P1". */
function describeUpdate(changes: Record<string, unknown>): string {
  const fields = Object.keys(changes).filter((field) => field in FIELD_WORDS);
  const single = fields.length === 1 ? fields[0] : undefined;

  if (single === 'severity' || single === 'priority') {
    const { before, after } = changeOf(changes, single) ?? {};
    if (typeof after === 'string') {
      return typeof before === 'string'
        ? `changed ${single} from ${before} to ${after}`
        : `set ${single} to ${after}`;
    }
  }

  const words = fields.map((field) => FIELD_WORDS[field] ?? field);
  return words.length === 0 ? 'edited the incident' : `edited the ${listOfWords(words)}`;
}

/** The name of the version a postmortem record saved, from its `postmortemVersion.<n>` change. */
function savedVersionWords(changes: Record<string, unknown>): string {
  const key = Object.keys(changes).find((field) => field.startsWith('postmortemVersion.'));
  const name = key ? changeOf(changes, key)?.after : null;
  return typeof name === 'string'
    ? `saved the postmortem as “${name}”`
    : 'saved a postmortem version';
}

/** The version a restore brought back, from its `postmortem` change. */
function restoredVersionWords(changes: Record<string, unknown>): string {
  const after = changeOf(changes, 'postmortem')?.after as { name?: unknown } | null | undefined;
  return typeof after?.name === 'string'
    ? `restored the postmortem to “${after.name}”`
    : 'restored a postmortem version';
}

/**
 * What the actor of an audit record did, to follow their name: "declared the incident",
 * "handed off the incident lead". Unknown actions fall back to their own name, so a newer
 * server's records still show something true.
 */
export function describeActivity(action: string, changes: Record<string, unknown>): string {
  switch (action) {
    case 'incident.declare':
      return 'declared the incident';
    case 'incident.update':
      return describeUpdate(changes);
    case 'incident.transition': {
      const { before, after } = changeOf(changes, 'status') ?? {};
      const from = statusWord(before);
      const to = statusWord(after);
      if (from && to) return `moved the incident from ${from} to ${to}`;
      return to ? `marked the incident ${to}` : 'changed the status';
    }
    case 'incident.set_impact_scope':
      return 'described the impact scope';
    case 'incident.validate_impact_scope':
      return 'validated the impact scope';
    case 'incident.role.assign':
      return `assigned the ${roleWord(changes)}`;
    case 'incident.role.handoff':
      return `handed off the ${roleWord(changes)}`;
    case 'incident.role.release':
      return `released the ${roleWord(changes)}`;
    case 'incident.postmortem.save_version':
      return savedVersionWords(changes);
    case 'incident.postmortem.restore_version':
      return restoredVersionWords(changes);
    default:
      return action.replaceAll(/[._]/g, ' ');
  }
}

/** The note an audit record carries (a transition's reason, a handoff note), if any. */
export function activityNote(changes: Record<string, unknown>): string | null {
  for (const field of ['note', 'handoffNote']) {
    const after = changeOf(changes, field)?.after;
    if (typeof after === 'string' && after.trim() !== '') return after;
  }

  return null;
}
