/**
 * Words and badge tones for the governance pages: playbooks, change requests, reviews. Display
 * only; the API's enum values stay as they are everywhere else.
 */
import type {
  ChangeOperation,
  ChangeRequestKind,
  ChangeRequestState,
  ChangeRiskLevel,
  PlaybookReviewState,
  PlaybookStatus,
  ReviewVerdict,
} from '$lib/graphql/generated/graphql';
import type { Tone } from '$lib/tones';

/** What a change request proposes. */
export const KIND_LABELS: Readonly<Record<ChangeRequestKind, string>> = {
  NEW_PLAYBOOK: 'New playbook',
  NEW_VERSION: 'New version',
  DEPRECATION: 'Deprecation',
  POLICY_CHANGE: 'Approval policy change',
};

/** Where a change request stands. */
export const STATE_LABELS: Readonly<Record<ChangeRequestState, string>> = {
  DRAFT: 'Draft',
  OPEN: 'Open for review',
  CHANGES_REQUESTED: 'Changes requested',
  APPROVED: 'Approved',
  MERGED: 'Merged',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/** The states in the order a request usually moves through them, for filters. */
export const STATES_IN_ORDER: readonly ChangeRequestState[] = [
  'DRAFT',
  'OPEN',
  'CHANGES_REQUESTED',
  'APPROVED',
  'MERGED',
  'REJECTED',
  'WITHDRAWN',
];

/** States in which a change request still awaits something. */
export const ACTIVE_STATES: readonly ChangeRequestState[] = [
  'DRAFT',
  'OPEN',
  'CHANGES_REQUESTED',
  'APPROVED',
];

/** Active requests stand out; closed ones recede. */
export const STATE_TONES: Readonly<Record<ChangeRequestState, Tone>> = {
  DRAFT: 'neutral',
  OPEN: 'medium',
  CHANGES_REQUESTED: 'high',
  APPROVED: 'low',
  MERGED: 'done',
  REJECTED: 'neutral',
  WITHDRAWN: 'neutral',
};

/** How risky a change is, which decides the approvals it needs. */
export const RISK_LABELS: Readonly<Record<ChangeRiskLevel, string>> = {
  TEXT_ONLY: 'Text only',
  STANDARD: 'Standard risk',
  HIGH: 'High risk',
};

export const RISK_TONES: Readonly<Record<ChangeRiskLevel, Tone>> = {
  TEXT_ONLY: 'low',
  STANDARD: 'medium',
  HIGH: 'critical',
};

/** Where a playbook stands with its periodic review. */
export const REVIEW_STATE_LABELS: Readonly<Record<PlaybookReviewState, string>> = {
  CURRENT: 'Review current',
  DUE_SOON: 'Review due soon',
  OVERDUE: 'Review overdue',
};

export const REVIEW_STATE_TONES: Readonly<Record<PlaybookReviewState, Tone>> = {
  CURRENT: 'done',
  DUE_SOON: 'medium',
  OVERDUE: 'critical',
};

export const PLAYBOOK_STATUS_LABELS: Readonly<Record<PlaybookStatus, string>> = {
  ACTIVE: 'Active',
  DEPRECATED: 'Deprecated',
};

export const PLAYBOOK_STATUS_TONES: Readonly<Record<PlaybookStatus, Tone>> = {
  ACTIVE: 'low',
  DEPRECATED: 'neutral',
};

/** A reviewer's verdict, as a past-tense sentence fragment: "Ben approved". */
export const VERDICT_WORDS: Readonly<Record<ReviewVerdict, string>> = {
  APPROVE: 'approved',
  REQUEST_CHANGES: 'requested changes',
  COMMENT: 'commented',
};

/** What a diff line did to its place in the document. */
export const OPERATION_LABELS: Readonly<Record<ChangeOperation, string>> = {
  ADDED: 'Added',
  REMOVED: 'Removed',
  MOVED: 'Moved',
  CHANGED: 'Changed',
};

/** Additions stand out as done, removals as critical, moves and rewordings in between. */
export const OPERATION_TONES: Readonly<Record<ChangeOperation, Tone>> = {
  ADDED: 'done',
  REMOVED: 'critical',
  MOVED: 'low',
  CHANGED: 'medium',
};

/** The emergency review a merged emergency change owes, as the API names its states. */
export const EMERGENCY_REVIEW_LABELS: Readonly<Record<string, string>> = {
  AWAITING: 'Emergency review awaited',
  OVERDUE: 'Emergency review overdue',
  REVIEWED: 'Emergency change reviewed',
};

export const EMERGENCY_REVIEW_TONES: Readonly<Record<string, Tone>> = {
  AWAITING: 'high',
  OVERDUE: 'critical',
  REVIEWED: 'done',
};
