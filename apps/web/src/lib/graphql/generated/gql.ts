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
  '\n  query Board($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        title\n        status\n        severity\n        priority\n        detectedAt\n        createdAt\n        roles {\n          role\n          holder {\n            id\n            name\n          }\n        }\n      }\n    }\n    automations(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n': typeof types.BoardDocument;
  '\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      id\n      reference\n    }\n  }\n': typeof types.DeclareIncidentDocument;
  '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n': typeof types.WarRoomDocument;
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
  '\n  query Board($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        reference\n        title\n        status\n        severity\n        priority\n        detectedAt\n        createdAt\n        roles {\n          role\n          holder {\n            id\n            name\n          }\n        }\n      }\n    }\n    automations(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    teams {\n      id\n      name\n    }\n  }\n':
    types.BoardDocument,
  '\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      id\n      reference\n    }\n  }\n':
    types.DeclareIncidentDocument,
  '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n':
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
  source: '\n  query WarRoom($id: ID!) {\n    incident(id: $id) {\n      id\n      reference\n      title\n      summary\n      status\n      severity\n      priority\n      version\n      detectedAt\n      detectionSource\n      acknowledgedAt\n      createdAt\n      allowedTransitions\n      responseTimes {\n        timeToAcknowledgeMs\n        timeToContainMs\n        timeToResolveMs\n      }\n      declaredBy {\n        kind\n        name\n      }\n      automations {\n        id\n        name\n        platform\n        criticality\n      }\n      impactScope {\n        description\n        validatedAt\n        validatedBy {\n          name\n        }\n      }\n      roles {\n        role\n        createdAt\n        handoffNote\n        holder {\n          id\n          name\n        }\n      }\n      transitions {\n        fromStatus\n        toStatus\n        note\n        createdAt\n        actor {\n          kind\n          name\n        }\n      }\n      activity(first: 30) {\n        totalCount\n        nodes {\n          id\n          action\n          createdAt\n          changes\n          actor {\n            kind\n            name\n          }\n        }\n      }\n    }\n    members {\n      id\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n',
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
