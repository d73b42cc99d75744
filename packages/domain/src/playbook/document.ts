/**
 * The shape of a playbook: a response procedure for one family of no-code failures, kept as a
 * plain JSON document so that versions can be stored whole, compared field by field and merged.
 *
 * Every list whose items a reviewer may want to discuss (modules, steps, gates, options, checks)
 * holds objects with a stable `id`. Ids are short slugs chosen by the author ("contain",
 * "export-records"); they make diffs say "step export-records moved" rather than "item 3
 * changed", and they give review comments a path that survives edits elsewhere.
 */

import type { IncidentRole, Platform, Severity } from '../incident.js';

/** The families of failure a playbook can be written for. */
export const FAILURE_KINDS = [
  'BROKEN_DATA_PIPELINE',
  'WRONG_OR_RUNAWAY_TRIGGER',
  'ACCESS_CONTROL_VIOLATION',
  'PAYMENT_FLOW_HALTED',
  'CONNECTOR_AUTHORISATION_EXPIRED',
  'QUOTA_OR_RATE_LIMIT',
  'SCHEMA_DRIFT',
  'OTHER',
] as const;

/** One family of failure. */
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** How each failure kind reads in the interface. */
export const FAILURE_KIND_LABELS: Readonly<Record<FailureKind, string>> = {
  BROKEN_DATA_PIPELINE: 'Broken data pipeline',
  WRONG_OR_RUNAWAY_TRIGGER: 'Wrong or runaway trigger',
  ACCESS_CONTROL_VIOLATION: 'Access-control violation',
  PAYMENT_FLOW_HALTED: 'Payment flow halted',
  CONNECTOR_AUTHORISATION_EXPIRED: 'Connector authorisation expired',
  QUOTA_OR_RATE_LIMIT: 'Quota or rate limit',
  SCHEMA_DRIFT: 'Schema drift in a connected app',
  OTHER: 'Other',
};

/** Which incidents a playbook is meant for; an empty list matches every value. */
export interface PlaybookTriggers {
  platforms: Platform[];
  failureKinds: FailureKind[];
}

/** A checklist item of a module. */
export interface PlaybookStep {
  id: string;
  title: string;
  /** Extra guidance; may be empty. */
  detail: string;
  /** The incident role expected to carry the step out and check it off. */
  role: IncidentRole;
  /** What must be attached before the step counts as done ("export of affected records"). */
  requiredArtifacts: string[];
  /** How long the step should take, in minutes. */
  expectedMinutes: number;
}

/** One answer of a decision gate and the module it leads to. */
export interface GateOption {
  id: string;
  label: string;
  /** The module to continue with; must be a module of the same playbook. */
  nextModuleId: string;
}

/** A question the responders answer with one of its options, choosing the way forward. */
export interface DecisionGate {
  id: string;
  question: string;
  options: GateOption[];
}

/** A check with an id, used for data-integrity checks and verification tests. */
export interface PlaybookCheck {
  id: string;
  description: string;
}

/** An instruction of a rollback procedure. */
export interface RollbackStep {
  id: string;
  instruction: string;
}

/**
 * When to bring in a specialist team. The escalation applies once either threshold is reached:
 * the incident has run `afterMinutes`, or its severity is `atSeverity` or worse. At least one
 * threshold is set.
 */
export interface EscalationRule {
  id: string;
  /** The specialist team, such as data engineering or platform security (a team's id). */
  specialistTeamId: string;
  afterMinutes: number | null;
  atSeverity: Severity | null;
  /** Why and how to escalate; may be empty. */
  note: string;
}

/** A part of a playbook: what to do at one stage, and where to go next. */
export interface PlaybookModule {
  id: string;
  title: string;
  /** What this module is for; may be empty. */
  purpose: string;
  steps: PlaybookStep[];
  gates: DecisionGate[];
  rollback: RollbackStep[];
  integrityChecks: PlaybookCheck[];
  verificationTests: PlaybookCheck[];
  escalations: EscalationRule[];
  /**
   * Data-handling and privacy notes. Every path from the entry module to a module without
   * gates must pass at least one module with notes, so no way to recover skips them.
   */
  complianceNotes: string;
}

/** The whole content of one playbook version. */
export interface PlaybookDocument {
  title: string;
  summary: string;
  /** The team that owns the playbook (a team's id). */
  ownerTeamId: string;
  triggers: PlaybookTriggers;
  /** Days between reviews; a review falls due when this lapses. */
  reviewIntervalDays: number;
  /** Where a run starts; must be a module's id. */
  entryModuleId: string;
  modules: PlaybookModule[];
}

/** Risk levels that approval policies distinguish, from lightest to heaviest. */
export const CHANGE_RISK_LEVELS = ['TEXT_ONLY', 'STANDARD', 'HIGH'] as const;

/** How risky a change is, which decides the approvals it needs. */
export type ChangeRiskLevel = (typeof CHANGE_RISK_LEVELS)[number];

/** Who may count towards an approval requirement. */
export type ApproverSelector =
  /** Members of the team that owns the playbook being changed. */
  | { kind: 'OWNER_TEAM' }
  /** Members of one named team (a team's id), such as security as the risk validator. */
  | { kind: 'TEAM'; teamId: string }
  /** Members of the organisation with the admin role. */
  | { kind: 'ADMIN' };

/** "`count` approvals from `from`", one line of a policy rule. */
export interface ApprovalRequirement {
  id: string;
  /** How the requirement reads in the interface: "Risk validator from security". */
  label: string;
  count: number;
  from: ApproverSelector;
}

/** The approvals a change of one risk level needs; all requirements must be met. */
export interface ApprovalRule {
  riskLevel: ChangeRiskLevel;
  requirements: ApprovalRequirement[];
}

/** An organisation's approval policy, itself versioned and changed by change requests. */
export interface ApprovalPolicyDocument {
  /** One rule per risk level. */
  rules: ApprovalRule[];
  /** Hours within which an emergency change must get its review after merging. */
  emergencyReviewHours: number;
}

/** What a change does to one place of a document. */
export type ChangeOperation = 'ADDED' | 'REMOVED' | 'MOVED' | 'CHANGED';

/**
 * One difference between two versions of a document. Paths name keyed items by their id, so
 * `/modules/contain/steps/export-records/title` is the title of step `export-records` in module
 * `contain`, wherever either sits in its list.
 */
export interface DocumentChange {
  operation: ChangeOperation;
  path: string;
  /** The old value; for MOVED, the old position in the list; absent for ADDED. */
  before?: unknown;
  /** The new value; for MOVED, the new position in the list; absent for REMOVED. */
  after?: unknown;
}
