/** Types and wording shared by the war room's panels. */
import { STATUS_LABELS, requiresReason } from '@keel/domain';
import type { IncidentStatus, WarRoomQuery } from '$lib/graphql/generated/graphql';

/** The incident as the war room loads it. */
export type WarRoomIncident = NonNullable<WarRoomQuery['incident']>;

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
