import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
 */
const MATRIX = `
  operation            anon    viewer  resp    admin   readTk  writeTk revoked other
  viewer               null    ok      ok      ok      ok      ok      UNAUTH  ok
  node                 UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  incidents            UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  incident             UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  automations          UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  automation           UNAUTH  ok      ok      ok      ok      ok      UNAUTH  null
  teams                UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  members              UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  apiTokens            UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  auditLog             UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  verifyAuditChain     UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  search               UNAUTH  ok      ok      ok      ok      ok      UNAUTH  ok
  signUp               ok      ok      ok      ok      ok      ok      UNAUTH  ok
  signIn               ok      ok      ok      ok      ok      ok      UNAUTH  ok
  signOut              ok      ok      ok      ok      ok      ok      UNAUTH  ok
  switchOrganization   UNAUTH  ok      ok      ok      DENIED  DENIED  UNAUTH  MISSING
  addMember            UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  changeMemberRole     UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  removeMember         UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createTeam           UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  ok
  updateTeam           UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createApiToken       UNAUTH  ok      ok      ok      DENIED  DENIED  UNAUTH  ok
  revokeApiToken       UNAUTH  DENIED  DENIED  ok      DENIED  DENIED  UNAUTH  MISSING
  createAutomation     UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  INVALID
  updateAutomation     UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  archiveAutomation    UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  declareIncident      UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  INVALID
  updateIncident       UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  setImpactScope       UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  validateImpactScope  UNAUTH  DENIED  ok      ok      DENIED  DENIED  UNAUTH  MISSING
  transitionIncident   UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  assignIncidentRole   UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  addTimelineEntry     UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  savePostmortemVersion    UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
  restorePostmortemVersion UNAUTH  DENIED  ok      ok      DENIED  ok      UNAUTH  MISSING
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

/** How the matrix calls one root field. */
interface Operation {
  document: string;
  /** Builds one cell's variables, creating afresh whatever the cell may change. */
  variables?: () => Promise<Variables> | Variables;
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

  ourIds = [
    org.organizationId,
    ...[org.admin, org.responder, org.viewer].flatMap((m) => [m.userId, m.membershipId]),
    org.readTokenId,
    org.writeTokenId,
    teamId,
    automationId,
    incidentId,
    versionId,
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

const ADD_MEMBER = `mutation ($input: AddMemberInput!) { addMember(input: $input) { id role } }`;

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

async function newMembership(): Promise<string> {
  const data = await org.admin.client.data<{ addMember: { id: string } }>(ADD_MEMBER, {
    input: {
      email: uniqueEmail('target'),
      name: 'Target person',
      role: 'VIEWER',
      initialPassword: FIXTURE_PASSWORD,
    },
  });
  return data.addMember.id;
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

async function runCell(operationName: string, caller: string, expected: string): Promise<void> {
  const operation = OPERATIONS[operationName]!;
  const variables = (await operation.variables?.()) ?? {};
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
        await runCell(row.operation, caller, expected);
      });
    }
  });
}
