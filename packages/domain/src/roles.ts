/**
 * Rules for filling the response roles of an incident. Each role has at most one holder; giving
 * a held role to someone else is a handoff, and a handoff must leave a note so the new holder
 * does not start from nothing in the middle of an incident.
 */

import type { IncidentRole } from './incident.js';
import { hasText } from './limits.js';

/** The role names as people say them. */
export const ROLE_LABELS: Readonly<Record<IncidentRole, string>> = {
  INCIDENT_LEAD: 'Incident lead',
  TECHNICAL_RESOLVER: 'Technical resolver',
  BUSINESS_LIAISON: 'Business liaison',
  COMMUNICATIONS_MANAGER: 'Communications manager',
};

/** What each role owns and what it may decide, one sentence each, shown where roles are given. */
export const ROLE_DESCRIPTIONS: Readonly<Record<IncidentRole, string>> = {
  INCIDENT_LEAD:
    'Owns the response as a whole: sets priority, assigns the other roles and decides when ' +
    'the incident moves to its next stage.',
  TECHNICAL_RESOLVER:
    'Owns the diagnosis and the fix: may pause, change or roll back the affected automations ' +
    'to contain and repair the damage.',
  BUSINESS_LIAISON:
    'Owns the link to the affected department: confirms what is affected, what it costs and ' +
    'which workarounds the business can accept.',
  COMMUNICATIONS_MANAGER:
    'Owns every update to people outside the response team, and is the only one who sends ' +
    'them, so customers and staff hear one consistent account.',
};

/** A requested change of who holds a role. */
export interface RoleAssignmentRequest {
  /** The role being filled. */
  role: IncidentRole;
  /** Who holds it now, or null when nobody does. */
  currentHolderId: string | null;
  /** Who should hold it, or null to leave it empty. */
  newHolderId: string | null;
  /** What the outgoing holder passes on: done, in progress, to watch. */
  handoffNote: string | null;
}

/**
 * What an allowed change is: a first holder (ASSIGN), one holder replacing another (HANDOFF), or
 * the role left empty (RELEASE).
 */
export type RoleAssignmentKind = 'ASSIGN' | 'HANDOFF' | 'RELEASE';

/** The name of the rule that refused a role change. */
export type RoleGuardName = 'SAME_HOLDER' | 'HANDOFF_NOTE_REQUIRED' | 'NOTHING_TO_RELEASE';

/** The verdict on a role change; a refusal carries a message in plain words. */
export type RoleAssignmentCheck =
  | { allowed: true; kind: RoleAssignmentKind }
  | { allowed: false; guard: RoleGuardName; message: string };

/** The refusal messages, one factory per situation, so their wording lives in one place. */
const refusals = {
  sameHolder: (role: IncidentRole): string =>
    `This person is already the ${ROLE_LABELS[role].toLowerCase()}.`,

  handoffNote: (role: IncidentRole): string =>
    `Write a handoff note for the new ${ROLE_LABELS[role].toLowerCase()}: ` +
    'what is done, what is in progress and what to watch.',

  nothingToRelease: (role: IncidentRole): string =>
    `Nobody is the ${ROLE_LABELS[role].toLowerCase()} yet, so there is nobody to remove.`,
};

/**
 * Judges a change of role holder. Clearing a role is a release; giving a held role to someone
 * else is a handoff and needs a note that is not blank. A note given with an assignment or a
 * release is accepted and not required. The caller checks that the new holder may respond.
 */
export function checkRoleAssignment(request: RoleAssignmentRequest): RoleAssignmentCheck {
  const { role, currentHolderId, newHolderId, handoffNote } = request;

  if (newHolderId === null) {
    return currentHolderId === null
      ? { allowed: false, guard: 'NOTHING_TO_RELEASE', message: refusals.nothingToRelease(role) }
      : { allowed: true, kind: 'RELEASE' };
  }

  if (newHolderId === currentHolderId) {
    return { allowed: false, guard: 'SAME_HOLDER', message: refusals.sameHolder(role) };
  }

  if (currentHolderId === null) {
    return { allowed: true, kind: 'ASSIGN' };
  }

  if (!hasText(handoffNote)) {
    return { allowed: false, guard: 'HANDOFF_NOTE_REQUIRED', message: refusals.handoffNote(role) };
  }

  return { allowed: true, kind: 'HANDOFF' };
}
