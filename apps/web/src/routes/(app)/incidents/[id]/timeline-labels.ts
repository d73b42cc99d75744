/** Words for the live timeline of the war room. */
import type { TimelineEntryKind, TimelineEntrySource } from '@keel/collab';

/** Each kind of entry, as people read it. */
export const ENTRY_KIND_LABELS: Record<TimelineEntryKind, string> = {
  NOTE: 'Note',
  SIGNAL: 'Signal',
  ACTION: 'Action',
  DECISION: 'Decision',
  STATUS_CHANGE: 'Status change',
  ROLE_CHANGE: 'Role change',
  COMMUNICATION: 'Communication',
  EVIDENCE: 'Evidence',
};

/** Who wrote entries that people did not. */
export const ENTRY_SOURCE_LABELS: Record<TimelineEntrySource, string> = {
  PERSON: 'Person',
  SYSTEM: 'Keel',
  INTEGRATION: 'Integration',
};

/** Tags typed as one comma-separated line, trimmed, without empties or repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');
}
