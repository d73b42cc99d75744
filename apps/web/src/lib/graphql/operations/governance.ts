import { graphql } from '../generated';

// Authors, reviewers and commenters are shown by the names the API gives them. Ids are asked for
// too where a page compares them: with the viewer (the author may not approve) and with the
// approval state, whose approvers and blockers are user ids named from `members`.

/** The playbook library, with the teams its filters offer. */
export const PlaybooksQuery = graphql(`
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
`);

/** One playbook with every version and its change requests. */
export const PlaybookQuery = graphql(`
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
    playbooks(filter: { statuses: [ACTIVE] }) {
      id
      title
    }
    teams {
      id
      name
    }
  }
`);

/**
 * What the editor needs around a document: the teams a document may name (owners, specialist
 * teams), the members who can be asked to review, and the policy's emergency window.
 */
export const EditorContextQuery = graphql(`
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
`);

/** A playbook's current version, to seed a proposal. */
export const PlaybookBaseQuery = graphql(`
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
`);

/** Change requests for the list, newest first. */
export const ChangeRequestsQuery = graphql(`
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
`);

/** Everything the change-request page shows. */
export const ChangeRequestQuery = graphql(`
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
`);

/** A change request's proposal, to revise it in the editor. */
export const ChangeRequestDraftQuery = graphql(`
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
`);

/** Playbooks due for review, emergency changes owing one, and the policy in force. */
export const GovernanceReviewQuery = graphql(`
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
`);

/** Proposes a new playbook, a new version, a deprecation or a policy change. */
export const OpenChangeRequestMutation = graphql(`
  mutation OpenChangeRequest($input: OpenChangeRequestInput!) {
    openChangeRequest(input: $input) {
      id
    }
  }
`);

/** A new revision of the proposal. */
export const ReviseChangeRequestMutation = graphql(`
  mutation ReviseChangeRequest($input: ReviseChangeRequestInput!) {
    reviseChangeRequest(input: $input) {
      id
      currentRevision
    }
  }
`);

/** Moves a stale proposal onto the newest version. */
export const UpdateChangeRequestBaseMutation = graphql(`
  mutation UpdateChangeRequestBase($id: ID!) {
    updateChangeRequestBase(id: $id) {
      id
      currentRevision
    }
  }
`);

/** DRAFT → OPEN. */
export const SubmitChangeRequestMutation = graphql(`
  mutation SubmitChangeRequest($id: ID!) {
    submitChangeRequest(id: $id) {
      id
      state
    }
  }
`);

/** The author gives up. */
export const WithdrawChangeRequestMutation = graphql(`
  mutation WithdrawChangeRequest($id: ID!, $reason: String) {
    withdrawChangeRequest(id: $id, reason: $reason) {
      id
      state
    }
  }
`);

/** An admin turns the request down. */
export const RejectChangeRequestMutation = graphql(`
  mutation RejectChangeRequest($id: ID!, $reason: String!) {
    rejectChangeRequest(id: $id, reason: $reason) {
      id
      state
    }
  }
`);

/** Asks more people to review. */
export const RequestReviewersMutation = graphql(`
  mutation RequestReviewers($id: ID!, $reviewerIds: [ID!]!) {
    requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {
      id
    }
  }
`);

/** Approves, requests changes on, or comments on the current revision. */
export const ReviewChangeRequestMutation = graphql(`
  mutation ReviewChangeRequest($input: ReviewChangeRequestInput!) {
    reviewChangeRequest(input: $input) {
      id
      state
    }
  }
`);

/** Starts a thread at a path, or answers one. */
export const CommentOnChangeRequestMutation = graphql(`
  mutation CommentOnChangeRequest($input: CommentOnChangeRequestInput!) {
    commentOnChangeRequest(input: $input) {
      id
    }
  }
`);

/** Resolves or reopens a thread. */
export const ResolveReviewThreadMutation = graphql(`
  mutation ResolveReviewThread($id: ID!, $resolved: Boolean!) {
    resolveReviewThread(id: $id, resolved: $resolved) {
      id
      resolvedAt
    }
  }
`);

/** Publishes the proposal. */
export const MergeChangeRequestMutation = graphql(`
  mutation MergeChangeRequest($input: MergeChangeRequestInput!) {
    mergeChangeRequest(input: $input) {
      id
      state
    }
  }
`);

/** Confirms the playbook still fits. */
export const MarkPlaybookReviewedMutation = graphql(`
  mutation MarkPlaybookReviewed($id: ID!) {
    markPlaybookReviewed(id: $id) {
      id
      lastReviewedAt
    }
  }
`);

/** An incident's playbook runs (ids), what fits it, and every playbook that could be attached. */
export const IncidentRunsQuery = graphql(`
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
`);

/**
 * One run, as the run panel shows it. Titles, roles, options and required artifacts come from
 * the pinned version's document, evidence from the run's actions: asking the run's state for
 * them as nested lists would cost more than the API's per-operation limit.
 */
export const PlaybookRunQuery = graphql(`
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
`);

/** Attaches a playbook version to an incident. */
export const AttachPlaybookMutation = graphql(`
  mutation AttachPlaybook($input: AttachPlaybookInput!) {
    attachPlaybook(input: $input) {
      id
      warnings
    }
  }
`);

/** Checks a step off, or unchecks it. */
export const CheckPlaybookStepMutation = graphql(`
  mutation CheckPlaybookStep($input: CheckPlaybookStepInput!) {
    checkPlaybookStep(input: $input) {
      id
    }
  }
`);

/** Attaches a link to a step as evidence. */
export const AttachPlaybookArtifactMutation = graphql(`
  mutation AttachPlaybookArtifact($input: AttachPlaybookArtifactInput!) {
    attachPlaybookArtifact(input: $input) {
      id
    }
  }
`);

/** Answers a decision gate with a rationale. */
export const AnswerDecisionGateMutation = graphql(`
  mutation AnswerDecisionGate($input: AnswerDecisionGateInput!) {
    answerDecisionGate(input: $input) {
      id
    }
  }
`);

/** Changes to an incident's playbook runs, for the war room's run panel. */
export const PlaybookRunChangedSubscription = graphql(`
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
`);
