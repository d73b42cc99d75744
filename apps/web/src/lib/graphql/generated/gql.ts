/* eslint-disable */
import * as types from './graphql';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query Automations($first: Int, $after: String) {\n    automations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        platform\n        criticality\n        businessProcess\n        dataKinds\n        ownerTeam {\n          id\n          name\n        }\n      }\n    }\n  }\n': typeof types.AutomationsDocument;
  '\n  query Automation($id: ID!) {\n    automation(id: $id) {\n      id\n      name\n      platform\n      criticality\n      businessProcess\n      dataKinds\n      externalUrl\n      archivedAt\n      createdAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n        riskAppetite\n      }\n      incidents(first: 20) {\n        totalCount\n        nodes {\n          id\n          reference\n          title\n          status\n          severity\n          createdAt\n        }\n      }\n    }\n  }\n': typeof types.AutomationDocument;
  '\n  query Playbooks($filter: PlaybookFilter) {\n    playbooks(filter: $filter) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n': typeof types.PlaybooksDocument;
  '\n  query Playbook($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      ownerTeam {\n        id\n        name\n        members {\n          id\n        }\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n      versions {\n        id\n        number\n        title\n        createdAt\n        document\n        publishedBy {\n          name\n        }\n      }\n      changeRequests {\n        id\n        number\n        title\n        kind\n        state\n        createdAt\n        authorId\n        author {\n          name\n        }\n      }\n    }\n    playbooks(filter: { statuses: [ACTIVE] }) {\n      id\n      title\n    }\n    teams {\n      id\n      name\n    }\n  }\n': typeof types.PlaybookDocument;
  '\n  query EditorContext {\n    teams {\n      id\n      name\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n': typeof types.EditorContextDocument;
  '\n  query PlaybookBase($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersion {\n        number\n        document\n      }\n    }\n  }\n': typeof types.PlaybookBaseDocument;
  '\n  query ChangeRequests($filter: ChangeRequestFilter) {\n    changeRequests(filter: $filter) {\n      id\n      number\n      title\n      kind\n      state\n      emergency\n      stale\n      createdAt\n      updatedAt\n      authorId\n      author {\n        name\n      }\n      playbook {\n        id\n        title\n      }\n      risk {\n        level\n      }\n    }\n  }\n': typeof types.ChangeRequestsDocument;
  '\n  query ChangeRequest($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      description\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      baseVersionNumber\n      stale\n      emergency\n      emergencyReviewState\n      emergencyReviewDueAt\n      emergencyReviewedAt\n      closedReason\n      createdAt\n      updatedAt\n      mergedAt\n      mergedBy {\n        name\n      }\n      playbook {\n        id\n        title\n        currentVersionNumber\n        ownerTeam {\n          id\n          name\n        }\n      }\n      replacement {\n        id\n        title\n      }\n      requestedReviewers {\n        id\n        name\n      }\n      risk {\n        level\n        reasons\n      }\n      approval {\n        satisfied\n        mergeable\n        mergeBlockers\n        missing\n        blockedByIds\n        dismissedIds\n        ignoredSelfApproval\n        policyVersion\n        headVersionNumber\n        requirements {\n          id\n          label\n          needed\n          met\n          approverIds\n        }\n      }\n      diff {\n        operation\n        path\n        before\n        after\n      }\n      conflicts {\n        path\n        base\n        ours\n        theirs\n      }\n      threads {\n        id\n        path\n        revision\n        createdAt\n        resolvedAt\n        resolvedBy {\n          name\n        }\n        comments {\n          author {\n            name\n          }\n          body\n          createdAt\n        }\n      }\n      reviews {\n        reviewerId\n        reviewer {\n          name\n        }\n        verdict\n        body\n        revision\n        afterMerge\n        createdAt\n      }\n      revisions {\n        number\n        message\n        baseVersionNumber\n        createdAt\n      }\n      document\n      baseDocument\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        id\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n': typeof types.ChangeRequestDocument;
  '\n  query ChangeRequestDraft($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      emergency\n      document\n      playbook {\n        id\n        title\n      }\n    }\n  }\n': typeof types.ChangeRequestDraftDocument;
  '\n  query GovernanceReview {\n    governanceReview {\n      playbooksDue {\n        id\n        title\n        ownerTeam {\n          id\n          name\n        }\n        review {\n          state\n          dueAt\n          daysOverdue\n        }\n      }\n      emergencyChangesAwaitingReview {\n        id\n        number\n        title\n        emergencyReviewState\n        emergencyReviewDueAt\n        mergedAt\n        authorId\n        author {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n      }\n    }\n    approvalPolicy {\n      number\n      createdAt\n      document\n      publishedBy {\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n': typeof types.GovernanceReviewDocument;
  '\n  mutation OpenChangeRequest($input: OpenChangeRequestInput!) {\n    openChangeRequest(input: $input) {\n      id\n    }\n  }\n': typeof types.OpenChangeRequestDocument;
  '\n  mutation ReviseChangeRequest($input: ReviseChangeRequestInput!) {\n    reviseChangeRequest(input: $input) {\n      id\n      currentRevision\n    }\n  }\n': typeof types.ReviseChangeRequestDocument;
  '\n  mutation UpdateChangeRequestBase($id: ID!) {\n    updateChangeRequestBase(id: $id) {\n      id\n      currentRevision\n    }\n  }\n': typeof types.UpdateChangeRequestBaseDocument;
  '\n  mutation SubmitChangeRequest($id: ID!) {\n    submitChangeRequest(id: $id) {\n      id\n      state\n    }\n  }\n': typeof types.SubmitChangeRequestDocument;
  '\n  mutation WithdrawChangeRequest($id: ID!, $reason: String) {\n    withdrawChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n': typeof types.WithdrawChangeRequestDocument;
  '\n  mutation RejectChangeRequest($id: ID!, $reason: String!) {\n    rejectChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n': typeof types.RejectChangeRequestDocument;
  '\n  mutation RequestReviewers($id: ID!, $reviewerIds: [ID!]!) {\n    requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {\n      id\n    }\n  }\n': typeof types.RequestReviewersDocument;
  '\n  mutation ReviewChangeRequest($input: ReviewChangeRequestInput!) {\n    reviewChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n': typeof types.ReviewChangeRequestDocument;
  '\n  mutation CommentOnChangeRequest($input: CommentOnChangeRequestInput!) {\n    commentOnChangeRequest(input: $input) {\n      id\n    }\n  }\n': typeof types.CommentOnChangeRequestDocument;
  '\n  mutation ResolveReviewThread($id: ID!, $resolved: Boolean!) {\n    resolveReviewThread(id: $id, resolved: $resolved) {\n      id\n      resolvedAt\n    }\n  }\n': typeof types.ResolveReviewThreadDocument;
  '\n  mutation MergeChangeRequest($input: MergeChangeRequestInput!) {\n    mergeChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n': typeof types.MergeChangeRequestDocument;
  '\n  mutation MarkPlaybookReviewed($id: ID!) {\n    markPlaybookReviewed(id: $id) {\n      id\n      lastReviewedAt\n    }\n  }\n': typeof types.MarkPlaybookReviewedDocument;
  '\n  query IncidentRuns($id: ID!) {\n    incident(id: $id) {\n      id\n      suggestedPlaybooks {\n        id\n      }\n      playbookRuns {\n        id\n      }\n    }\n    playbooks {\n      id\n      title\n      status\n      review {\n        state\n      }\n      replacedBy {\n        title\n      }\n      currentVersion {\n        id\n        number\n      }\n    }\n  }\n': typeof types.IncidentRunsDocument;
  '\n  query PlaybookRun($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on PlaybookRun {\n        id\n        createdAt\n        warnings\n        attachedBy {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n        playbookVersion {\n          id\n          number\n          document\n        }\n        actions {\n          kind\n          moduleId\n          stepId\n          artifactLabel\n          artifactUrl\n          createdAt\n          actor {\n            name\n          }\n        }\n        state {\n          progress {\n            done\n            total\n          }\n          modules {\n            moduleId\n            deciderRole\n            reachedBy {\n              moduleId\n              gateId\n              optionId\n            }\n            steps {\n              stepId\n              checked\n              checkedAt\n              checkedBy {\n                name\n              }\n              missingArtifacts\n            }\n            gates {\n              gateId\n              answer {\n                optionId\n                optionLabel\n                nextModuleId\n                rationale\n                answeredAt\n                answeredBy {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.PlaybookRunDocument;
  '\n  mutation AttachPlaybook($input: AttachPlaybookInput!) {\n    attachPlaybook(input: $input) {\n      id\n      warnings\n    }\n  }\n': typeof types.AttachPlaybookDocument;
  '\n  mutation CheckPlaybookStep($input: CheckPlaybookStepInput!) {\n    checkPlaybookStep(input: $input) {\n      id\n    }\n  }\n': typeof types.CheckPlaybookStepDocument;
  '\n  mutation AttachPlaybookArtifact($input: AttachPlaybookArtifactInput!) {\n    attachPlaybookArtifact(input: $input) {\n      id\n    }\n  }\n': typeof types.AttachPlaybookArtifactDocument;
  '\n  mutation AnswerDecisionGate($input: AnswerDecisionGateInput!) {\n    answerDecisionGate(input: $input) {\n      id\n    }\n  }\n': typeof types.AnswerDecisionGateDocument;
  '\n  subscription PlaybookRunChanged($incidentId: ID!) {\n    playbookRunChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n    }\n  }\n': typeof types.PlaybookRunChangedDocument;
  '\n  query Board($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        title\n        status\n        severity\n        priority\n        detectedAt\n        createdAt\n        roles {\n          role\n          holder {\n            id\n            name\n          }\n        }\n      }\n    }\n    automations(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n': typeof types.BoardDocument;
  '\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      id\n      reference\n    }\n  }\n': typeof types.DeclareIncidentDocument;
  '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n      # The newest window of the live timeline (TIMELINE_WINDOW), rendered with the page.\n      timeline(first: 100, order: NEWEST_FIRST) {\n        totalCount\n        nodes {\n          id\n          occurredAt\n          writtenAt\n          kind\n          source\n          author {\n            kind\n            name\n          }\n          body\n          pinned\n          tags\n          evidenceLinks {\n            url\n            label\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n': typeof types.WarRoomDocument;
  '\n  mutation TransitionIncident($input: TransitionIncidentInput!) {\n    transitionIncident(input: $input) {\n      id\n      version\n    }\n  }\n': typeof types.TransitionIncidentDocument;
  '\n  mutation AssignIncidentRole($input: AssignIncidentRoleInput!) {\n    assignIncidentRole(input: $input) {\n      id\n      version\n    }\n  }\n': typeof types.AssignIncidentRoleDocument;
  '\n  mutation SetImpactScope($input: SetImpactScopeInput!) {\n    setImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n': typeof types.SetImpactScopeDocument;
  '\n  mutation ValidateImpactScope($input: ValidateImpactScopeInput!) {\n    validateImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n': typeof types.ValidateImpactScopeDocument;
  '\n  mutation UpdateIncident($input: UpdateIncidentInput!) {\n    updateIncident(input: $input) {\n      id\n      version\n    }\n  }\n': typeof types.UpdateIncidentDocument;
  '\n  subscription IncidentChanged($incidentId: ID) {\n    incidentChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n      incident {\n        id\n        reference\n        title\n      }\n    }\n  }\n': typeof types.IncidentChangedDocument;
  '\n  query PostmortemPage($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      postmortemVersions(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          name\n          automatic\n          createdAt\n          author {\n            kind\n            name\n          }\n        }\n      }\n      timeline(first: 100, filter: { pinned: true }) {\n        nodes {\n          id\n          kind\n          occurredAt\n          body\n        }\n      }\n    }\n  }\n': typeof types.PostmortemPageDocument;
  '\n  query PostmortemVersion($id: ID!) {\n    node(id: $id) {\n      ... on PostmortemVersion {\n        id\n        number\n        name\n        automatic\n        createdAt\n        incidentId\n        author {\n          kind\n          name\n        }\n        content {\n          kind\n          text\n          depth\n          level\n          marker\n        }\n      }\n    }\n  }\n': typeof types.PostmortemVersionDocument;
  '\n  mutation SavePostmortemVersion($input: SavePostmortemVersionInput!) {\n    savePostmortemVersion(input: $input) {\n      id\n      number\n    }\n  }\n': typeof types.SavePostmortemVersionDocument;
  '\n  mutation RestorePostmortemVersion($input: RestorePostmortemVersionInput!) {\n    restorePostmortemVersion(input: $input) {\n      savedBefore {\n        id\n        number\n      }\n      restored {\n        id\n        number\n      }\n    }\n  }\n': typeof types.RestorePostmortemVersionDocument;
  '\n  query Viewer {\n    viewer {\n      kind\n      name\n      role\n      user {\n        id\n        name\n        email\n      }\n      organization {\n        id\n        name\n      }\n    }\n  }\n': typeof types.ViewerDocument;
  '\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      expiresAt\n    }\n  }\n': typeof types.SignInDocument;
  '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      expiresAt\n    }\n  }\n': typeof types.SignUpDocument;
  '\n  mutation SignOut {\n    signOut\n  }\n': typeof types.SignOutDocument;
};
const documents: Documents = {
  '\n  query Automations($first: Int, $after: String) {\n    automations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        platform\n        criticality\n        businessProcess\n        dataKinds\n        ownerTeam {\n          id\n          name\n        }\n      }\n    }\n  }\n':
    types.AutomationsDocument,
  '\n  query Automation($id: ID!) {\n    automation(id: $id) {\n      id\n      name\n      platform\n      criticality\n      businessProcess\n      dataKinds\n      externalUrl\n      archivedAt\n      createdAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n        riskAppetite\n      }\n      incidents(first: 20) {\n        totalCount\n        nodes {\n          id\n          reference\n          title\n          status\n          severity\n          createdAt\n        }\n      }\n    }\n  }\n':
    types.AutomationDocument,
  '\n  query Playbooks($filter: PlaybookFilter) {\n    playbooks(filter: $filter) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n':
    types.PlaybooksDocument,
  '\n  query Playbook($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      ownerTeam {\n        id\n        name\n        members {\n          id\n        }\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n      versions {\n        id\n        number\n        title\n        createdAt\n        document\n        publishedBy {\n          name\n        }\n      }\n      changeRequests {\n        id\n        number\n        title\n        kind\n        state\n        createdAt\n        authorId\n        author {\n          name\n        }\n      }\n    }\n    playbooks(filter: { statuses: [ACTIVE] }) {\n      id\n      title\n    }\n    teams {\n      id\n      name\n    }\n  }\n':
    types.PlaybookDocument,
  '\n  query EditorContext {\n    teams {\n      id\n      name\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n':
    types.EditorContextDocument,
  '\n  query PlaybookBase($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersion {\n        number\n        document\n      }\n    }\n  }\n':
    types.PlaybookBaseDocument,
  '\n  query ChangeRequests($filter: ChangeRequestFilter) {\n    changeRequests(filter: $filter) {\n      id\n      number\n      title\n      kind\n      state\n      emergency\n      stale\n      createdAt\n      updatedAt\n      authorId\n      author {\n        name\n      }\n      playbook {\n        id\n        title\n      }\n      risk {\n        level\n      }\n    }\n  }\n':
    types.ChangeRequestsDocument,
  '\n  query ChangeRequest($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      description\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      baseVersionNumber\n      stale\n      emergency\n      emergencyReviewState\n      emergencyReviewDueAt\n      emergencyReviewedAt\n      closedReason\n      createdAt\n      updatedAt\n      mergedAt\n      mergedBy {\n        name\n      }\n      playbook {\n        id\n        title\n        currentVersionNumber\n        ownerTeam {\n          id\n          name\n        }\n      }\n      replacement {\n        id\n        title\n      }\n      requestedReviewers {\n        id\n        name\n      }\n      risk {\n        level\n        reasons\n      }\n      approval {\n        satisfied\n        mergeable\n        mergeBlockers\n        missing\n        blockedByIds\n        dismissedIds\n        ignoredSelfApproval\n        policyVersion\n        headVersionNumber\n        requirements {\n          id\n          label\n          needed\n          met\n          approverIds\n        }\n      }\n      diff {\n        operation\n        path\n        before\n        after\n      }\n      conflicts {\n        path\n        base\n        ours\n        theirs\n      }\n      threads {\n        id\n        path\n        revision\n        createdAt\n        resolvedAt\n        resolvedBy {\n          name\n        }\n        comments {\n          author {\n            name\n          }\n          body\n          createdAt\n        }\n      }\n      reviews {\n        reviewerId\n        reviewer {\n          name\n        }\n        verdict\n        body\n        revision\n        afterMerge\n        createdAt\n      }\n      revisions {\n        number\n        message\n        baseVersionNumber\n        createdAt\n      }\n      document\n      baseDocument\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        id\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n':
    types.ChangeRequestDocument,
  '\n  query ChangeRequestDraft($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      emergency\n      document\n      playbook {\n        id\n        title\n      }\n    }\n  }\n':
    types.ChangeRequestDraftDocument,
  '\n  query GovernanceReview {\n    governanceReview {\n      playbooksDue {\n        id\n        title\n        ownerTeam {\n          id\n          name\n        }\n        review {\n          state\n          dueAt\n          daysOverdue\n        }\n      }\n      emergencyChangesAwaitingReview {\n        id\n        number\n        title\n        emergencyReviewState\n        emergencyReviewDueAt\n        mergedAt\n        authorId\n        author {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n      }\n    }\n    approvalPolicy {\n      number\n      createdAt\n      document\n      publishedBy {\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n':
    types.GovernanceReviewDocument,
  '\n  mutation OpenChangeRequest($input: OpenChangeRequestInput!) {\n    openChangeRequest(input: $input) {\n      id\n    }\n  }\n':
    types.OpenChangeRequestDocument,
  '\n  mutation ReviseChangeRequest($input: ReviseChangeRequestInput!) {\n    reviseChangeRequest(input: $input) {\n      id\n      currentRevision\n    }\n  }\n':
    types.ReviseChangeRequestDocument,
  '\n  mutation UpdateChangeRequestBase($id: ID!) {\n    updateChangeRequestBase(id: $id) {\n      id\n      currentRevision\n    }\n  }\n':
    types.UpdateChangeRequestBaseDocument,
  '\n  mutation SubmitChangeRequest($id: ID!) {\n    submitChangeRequest(id: $id) {\n      id\n      state\n    }\n  }\n':
    types.SubmitChangeRequestDocument,
  '\n  mutation WithdrawChangeRequest($id: ID!, $reason: String) {\n    withdrawChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n':
    types.WithdrawChangeRequestDocument,
  '\n  mutation RejectChangeRequest($id: ID!, $reason: String!) {\n    rejectChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n':
    types.RejectChangeRequestDocument,
  '\n  mutation RequestReviewers($id: ID!, $reviewerIds: [ID!]!) {\n    requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {\n      id\n    }\n  }\n':
    types.RequestReviewersDocument,
  '\n  mutation ReviewChangeRequest($input: ReviewChangeRequestInput!) {\n    reviewChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n':
    types.ReviewChangeRequestDocument,
  '\n  mutation CommentOnChangeRequest($input: CommentOnChangeRequestInput!) {\n    commentOnChangeRequest(input: $input) {\n      id\n    }\n  }\n':
    types.CommentOnChangeRequestDocument,
  '\n  mutation ResolveReviewThread($id: ID!, $resolved: Boolean!) {\n    resolveReviewThread(id: $id, resolved: $resolved) {\n      id\n      resolvedAt\n    }\n  }\n':
    types.ResolveReviewThreadDocument,
  '\n  mutation MergeChangeRequest($input: MergeChangeRequestInput!) {\n    mergeChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n':
    types.MergeChangeRequestDocument,
  '\n  mutation MarkPlaybookReviewed($id: ID!) {\n    markPlaybookReviewed(id: $id) {\n      id\n      lastReviewedAt\n    }\n  }\n':
    types.MarkPlaybookReviewedDocument,
  '\n  query IncidentRuns($id: ID!) {\n    incident(id: $id) {\n      id\n      suggestedPlaybooks {\n        id\n      }\n      playbookRuns {\n        id\n      }\n    }\n    playbooks {\n      id\n      title\n      status\n      review {\n        state\n      }\n      replacedBy {\n        title\n      }\n      currentVersion {\n        id\n        number\n      }\n    }\n  }\n':
    types.IncidentRunsDocument,
  '\n  query PlaybookRun($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on PlaybookRun {\n        id\n        createdAt\n        warnings\n        attachedBy {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n        playbookVersion {\n          id\n          number\n          document\n        }\n        actions {\n          kind\n          moduleId\n          stepId\n          artifactLabel\n          artifactUrl\n          createdAt\n          actor {\n            name\n          }\n        }\n        state {\n          progress {\n            done\n            total\n          }\n          modules {\n            moduleId\n            deciderRole\n            reachedBy {\n              moduleId\n              gateId\n              optionId\n            }\n            steps {\n              stepId\n              checked\n              checkedAt\n              checkedBy {\n                name\n              }\n              missingArtifacts\n            }\n            gates {\n              gateId\n              answer {\n                optionId\n                optionLabel\n                nextModuleId\n                rationale\n                answeredAt\n                answeredBy {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.PlaybookRunDocument,
  '\n  mutation AttachPlaybook($input: AttachPlaybookInput!) {\n    attachPlaybook(input: $input) {\n      id\n      warnings\n    }\n  }\n':
    types.AttachPlaybookDocument,
  '\n  mutation CheckPlaybookStep($input: CheckPlaybookStepInput!) {\n    checkPlaybookStep(input: $input) {\n      id\n    }\n  }\n':
    types.CheckPlaybookStepDocument,
  '\n  mutation AttachPlaybookArtifact($input: AttachPlaybookArtifactInput!) {\n    attachPlaybookArtifact(input: $input) {\n      id\n    }\n  }\n':
    types.AttachPlaybookArtifactDocument,
  '\n  mutation AnswerDecisionGate($input: AnswerDecisionGateInput!) {\n    answerDecisionGate(input: $input) {\n      id\n    }\n  }\n':
    types.AnswerDecisionGateDocument,
  '\n  subscription PlaybookRunChanged($incidentId: ID!) {\n    playbookRunChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n    }\n  }\n':
    types.PlaybookRunChangedDocument,
  '\n  query Board($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        title\n        status\n        severity\n        priority\n        detectedAt\n        createdAt\n        roles {\n          role\n          holder {\n            id\n            name\n          }\n        }\n      }\n    }\n    automations(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n':
    types.BoardDocument,
  '\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      id\n      reference\n    }\n  }\n':
    types.DeclareIncidentDocument,
  '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n      # The newest window of the live timeline (TIMELINE_WINDOW), rendered with the page.\n      timeline(first: 100, order: NEWEST_FIRST) {\n        totalCount\n        nodes {\n          id\n          occurredAt\n          writtenAt\n          kind\n          source\n          author {\n            kind\n            name\n          }\n          body\n          pinned\n          tags\n          evidenceLinks {\n            url\n            label\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n':
    types.WarRoomDocument,
  '\n  mutation TransitionIncident($input: TransitionIncidentInput!) {\n    transitionIncident(input: $input) {\n      id\n      version\n    }\n  }\n':
    types.TransitionIncidentDocument,
  '\n  mutation AssignIncidentRole($input: AssignIncidentRoleInput!) {\n    assignIncidentRole(input: $input) {\n      id\n      version\n    }\n  }\n':
    types.AssignIncidentRoleDocument,
  '\n  mutation SetImpactScope($input: SetImpactScopeInput!) {\n    setImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n':
    types.SetImpactScopeDocument,
  '\n  mutation ValidateImpactScope($input: ValidateImpactScopeInput!) {\n    validateImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n':
    types.ValidateImpactScopeDocument,
  '\n  mutation UpdateIncident($input: UpdateIncidentInput!) {\n    updateIncident(input: $input) {\n      id\n      version\n    }\n  }\n':
    types.UpdateIncidentDocument,
  '\n  subscription IncidentChanged($incidentId: ID) {\n    incidentChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n      incident {\n        id\n        reference\n        title\n      }\n    }\n  }\n':
    types.IncidentChangedDocument,
  '\n  query PostmortemPage($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      postmortemVersions(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          name\n          automatic\n          createdAt\n          author {\n            kind\n            name\n          }\n        }\n      }\n      timeline(first: 100, filter: { pinned: true }) {\n        nodes {\n          id\n          kind\n          occurredAt\n          body\n        }\n      }\n    }\n  }\n':
    types.PostmortemPageDocument,
  '\n  query PostmortemVersion($id: ID!) {\n    node(id: $id) {\n      ... on PostmortemVersion {\n        id\n        number\n        name\n        automatic\n        createdAt\n        incidentId\n        author {\n          kind\n          name\n        }\n        content {\n          kind\n          text\n          depth\n          level\n          marker\n        }\n      }\n    }\n  }\n':
    types.PostmortemVersionDocument,
  '\n  mutation SavePostmortemVersion($input: SavePostmortemVersionInput!) {\n    savePostmortemVersion(input: $input) {\n      id\n      number\n    }\n  }\n':
    types.SavePostmortemVersionDocument,
  '\n  mutation RestorePostmortemVersion($input: RestorePostmortemVersionInput!) {\n    restorePostmortemVersion(input: $input) {\n      savedBefore {\n        id\n        number\n      }\n      restored {\n        id\n        number\n      }\n    }\n  }\n':
    types.RestorePostmortemVersionDocument,
  '\n  query Viewer {\n    viewer {\n      kind\n      name\n      role\n      user {\n        id\n        name\n        email\n      }\n      organization {\n        id\n        name\n      }\n    }\n  }\n':
    types.ViewerDocument,
  '\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      expiresAt\n    }\n  }\n':
    types.SignInDocument,
  '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      expiresAt\n    }\n  }\n':
    types.SignUpDocument,
  '\n  mutation SignOut {\n    signOut\n  }\n': types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Automations($first: Int, $after: String) {\n    automations(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        platform\n        criticality\n        businessProcess\n        dataKinds\n        ownerTeam {\n          id\n          name\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').AutomationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Automation($id: ID!) {\n    automation(id: $id) {\n      id\n      name\n      platform\n      criticality\n      businessProcess\n      dataKinds\n      externalUrl\n      archivedAt\n      createdAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n        riskAppetite\n      }\n      incidents(first: 20) {\n        totalCount\n        nodes {\n          id\n          reference\n          title\n          status\n          severity\n          createdAt\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').AutomationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Playbooks($filter: PlaybookFilter) {\n    playbooks(filter: $filter) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      updatedAt\n      ownerTeam {\n        id\n        name\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n',
): typeof import('./graphql').PlaybooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Playbook($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersionNumber\n      lastReviewedAt\n      ownerTeam {\n        id\n        name\n        members {\n          id\n        }\n      }\n      replacedBy {\n        id\n        title\n      }\n      review {\n        state\n        dueAt\n        daysOverdue\n      }\n      versions {\n        id\n        number\n        title\n        createdAt\n        document\n        publishedBy {\n          name\n        }\n      }\n      changeRequests {\n        id\n        number\n        title\n        kind\n        state\n        createdAt\n        authorId\n        author {\n          name\n        }\n      }\n    }\n    playbooks(filter: { statuses: [ACTIVE] }) {\n      id\n      title\n    }\n    teams {\n      id\n      name\n    }\n  }\n',
): typeof import('./graphql').PlaybookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query EditorContext {\n    teams {\n      id\n      name\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n',
): typeof import('./graphql').EditorContextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PlaybookBase($id: ID!) {\n    playbook(id: $id) {\n      id\n      title\n      status\n      currentVersion {\n        number\n        document\n      }\n    }\n  }\n',
): typeof import('./graphql').PlaybookBaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChangeRequests($filter: ChangeRequestFilter) {\n    changeRequests(filter: $filter) {\n      id\n      number\n      title\n      kind\n      state\n      emergency\n      stale\n      createdAt\n      updatedAt\n      authorId\n      author {\n        name\n      }\n      playbook {\n        id\n        title\n      }\n      risk {\n        level\n      }\n    }\n  }\n',
): typeof import('./graphql').ChangeRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChangeRequest($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      description\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      baseVersionNumber\n      stale\n      emergency\n      emergencyReviewState\n      emergencyReviewDueAt\n      emergencyReviewedAt\n      closedReason\n      createdAt\n      updatedAt\n      mergedAt\n      mergedBy {\n        name\n      }\n      playbook {\n        id\n        title\n        currentVersionNumber\n        ownerTeam {\n          id\n          name\n        }\n      }\n      replacement {\n        id\n        title\n      }\n      requestedReviewers {\n        id\n        name\n      }\n      risk {\n        level\n        reasons\n      }\n      approval {\n        satisfied\n        mergeable\n        mergeBlockers\n        missing\n        blockedByIds\n        dismissedIds\n        ignoredSelfApproval\n        policyVersion\n        headVersionNumber\n        requirements {\n          id\n          label\n          needed\n          met\n          approverIds\n        }\n      }\n      diff {\n        operation\n        path\n        before\n        after\n      }\n      conflicts {\n        path\n        base\n        ours\n        theirs\n      }\n      threads {\n        id\n        path\n        revision\n        createdAt\n        resolvedAt\n        resolvedBy {\n          name\n        }\n        comments {\n          author {\n            name\n          }\n          body\n          createdAt\n        }\n      }\n      reviews {\n        reviewerId\n        reviewer {\n          name\n        }\n        verdict\n        body\n        revision\n        afterMerge\n        createdAt\n      }\n      revisions {\n        number\n        message\n        baseVersionNumber\n        createdAt\n      }\n      document\n      baseDocument\n    }\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        id\n      }\n    }\n    approvalPolicy {\n      number\n      document\n    }\n  }\n',
): typeof import('./graphql').ChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ChangeRequestDraft($id: ID!) {\n    changeRequest(id: $id) {\n      id\n      number\n      title\n      kind\n      state\n      authorId\n      author {\n        name\n      }\n      currentRevision\n      emergency\n      document\n      playbook {\n        id\n        title\n      }\n    }\n  }\n',
): typeof import('./graphql').ChangeRequestDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query GovernanceReview {\n    governanceReview {\n      playbooksDue {\n        id\n        title\n        ownerTeam {\n          id\n          name\n        }\n        review {\n          state\n          dueAt\n          daysOverdue\n        }\n      }\n      emergencyChangesAwaitingReview {\n        id\n        number\n        title\n        emergencyReviewState\n        emergencyReviewDueAt\n        mergedAt\n        authorId\n        author {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n      }\n    }\n    approvalPolicy {\n      number\n      createdAt\n      document\n      publishedBy {\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n',
): typeof import('./graphql').GovernanceReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OpenChangeRequest($input: OpenChangeRequestInput!) {\n    openChangeRequest(input: $input) {\n      id\n    }\n  }\n',
): typeof import('./graphql').OpenChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReviseChangeRequest($input: ReviseChangeRequestInput!) {\n    reviseChangeRequest(input: $input) {\n      id\n      currentRevision\n    }\n  }\n',
): typeof import('./graphql').ReviseChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateChangeRequestBase($id: ID!) {\n    updateChangeRequestBase(id: $id) {\n      id\n      currentRevision\n    }\n  }\n',
): typeof import('./graphql').UpdateChangeRequestBaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SubmitChangeRequest($id: ID!) {\n    submitChangeRequest(id: $id) {\n      id\n      state\n    }\n  }\n',
): typeof import('./graphql').SubmitChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation WithdrawChangeRequest($id: ID!, $reason: String) {\n    withdrawChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n',
): typeof import('./graphql').WithdrawChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RejectChangeRequest($id: ID!, $reason: String!) {\n    rejectChangeRequest(id: $id, reason: $reason) {\n      id\n      state\n    }\n  }\n',
): typeof import('./graphql').RejectChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RequestReviewers($id: ID!, $reviewerIds: [ID!]!) {\n    requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {\n      id\n    }\n  }\n',
): typeof import('./graphql').RequestReviewersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReviewChangeRequest($input: ReviewChangeRequestInput!) {\n    reviewChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n',
): typeof import('./graphql').ReviewChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CommentOnChangeRequest($input: CommentOnChangeRequestInput!) {\n    commentOnChangeRequest(input: $input) {\n      id\n    }\n  }\n',
): typeof import('./graphql').CommentOnChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ResolveReviewThread($id: ID!, $resolved: Boolean!) {\n    resolveReviewThread(id: $id, resolved: $resolved) {\n      id\n      resolvedAt\n    }\n  }\n',
): typeof import('./graphql').ResolveReviewThreadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation MergeChangeRequest($input: MergeChangeRequestInput!) {\n    mergeChangeRequest(input: $input) {\n      id\n      state\n    }\n  }\n',
): typeof import('./graphql').MergeChangeRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation MarkPlaybookReviewed($id: ID!) {\n    markPlaybookReviewed(id: $id) {\n      id\n      lastReviewedAt\n    }\n  }\n',
): typeof import('./graphql').MarkPlaybookReviewedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query IncidentRuns($id: ID!) {\n    incident(id: $id) {\n      id\n      suggestedPlaybooks {\n        id\n      }\n      playbookRuns {\n        id\n      }\n    }\n    playbooks {\n      id\n      title\n      status\n      review {\n        state\n      }\n      replacedBy {\n        title\n      }\n      currentVersion {\n        id\n        number\n      }\n    }\n  }\n',
): typeof import('./graphql').IncidentRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PlaybookRun($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on PlaybookRun {\n        id\n        createdAt\n        warnings\n        attachedBy {\n          name\n        }\n        playbook {\n          id\n          title\n        }\n        playbookVersion {\n          id\n          number\n          document\n        }\n        actions {\n          kind\n          moduleId\n          stepId\n          artifactLabel\n          artifactUrl\n          createdAt\n          actor {\n            name\n          }\n        }\n        state {\n          progress {\n            done\n            total\n          }\n          modules {\n            moduleId\n            deciderRole\n            reachedBy {\n              moduleId\n              gateId\n              optionId\n            }\n            steps {\n              stepId\n              checked\n              checkedAt\n              checkedBy {\n                name\n              }\n              missingArtifacts\n            }\n            gates {\n              gateId\n              answer {\n                optionId\n                optionLabel\n                nextModuleId\n                rationale\n                answeredAt\n                answeredBy {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').PlaybookRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AttachPlaybook($input: AttachPlaybookInput!) {\n    attachPlaybook(input: $input) {\n      id\n      warnings\n    }\n  }\n',
): typeof import('./graphql').AttachPlaybookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CheckPlaybookStep($input: CheckPlaybookStepInput!) {\n    checkPlaybookStep(input: $input) {\n      id\n    }\n  }\n',
): typeof import('./graphql').CheckPlaybookStepDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AttachPlaybookArtifact($input: AttachPlaybookArtifactInput!) {\n    attachPlaybookArtifact(input: $input) {\n      id\n    }\n  }\n',
): typeof import('./graphql').AttachPlaybookArtifactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AnswerDecisionGate($input: AnswerDecisionGateInput!) {\n    answerDecisionGate(input: $input) {\n      id\n    }\n  }\n',
): typeof import('./graphql').AnswerDecisionGateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription PlaybookRunChanged($incidentId: ID!) {\n    playbookRunChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql').PlaybookRunChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Board($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        title\n        status\n        severity\n        priority\n        detectedAt\n        createdAt\n        roles {\n          role\n          holder {\n            id\n            name\n          }\n        }\n      }\n    }\n    automations(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n',
): typeof import('./graphql').BoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      id\n      reference\n    }\n  }\n',
): typeof import('./graphql').DeclareIncidentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n      # The newest window of the live timeline (TIMELINE_WINDOW), rendered with the page.\n      timeline(first: 100, order: NEWEST_FIRST) {\n        totalCount\n        nodes {\n          id\n          occurredAt\n          writtenAt\n          kind\n          source\n          author {\n            kind\n            name\n          }\n          body\n          pinned\n          tags\n          evidenceLinks {\n            url\n            label\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql').WarRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation TransitionIncident($input: TransitionIncidentInput!) {\n    transitionIncident(input: $input) {\n      id\n      version\n    }\n  }\n',
): typeof import('./graphql').TransitionIncidentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AssignIncidentRole($input: AssignIncidentRoleInput!) {\n    assignIncidentRole(input: $input) {\n      id\n      version\n    }\n  }\n',
): typeof import('./graphql').AssignIncidentRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetImpactScope($input: SetImpactScopeInput!) {\n    setImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n',
): typeof import('./graphql').SetImpactScopeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ValidateImpactScope($input: ValidateImpactScopeInput!) {\n    validateImpactScope(input: $input) {\n      id\n      version\n    }\n  }\n',
): typeof import('./graphql').ValidateImpactScopeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateIncident($input: UpdateIncidentInput!) {\n    updateIncident(input: $input) {\n      id\n      version\n    }\n  }\n',
): typeof import('./graphql').UpdateIncidentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription IncidentChanged($incidentId: ID) {\n    incidentChanged(incidentId: $incidentId) {\n      kind\n      version\n      occurredAt\n      actor {\n        name\n      }\n      incident {\n        id\n        reference\n        title\n      }\n    }\n  }\n',
): typeof import('./graphql').IncidentChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PostmortemPage($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      postmortemVersions(first: 50) {\n        totalCount\n        nodes {\n          id\n          number\n          name\n          automatic\n          createdAt\n          author {\n            kind\n            name\n          }\n        }\n      }\n      timeline(first: 100, filter: { pinned: true }) {\n        nodes {\n          id\n          kind\n          occurredAt\n          body\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').PostmortemPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PostmortemVersion($id: ID!) {\n    node(id: $id) {\n      ... on PostmortemVersion {\n        id\n        number\n        name\n        automatic\n        createdAt\n        incidentId\n        author {\n          kind\n          name\n        }\n        content {\n          kind\n          text\n          depth\n          level\n          marker\n        }\n      }\n    }\n  }\n',
): typeof import('./graphql').PostmortemVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SavePostmortemVersion($input: SavePostmortemVersionInput!) {\n    savePostmortemVersion(input: $input) {\n      id\n      number\n    }\n  }\n',
): typeof import('./graphql').SavePostmortemVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RestorePostmortemVersion($input: RestorePostmortemVersionInput!) {\n    restorePostmortemVersion(input: $input) {\n      savedBefore {\n        id\n        number\n      }\n      restored {\n        id\n        number\n      }\n    }\n  }\n',
): typeof import('./graphql').RestorePostmortemVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Viewer {\n    viewer {\n      kind\n      name\n      role\n      user {\n        id\n        name\n        email\n      }\n      organization {\n        id\n        name\n      }\n    }\n  }\n',
): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      expiresAt\n    }\n  }\n',
): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      expiresAt\n    }\n  }\n',
): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignOut {\n    signOut\n  }\n',
): typeof import('./graphql').SignOutDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
