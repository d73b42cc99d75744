/**
 * The incident state machine: which status changes are allowed, what each one needs first, and
 * which milestone timestamp it records.
 *
 * The normal path is DETECTED → TRIAGED → CONTAINED → RECOVERING → RESOLVED → CLOSED. Once
 * triaged, an incident may skip forward (a fix that resolves at once skips containment), but it
 * never moves back, with one exception: a resolved incident whose problem returns is reopened as
 * RECOVERING. Any incident that is not yet closed or cancelled may be cancelled. CLOSED and
 * CANCELLED are final.
 */

import { INCIDENT_STATUSES, STATUS_LABELS } from './incident.js';
import type { IncidentStatus, Priority } from './incident.js';
import { hasText } from './limits.js';

/** What the rules need to know about an incident to judge a status change. */
export interface LifecycleFacts {
  /** The current status. */
  status: IncidentStatus;
  /** The priority, or null when nobody has set one yet. */
  priority: Priority | null;
  /** Whether someone has confirmed which automations, data and people are affected. */
  impactScopeValidated: boolean;
  /** Whether the incident has ever been triaged (its acknowledgement is recorded). */
  everTriaged: boolean;
}

/** A requested status change. */
export interface TransitionRequest {
  /** The status to move to. */
  to: IncidentStatus;
  /** The responder's note explaining the change, or null when none was given. */
  reason: string | null;
}

/**
 * Every guard, in the order `checkTransition` applies them; the first that fails is the one
 * reported. Asking to stay put or to leave a final status is refused before anything else.
 * When a triage lacks both a priority and a validated impact scope, the missing priority is
 * reported first: setting it is one choice the person can make at once, while validating the
 * scope may need someone else to confirm what is affected. A reason is checked last, so a form
 * can ask for it only once every other condition holds (see {@link allowedTransitions}).
 */
export const TRANSITION_GUARDS = [
  'SAME_STATUS',
  'TERMINAL',
  'NOT_ALLOWED',
  'TRIAGE_REQUIRED',
  'PRIORITY_REQUIRED',
  'IMPACT_SCOPE_UNVALIDATED',
  'REASON_REQUIRED',
] as const;

/** The name of the guard that refused a status change; one of {@link TRANSITION_GUARDS}. */
export type GuardName = (typeof TRANSITION_GUARDS)[number];

/**
 * The verdict on a requested status change. A refusal names its guard, for code, and carries a
 * message in plain words, for the person who asked.
 */
export type TransitionCheck =
  { allowed: true } | { allowed: false; guard: GuardName; message: string };

/** Statuses an incident never leaves. */
export const TERMINAL_STATUSES = ['CLOSED', 'CANCELLED'] as const;

/** One of {@link TERMINAL_STATUSES}. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** Whether `status` is final: closed or cancelled. */
export function isTerminalStatus(status: IncidentStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly IncidentStatus[]).includes(status);
}

/** The timestamps that record when an incident first reached a stage. */
export const MILESTONES = [
  'acknowledgedAt',
  'containedAt',
  'resolvedAt',
  'closedAt',
  'cancelledAt',
] as const;

/** One of {@link MILESTONES}. */
export type Milestone = (typeof MILESTONES)[number];

/**
 * The milestone a move into each status records. Statuses absent here (DETECTED, RECOVERING)
 * record none: detection time is given when the incident is reported.
 */
export const MILESTONE_OF_STATUS: Readonly<Partial<Record<IncidentStatus, Milestone>>> = {
  TRIAGED: 'acknowledgedAt',
  CONTAINED: 'containedAt',
  RESOLVED: 'resolvedAt',
  CLOSED: 'closedAt',
  CANCELLED: 'cancelledAt',
};

/**
 * The milestone to stamp when an incident moves into `to`, or null when there is none or it is
 * already stamped. Only the first arrival counts, so a reopened incident keeps the time it was
 * first resolved. A stage that was skipped keeps an empty milestone.
 */
export function milestoneToStamp(
  to: IncidentStatus,
  stamped: Readonly<Partial<Record<Milestone, Date | null>>>,
): Milestone | null {
  const milestone = MILESTONE_OF_STATUS[to];

  if (milestone === undefined) {
    return null;
  }

  return stamped[milestone] == null ? milestone : null;
}

/** Position on the normal path; CANCELLED is off the path and handled on its own. */
const PATH_POSITION: Readonly<Record<Exclude<IncidentStatus, 'CANCELLED'>, number>> = {
  DETECTED: 0,
  TRIAGED: 1,
  CONTAINED: 2,
  RECOVERING: 3,
  RESOLVED: 4,
  CLOSED: 5,
};

/** The kinds of move the rules know; any other pair of statuses is not a move. */
type Move = 'TRIAGE' | 'ADVANCE' | 'REOPEN' | 'CLOSE' | 'CANCEL';

function classifyMove(from: IncidentStatus, to: IncidentStatus): Move | null {
  if (isTerminalStatus(from) || to === from) {
    return null;
  }

  if (to === 'CANCELLED') {
    return 'CANCEL';
  }

  if (to === 'CLOSED') {
    return from === 'RESOLVED' ? 'CLOSE' : null;
  }

  if (to === 'TRIAGED') {
    return from === 'DETECTED' ? 'TRIAGE' : null;
  }

  if (from === 'RESOLVED' && to === 'RECOVERING') {
    return 'REOPEN';
  }

  return PATH_POSITION[to] > PATH_POSITION[from] ? 'ADVANCE' : null;
}

/**
 * Whether moving from `from` to `to` needs a written reason: reopening a resolved incident and
 * cancelling do. False for a move the rules do not allow at all.
 */
export function requiresReason(from: IncidentStatus, to: IncidentStatus): boolean {
  const move = classifyMove(from, to);

  return move === 'REOPEN' || move === 'CANCEL';
}

function lower(status: IncidentStatus): string {
  return STATUS_LABELS[status].toLowerCase();
}

/** The refusal messages, one factory per situation, so their wording lives in one place. */
const refusals = {
  sameStatus: (status: IncidentStatus): string => `The incident is already ${lower(status)}.`,

  terminal: (status: IncidentStatus): string =>
    `This incident is ${lower(status)}, and a closed or cancelled incident cannot change status.`,

  closeBeforeResolve: (): string =>
    'Only a resolved incident can be closed: resolve it first, then close it.',

  backwards: (from: IncidentStatus, to: IncidentStatus): string =>
    `An incident cannot go back from ${lower(from)} to ${lower(to)}. ` +
    'If a resolved problem returns, reopen the incident as recovering.',

  triageFirst: (to: IncidentStatus): string =>
    `Triage the incident before marking it ${lower(to)}: ` +
    'set its priority and confirm what is affected.',

  priorityMissing: (): string =>
    'Set a priority before triaging, so everyone knows how urgently to respond.',

  impactScopeUnvalidated: (): string =>
    'Validate the impact scope before triaging: someone must confirm what is affected.',

  reopenReason: (): string =>
    'Say why the incident is being reopened, so the team knows what came back.',

  cancelReason: (): string =>
    'Say why the incident is being cancelled, for example a false alarm or a duplicate.',
};

function refuse(guard: GuardName, message: string): TransitionCheck {
  return { allowed: false, guard, message };
}

/**
 * Judges a requested status change against the lifecycle rules. Guards run in the order of
 * {@link TRANSITION_GUARDS}, and the first that fails is reported with a message for people.
 * Only the shape of the reason is judged here (present and not blank); its length is for the
 * caller's input validation (`MAX_NOTE_LENGTH`).
 */
export function checkTransition(
  facts: LifecycleFacts,
  request: TransitionRequest,
): TransitionCheck {
  const from = facts.status;
  const { to } = request;

  if (to === from) {
    return refuse('SAME_STATUS', refusals.sameStatus(from));
  }

  if (isTerminalStatus(from)) {
    return refuse('TERMINAL', refusals.terminal(from));
  }

  const move = classifyMove(from, to);

  if (move === null) {
    const message = to === 'CLOSED' ? refusals.closeBeforeResolve() : refusals.backwards(from, to);

    return refuse('NOT_ALLOWED', message);
  }

  // Skipping triage would skip its guards too, so the later stages need a triaged incident.
  // A record past DETECTED that was never triaged (imported, or written around these rules)
  // is refused rather than trusted; it can still be cancelled.
  if (move === 'ADVANCE' && (from === 'DETECTED' || !facts.everTriaged)) {
    return refuse('TRIAGE_REQUIRED', refusals.triageFirst(to));
  }

  if (move === 'TRIAGE' && facts.priority === null) {
    return refuse('PRIORITY_REQUIRED', refusals.priorityMissing());
  }

  if (move === 'TRIAGE' && !facts.impactScopeValidated) {
    return refuse('IMPACT_SCOPE_UNVALIDATED', refusals.impactScopeUnvalidated());
  }

  if (move === 'REOPEN' && !hasText(request.reason)) {
    return refuse('REASON_REQUIRED', refusals.reopenReason());
  }

  if (move === 'CANCEL' && !hasText(request.reason)) {
    return refuse('REASON_REQUIRED', refusals.cancelReason());
  }

  return { allowed: true };
}

/**
 * The statuses an incident could move to now, in lifecycle order: every target that passes all
 * guards but the reason. It is meant for offering buttons; pair it with {@link requiresReason}
 * to know which of them should ask for a note, and still send the final request through
 * {@link checkTransition}.
 */
export function allowedTransitions(facts: LifecycleFacts): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((to) => {
    const check = checkTransition(facts, { to, reason: null });

    return check.allowed || check.guard === 'REASON_REQUIRED';
  });
}

/** The moments `responseTimes` measures between; each is null when not (yet) known. */
export interface ResponseTimestamps {
  /** When the problem actually began, often estimated after the fact. */
  startedAt: Date | null;
  /** When someone noticed it. */
  detectedAt: Date | null;
  /** When it was first triaged. */
  acknowledgedAt: Date | null;
  /** When it was first contained. */
  containedAt: Date | null;
  /** When it was first resolved. */
  resolvedAt: Date | null;
}

/** Response durations in milliseconds; each is null when it cannot be measured. */
export interface ResponseTimes {
  /** From the start of the problem to its detection. */
  timeToDetectMs: number | null;
  /** From detection to triage. */
  timeToAcknowledgeMs: number | null;
  /** From detection to containment. */
  timeToContainMs: number | null;
  /** From detection to resolution. */
  timeToResolveMs: number | null;
}

function elapsedMs(from: Date | null, to: Date | null): number | null {
  if (from === null || to === null) {
    return null;
  }

  const ms = to.getTime() - from.getTime();

  // A negative or NaN span comes from a mistyped or invalid time; reporting nothing keeps it
  // out of averages, where a negative duration would flatter the team.
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/**
 * Measures how quickly an incident was detected, acknowledged, contained and resolved. Detection
 * is measured from the start of the problem; the other three from detection, so they describe
 * the team's response rather than how long the problem went unnoticed. A duration is null when
 * either end is missing or the end precedes the start.
 */
export function responseTimes(timestamps: ResponseTimestamps): ResponseTimes {
  const { startedAt, detectedAt, acknowledgedAt, containedAt, resolvedAt } = timestamps;

  return {
    timeToDetectMs: elapsedMs(startedAt, detectedAt),
    timeToAcknowledgeMs: elapsedMs(detectedAt, acknowledgedAt),
    timeToContainMs: elapsedMs(detectedAt, containedAt),
    timeToResolveMs: elapsedMs(detectedAt, resolvedAt),
  };
}
