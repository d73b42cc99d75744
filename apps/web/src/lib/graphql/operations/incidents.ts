import { graphql } from '../generated';

/** The incident board: one page of incidents plus what its filters offer. */
export const BoardQuery = graphql(`
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
`);

/** Opens an incident in DETECTED. */
export const DeclareIncidentMutation = graphql(`
  mutation DeclareIncident($input: DeclareIncidentInput!) {
    declareIncident(input: $input) {
      id
      reference
    }
  }
`);

/** Everything the war room shows, with the people who can take a role. */
export const WarRoomQuery = graphql(`
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
      # The newest window of the live timeline (TIMELINE_WINDOW), rendered with the page.
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
`);

/** Moves an incident through its lifecycle. */
export const TransitionIncidentMutation = graphql(`
  mutation TransitionIncident($input: TransitionIncidentInput!) {
    transitionIncident(input: $input) {
      id
      version
    }
  }
`);

/** Assigns, hands over or releases one incident role. */
export const AssignIncidentRoleMutation = graphql(`
  mutation AssignIncidentRole($input: AssignIncidentRoleInput!) {
    assignIncidentRole(input: $input) {
      id
      version
    }
  }
`);

/** Describes what is affected; withdraws an earlier validation. */
export const SetImpactScopeMutation = graphql(`
  mutation SetImpactScope($input: SetImpactScopeInput!) {
    setImpactScope(input: $input) {
      id
      version
    }
  }
`);

/** Confirms the impact scope as it stands. */
export const ValidateImpactScopeMutation = graphql(`
  mutation ValidateImpactScope($input: ValidateImpactScopeInput!) {
    validateImpactScope(input: $input) {
      id
      version
    }
  }
`);

/** Edits severity or priority (triage needs a priority). */
export const UpdateIncidentMutation = graphql(`
  mutation UpdateIncident($input: UpdateIncidentInput!) {
    updateIncident(input: $input) {
      id
      version
    }
  }
`);

/** Changes to the organisation's incidents, or to one incident. */
export const IncidentChangedSubscription = graphql(`
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
`);
