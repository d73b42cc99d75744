/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Who performed an action. */
export type ActorKind = 'SYSTEM' | 'TOKEN' | 'USER';

export type AnswerDecisionGateInput = {
  gateId: string;
  moduleId: string;
  optionId: string;
  /** Why this option; required, at most 2000 characters. */
  rationale: string;
  runId: string | number;
};

export type AssignIncidentRoleInput = {
  /** When given, stale versions are refused. */
  expectedVersion?: number | null | undefined;
  /** Required when the role changes hands. */
  handoffNote?: string | null | undefined;
  incidentId: string | number;
  role: IncidentRole;
  userId?: string | number | null | undefined;
};

export type AttachPlaybookArtifactInput = {
  /** Which of the step's required artifacts this is (case is ignored); any other label is kept as extra material. At most 200 characters. */
  label: string;
  moduleId: string;
  /** At most 2000 characters. */
  note?: string | null | undefined;
  runId: string | number;
  stepId: string;
  /** An http or https link, at most 2048 characters. */
  url: string;
};

export type AttachPlaybookInput = {
  incidentId: string | number;
  playbookVersionId: string | number;
};

/** What a change does at one path of a document. */
export type ChangeOperation = 'ADDED' | 'CHANGED' | 'MOVED' | 'REMOVED';

export type ChangeRequestFilter = {
  playbookId?: string | number | null | undefined;
  states?: Array<ChangeRequestState> | null | undefined;
};

/** What a change request proposes. */
export type ChangeRequestKind = 'DEPRECATION' | 'NEW_PLAYBOOK' | 'NEW_VERSION' | 'POLICY_CHANGE';

/** Where a change request stands. */
export type ChangeRequestState =
  'APPROVED' | 'CHANGES_REQUESTED' | 'DRAFT' | 'MERGED' | 'OPEN' | 'REJECTED' | 'WITHDRAWN';

/** How risky a change is; the approval policy has one rule per level. */
export type ChangeRiskLevel = 'HIGH' | 'STANDARD' | 'TEXT_ONLY';

export type CheckPlaybookStepInput = {
  /** False unchecks the step. */
  checked: boolean;
  moduleId: string;
  runId: string | number;
  stepId: string;
};

export type CommentOnChangeRequestInput = {
  body: string;
  id: string | number;
  /** Where the comment applies (as in the diff); required to start a thread. */
  path?: string | null | undefined;
  /** The thread to answer. */
  threadId?: string | number | null | undefined;
};

/** How much the business depends on an automation. */
export type Criticality = 'CRITICAL' | 'HIGH' | 'LOW' | 'MEDIUM';

/** A kind of data an automation touches. */
export type DataKind =
  | 'CREDENTIALS'
  | 'CUSTOMER_PII'
  | 'EMPLOYEE'
  | 'FINANCIAL'
  | 'INVENTORY'
  | 'MARKETING'
  | 'ORDERS'
  | 'OTHER'
  | 'PAYMENT';

export type DeclareIncidentInput = {
  /** Affected automations. */
  automationIds?: Array<string | number> | null | undefined;
  /** Defaults to now; may not be in the future. */
  detectedAt?: string | null | undefined;
  detectionSource: DetectionSource;
  severity: Severity;
  /** When the failure began, if known. */
  startedAt?: string | null | undefined;
  summary?: string | null | undefined;
  title: string;
};

/** How the failure was noticed. */
export type DetectionSource =
  'AUTOMATION_DASHBOARD' | 'MONITORING' | 'OTHER' | 'PLATFORM_LOG' | 'USER_REPORT';

/** What kind of change an incident event reports. */
export type IncidentChangeKind =
  'DECLARED' | 'ROLE_ASSIGNED' | 'SCOPE_CHANGED' | 'TRANSITIONED' | 'UPDATED';

export type IncidentFilter = {
  automationId?: string | number | null | undefined;
  declaredAfter?: string | null | undefined;
  declaredBefore?: string | null | undefined;
  /** Incidents affecting the team’s automations. */
  ownerTeamId?: string | number | null | undefined;
  /** Text in the title or summary. */
  search?: string | null | undefined;
  severities?: Array<Severity> | null | undefined;
  statuses?: Array<IncidentStatus> | null | undefined;
};

/** A responsibility in an incident, held by one person at a time. */
export type IncidentRole =
  'BUSINESS_LIAISON' | 'COMMUNICATIONS_MANAGER' | 'INCIDENT_LEAD' | 'TECHNICAL_RESOLVER';

/** Where an incident stands in its lifecycle. */
export type IncidentStatus =
  'CANCELLED' | 'CLOSED' | 'CONTAINED' | 'DETECTED' | 'RECOVERING' | 'RESOLVED' | 'TRIAGED';

/** What a member may do: read, respond to incidents, or administer the organisation. */
export type MembershipRole = 'ADMIN' | 'RESPONDER' | 'VIEWER';

export type MergeChangeRequestInput = {
  /** The revision being merged; a stale number is a CONFLICT. */
  expectedRevision: number;
  id: string | number;
};

export type OpenChangeRequestInput = {
  description?: string | null | undefined;
  /** The proposed PlaybookDocument (NEW_PLAYBOOK, NEW_VERSION) or ApprovalPolicyDocument (POLICY_CHANGE); absent for DEPRECATION. */
  document?: Record<string, unknown> | null | undefined;
  /** Keep it as a DRAFT, invisible to the approval rules until submitted. */
  draft?: boolean | null | undefined;
  /** An emergency change may merge without approvals but owes a review within the hours the approval policy sets. */
  emergency?: boolean | null | undefined;
  kind: ChangeRequestKind;
  /** The playbook to change; required for NEW_VERSION and DEPRECATION. */
  playbookId?: string | number | null | undefined;
  /** For DEPRECATION: the playbook to use instead. */
  replacementPlaybookId?: string | number | null | undefined;
  /** People asked to review. */
  reviewerIds?: Array<string | number> | null | undefined;
  title: string;
};

/** The no-code platform an automation runs on. */
export type Platform =
  | 'AIRTABLE'
  | 'BUBBLE'
  | 'MAKE'
  | 'N8N'
  | 'OTHER'
  | 'POWER_AUTOMATE'
  | 'SALESFORCE_FLOW'
  | 'ZAPIER';

export type PlaybookFilter = {
  /** Text in the title. */
  search?: string | null | undefined;
  statuses?: Array<PlaybookStatus> | null | undefined;
};

/** Whether a playbook is within its review interval. */
export type PlaybookReviewState = 'CURRENT' | 'DUE_SOON' | 'OVERDUE';

/** What someone did in a playbook run. */
export type PlaybookRunActionKind =
  'ARTIFACT_ATTACHED' | 'GATE_ANSWERED' | 'STEP_CHECKED' | 'STEP_UNCHECKED';

/** What happened to a playbook run. */
export type PlaybookRunChangeKind =
  'ARTIFACT_ATTACHED' | 'ATTACHED' | 'GATE_ANSWERED' | 'STEP_CHECKED' | 'STEP_UNCHECKED';

/** ACTIVE playbooks are offered for incidents; DEPRECATED ones name their replacement. */
export type PlaybookStatus = 'ACTIVE' | 'DEPRECATED';

/** What a block of a postmortem is: a heading, a paragraph, a list item, a quote, code, a rule. */
export type PostmortemBlockKind = 'CODE' | 'HEADING' | 'LIST_ITEM' | 'PARAGRAPH' | 'QUOTE' | 'RULE';

/** Response urgency from business-impact scoring; P1 is the most urgent. */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export type RestorePostmortemVersionInput = {
  /** The number of the newest version the caller has seen. When given and someone has saved or restored a version since, the restore is refused with CONFLICT and nothing changes. */
  expectedVersion?: number | null | undefined;
  versionId: string | number;
};

export type ReviewChangeRequestInput = {
  body?: string | null | undefined;
  id: string | number;
  /** The revision reviewed; it must be the current one. */
  revision: number;
  verdict: ReviewVerdict;
};

/** APPROVE and REQUEST_CHANGES are verdicts; COMMENT leaves an earlier verdict standing. */
export type ReviewVerdict = 'APPROVE' | 'COMMENT' | 'REQUEST_CHANGES';

export type ReviseChangeRequestInput = {
  document: Record<string, unknown>;
  /** The revision this one replaces; a stale number is a CONFLICT. */
  expectedRevision: number;
  id: string | number;
  /** What changed, in words. */
  message?: string | null | undefined;
};

/** How much risk a department accepts before an incident's priority rises. */
export type RiskAppetite = 'AVERSE' | 'BALANCED' | 'CAUTIOUS' | 'TOLERANT';

export type SavePostmortemVersionInput = {
  incidentId: string | number;
  /** Such as "submitted for review": one line, at most 200 characters. */
  name: string;
};

export type SetImpactScopeInput = {
  description: string;
  expectedVersion: number;
  incidentId: string | number;
};

/** Technical and customer impact; SEV1 is the worst. */
export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export type SignInInput = {
  email: string;
  /** Defaults to the oldest membership. */
  organizationId?: string | number | null | undefined;
  password: string;
};

export type SignUpInput = {
  email: string;
  name: string;
  organizationName: string;
  /** At least 10 characters. */
  password: string;
};

/** What a timeline entry records. */
export type TimelineEntryKind =
  | 'ACTION'
  | 'COMMUNICATION'
  | 'DECISION'
  | 'EVIDENCE'
  | 'NOTE'
  | 'ROLE_CHANGE'
  | 'SIGNAL'
  | 'STATUS_CHANGE';

/** Who produced an entry: a person, Keel itself, or an integration. */
export type TimelineEntrySource = 'INTEGRATION' | 'PERSON' | 'SYSTEM';

export type TransitionIncidentInput = {
  expectedVersion: number;
  incidentId: string | number;
  /** Why; required to cancel or to reopen a resolved incident. */
  note?: string | null | undefined;
  to: IncidentStatus;
};

export type UpdateIncidentInput = {
  /** Replaces the affected automations. */
  automationIds?: Array<string | number> | null | undefined;
  /** The version the edit is based on. */
  expectedVersion: number;
  incidentId: string | number;
  priority?: Priority | null | undefined;
  severity?: Severity | null | undefined;
  summary?: string | null | undefined;
  title?: string | null | undefined;
};

export type ValidateImpactScopeInput = {
  expectedVersion: number;
  incidentId: string | number;
};

export type AutomationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type AutomationsQuery = {
  automations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      name: string;
      platform: Platform;
      criticality: Criticality;
      businessProcess: string;
      dataKinds: Array<DataKind>;
      ownerTeam: { id: string; name: string } | null;
    }>;
  };
};

export type AutomationQueryVariables = Exact<{
  id: string | number;
}>;

export type AutomationQuery = {
  automation: {
    id: string;
    name: string;
    platform: Platform;
    criticality: Criticality;
    businessProcess: string;
    dataKinds: Array<DataKind>;
    externalUrl: string | null;
    archivedAt: string | null;
    createdAt: string;
    updatedAt: string;
    ownerTeam: { id: string; name: string; riskAppetite: RiskAppetite } | null;
    incidents: {
      totalCount: number;
      nodes: Array<{
        id: string;
        reference: string;
        title: string;
        status: IncidentStatus;
        severity: Severity;
        createdAt: string;
      }>;
    };
  } | null;
};

export type PlaybooksQueryVariables = Exact<{
  filter?: PlaybookFilter | null | undefined;
}>;

export type PlaybooksQuery = {
  playbooks: Array<{
    id: string;
    title: string;
    status: PlaybookStatus;
    currentVersionNumber: number;
    lastReviewedAt: string;
    updatedAt: string;
    ownerTeam: { id: string; name: string };
    replacedBy: { id: string; title: string } | null;
    review: { state: PlaybookReviewState; dueAt: string; daysOverdue: number };
  }>;
  teams: Array<{ id: string; name: string }>;
};

export type PlaybookQueryVariables = Exact<{
  id: string | number;
}>;

export type PlaybookQuery = {
  playbook: {
    id: string;
    title: string;
    status: PlaybookStatus;
    currentVersionNumber: number;
    lastReviewedAt: string;
    ownerTeam: { id: string; name: string; members: Array<{ id: string }> };
    replacedBy: { id: string; title: string } | null;
    review: { state: PlaybookReviewState; dueAt: string; daysOverdue: number };
    versions: Array<{
      id: string;
      number: number;
      title: string;
      createdAt: string;
      document: Record<string, unknown>;
      publishedBy: { name: string };
    }>;
    changeRequests: Array<{
      id: string;
      number: number;
      title: string;
      kind: ChangeRequestKind;
      state: ChangeRequestState;
      createdAt: string;
      authorId: string;
      author: { name: string };
    }>;
  } | null;
  playbooks: Array<{ id: string; title: string }>;
  teams: Array<{ id: string; name: string }>;
};

export type EditorContextQueryVariables = Exact<{ [key: string]: never }>;

export type EditorContextQuery = {
  teams: Array<{ id: string; name: string }>;
  members: Array<{ role: MembershipRole; user: { id: string; name: string } }>;
  approvalPolicy: { number: number; document: Record<string, unknown> };
};

export type PlaybookBaseQueryVariables = Exact<{
  id: string | number;
}>;

export type PlaybookBaseQuery = {
  playbook: {
    id: string;
    title: string;
    status: PlaybookStatus;
    currentVersion: { number: number; document: Record<string, unknown> };
  } | null;
};

export type ChangeRequestsQueryVariables = Exact<{
  filter?: ChangeRequestFilter | null | undefined;
}>;

export type ChangeRequestsQuery = {
  changeRequests: Array<{
    id: string;
    number: number;
    title: string;
    kind: ChangeRequestKind;
    state: ChangeRequestState;
    emergency: boolean;
    stale: boolean;
    createdAt: string;
    updatedAt: string;
    authorId: string;
    author: { name: string };
    playbook: { id: string; title: string } | null;
    risk: { level: ChangeRiskLevel };
  }>;
};

export type ChangeRequestQueryVariables = Exact<{
  id: string | number;
}>;

export type ChangeRequestQuery = {
  changeRequest: {
    id: string;
    number: number;
    title: string;
    description: string;
    kind: ChangeRequestKind;
    state: ChangeRequestState;
    authorId: string;
    currentRevision: number;
    baseVersionNumber: number | null;
    stale: boolean;
    emergency: boolean;
    emergencyReviewState: string | null;
    emergencyReviewDueAt: string | null;
    emergencyReviewedAt: string | null;
    closedReason: string | null;
    createdAt: string;
    updatedAt: string;
    mergedAt: string | null;
    document: Record<string, unknown> | null;
    baseDocument: Record<string, unknown> | null;
    author: { name: string };
    mergedBy: { name: string } | null;
    playbook: {
      id: string;
      title: string;
      currentVersionNumber: number;
      ownerTeam: { id: string; name: string };
    } | null;
    replacement: { id: string; title: string } | null;
    requestedReviewers: Array<{ id: string; name: string }>;
    risk: { level: ChangeRiskLevel; reasons: Array<string> };
    approval: {
      satisfied: boolean;
      mergeable: boolean;
      mergeBlockers: Array<string>;
      missing: Array<string>;
      blockedByIds: Array<string>;
      dismissedIds: Array<string>;
      ignoredSelfApproval: boolean;
      policyVersion: number;
      headVersionNumber: number | null;
      requirements: Array<{
        id: string;
        label: string;
        needed: number;
        met: boolean;
        approverIds: Array<string>;
      }>;
    };
    diff: Array<{ operation: ChangeOperation; path: string; before: unknown; after: unknown }>;
    conflicts: Array<{ path: string; base: unknown; ours: unknown; theirs: unknown }>;
    threads: Array<{
      id: string;
      path: string;
      revision: number;
      createdAt: string;
      resolvedAt: string | null;
      resolvedBy: { name: string } | null;
      comments: Array<{ body: string; createdAt: string; author: { name: string } }>;
    }>;
    reviews: Array<{
      reviewerId: string;
      verdict: ReviewVerdict;
      body: string;
      revision: number;
      afterMerge: boolean;
      createdAt: string;
      reviewer: { name: string };
    }>;
    revisions: Array<{
      number: number;
      message: string | null;
      baseVersionNumber: number | null;
      createdAt: string;
    }>;
  } | null;
  members: Array<{ role: MembershipRole; user: { id: string; name: string } }>;
  teams: Array<{ id: string; name: string; members: Array<{ id: string }> }>;
  approvalPolicy: { number: number; document: Record<string, unknown> };
};

export type ChangeRequestDraftQueryVariables = Exact<{
  id: string | number;
}>;

export type ChangeRequestDraftQuery = {
  changeRequest: {
    id: string;
    number: number;
    title: string;
    kind: ChangeRequestKind;
    state: ChangeRequestState;
    authorId: string;
    currentRevision: number;
    emergency: boolean;
    document: Record<string, unknown> | null;
    author: { name: string };
    playbook: { id: string; title: string } | null;
  } | null;
};

export type GovernanceReviewQueryVariables = Exact<{ [key: string]: never }>;

export type GovernanceReviewQuery = {
  governanceReview: {
    playbooksDue: Array<{
      id: string;
      title: string;
      ownerTeam: { id: string; name: string };
      review: { state: PlaybookReviewState; dueAt: string; daysOverdue: number };
    }>;
    emergencyChangesAwaitingReview: Array<{
      id: string;
      number: number;
      title: string;
      emergencyReviewState: string | null;
      emergencyReviewDueAt: string | null;
      mergedAt: string | null;
      authorId: string;
      author: { name: string };
      playbook: { id: string; title: string } | null;
    }>;
  };
  approvalPolicy: {
    number: number;
    createdAt: string;
    document: Record<string, unknown>;
    publishedBy: { name: string } | null;
  };
  teams: Array<{ id: string; name: string }>;
};

export type OpenChangeRequestMutationVariables = Exact<{
  input: OpenChangeRequestInput;
}>;

export type OpenChangeRequestMutation = { openChangeRequest: { id: string } };

export type ReviseChangeRequestMutationVariables = Exact<{
  input: ReviseChangeRequestInput;
}>;

export type ReviseChangeRequestMutation = {
  reviseChangeRequest: { id: string; currentRevision: number };
};

export type UpdateChangeRequestBaseMutationVariables = Exact<{
  id: string | number;
}>;

export type UpdateChangeRequestBaseMutation = {
  updateChangeRequestBase: { id: string; currentRevision: number };
};

export type SubmitChangeRequestMutationVariables = Exact<{
  id: string | number;
}>;

export type SubmitChangeRequestMutation = {
  submitChangeRequest: { id: string; state: ChangeRequestState };
};

export type WithdrawChangeRequestMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;

export type WithdrawChangeRequestMutation = {
  withdrawChangeRequest: { id: string; state: ChangeRequestState };
};

export type RejectChangeRequestMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;

export type RejectChangeRequestMutation = {
  rejectChangeRequest: { id: string; state: ChangeRequestState };
};

export type RequestReviewersMutationVariables = Exact<{
  id: string | number;
  reviewerIds: Array<string | number> | string | number;
}>;

export type RequestReviewersMutation = { requestChangeRequestReviewers: { id: string } };

export type ReviewChangeRequestMutationVariables = Exact<{
  input: ReviewChangeRequestInput;
}>;

export type ReviewChangeRequestMutation = {
  reviewChangeRequest: { id: string; state: ChangeRequestState };
};

export type CommentOnChangeRequestMutationVariables = Exact<{
  input: CommentOnChangeRequestInput;
}>;

export type CommentOnChangeRequestMutation = { commentOnChangeRequest: { id: string } };

export type ResolveReviewThreadMutationVariables = Exact<{
  id: string | number;
  resolved: boolean;
}>;

export type ResolveReviewThreadMutation = {
  resolveReviewThread: { id: string; resolvedAt: string | null };
};

export type MergeChangeRequestMutationVariables = Exact<{
  input: MergeChangeRequestInput;
}>;

export type MergeChangeRequestMutation = {
  mergeChangeRequest: { id: string; state: ChangeRequestState };
};

export type MarkPlaybookReviewedMutationVariables = Exact<{
  id: string | number;
}>;

export type MarkPlaybookReviewedMutation = {
  markPlaybookReviewed: { id: string; lastReviewedAt: string };
};

export type IncidentRunsQueryVariables = Exact<{
  id: string | number;
}>;

export type IncidentRunsQuery = {
  incident: {
    id: string;
    suggestedPlaybooks: Array<{ id: string }>;
    playbookRuns: Array<{ id: string }>;
  } | null;
  playbooks: Array<{
    id: string;
    title: string;
    status: PlaybookStatus;
    review: { state: PlaybookReviewState };
    replacedBy: { title: string } | null;
    currentVersion: { id: string; number: number };
  }>;
};

export type PlaybookRunQueryVariables = Exact<{
  id: string | number;
}>;

export type PlaybookRunQuery = {
  node:
    | { __typename: 'ApiToken' }
    | { __typename: 'ApprovalPolicy' }
    | { __typename: 'AuditRecord' }
    | { __typename: 'Automation' }
    | { __typename: 'ChangeRequest' }
    | { __typename: 'Incident' }
    | { __typename: 'Membership' }
    | { __typename: 'Organization' }
    | { __typename: 'Playbook' }
    | {
        __typename: 'PlaybookRun';
        id: string;
        createdAt: string;
        warnings: Array<string>;
        attachedBy: { name: string };
        playbook: { id: string; title: string };
        playbookVersion: { id: string; number: number; document: Record<string, unknown> };
        actions: Array<{
          kind: PlaybookRunActionKind;
          moduleId: string;
          stepId: string | null;
          artifactLabel: string | null;
          artifactUrl: string | null;
          createdAt: string;
          actor: { name: string };
        }>;
        state: {
          progress: { done: number; total: number };
          modules: Array<{
            moduleId: string;
            deciderRole: IncidentRole | null;
            reachedBy: { moduleId: string; gateId: string; optionId: string } | null;
            steps: Array<{
              stepId: string;
              checked: boolean;
              checkedAt: string | null;
              missingArtifacts: Array<string>;
              checkedBy: { name: string } | null;
            }>;
            gates: Array<{
              gateId: string;
              answer: {
                optionId: string;
                optionLabel: string;
                nextModuleId: string;
                rationale: string;
                answeredAt: string;
                answeredBy: { name: string };
              } | null;
            }>;
          }>;
        };
      }
    | { __typename: 'PlaybookVersion' }
    | { __typename: 'PostmortemVersion' }
    | { __typename: 'ReviewThread' }
    | { __typename: 'Team' }
    | { __typename: 'User' }
    | null;
};

export type AttachPlaybookMutationVariables = Exact<{
  input: AttachPlaybookInput;
}>;

export type AttachPlaybookMutation = { attachPlaybook: { id: string; warnings: Array<string> } };

export type CheckPlaybookStepMutationVariables = Exact<{
  input: CheckPlaybookStepInput;
}>;

export type CheckPlaybookStepMutation = { checkPlaybookStep: { id: string } };

export type AttachPlaybookArtifactMutationVariables = Exact<{
  input: AttachPlaybookArtifactInput;
}>;

export type AttachPlaybookArtifactMutation = { attachPlaybookArtifact: { id: string } };

export type AnswerDecisionGateMutationVariables = Exact<{
  input: AnswerDecisionGateInput;
}>;

export type AnswerDecisionGateMutation = { answerDecisionGate: { id: string } };

export type PlaybookRunChangedSubscriptionVariables = Exact<{
  incidentId: string | number;
}>;

export type PlaybookRunChangedSubscription = {
  playbookRunChanged: {
    kind: PlaybookRunChangeKind;
    version: number;
    occurredAt: string;
    actor: { name: string };
  };
};

export type BoardQueryVariables = Exact<{
  filter?: IncidentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type BoardQuery = {
  incidents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      reference: string;
      title: string;
      status: IncidentStatus;
      severity: Severity;
      priority: Priority | null;
      detectedAt: string;
      createdAt: string;
      roles: Array<{ role: IncidentRole; holder: { id: string; name: string } }>;
    }>;
  };
  automations: { nodes: Array<{ id: string; name: string }> };
  teams: Array<{ id: string; name: string }>;
};

export type DeclareIncidentMutationVariables = Exact<{
  input: DeclareIncidentInput;
}>;

export type DeclareIncidentMutation = { declareIncident: { id: string; reference: string } };

export type WarRoomQueryVariables = Exact<{
  id: string | number;
}>;

export type WarRoomQuery = {
  incident: {
    id: string;
    reference: string;
    title: string;
    summary: string;
    status: IncidentStatus;
    severity: Severity;
    priority: Priority | null;
    version: number;
    detectedAt: string;
    detectionSource: DetectionSource;
    acknowledgedAt: string | null;
    createdAt: string;
    allowedTransitions: Array<IncidentStatus>;
    responseTimes: {
      timeToAcknowledgeMs: number | null;
      timeToContainMs: number | null;
      timeToResolveMs: number | null;
    };
    declaredBy: { kind: ActorKind; name: string };
    automations: Array<{ id: string; name: string; platform: Platform; criticality: Criticality }>;
    impactScope: {
      description: string;
      validatedAt: string | null;
      validatedBy: { name: string } | null;
    } | null;
    roles: Array<{
      role: IncidentRole;
      createdAt: string;
      handoffNote: string | null;
      holder: { id: string; name: string };
    }>;
    transitions: Array<{
      fromStatus: IncidentStatus | null;
      toStatus: IncidentStatus;
      note: string | null;
      createdAt: string;
      actor: { kind: ActorKind; name: string };
    }>;
    activity: {
      totalCount: number;
      nodes: Array<{
        id: string;
        action: string;
        createdAt: string;
        changes: Record<string, unknown>;
        actor: { kind: ActorKind; name: string };
      }>;
    };
    timeline: {
      totalCount: number;
      nodes: Array<{
        id: string;
        occurredAt: string;
        writtenAt: string;
        kind: TimelineEntryKind;
        source: TimelineEntrySource;
        body: string;
        pinned: boolean;
        tags: Array<string>;
        author: { kind: ActorKind; name: string };
        evidenceLinks: Array<{ url: string; label: string }>;
      }>;
    };
  } | null;
  members: Array<{ id: string; role: MembershipRole; user: { id: string; name: string } }>;
};

export type TransitionIncidentMutationVariables = Exact<{
  input: TransitionIncidentInput;
}>;

export type TransitionIncidentMutation = { transitionIncident: { id: string; version: number } };

export type AssignIncidentRoleMutationVariables = Exact<{
  input: AssignIncidentRoleInput;
}>;

export type AssignIncidentRoleMutation = { assignIncidentRole: { id: string; version: number } };

export type SetImpactScopeMutationVariables = Exact<{
  input: SetImpactScopeInput;
}>;

export type SetImpactScopeMutation = { setImpactScope: { id: string; version: number } };

export type ValidateImpactScopeMutationVariables = Exact<{
  input: ValidateImpactScopeInput;
}>;

export type ValidateImpactScopeMutation = { validateImpactScope: { id: string; version: number } };

export type UpdateIncidentMutationVariables = Exact<{
  input: UpdateIncidentInput;
}>;

export type UpdateIncidentMutation = { updateIncident: { id: string; version: number } };

export type IncidentChangedSubscriptionVariables = Exact<{
  incidentId?: string | number | null | undefined;
}>;

export type IncidentChangedSubscription = {
  incidentChanged: {
    kind: IncidentChangeKind;
    version: number;
    occurredAt: string;
    actor: { name: string };
    incident: { id: string; reference: string; title: string } | null;
  };
};

export type PostmortemPageQueryVariables = Exact<{
  id: string | number;
}>;

export type PostmortemPageQuery = {
  incident: {
    id: string;
    reference: string;
    title: string;
    postmortemVersions: {
      totalCount: number;
      nodes: Array<{
        id: string;
        number: number;
        name: string;
        automatic: boolean;
        createdAt: string;
        author: { kind: ActorKind; name: string };
      }>;
    };
    timeline: {
      nodes: Array<{ id: string; kind: TimelineEntryKind; occurredAt: string; body: string }>;
    };
  } | null;
};

export type PostmortemVersionQueryVariables = Exact<{
  id: string | number;
}>;

export type PostmortemVersionQuery = {
  node:
    | {
        id: string;
        number: number;
        name: string;
        automatic: boolean;
        createdAt: string;
        incidentId: string;
        author: { kind: ActorKind; name: string };
        content: Array<{
          kind: PostmortemBlockKind;
          text: string;
          depth: number;
          level: number | null;
          marker: string | null;
        }>;
      }
    | Record<PropertyKey, never>
    | null;
};

export type SavePostmortemVersionMutationVariables = Exact<{
  input: SavePostmortemVersionInput;
}>;

export type SavePostmortemVersionMutation = {
  savePostmortemVersion: { id: string; number: number };
};

export type RestorePostmortemVersionMutationVariables = Exact<{
  input: RestorePostmortemVersionInput;
}>;

export type RestorePostmortemVersionMutation = {
  restorePostmortemVersion: {
    savedBefore: { id: string; number: number };
    restored: { id: string; number: number };
  };
};

export type ViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ViewerQuery = {
  viewer: {
    kind: ActorKind;
    name: string;
    role: MembershipRole | null;
    user: { id: string; name: string; email: string } | null;
    organization: { id: string; name: string };
  } | null;
};

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;

export type SignInMutation = { signIn: { expiresAt: string } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;

export type SignUpMutation = { signUp: { expiresAt: string } };

export type SignOutMutationVariables = Exact<{ [key: string]: never }>;

export type SignOutMutation = { signOut: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AutomationsDocument = new TypedDocumentString(`
    query Automations($first: Int, $after: String) {
  automations(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      platform
      criticality
      businessProcess
      dataKinds
      ownerTeam {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AutomationsQuery, AutomationsQueryVariables>;
export const AutomationDocument = new TypedDocumentString(`
    query Automation($id: ID!) {
  automation(id: $id) {
    id
    name
    platform
    criticality
    businessProcess
    dataKinds
    externalUrl
    archivedAt
    createdAt
    updatedAt
    ownerTeam {
      id
      name
      riskAppetite
    }
    incidents(first: 20) {
      totalCount
      nodes {
        id
        reference
        title
        status
        severity
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AutomationQuery, AutomationQueryVariables>;
export const PlaybooksDocument = new TypedDocumentString(`
    query Playbooks($filter: PlaybookFilter) {
  playbooks(filter: $filter) {
    id
    title
    status
    currentVersionNumber
    lastReviewedAt
    updatedAt
    ownerTeam {
      id
      name
    }
    replacedBy {
      id
      title
    }
    review {
      state
      dueAt
      daysOverdue
    }
  }
  teams {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<PlaybooksQuery, PlaybooksQueryVariables>;
export const PlaybookDocument = new TypedDocumentString(`
    query Playbook($id: ID!) {
  playbook(id: $id) {
    id
    title
    status
    currentVersionNumber
    lastReviewedAt
    ownerTeam {
      id
      name
      members {
        id
      }
    }
    replacedBy {
      id
      title
    }
    review {
      state
      dueAt
      daysOverdue
    }
    versions {
      id
      number
      title
      createdAt
      document
      publishedBy {
        name
      }
    }
    changeRequests {
      id
      number
      title
      kind
      state
      createdAt
      authorId
      author {
        name
      }
    }
  }
  playbooks(filter: {statuses: [ACTIVE]}) {
    id
    title
  }
  teams {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<PlaybookQuery, PlaybookQueryVariables>;
export const EditorContextDocument = new TypedDocumentString(`
    query EditorContext {
  teams {
    id
    name
  }
  members {
    role
    user {
      id
      name
    }
  }
  approvalPolicy {
    number
    document
  }
}
    `) as unknown as TypedDocumentString<EditorContextQuery, EditorContextQueryVariables>;
export const PlaybookBaseDocument = new TypedDocumentString(`
    query PlaybookBase($id: ID!) {
  playbook(id: $id) {
    id
    title
    status
    currentVersion {
      number
      document
    }
  }
}
    `) as unknown as TypedDocumentString<PlaybookBaseQuery, PlaybookBaseQueryVariables>;
export const ChangeRequestsDocument = new TypedDocumentString(`
    query ChangeRequests($filter: ChangeRequestFilter) {
  changeRequests(filter: $filter) {
    id
    number
    title
    kind
    state
    emergency
    stale
    createdAt
    updatedAt
    authorId
    author {
      name
    }
    playbook {
      id
      title
    }
    risk {
      level
    }
  }
}
    `) as unknown as TypedDocumentString<ChangeRequestsQuery, ChangeRequestsQueryVariables>;
export const ChangeRequestDocument = new TypedDocumentString(`
    query ChangeRequest($id: ID!) {
  changeRequest(id: $id) {
    id
    number
    title
    description
    kind
    state
    authorId
    author {
      name
    }
    currentRevision
    baseVersionNumber
    stale
    emergency
    emergencyReviewState
    emergencyReviewDueAt
    emergencyReviewedAt
    closedReason
    createdAt
    updatedAt
    mergedAt
    mergedBy {
      name
    }
    playbook {
      id
      title
      currentVersionNumber
      ownerTeam {
        id
        name
      }
    }
    replacement {
      id
      title
    }
    requestedReviewers {
      id
      name
    }
    risk {
      level
      reasons
    }
    approval {
      satisfied
      mergeable
      mergeBlockers
      missing
      blockedByIds
      dismissedIds
      ignoredSelfApproval
      policyVersion
      headVersionNumber
      requirements {
        id
        label
        needed
        met
        approverIds
      }
    }
    diff {
      operation
      path
      before
      after
    }
    conflicts {
      path
      base
      ours
      theirs
    }
    threads {
      id
      path
      revision
      createdAt
      resolvedAt
      resolvedBy {
        name
      }
      comments {
        author {
          name
        }
        body
        createdAt
      }
    }
    reviews {
      reviewerId
      reviewer {
        name
      }
      verdict
      body
      revision
      afterMerge
      createdAt
    }
    revisions {
      number
      message
      baseVersionNumber
      createdAt
    }
    document
    baseDocument
  }
  members {
    role
    user {
      id
      name
    }
  }
  teams {
    id
    name
    members {
      id
    }
  }
  approvalPolicy {
    number
    document
  }
}
    `) as unknown as TypedDocumentString<ChangeRequestQuery, ChangeRequestQueryVariables>;
export const ChangeRequestDraftDocument = new TypedDocumentString(`
    query ChangeRequestDraft($id: ID!) {
  changeRequest(id: $id) {
    id
    number
    title
    kind
    state
    authorId
    author {
      name
    }
    currentRevision
    emergency
    document
    playbook {
      id
      title
    }
  }
}
    `) as unknown as TypedDocumentString<ChangeRequestDraftQuery, ChangeRequestDraftQueryVariables>;
export const GovernanceReviewDocument = new TypedDocumentString(`
    query GovernanceReview {
  governanceReview {
    playbooksDue {
      id
      title
      ownerTeam {
        id
        name
      }
      review {
        state
        dueAt
        daysOverdue
      }
    }
    emergencyChangesAwaitingReview {
      id
      number
      title
      emergencyReviewState
      emergencyReviewDueAt
      mergedAt
      authorId
      author {
        name
      }
      playbook {
        id
        title
      }
    }
  }
  approvalPolicy {
    number
    createdAt
    document
    publishedBy {
      name
    }
  }
  teams {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<GovernanceReviewQuery, GovernanceReviewQueryVariables>;
export const OpenChangeRequestDocument = new TypedDocumentString(`
    mutation OpenChangeRequest($input: OpenChangeRequestInput!) {
  openChangeRequest(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  OpenChangeRequestMutation,
  OpenChangeRequestMutationVariables
>;
export const ReviseChangeRequestDocument = new TypedDocumentString(`
    mutation ReviseChangeRequest($input: ReviseChangeRequestInput!) {
  reviseChangeRequest(input: $input) {
    id
    currentRevision
  }
}
    `) as unknown as TypedDocumentString<
  ReviseChangeRequestMutation,
  ReviseChangeRequestMutationVariables
>;
export const UpdateChangeRequestBaseDocument = new TypedDocumentString(`
    mutation UpdateChangeRequestBase($id: ID!) {
  updateChangeRequestBase(id: $id) {
    id
    currentRevision
  }
}
    `) as unknown as TypedDocumentString<
  UpdateChangeRequestBaseMutation,
  UpdateChangeRequestBaseMutationVariables
>;
export const SubmitChangeRequestDocument = new TypedDocumentString(`
    mutation SubmitChangeRequest($id: ID!) {
  submitChangeRequest(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<
  SubmitChangeRequestMutation,
  SubmitChangeRequestMutationVariables
>;
export const WithdrawChangeRequestDocument = new TypedDocumentString(`
    mutation WithdrawChangeRequest($id: ID!, $reason: String) {
  withdrawChangeRequest(id: $id, reason: $reason) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<
  WithdrawChangeRequestMutation,
  WithdrawChangeRequestMutationVariables
>;
export const RejectChangeRequestDocument = new TypedDocumentString(`
    mutation RejectChangeRequest($id: ID!, $reason: String!) {
  rejectChangeRequest(id: $id, reason: $reason) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<
  RejectChangeRequestMutation,
  RejectChangeRequestMutationVariables
>;
export const RequestReviewersDocument = new TypedDocumentString(`
    mutation RequestReviewers($id: ID!, $reviewerIds: [ID!]!) {
  requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  RequestReviewersMutation,
  RequestReviewersMutationVariables
>;
export const ReviewChangeRequestDocument = new TypedDocumentString(`
    mutation ReviewChangeRequest($input: ReviewChangeRequestInput!) {
  reviewChangeRequest(input: $input) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<
  ReviewChangeRequestMutation,
  ReviewChangeRequestMutationVariables
>;
export const CommentOnChangeRequestDocument = new TypedDocumentString(`
    mutation CommentOnChangeRequest($input: CommentOnChangeRequestInput!) {
  commentOnChangeRequest(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  CommentOnChangeRequestMutation,
  CommentOnChangeRequestMutationVariables
>;
export const ResolveReviewThreadDocument = new TypedDocumentString(`
    mutation ResolveReviewThread($id: ID!, $resolved: Boolean!) {
  resolveReviewThread(id: $id, resolved: $resolved) {
    id
    resolvedAt
  }
}
    `) as unknown as TypedDocumentString<
  ResolveReviewThreadMutation,
  ResolveReviewThreadMutationVariables
>;
export const MergeChangeRequestDocument = new TypedDocumentString(`
    mutation MergeChangeRequest($input: MergeChangeRequestInput!) {
  mergeChangeRequest(input: $input) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<
  MergeChangeRequestMutation,
  MergeChangeRequestMutationVariables
>;
export const MarkPlaybookReviewedDocument = new TypedDocumentString(`
    mutation MarkPlaybookReviewed($id: ID!) {
  markPlaybookReviewed(id: $id) {
    id
    lastReviewedAt
  }
}
    `) as unknown as TypedDocumentString<
  MarkPlaybookReviewedMutation,
  MarkPlaybookReviewedMutationVariables
>;
export const IncidentRunsDocument = new TypedDocumentString(`
    query IncidentRuns($id: ID!) {
  incident(id: $id) {
    id
    suggestedPlaybooks {
      id
    }
    playbookRuns {
      id
    }
  }
  playbooks {
    id
    title
    status
    review {
      state
    }
    replacedBy {
      title
    }
    currentVersion {
      id
      number
    }
  }
}
    `) as unknown as TypedDocumentString<IncidentRunsQuery, IncidentRunsQueryVariables>;
export const PlaybookRunDocument = new TypedDocumentString(`
    query PlaybookRun($id: ID!) {
  node(id: $id) {
    __typename
    ... on PlaybookRun {
      id
      createdAt
      warnings
      attachedBy {
        name
      }
      playbook {
        id
        title
      }
      playbookVersion {
        id
        number
        document
      }
      actions {
        kind
        moduleId
        stepId
        artifactLabel
        artifactUrl
        createdAt
        actor {
          name
        }
      }
      state {
        progress {
          done
          total
        }
        modules {
          moduleId
          deciderRole
          reachedBy {
            moduleId
            gateId
            optionId
          }
          steps {
            stepId
            checked
            checkedAt
            checkedBy {
              name
            }
            missingArtifacts
          }
          gates {
            gateId
            answer {
              optionId
              optionLabel
              nextModuleId
              rationale
              answeredAt
              answeredBy {
                name
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PlaybookRunQuery, PlaybookRunQueryVariables>;
export const AttachPlaybookDocument = new TypedDocumentString(`
    mutation AttachPlaybook($input: AttachPlaybookInput!) {
  attachPlaybook(input: $input) {
    id
    warnings
  }
}
    `) as unknown as TypedDocumentString<AttachPlaybookMutation, AttachPlaybookMutationVariables>;
export const CheckPlaybookStepDocument = new TypedDocumentString(`
    mutation CheckPlaybookStep($input: CheckPlaybookStepInput!) {
  checkPlaybookStep(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  CheckPlaybookStepMutation,
  CheckPlaybookStepMutationVariables
>;
export const AttachPlaybookArtifactDocument = new TypedDocumentString(`
    mutation AttachPlaybookArtifact($input: AttachPlaybookArtifactInput!) {
  attachPlaybookArtifact(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  AttachPlaybookArtifactMutation,
  AttachPlaybookArtifactMutationVariables
>;
export const AnswerDecisionGateDocument = new TypedDocumentString(`
    mutation AnswerDecisionGate($input: AnswerDecisionGateInput!) {
  answerDecisionGate(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<
  AnswerDecisionGateMutation,
  AnswerDecisionGateMutationVariables
>;
export const PlaybookRunChangedDocument = new TypedDocumentString(`
    subscription PlaybookRunChanged($incidentId: ID!) {
  playbookRunChanged(incidentId: $incidentId) {
    kind
    version
    occurredAt
    actor {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<
  PlaybookRunChangedSubscription,
  PlaybookRunChangedSubscriptionVariables
>;
export const BoardDocument = new TypedDocumentString(`
    query Board($filter: IncidentFilter, $first: Int, $after: String) {
  incidents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      reference
      title
      status
      severity
      priority
      detectedAt
      createdAt
      roles {
        role
        holder {
          id
          name
        }
      }
    }
  }
  automations(first: 100) {
    nodes {
      id
      name
    }
  }
  teams {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<BoardQuery, BoardQueryVariables>;
export const DeclareIncidentDocument = new TypedDocumentString(`
    mutation DeclareIncident($input: DeclareIncidentInput!) {
  declareIncident(input: $input) {
    id
    reference
  }
}
    `) as unknown as TypedDocumentString<DeclareIncidentMutation, DeclareIncidentMutationVariables>;
export const WarRoomDocument = new TypedDocumentString(`
    query WarRoom($id: ID!) {
  incident(id: $id) {
    id
    reference
    title
    summary
    status
    severity
    priority
    version
    detectedAt
    detectionSource
    acknowledgedAt
    createdAt
    allowedTransitions
    responseTimes {
      timeToAcknowledgeMs
      timeToContainMs
      timeToResolveMs
    }
    declaredBy {
      kind
      name
    }
    automations {
      id
      name
      platform
      criticality
    }
    impactScope {
      description
      validatedAt
      validatedBy {
        name
      }
    }
    roles {
      role
      createdAt
      handoffNote
      holder {
        id
        name
      }
    }
    transitions {
      fromStatus
      toStatus
      note
      createdAt
      actor {
        kind
        name
      }
    }
    activity(first: 30) {
      totalCount
      nodes {
        id
        action
        createdAt
        changes
        actor {
          kind
          name
        }
      }
    }
    timeline(first: 100, order: NEWEST_FIRST) {
      totalCount
      nodes {
        id
        occurredAt
        writtenAt
        kind
        source
        author {
          kind
          name
        }
        body
        pinned
        tags
        evidenceLinks {
          url
          label
        }
      }
    }
  }
  members {
    id
    role
    user {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<WarRoomQuery, WarRoomQueryVariables>;
export const TransitionIncidentDocument = new TypedDocumentString(`
    mutation TransitionIncident($input: TransitionIncidentInput!) {
  transitionIncident(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<
  TransitionIncidentMutation,
  TransitionIncidentMutationVariables
>;
export const AssignIncidentRoleDocument = new TypedDocumentString(`
    mutation AssignIncidentRole($input: AssignIncidentRoleInput!) {
  assignIncidentRole(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<
  AssignIncidentRoleMutation,
  AssignIncidentRoleMutationVariables
>;
export const SetImpactScopeDocument = new TypedDocumentString(`
    mutation SetImpactScope($input: SetImpactScopeInput!) {
  setImpactScope(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<SetImpactScopeMutation, SetImpactScopeMutationVariables>;
export const ValidateImpactScopeDocument = new TypedDocumentString(`
    mutation ValidateImpactScope($input: ValidateImpactScopeInput!) {
  validateImpactScope(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<
  ValidateImpactScopeMutation,
  ValidateImpactScopeMutationVariables
>;
export const UpdateIncidentDocument = new TypedDocumentString(`
    mutation UpdateIncident($input: UpdateIncidentInput!) {
  updateIncident(input: $input) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<UpdateIncidentMutation, UpdateIncidentMutationVariables>;
export const IncidentChangedDocument = new TypedDocumentString(`
    subscription IncidentChanged($incidentId: ID) {
  incidentChanged(incidentId: $incidentId) {
    kind
    version
    occurredAt
    actor {
      name
    }
    incident {
      id
      reference
      title
    }
  }
}
    `) as unknown as TypedDocumentString<
  IncidentChangedSubscription,
  IncidentChangedSubscriptionVariables
>;
export const PostmortemPageDocument = new TypedDocumentString(`
    query PostmortemPage($id: ID!) {
  incident(id: $id) {
    id
    reference
    title
    postmortemVersions(first: 50) {
      totalCount
      nodes {
        id
        number
        name
        automatic
        createdAt
        author {
          kind
          name
        }
      }
    }
    timeline(first: 100, filter: {pinned: true}) {
      nodes {
        id
        kind
        occurredAt
        body
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PostmortemPageQuery, PostmortemPageQueryVariables>;
export const PostmortemVersionDocument = new TypedDocumentString(`
    query PostmortemVersion($id: ID!) {
  node(id: $id) {
    ... on PostmortemVersion {
      id
      number
      name
      automatic
      createdAt
      incidentId
      author {
        kind
        name
      }
      content {
        kind
        text
        depth
        level
        marker
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PostmortemVersionQuery, PostmortemVersionQueryVariables>;
export const SavePostmortemVersionDocument = new TypedDocumentString(`
    mutation SavePostmortemVersion($input: SavePostmortemVersionInput!) {
  savePostmortemVersion(input: $input) {
    id
    number
  }
}
    `) as unknown as TypedDocumentString<
  SavePostmortemVersionMutation,
  SavePostmortemVersionMutationVariables
>;
export const RestorePostmortemVersionDocument = new TypedDocumentString(`
    mutation RestorePostmortemVersion($input: RestorePostmortemVersionInput!) {
  restorePostmortemVersion(input: $input) {
    savedBefore {
      id
      number
    }
    restored {
      id
      number
    }
  }
}
    `) as unknown as TypedDocumentString<
  RestorePostmortemVersionMutation,
  RestorePostmortemVersionMutationVariables
>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    kind
    name
    role
    user {
      id
      name
      email
    }
    organization {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
