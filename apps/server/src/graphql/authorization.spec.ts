import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PlaybookDocument } from '@keel/domain';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../ids.js';
import {
  FIXTURE_PASSWORD,
  createOrganization,
  createToken,
  declareIncident,
  uniqueEmail,
  type Member,
  type OrganizationFixture,
} from '../test-support/fixtures.js';
import {
  CHANGE_REQUEST_FIELDS,
  MERGE_CHANGE_REQUEST,
  OPEN_CHANGE_REQUEST,
  REVIEW_CHANGE_REQUEST,
  createTeamWith,
  paymentPlaybook,
  publishPlaybook,
  type ChangeRequestView,
} from '../test-support/governance.js';
import { GraphqlClient, type GraphqlResponse } from '../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';

/**
 * What each caller gets from each root field of the schema, over real HTTP.
 *
 * Columns: anonymous; a viewer, a responder and an admin of the organisation; a READ and a
 * WRITE token of it; a WRITE token that was revoked; and the admin of another organisation,
 * acting on this organisation's ids. `ok` is an answer with data, `null` a null answer without
 * an error; UNAUTH, DENIED, MISSING and INVALID stand for UNAUTHENTICATED, FORBIDDEN, NOT_FOUND
 * and BAD_USER_INPUT. Another organisation's id must get exactly what a missing id gets.
 *
 * The fixtures let every caller succeed wherever the rules allow it, so that a refusal comes
 * from the rule under test. The playbook's owner team holds the admin, the responder and the
 * viewer, so the viewer's refusals come from their role, not from being outside the team.
 * Every incident a playbook run is attached to has the admin as incident lead and the
 * responder as technical resolver, the role of the step and the deciding role of the gate the
 * cells act on. Change requests are authored by people, and each cell decides whose request
 * it acts on (see `requestAuthor`): a person's own, where the rule is about authors; someone
 * else's for a review, as nobody may approve their own. ON_ANOTHER_PERSONS_REQUEST, below the
 * matrix, acts on requests of someone else where authorship decides.
 */
const MATRIX = `
  operation                      anon    viewer  resp    admin   readTk  writeTk revoked other
  viewer                         null    ok      ok      ok      ok      ok      UNAUTH  ok
  node                           UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  incidents                      UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  incident                       UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  automations                    UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  automation                     UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  teams                          UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  members                        UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  apiTokens                      UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  auditLog                       UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  verifyAuditChain               UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  search                         UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  playbooks                      UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  playbook                       UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  changeRequests                 UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  changeRequest                  UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  approvalPolicy                 UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  governanceReview               UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  signUp                         ok      ok      ok      ok      ok      ok      UNAUTH  ok
  signIn                         ok      ok      ok      ok      ok      ok      UNAUTH  ok
  signOut                        ok      ok      ok      ok      ok      ok      UNAUTH  ok
  switchOrganization             UNAUTH  ok      ok      ok      DENIED  DENIED  UNAUTH  MISSING
  addMember                      UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  changeMemberRole               UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  removeMember                   UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createTeam                     UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  updateTeam                     UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  addTeamMember                  UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  removeTeamMember               UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createApiToken                 UNAUTH  ok      ok      ok      DENIED  DENIED  UNAUTH  ok
  revokeApiToken                 UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createAutomation               UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  INVALID
  updateAutomation               UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  archiveAutomation              UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  declareIncident                UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  INVALID
  updateIncident                 UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  setImpactScope                 UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  validateImpactScope            UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  transitionIncident             UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  assignIncidentRole             UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  addTimelineEntry               UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  savePostmortemVersion          UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  restorePostmortemVersion       UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  openChangeRequest              UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  reviseChangeRequest            UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  updateChangeRequestBase        UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  submitChangeRequest            UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  withdrawChangeRequest          UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  rejectChangeRequest            UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  requestChangeRequestReviewers  UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  reviewChangeRequest            UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  commentOnChangeRequest         UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  resolveReviewThread            UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  mergeChangeRequest             UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  markPlaybookReviewed           UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  attachPlaybook                 UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  checkPlaybookStep              UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  attachPlaybookArtifact         UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  answerDecisionGate             UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
`;

const CALLERS = ['anon', 'viewer', 'resp', 'admin', 'readTk', 'writeTk', 'revoked', 'other'];

const CALLER_NAMES: Record<string, string> = {
  anon: 'an anonymous caller',
  viewer: 'a viewer',
  resp: 'a responder',
  admin: 'an admin',
  readTk: 'a READ token',
  writeTk: 'a WRITE token',
  revoked: 'a revoked token',
  other: "another organisation's admin",
};

const OUTCOMES: Record<string, string> = {
  ok: 'ok',
  null: 'null',
  UNAUTH: 'UNAUTHENTICATED',
  DENIED: 'FORBIDDEN',
  MISSING: 'NOT_FOUND',
  INVALID: 'BAD_USER_INPUT',
};

interface MatrixRow {
  operation: string;
  expected: Record<string, string>;
}

const ROWS: MatrixRow[] = parseMatrix(MATRIX);

function parseMatrix(text: string): MatrixRow[] {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  if (header!.slice(1).join() !== CALLERS.join()) throw new Error('The matrix header is wrong.');

  return lines.map(([operation, ...cells]) => {
    if (cells.length !== CALLERS.length || cells.some((cell) => !(cell in OUTCOMES))) {
      throw new Error(`The matrix row of ${operation} is malformed.`);
    }
    const expected = Object.fromEntries(CALLERS.map((caller, i) => [caller, OUTCOMES[cells[i]!]!]));
    return { operation: operation!, expected };
  });
}

type Variables = Record<string, unknown>;

/** Who calls, and whose change request the call acts on when not the one the matrix picks. */
interface Cell {
  caller: string;
  author?: Member;
}

/** How the matrix calls one root field. */
interface Operation {
  document: string;
  /** Builds one cell's variables, creating afresh whatever the cell may change. */
  variables?: (cell: Cell) => Promise<Variables> | Variables;
  /** Set when the call ends the caller's session, so each cell signs in anew. */
  endsSession?: boolean;
}

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;
let revokedToken: GraphqlClient;
let teamId: string;
let automationId: string;
let incidentId: string;
let versionId: string;
/** The playbook's owner team: the admin, the responder and the viewer. */
let ownerTeamId: string;
let playbookId: string;
/** The version runs attach; newer ones are published as the cells go on. */
let playbookVersionId: string;
/** An open change request of the responder's, with a thread on it. */
let requestId: string;
let threadId: string;
let runId: string;
/** Ids of this organisation's objects, none of which another organisation may ever see. */
let ourIds: string[];

beforeAll(async () => {
  keel = await startTestKeel();
  [org, other] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);

  const revoked = await createToken(org.admin.client, ['WRITE']);
  await org.admin.client.data(REVOKE_TOKEN, { id: revoked.id });
  revokedToken = revoked.client(keel.url);

  teamId = (
    await org.admin.client.data<{ createTeam: { id: string } }>(CREATE_TEAM, {
      input: { name: 'Finance' },
    })
  ).createTeam.id;
  automationId = await newAutomation();
  incidentId = (await declareIncident(org.responder.client, { automationIds: [automationId] })).id;
  versionId = await newPostmortemVersion();

  ownerTeamId = await createTeamWith(org, 'Payments', [org.admin, org.responder, org.viewer]);
  const published = await publishPlaybook(org.responder, org.admin, paymentPlaybook(ownerTeamId));
  playbookId = published.playbookId;

  // An emergency change merged without review, so that governanceReview has something to say.
  const emergency = await openRequest(org.responder, { emergency: true });
  await org.responder.client.data(MERGE_CHANGE_REQUEST, {
    input: { id: emergency.id, expectedRevision: emergency.revision },
  });

  requestId = (await openRequest(org.responder, { reviewerIds: [org.admin.userId] })).id;
  threadId = await newThread();
  const governance = await org.admin.client.data<{
    playbook: { currentVersion: { id: string }; versions: { id: string }[] };
    approvalPolicy: { id: string };
  }>(GOVERNANCE_IDS, { id: playbookId });
  playbookVersionId = governance.playbook.currentVersion.id;
  runId = await newRun();

  ourIds = [
    org.organizationId,
    ...[org.admin, org.responder, org.viewer].flatMap((m) => [m.userId, m.membershipId]),
    org.readTokenId,
    org.writeTokenId,
    teamId,
    automationId,
    incidentId,
    versionId,
    ownerTeamId,
    playbookId,
    ...governance.playbook.versions.map((version) => version.id),
    governance.approvalPolicy.id,
    published.changeRequestId,
    emergency.id,
    requestId,
    threadId,
    runId,
  ];
});

afterAll(async () => {
  await keel?.close();
});

const REVOKE_TOKEN = `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;

const CREATE_TEAM = `mutation ($input: TeamInput!) { createTeam(input: $input) { id } }`;

const CREATE_AUTOMATION = `mutation ($input: AutomationInput!) {
  createAutomation(input: $input) { id }
}`;

const ADD_MEMBER = `mutation ($input: AddMemberInput!) {
  addMember(input: $input) { id role user { id } }
}`;

const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`;

function uniqueName(label: string): string {
  return `${label} ${randomBytes(3).toString('hex')}`;
}

function automationInput(name = uniqueName('Invoice sync')) {
  return {
    name,
    platform: 'ZAPIER',
    businessProcess: 'Billing',
    criticality: 'HIGH',
    ownerTeamId: teamId,
  };
}

async function newAutomation(): Promise<string> {
  const data = await org.responder.client.data<{ createAutomation: { id: string } }>(
    CREATE_AUTOMATION,
    { input: automationInput() },
  );
  return data.createAutomation.id;
}

async function newMember(): Promise<{ membershipId: string; userId: string }> {
  const data = await org.admin.client.data<{ addMember: { id: string; user: { id: string } } }>(
    ADD_MEMBER,
    {
      input: {
        email: uniqueEmail('target'),
        name: 'Target person',
        role: 'VIEWER',
        initialPassword: FIXTURE_PASSWORD,
      },
    },
  );
  return { membershipId: data.addMember.id, userId: data.addMember.user.id };
}

async function newMembership(): Promise<string> {
  return (await newMember()).membershipId;
}

const SAVE_VERSION = `mutation ($input: SavePostmortemVersionInput!) {
  savePostmortemVersion(input: $input) { id }
}`;

async function newPostmortemVersion(): Promise<string> {
  const data = await org.responder.client.data<{ savePostmortemVersion: { id: string } }>(
    SAVE_VERSION,
    { input: { incidentId, name: uniqueName('Submitted for review') } },
  );
  return data.savePostmortemVersion.id;
}

async function freshIncident(): Promise<{ incidentId: string; expectedVersion: number }> {
  const incident = await declareIncident(org.responder.client);
  return { incidentId: incident.id, expectedVersion: incident.version };
}

const ADD_TEAM_MEMBER = `mutation ($teamId: ID!, $userId: ID!) {
  addTeamMember(teamId: $teamId, userId: $userId) { id members { id } }
}`;

const GOVERNANCE_IDS = `query ($id: ID!) {
  playbook(id: $id) { currentVersion { id } versions { id } }
  approvalPolicy { id }
}`;

const CURRENT_DOCUMENT = `query ($id: ID!) { playbook(id: $id) { currentVersion { document } } }`;

/** The document of the playbook's newest version. */
async function currentDocument(): Promise<PlaybookDocument> {
  const data = await org.admin.client.data<{
    playbook: { currentVersion: { document: PlaybookDocument } };
  }>(CURRENT_DOCUMENT, { id: playbookId });
  return data.playbook.currentVersion.document;
}

const COMMENT = `mutation ($input: CommentOnChangeRequestInput!) {
  commentOnChangeRequest(input: $input) { id path resolvedAt comments { body author { name } } }
}`;

/** What a fixture change request proposes besides the defaults. */
interface RequestOptions {
  /** Fields of the playbook's newest document to change; by default, its summary. */
  change?: Partial<PlaybookDocument>;
  draft?: boolean;
  emergency?: boolean;
  reviewerIds?: string[];
}

/**
 * Opens, as `author`, a new version of the playbook: its newest document with one change, so
 * that requests opened one after another never conflict with each other.
 */
async function openRequest(
  author: Member,
  { change, ...options }: RequestOptions = {},
): Promise<{ id: string; revision: number }> {
  const document = {
    ...(await currentDocument()),
    ...(change ?? { summary: uniqueName('Checkout or refund payments stopped') }),
  };

  const data = await author.client.data<{ openChangeRequest: ChangeRequestView }>(
    OPEN_CHANGE_REQUEST,
    { input: { kind: 'NEW_VERSION', playbookId, title: 'Cover refunds', document, ...options } },
  );
  return { id: data.openChangeRequest.id, revision: data.openChangeRequest.currentRevision };
}

/** The other person of the owner team, whose approval meets the default policy. */
function approverOf(author: Member): Member {
  return author === org.admin ? org.responder : org.admin;
}

/** A request of `author`'s that the owner team has approved, so that it may merge. */
async function approvedRequest(
  author: Member,
  options: RequestOptions = {},
): Promise<{ id: string; revision: number }> {
  const request = await openRequest(author, options);
  await approverOf(author).client.data(REVIEW_CHANGE_REQUEST, {
    input: { id: request.id, verdict: 'APPROVE', revision: request.revision },
  });
  return request;
}

/** Publishes a new version with a new title, making every request opened before it stale. */
async function publishNewVersion(): Promise<void> {
  const change = { title: uniqueName('Payment flow halted') };
  const { id, revision } = await approvedRequest(org.responder, { change });
  await org.responder.client.data(MERGE_CHANGE_REQUEST, {
    input: { id, expectedRevision: revision },
  });
}

/** Starts a thread of the responder's on the shared open request. */
async function newThread(): Promise<string> {
  const data = await org.responder.client.data<{ commentOnChangeRequest: { id: string } }>(
    COMMENT,
    { input: { id: requestId, path: '/summary', body: 'Do refunds belong here?' } },
  );
  return data.commentOnChangeRequest.id;
}

/**
 * Whose change request a cell acts on where a rule is about authors: the caller's own when the
 * caller is a person of this organisation. The admin's tokens act on the admin's requests, so a
 * refusal shows that a token does not stand in for the person who created it; everyone else
 * acts on the responder's.
 */
function requestAuthor(cell: Cell): Member {
  if (cell.author) return cell.author;
  const ofAdmin = ['admin', 'readTk', 'writeTk', 'revoked'].includes(cell.caller);
  return ofAdmin ? org.admin : org.responder;
}

/** Whose change request a review acts on: someone else's, since nobody approves their own. */
function reviewedAuthor(cell: Cell): Member {
  return cell.author ?? (cell.caller === 'resp' ? org.admin : org.responder);
}

const ASSIGN_ROLE = `mutation ($input: AssignIncidentRoleInput!) {
  assignIncidentRole(input: $input) { id }
}`;

const RUN_FIELDS = `id warnings state {
  progress { done total }
  modules {
    moduleId steps { stepId checked missingArtifacts } gates { gateId answer { optionId } }
  }
}`;

const ATTACH_ARTIFACT = `mutation ($input: AttachPlaybookArtifactInput!) {
  attachPlaybookArtifact(input: $input) { ${RUN_FIELDS} }
}`;

/**
 * The step the run cells act on. It is the technical resolver's, and the technical resolver is
 * also the deciding role of its module's gate.
 */
const EXPORT_STEP = { moduleId: 'triage', stepId: 'export-records' };

function exportArtifact(run: string) {
  return {
    runId: run,
    ...EXPORT_STEP,
    label: 'Export of affected records',
    url: 'https://drive.example.test/exports/stuck-orders.csv',
  };
}

/** An open incident with the admin as lead and the responder as technical resolver. */
async function staffedIncident(): Promise<string> {
  const { incidentId: id } = await freshIncident();
  const roles = [
    ['INCIDENT_LEAD', org.admin],
    ['TECHNICAL_RESOLVER', org.responder],
  ] as const;
  for (const [role, member] of roles) {
    await org.admin.client.data(ASSIGN_ROLE, {
      input: { incidentId: id, role, userId: member.userId },
    });
  }
  return id;
}

/** The playbook attached to a new staffed incident; the run's id. */
async function newRun(): Promise<string> {
  const data = await org.responder.client.data<{ attachPlaybook: { id: string } }>(
    `mutation ($input: AttachPlaybookInput!) { attachPlaybook(input: $input) { id } }`,
    { input: { incidentId: await staffedIncident(), playbookVersionId } },
  );
  return data.attachPlaybook.id;
}

const OPERATIONS: Record<string, Operation> = {
  viewer: {
    document: `{ viewer { kind name role scopes organization { id } memberships { id } } }`,
  },
  node: {
    document: `query ($id: ID!) {
      node(id: $id) { id ... on Incident { title automations { id } } }
    }`,
    variables: () => ({ id: incidentId }),
  },
  incidents: {
    document: `query ($filter: IncidentFilter) {
      incidents(first: 5, filter: $filter) { totalCount nodes { id title } }
    }`,
    variables: () => ({ filter: { automationId } }),
  },
  incident: {
    document: `query ($id: ID!) {
      incident(id: $id) {
        id title automations { id ownerTeam { id } } activity(first: 5) { totalCount }
        timeline(first: 5) { totalCount nodes { id body } }
        postmortemVersions(first: 5) { totalCount nodes { id name content { text } } }
      }
    }`,
    variables: () => ({ id: incidentId }),
  },
  automations: {
    document: `query ($filter: AutomationFilter) {
      automations(first: 5, filter: $filter) { totalCount nodes { id name } }
    }`,
    variables: () => ({ filter: { ownerTeamId: teamId } }),
  },
  automation: {
    document: `query ($id: ID!) {
      automation(id: $id) { id name ownerTeam { id } incidents(first: 5) { nodes { id } } }
    }`,
    variables: () => ({ id: automationId }),
  },
  teams: { document: `{ teams { id name } }` },
  members: { document: `{ members { id role user { id email } } }` },
  apiTokens: { document: `{ apiTokens { id name scopes } }` },
  auditLog: { document: `{ auditLog(first: 5) { totalCount nodes { id action } } }` },
  verifyAuditChain: { document: `{ verifyAuditChain { valid recordsChecked } }` },
  search: {
    document: `query ($query: String!) {
      search(query: $query) { kind snippet incident { id } }
    }`,
    variables: () => ({ query: 'orders stuck' }),
  },
  playbooks: {
    document: `query ($filter: PlaybookFilter) {
      playbooks(filter: $filter) { id title status ownerTeam { id } review { state } }
    }`,
    variables: () => ({ filter: { statuses: ['ACTIVE'] } }),
  },
  playbook: {
    document: `query ($id: ID!) {
      playbook(id: $id) {
        id title ownerTeam { id members { id } } currentVersion { id number title document }
        versions { id } changeRequests { id state }
      }
    }`,
    variables: () => ({ id: playbookId }),
  },
  changeRequests: {
    document: `query ($filter: ChangeRequestFilter) {
      changeRequests(filter: $filter) { id number state title }
    }`,
    variables: () => ({ filter: { playbookId } }),
  },
  changeRequest: {
    document: `query ($id: ID!) {
      changeRequest(id: $id) {
        ${CHANGE_REQUEST_FIELDS}
        document diff { operation path } requestedReviewers { id }
        threads { id path comments { body } }
      }
    }`,
    variables: () => ({ id: requestId }),
  },
  approvalPolicy: { document: `{ approvalPolicy { id number document } }` },
  governanceReview: {
    document: `{
      governanceReview {
        playbooksDue { id }
        emergencyChangesAwaitingReview { id number emergencyReviewState }
      }
    }`,
  },
  signUp: {
    document: `mutation ($input: SignUpInput!) {
      signUp(input: $input) { user { id } organization { id } }
    }`,
    variables: () => ({
      input: {
        organizationName: uniqueName('Initech'),
        name: 'Newcomer',
        email: uniqueEmail('signup'),
        password: FIXTURE_PASSWORD,
      },
    }),
  },
  signIn: {
    // Someone of the other organisation, so that no cell opens a session in this one.
    document: SIGN_IN,
    variables: () => ({ input: { email: other.viewer.email, password: FIXTURE_PASSWORD } }),
  },
  signOut: { document: `mutation { signOut }`, endsSession: true },
  switchOrganization: {
    document: `mutation ($id: ID!) {
      switchOrganization(organizationId: $id) { organization { id } }
    }`,
    variables: () => ({ id: org.organizationId }),
    endsSession: true,
  },
  addMember: {
    document: ADD_MEMBER,
    variables: () => ({
      input: {
        email: uniqueEmail('added'),
        name: 'Added person',
        role: 'VIEWER',
        initialPassword: FIXTURE_PASSWORD,
      },
    }),
  },
  changeMemberRole: {
    document: `mutation ($id: ID!) {
      changeMemberRole(membershipId: $id, role: RESPONDER) { id role }
    }`,
    variables: async () => ({ id: await newMembership() }),
  },
  removeMember: {
    document: `mutation ($id: ID!) { removeMember(membershipId: $id) }`,
    variables: async () => ({ id: await newMembership() }),
  },
  createTeam: {
    document: CREATE_TEAM,
    variables: () => ({ input: { name: uniqueName('Team') } }),
  },
  updateTeam: {
    document: `mutation ($id: ID!, $input: TeamInput!) {
      updateTeam(id: $id, input: $input) { id name riskAppetite }
    }`,
    variables: () => ({
      id: teamId,
      input: { name: uniqueName('Finance'), riskAppetite: 'AVERSE' },
    }),
  },
  addTeamMember: {
    document: ADD_TEAM_MEMBER,
    variables: async () => ({ teamId, userId: (await newMember()).userId }),
  },
  removeTeamMember: {
    document: `mutation ($teamId: ID!, $userId: ID!) {
      removeTeamMember(teamId: $teamId, userId: $userId) { id members { id } }
    }`,
    variables: async () => {
      const { userId } = await newMember();
      await org.admin.client.data(ADD_TEAM_MEMBER, { teamId, userId });
      return { teamId, userId };
    },
  },
  createApiToken: {
    document: `mutation ($input: CreateApiTokenInput!) {
      createApiToken(input: $input) { token { id } }
    }`,
    variables: () => ({ input: { name: 'Matrix bot', scopes: ['READ'] } }),
  },
  revokeApiToken: {
    document: REVOKE_TOKEN,
    variables: async () => ({ id: (await createToken(org.admin.client, ['READ'])).id }),
  },
  createAutomation: {
    document: CREATE_AUTOMATION,
    variables: () => ({ input: automationInput() }),
  },
  updateAutomation: {
    document: `mutation ($id: ID!, $input: AutomationInput!) {
      updateAutomation(id: $id, input: $input) { id name }
    }`,
    variables: () => ({ id: automationId, input: automationInput() }),
  },
  archiveAutomation: {
    document: `mutation ($id: ID!) { archiveAutomation(id: $id) { id archivedAt } }`,
    variables: async () => ({ id: await newAutomation() }),
  },
  declareIncident: {
    document: `mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }`,
    variables: () => ({
      input: {
        title: 'Orders stuck',
        severity: 'SEV3',
        detectionSource: 'USER_REPORT',
        automationIds: [automationId],
      },
    }),
  },
  updateIncident: {
    document: `mutation ($input: UpdateIncidentInput!) { updateIncident(input: $input) { id } }`,
    variables: async () => ({ input: { ...(await freshIncident()), title: 'Renamed' } }),
  },
  setImpactScope: {
    document: `mutation ($input: SetImpactScopeInput!) { setImpactScope(input: $input) { id } }`,
    variables: async () => ({ input: { ...(await freshIncident()), description: '40 orders' } }),
  },
  validateImpactScope: {
    document: `mutation ($input: ValidateImpactScopeInput!) {
      validateImpactScope(input: $input) { id }
    }`,
    variables: async () => {
      const incident = await freshIncident();
      const scoped = await org.responder.client.data<{ setImpactScope: { version: number } }>(
        `mutation ($input: SetImpactScopeInput!) { setImpactScope(input: $input) { version } }`,
        { input: { ...incident, description: 'Refunds for 12 customers' } },
      );
      return { input: { ...incident, expectedVersion: scoped.setImpactScope.version } };
    },
  },
  transitionIncident: {
    document: `mutation ($input: TransitionIncidentInput!) {
      transitionIncident(input: $input) { id status }
    }`,
    variables: async () => ({
      input: { ...(await freshIncident()), to: 'CANCELLED', note: 'Duplicate' },
    }),
  },
  assignIncidentRole: {
    document: `mutation ($input: AssignIncidentRoleInput!) {
      assignIncidentRole(input: $input) { id }
    }`,
    variables: async () => ({
      input: {
        incidentId: (await freshIncident()).incidentId,
        role: 'INCIDENT_LEAD',
        userId: org.responder.userId,
      },
    }),
  },
  addTimelineEntry: {
    document: `mutation ($input: AddTimelineEntryInput!) {
      addTimelineEntry(input: $input) { id } }`,
    variables: () => ({ input: { incidentId, kind: 'NOTE', body: 'Customer emails paused' } }),
  },
  savePostmortemVersion: {
    document: `mutation ($input: SavePostmortemVersionInput!) {
      savePostmortemVersion(input: $input) { id name } }`,
    variables: () => ({ input: { incidentId, name: 'Submitted for review' } }),
  },
  restorePostmortemVersion: {
    document: `mutation ($input: RestorePostmortemVersionInput!) {
      restorePostmortemVersion(input: $input) { savedBefore { id } restored { id } } }`,
    variables: async () => ({ input: { versionId: await newPostmortemVersion() } }),
  },
  openChangeRequest: {
    document: OPEN_CHANGE_REQUEST,
    variables: async () => {
      const document = { ...(await currentDocument()), summary: 'And refunds.' };
      return { input: { kind: 'NEW_VERSION', playbookId, title: 'Cover refunds', document } };
    },
  },
  reviseChangeRequest: {
    document: `mutation ($input: ReviseChangeRequestInput!) {
      reviseChangeRequest(input: $input) { id state currentRevision }
    }`,
    variables: async (cell) => {
      const { id, revision } = await openRequest(requestAuthor(cell));
      const document = { ...(await currentDocument()), summary: 'Refunds too.' };
      return { input: { id, document, expectedRevision: revision, message: 'Names refunds' } };
    },
  },
  updateChangeRequestBase: {
    document: `mutation ($id: ID!) {
      updateChangeRequestBase(id: $id) { id currentRevision baseVersionNumber stale }
    }`,
    variables: async (cell) => {
      const { id } = await openRequest(requestAuthor(cell));
      await publishNewVersion();
      return { id };
    },
  },
  submitChangeRequest: {
    document: `mutation ($id: ID!) { submitChangeRequest(id: $id) { id state } }`,
    variables: async (cell) => ({
      id: (await openRequest(requestAuthor(cell), { draft: true })).id,
    }),
  },
  withdrawChangeRequest: {
    document: `mutation ($id: ID!, $reason: String) {
      withdrawChangeRequest(id: $id, reason: $reason) { id state }
    }`,
    variables: async (cell) => ({
      id: (await openRequest(requestAuthor(cell))).id,
      reason: 'Refunds get a playbook of their own',
    }),
  },
  rejectChangeRequest: {
    // Rejecting is an admin's verdict on someone else's work: every cell acts on the
    // responder's request, so the responder's refusal shows that authorship does not help.
    document: `mutation ($id: ID!, $reason: String!) {
      rejectChangeRequest(id: $id, reason: $reason) { id state }
    }`,
    variables: async (cell) => ({
      id: (await openRequest(cell.author ?? org.responder)).id,
      reason: 'Refunds are out of scope',
    }),
  },
  requestChangeRequestReviewers: {
    document: `mutation ($id: ID!, $reviewerIds: [ID!]!) {
      requestChangeRequestReviewers(id: $id, reviewerIds: $reviewerIds) {
        id requestedReviewers { id }
      }
    }`,
    variables: async (cell) => {
      const author = requestAuthor(cell);
      const { id } = await openRequest(author);
      return { id, reviewerIds: [approverOf(author).userId] };
    },
  },
  reviewChangeRequest: {
    document: REVIEW_CHANGE_REQUEST,
    variables: async (cell) => {
      const { id, revision } = await openRequest(reviewedAuthor(cell));
      return { input: { id, verdict: 'APPROVE', revision } };
    },
  },
  // Commenting on a review and resolving its threads are writes, refused to viewers and READ
  // tokens like every other write (the web UI offers them to responders and admins only).
  commentOnChangeRequest: {
    document: COMMENT,
    variables: () => ({
      input: { id: requestId, path: '/modules/triage/title', body: 'Call it "Find the gap"?' },
    }),
  },
  resolveReviewThread: {
    document: `mutation ($id: ID!) { resolveReviewThread(id: $id) { id resolvedAt } }`,
    variables: async () => ({ id: await newThread() }),
  },
  mergeChangeRequest: {
    document: MERGE_CHANGE_REQUEST,
    variables: async (cell) => {
      const { id, revision } = await approvedRequest(requestAuthor(cell));
      return { input: { id, expectedRevision: revision } };
    },
  },
  markPlaybookReviewed: {
    document: `mutation ($id: ID!) {
      markPlaybookReviewed(id: $id) { id lastReviewedAt review { state } }
    }`,
    variables: () => ({ id: playbookId }),
  },
  attachPlaybook: {
    document: `mutation ($input: AttachPlaybookInput!) { attachPlaybook(input: $input) { id } }`,
    variables: async () => ({
      input: { incidentId: (await freshIncident()).incidentId, playbookVersionId },
    }),
  },
  checkPlaybookStep: {
    document: `mutation ($input: CheckPlaybookStepInput!) {
      checkPlaybookStep(input: $input) { ${RUN_FIELDS} }
    }`,
    variables: async () => {
      const run = await newRun();
      await org.responder.client.data(ATTACH_ARTIFACT, { input: exportArtifact(run) });
      return { input: { runId: run, ...EXPORT_STEP, checked: true } };
    },
  },
  attachPlaybookArtifact: {
    document: ATTACH_ARTIFACT,
    variables: () => ({ input: exportArtifact(runId) }),
  },
  answerDecisionGate: {
    document: `mutation ($input: AnswerDecisionGateInput!) {
      answerDecisionGate(input: $input) { ${RUN_FIELDS} }
    }`,
    variables: async () => ({
      input: {
        runId: await newRun(),
        moduleId: 'triage',
        gateId: 'standard-gate',
        optionId: 'disable',
        rationale: 'Payments keep failing; the flow stays off until it is reviewed.',
      },
    }),
  },
};

/** A client for the caller; a fresh session when the operation would end the shared one. */
async function clientFor(caller: string, endsSession: boolean): Promise<GraphqlClient> {
  const member: Member | undefined = {
    viewer: org.viewer,
    resp: org.responder,
    admin: org.admin,
    other: other.admin,
  }[caller];

  if (member && endsSession) {
    const client = new GraphqlClient(keel.url);
    const organizationId = caller === 'other' ? other.organizationId : org.organizationId;
    await client.data(SIGN_IN, {
      input: { email: member.email, password: FIXTURE_PASSWORD, organizationId },
    });
    return client;
  }

  const shared =
    member?.client ??
    {
      anon: new GraphqlClient(keel.url),
      readTk: org.readToken,
      writeTk: org.writeToken,
      revoked: revokedToken,
    }[caller]!;
  // A copy, so that a cookie set by signIn or signUp stays with this cell.
  const copy = new GraphqlClient(keel.url);
  copy.sessionSecret = shared.sessionSecret;
  copy.token = shared.token;
  return copy;
}

function rowsOf(table: string): string {
  return `select t.* from ${table} t where t.organization_id = $1`;
}

function rowsOfIncidents(table: string): string {
  return `select t.* from ${table} t
            join incident i on i.id = t.incident_id where i.organization_id = $1`;
}

function rowsOfChangeRequests(table: string): string {
  return `select t.* from ${table} t
            join change_request c on c.id = t.change_request_id where c.organization_id = $1`;
}

/** The tables whose rows make up one organisation, each as a query of those rows. */
const ORGANIZATION_ROWS: Record<string, string> = {
  organization: 'select t.* from organization t where t.id = $1',
  app_user: `select t.* from app_user t
               join membership m on m.user_id = t.id where m.organization_id = $1`,
  membership: rowsOf('membership'),
  session: rowsOf('session'),
  team: rowsOf('team'),
  automation: rowsOf('automation'),
  incident: rowsOf('incident'),
  // last_used_at changes whenever a token is presented, which is a read.
  api_token: `select t.id, t.name, t.scopes, t.expires_at, t.revoked_at
                from api_token t where t.organization_id = $1`,
  audit_record: rowsOf('audit_record'),
  incident_transition: rowsOfIncidents('incident_transition'),
  incident_role_assignment: rowsOfIncidents('incident_role_assignment'),
  incident_automation: rowsOfIncidents('incident_automation'),
  collab_update: rowsOf('collab_update'),
  timeline_entry: rowsOf('timeline_entry'),
  postmortem_version: rowsOf('postmortem_version'),
  team_member: rowsOf('team_member'),
  playbook: rowsOf('playbook'),
  playbook_version: rowsOf('playbook_version'),
  approval_policy_version: rowsOf('approval_policy_version'),
  change_request: rowsOf('change_request'),
  change_request_revision: rowsOfChangeRequests('change_request_revision'),
  change_request_reviewer: rowsOfChangeRequests('change_request_reviewer'),
  change_request_review: rowsOfChangeRequests('change_request_review'),
  review_thread: rowsOfChangeRequests('review_thread'),
  review_comment: `select t.* from review_comment t
                     join review_thread r on r.id = t.thread_id
                     join change_request c on c.id = r.change_request_id
                    where c.organization_id = $1`,
  playbook_run: rowsOf('playbook_run'),
  playbook_run_action: `select t.* from playbook_run_action t
                          join playbook_run r on r.id = t.run_id where r.organization_id = $1`,
};

/** A digest of every row of this organisation, table by table. */
async function organizationDigest(): Promise<Record<string, string>> {
  const columns = Object.entries(ORGANIZATION_ROWS).map(
    ([table, rows]) =>
      `(select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from (${rows}) r)
         as ${table}`,
  );
  const [row] = await keel.sql<Record<string, string>>(`select ${columns.join(', ')}`, [
    databaseKey(org.organizationId),
  ]);
  return row!;
}

/** How many rows each table holds, across all organisations. */
async function rowCounts(): Promise<Record<string, string>> {
  const columns = Object.keys(ORGANIZATION_ROWS).map(
    (table) => `(select count(*) from ${table}) as ${table}`,
  );
  const [row] = await keel.sql<Record<string, string>>(`select ${columns.join(', ')}`);
  return row!;
}

function databaseKey(globalId: string): string {
  return fromGlobalId(globalId)!.key;
}

/** `ok`, `null`, or the error codes of a response, for one root field. */
function outcomeOf(response: GraphqlResponse, field: string): string {
  if (response.errors?.length) return response.errors.map((e) => e.extensions?.code).join(', ');
  return response.data?.[field] === null ? 'null' : 'ok';
}

/** The same variables with every id of ours replaced by an id of the same type nobody has. */
function withMissingIds(value: unknown): unknown {
  if (typeof value === 'string') {
    const decoded = fromGlobalId(value);
    return decoded ? toGlobalId(decoded.type, randomUUID()) : value;
  }
  if (Array.isArray(value)) return value.map(withMissingIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMissingIds(v)]));
  }
  return value;
}

function titleOf(caller: string, outcome: string): string {
  const who = CALLER_NAMES[caller]!;
  const asMissing = caller === 'other' ? ', exactly as for a missing id' : '';
  if (outcome === 'ok') {
    return caller === 'other'
      ? `${who} may call it, touching only its own organisation`
      : `${who} may call it`;
  }
  if (outcome === 'null') return `${who} gets null${asMissing}`;
  return `${who} is refused with ${outcome}${asMissing}, and nothing is written`;
}

async function runCell(operationName: string, cell: Cell, expected: string): Promise<void> {
  const { caller } = cell;
  const operation = OPERATIONS[operationName]!;
  const variables = (await operation.variables?.(cell)) ?? {};
  const client = await clientFor(caller, operation.endsSession ?? false);

  const digestBefore = await organizationDigest();
  const countsBefore = await rowCounts();
  const response = await client.request(operation.document, variables);

  expect(outcomeOf(response, operationName)).toBe(expected);
  const refused = expected !== 'ok' && expected !== 'null';
  if (refused) expect(await rowCounts()).toEqual(countsBefore);
  if (refused || caller === 'other') expect(await organizationDigest()).toEqual(digestBefore);
  if (caller !== 'other') return;

  // Another organisation's admin learns nothing of this one, and our ids get what missing ids get.
  const answer = JSON.stringify(response.data ?? null);
  for (const id of ourIds) expect(answer).not.toContain(id);

  if (expected !== 'ok') {
    const missing = await client.request(
      operation.document,
      withMissingIds(variables) as Variables,
    );
    expect({ data: missing.data, errors: missing.errors }).toEqual({
      data: response.data,
      errors: response.errors,
    });
  }
}

it('covers every query and mutation of schema.graphql, and nothing else', () => {
  const schema = buildSchema(
    readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'),
  );
  const fields = [schema.getQueryType()!, schema.getMutationType()!]
    .flatMap((type) => Object.keys(type.getFields()))
    .sort();

  expect(ROWS.map((row) => row.operation).sort()).toEqual(fields);
  expect(Object.keys(OPERATIONS).sort()).toEqual(fields);
});

for (const row of ROWS) {
  describe(row.operation, () => {
    for (const caller of CALLERS) {
      const expected = row.expected[caller]!;
      it(titleOf(caller, expected), async () => {
        await runCell(row.operation, { caller }, expected);
      });
    }
  });
}

/**
 * The matrix acts on a person's own change request wherever a rule is about authors. Here
 * people act on another person's, where authorship decides and role does not: an admin may not
 * revise, rebase, submit or withdraw the responder's request but may merge it once approved; a
 * responder may not merge the admin's; nobody may approve their own; anyone who may write may
 * ask for more reviewers.
 */
const ON_ANOTHER_PERSONS_REQUEST: {
  operation: string;
  caller: 'resp' | 'admin';
  author: 'resp' | 'admin';
  expected: string;
}[] = [
  { operation: 'reviseChangeRequest', caller: 'admin', author: 'resp', expected: 'FORBIDDEN' },
  { operation: 'updateChangeRequestBase', caller: 'admin', author: 'resp', expected: 'FORBIDDEN' },
  { operation: 'submitChangeRequest', caller: 'admin', author: 'resp', expected: 'FORBIDDEN' },
  { operation: 'withdrawChangeRequest', caller: 'admin', author: 'resp', expected: 'FORBIDDEN' },
  { operation: 'mergeChangeRequest', caller: 'admin', author: 'resp', expected: 'ok' },
  { operation: 'mergeChangeRequest', caller: 'resp', author: 'admin', expected: 'FORBIDDEN' },
  { operation: 'reviewChangeRequest', caller: 'resp', author: 'resp', expected: 'FORBIDDEN' },
  { operation: 'reviewChangeRequest', caller: 'admin', author: 'admin', expected: 'FORBIDDEN' },
  { operation: 'requestChangeRequestReviewers', caller: 'resp', author: 'admin', expected: 'ok' },
];

describe("acting on another person's change request", () => {
  const members = () => ({ resp: org.responder, admin: org.admin });
  const possessive = { resp: "the responder's", admin: "the admin's" };

  for (const { operation, caller, author, expected } of ON_ANOTHER_PERSONS_REQUEST) {
    const whose = author === caller ? 'their own' : possessive[author];
    const outcome =
      expected === 'ok' ? 'may do it' : `is refused with ${expected}, and nothing is written`;
    it(`${operation}: ${CALLER_NAMES[caller]}, on ${whose} request, ${outcome}`, async () => {
      await runCell(operation, { caller, author: members()[author] }, expected);
    });
  }
});
