/**
 * Who must approve a change to a playbook before it merges.
 *
 * A change request is first given a risk level ({@link classifyChangeRisk}); the organisation's
 * approval policy names, per level, how many approvals it needs and from whom; and the reviews
 * given so far are judged against that rule ({@link evaluateApprovals}). Emergency changes skip
 * the approvals at merge time and owe a review afterwards ({@link emergencyReviewState}).
 */

import type {
  ApprovalPolicyDocument,
  ApprovalRequirement,
  ApproverSelector,
  ChangeRiskLevel,
  DocumentChange,
  PlaybookDocument,
  PlaybookModule,
} from './document.js';

const MS_PER_HOUR = 3_600_000;

/** The kinds of change request through which playbooks and the approval policy change. */
export const CHANGE_REQUEST_KINDS = [
  /** Creates a playbook that did not exist. */
  'NEW_PLAYBOOK',
  /** Proposes a new version of an existing playbook. */
  'NEW_VERSION',
  /** Retires a playbook so that no new incident uses it. */
  'DEPRECATION',
  /** Changes the organisation's approval policy. */
  'POLICY_CHANGE',
] as const;

/** One kind of change request; see {@link CHANGE_REQUEST_KINDS}. */
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

/** What {@link classifyChangeRisk} needs to know about a change request. */
export interface ChangeRiskInput {
  kind: ChangeRequestKind;
  /** The differences between the base and the proposed document. */
  changes: DocumentChange[];
  /** Whether every change only rewords prose, as the diff judged it. */
  textOnly: boolean;
  /** The version being changed; null for a new playbook or a policy change. */
  baseDocument: PlaybookDocument | null;
  /** The version proposed; null for a policy change, and may be null for a deprecation. */
  proposedDocument: PlaybookDocument | null;
}

/** A change request's risk level, with the reasons a reviewer reads to see why. */
export interface ChangeRiskAssessment {
  level: ChangeRiskLevel;
  /** Sentences, each ending with a full stop; the first explains the level. */
  reasons: string[];
}

/**
 * Decides how risky a change request is, which decides the approvals it needs.
 *
 * - A policy change is always HIGH: the policy governs every other change, so loosening it is
 *   as risky as any change it would later let through.
 * - A change to compliance notes, or to a playbook that covers access-control violations
 *   (before or after the change), is HIGH.
 * - A new version that only rewords prose is TEXT_ONLY.
 * - Anything else, including a new playbook and a deprecation, is STANDARD.
 *
 * Compliance notes count only when a playbook already exists: every playbook must carry notes,
 * so judging a new playbook by them would make every new playbook HIGH.
 */
export function classifyChangeRisk(input: ChangeRiskInput): ChangeRiskAssessment {
  const { kind, changes, textOnly, baseDocument, proposedDocument } = input;

  if (kind === 'POLICY_CHANGE') {
    return {
      level: 'HIGH',
      reasons: ['Changes the approval policy, which governs every other change.'],
    };
  }

  const highReasons: string[] = [];

  if (kind !== 'NEW_PLAYBOOK') {
    highReasons.push(...complianceReasons(changes, baseDocument, proposedDocument));
  }

  const accessControl = accessControlReason(baseDocument, proposedDocument);
  if (accessControl !== null) {
    highReasons.push(accessControl);
  }

  if (highReasons.length > 0) {
    return { level: 'HIGH', reasons: highReasons };
  }

  switch (kind) {
    case 'NEW_PLAYBOOK':
      return { level: 'STANDARD', reasons: ['Creates a new playbook.'] };
    case 'DEPRECATION':
      return { level: 'STANDARD', reasons: ['Deprecates the playbook.'] };
    case 'NEW_VERSION':
      return textOnly
        ? { level: 'TEXT_ONLY', reasons: ['Changes wording only.'] }
        : {
            level: 'STANDARD',
            reasons: ["Changes the playbook's structure, not only its wording."],
          };
  }
}

/**
 * One sentence per module whose compliance notes change. Both the diff's paths and the two
 * documents are consulted: a diff may report a removed or added module as one change at
 * `/modules/<id>`, which does not end in `/complianceNotes` yet removes or adds notes.
 */
function complianceReasons(
  changes: DocumentChange[],
  base: PlaybookDocument | null,
  proposed: PlaybookDocument | null,
): string[] {
  // Keyed by module id (or by path outside modules) so each place is reported once.
  const reasons = new Map<string, string>();

  if (base !== null && proposed !== null) {
    const before = modulesById(base);
    const after = modulesById(proposed);

    for (const [id, module] of before) {
      const next = after.get(id);
      if (next === undefined) {
        if (module.complianceNotes.trim() !== '') {
          reasons.set(id, `Removes module ${id} and its compliance notes.`);
        }
      } else if (next.complianceNotes !== module.complianceNotes) {
        reasons.set(id, `Changes compliance notes in module ${id}.`);
      }
    }

    for (const [id, module] of after) {
      if (!before.has(id) && module.complianceNotes.trim() !== '') {
        reasons.set(id, `Adds module ${id} with compliance notes.`);
      }
    }
  }

  for (const change of changes) {
    if (!change.path.endsWith('/complianceNotes')) {
      continue;
    }

    const match = /^\/modules\/([^/]+)\/complianceNotes$/.exec(change.path);
    const moduleId = match?.[1];
    if (moduleId === undefined) {
      reasons.set(change.path, `Changes compliance notes at ${change.path}.`);
    } else if (!reasons.has(moduleId)) {
      reasons.set(moduleId, `Changes compliance notes in module ${moduleId}.`);
    }
  }

  return [...reasons.values()];
}

function modulesById(document: PlaybookDocument): Map<string, PlaybookModule> {
  return new Map(document.modules.map((module) => [module.id, module]));
}

/** A sentence when either version covers access-control violations, else null. */
function accessControlReason(
  base: PlaybookDocument | null,
  proposed: PlaybookDocument | null,
): string | null {
  const before = base?.triggers.failureKinds.includes('ACCESS_CONTROL_VIOLATION') ?? false;
  const after = proposed?.triggers.failureKinds.includes('ACCESS_CONTROL_VIOLATION') ?? false;

  if (before && after) {
    return 'The playbook covers access-control violations.';
  }
  if (after) {
    return 'Makes the playbook cover access-control violations.';
  }
  if (before) {
    return 'Stops the playbook covering access-control violations.';
  }
  return null;
}

/** The verdicts a review can carry. */
export const REVIEW_VERDICTS = ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'] as const;

/** One review verdict; a COMMENT leaves the reviewer's earlier verdict as it was. */
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** One review given on a change request. */
export interface ReviewInput {
  reviewerId: string;
  verdict: ReviewVerdict;
  /** The revision of the change request the review was given on. */
  revision: number;
  at: Date;
}

/** What the approval rules need to know about a reviewer. */
export interface ReviewerFacts {
  /** The teams the reviewer belongs to (team ids). */
  teamIds: string[];
  /** Whether the reviewer has the organisation's admin role. */
  isAdmin: boolean;
}

/** What {@link evaluateApprovals} judges. */
export interface ApprovalInput {
  policy: ApprovalPolicyDocument;
  level: ChangeRiskLevel;
  /** The person who opened the change request; their own approval never counts. */
  authorId: string;
  /**
   * The team that owns the playbook as it stands (the base version's owner; the proposed owner
   * for a new playbook), so a change cannot hand itself to a friendlier team for approval.
   * Null when there is none, as for a policy change; OWNER_TEAM requirements then cannot be met.
   */
  ownerTeamId: string | null;
  /** The change request's latest revision; approvals of earlier revisions are dismissed. */
  currentRevision: number;
  /** Every review given, in any order. */
  reviews: ReviewInput[];
  /** Facts about each reviewer by id; a reviewer without facts matches no selector. */
  reviewers: ReadonlyMap<string, ReviewerFacts> | Readonly<Record<string, ReviewerFacts>>;
}

/** How far one requirement of the rule is met. */
export interface RequirementProgress {
  id: string;
  label: string;
  /** Approvals the requirement asks for. */
  needed: number;
  /** Everyone whose current approval counts towards it, in the order they approved. */
  approvers: string[];
  met: boolean;
}

/** Whether a change request has the approvals its risk level needs, and why or why not. */
export interface ApprovalEvaluation {
  /** True when every requirement is met and nobody requests changes on the current revision. */
  satisfied: boolean;
  requirements: RequirementProgress[];
  /** Reviewers whose latest verdict requests changes on the current revision. */
  blockedBy: string[];
  /** Reviewers whose latest verdict approved an earlier revision, so no longer counts. */
  dismissed: string[];
  /** Whether the author approved their own change, which was not counted. */
  ignoredSelfApproval: boolean;
  /** Sentences naming what is still missing: "Needs 1 more approval from Owner team." */
  missing: string[];
}

/**
 * Judges the reviews of a change request against the policy's rule for its risk level.
 *
 * Only each reviewer's latest APPROVE or REQUEST_CHANGES counts; a COMMENT does not change it.
 * Reviews are ordered by `at`, and of two at the same instant the later in `reviews` wins. A
 * request for changes on an earlier revision no longer blocks, because the new revision is the
 * author's answer to it; the reviewer can request changes again. A policy without a rule for
 * the level is never satisfied, so a gap in the policy cannot wave changes through.
 */
export function evaluateApprovals(input: ApprovalInput): ApprovalEvaluation {
  const { policy, level, authorId, ownerTeamId, currentRevision, reviews, reviewers } = input;

  const latest = latestVerdicts(reviews);

  const approvers: string[] = [];
  const blockedBy: string[] = [];
  const dismissed: string[] = [];
  let ignoredSelfApproval = false;

  for (const review of latest) {
    const current = review.revision === currentRevision;

    if (review.verdict === 'REQUEST_CHANGES') {
      if (current) {
        blockedBy.push(review.reviewerId);
      }
    } else if (review.reviewerId === authorId) {
      ignoredSelfApproval = true;
    } else if (current) {
      approvers.push(review.reviewerId);
    } else {
      dismissed.push(review.reviewerId);
    }
  }

  const rule = policy.rules.find((candidate) => candidate.riskLevel === level);
  if (rule === undefined) {
    return {
      satisfied: false,
      requirements: [],
      blockedBy,
      dismissed,
      ignoredSelfApproval,
      missing: [`The approval policy has no rule for ${level} changes.`],
    };
  }

  // Each requirement counts every matching approver on its own, so one person may meet several:
  // someone in both the owner team and security is a legitimate owner approval and a legitimate
  // risk validation. A policy that wants two different people says so with a count of two.
  const requirements = rule.requirements.map((requirement): RequirementProgress => {
    const matching = approvers.filter((id) => {
      const facts = lookUp(reviewers, id);
      return facts !== undefined && selects(requirement.from, facts, ownerTeamId);
    });

    return {
      id: requirement.id,
      label: requirement.label,
      needed: requirement.count,
      approvers: matching,
      met: matching.length >= requirement.count,
    };
  });

  const missing = rule.requirements.flatMap((requirement, index) => {
    const progress = requirements[index];
    return progress === undefined || progress.met
      ? []
      : [missingSentence(requirement, progress, ownerTeamId)];
  });

  return {
    satisfied: blockedBy.length === 0 && requirements.every((progress) => progress.met),
    requirements,
    blockedBy,
    dismissed,
    ignoredSelfApproval,
    missing,
  };
}

/** Each reviewer's latest APPROVE or REQUEST_CHANGES, in the order those verdicts were given. */
function latestVerdicts(reviews: ReviewInput[]): ReviewInput[] {
  // Array.prototype.sort is stable, which is what makes input order settle ties.
  const ordered = reviews
    .filter((review) => review.verdict !== 'COMMENT')
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const byReviewer = new Map<string, ReviewInput>();
  for (const review of ordered) {
    // Deleting first moves the reviewer to the end, keeping the map in order of latest verdict.
    byReviewer.delete(review.reviewerId);
    byReviewer.set(review.reviewerId, review);
  }

  return [...byReviewer.values()];
}

function lookUp(reviewers: ApprovalInput['reviewers'], id: string): ReviewerFacts | undefined {
  if (isMap(reviewers)) {
    return reviewers.get(id);
  }
  // Own properties only, so an id such as "constructor" does not find Object.prototype's.
  return Object.hasOwn(reviewers, id) ? reviewers[id] : undefined;
}

function isMap(
  reviewers: ApprovalInput['reviewers'],
): reviewers is ReadonlyMap<string, ReviewerFacts> {
  return reviewers instanceof Map;
}

function selects(
  selector: ApproverSelector,
  facts: ReviewerFacts,
  ownerTeamId: string | null,
): boolean {
  switch (selector.kind) {
    case 'OWNER_TEAM':
      return ownerTeamId !== null && facts.teamIds.includes(ownerTeamId);
    case 'TEAM':
      return facts.teamIds.includes(selector.teamId);
    case 'ADMIN':
      return facts.isAdmin;
  }
}

function missingSentence(
  requirement: ApprovalRequirement,
  progress: RequirementProgress,
  ownerTeamId: string | null,
): string {
  const more = progress.needed - progress.approvers.length;
  const approvals = more === 1 ? 'approval' : 'approvals';
  const sentence = `Needs ${more} more ${approvals} from ${requirement.label}`;

  if (requirement.from.kind === 'OWNER_TEAM' && ownerTeamId === null) {
    return `${sentence}, but the playbook has no owner team.`;
  }
  return `${sentence}.`;
}

/** What {@link emergencyReviewState} needs to know about an emergency change. */
export interface EmergencyReviewInput {
  mergedAt: Date;
  policy: ApprovalPolicyDocument;
  /** Approvals the change has received since it merged. */
  postMergeApprovals: number;
  now: Date;
}

/** Where an emergency change stands with its review after merging. */
export interface EmergencyReviewStatus {
  /** When the review is due: `emergencyReviewHours` after the merge. */
  dueAt: Date;
  /**
   * REVIEWED once it has an approval (even a late one); until then AWAITING up to and
   * including `dueAt`, and OVERDUE after it.
   */
  state: 'REVIEWED' | 'AWAITING' | 'OVERDUE';
}

/**
 * Judges the review an emergency change owes. Such a change may merge at once, without
 * approvals, so that responders are not held up mid-incident; the policy then gives it
 * `emergencyReviewHours` to be reviewed.
 *
 * @throws RangeError when the policy's `emergencyReviewHours` is negative or not finite.
 */
export function emergencyReviewState(input: EmergencyReviewInput): EmergencyReviewStatus {
  const { mergedAt, policy, postMergeApprovals, now } = input;
  const hours = policy.emergencyReviewHours;

  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Invalid emergencyReviewHours: ${hours}.`);
  }

  const dueAt = new Date(mergedAt.getTime() + hours * MS_PER_HOUR);

  if (postMergeApprovals > 0) {
    return { dueAt, state: 'REVIEWED' };
  }
  return { dueAt, state: now.getTime() > dueAt.getTime() ? 'OVERDUE' : 'AWAITING' };
}

/** Freezes a plain value and everything in it, so a shared constant cannot be changed. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const nested of Object.values(value)) {
      deepFreeze(nested);
    }
    Object.freeze(value);
  }
  return value;
}

/**
 * The policy a new organisation starts with. It relies only on roles every organisation has
 * (the owner team and admins) because no security team is configured yet; an organisation adds
 * a risk validator, for example, through a POLICY_CHANGE request. The value is frozen: copy it
 * before changing it.
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicyDocument = deepFreeze({
  rules: [
    {
      riskLevel: 'TEXT_ONLY',
      requirements: [
        { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
      ],
    },
    {
      riskLevel: 'STANDARD',
      requirements: [
        { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
      ],
    },
    {
      riskLevel: 'HIGH',
      requirements: [
        { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
        { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } },
      ],
    },
  ],
  emergencyReviewHours: 48,
});
