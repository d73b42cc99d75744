/** Types and wording shared by the war room's panels. */
import type { TimelineEntry } from '@keel/collab';
import { STATUS_LABELS, requiresReason } from '@keel/domain';
import type { IncidentStatus, WarRoomQuery } from '$lib/graphql/generated/graphql';

/** The incident as the war room loads it. */
export type WarRoomIncident = NonNullable<WarRoomQuery['incident']>;

/** A timeline entry as the API projects it from the live document. */
export type ProjectedEntry = WarRoomIncident['timeline']['nodes'][number];

/**
 * A projected entry in the shape the live document gives, for the list to show until the
 * document has arrived. The API lists only entries that are not deleted, and names authors
 * without their keys, which the list does not show.
 */
export function entryFromProjection(entry: ProjectedEntry): TimelineEntry {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt,
    createdAt: entry.writtenAt,
    kind: entry.kind,
    source: entry.source,
    author: { kind: entry.author.kind, id: null, name: entry.author.name },
    bodyText: entry.body,
    pinned: entry.pinned,
    tags: entry.tags,
    evidence: entry.evidenceLinks.map(({ url, label }) => ({ url, label })),
    deleted: false,
    deletedAt: null,
    deletedBy: null,
  };
}

/** Someone who can hold a role. */
export interface Responder {
  id: string;
  name: string;
}

/** The words on the button that moves the incident from `from` to `to`. */
export function transitionLabel(from: IncidentStatus, to: IncidentStatus): string {
  if (to === 'CANCELLED') return 'Cancel incident';
  if (to === 'CLOSED') return 'Close incident';
  if (from === 'RESOLVED' && to === 'RECOVERING') return 'Reopen as recovering';
  return `Mark ${STATUS_LABELS[to].toLowerCase()}`;
}

/** Whether the move needs the note field filled in (cancelling, reopening). */
export function needsNote(from: IncidentStatus, to: IncidentStatus): boolean {
  return requiresReason(from, to);
}
