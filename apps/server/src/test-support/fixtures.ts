import { randomBytes } from 'node:crypto';
import type { MembershipRole, TokenScope } from '@keel/domain';
import { GraphqlClient } from './graphql-client.js';
import type { TestKeel } from './keel.js';

/** The password every fixture account uses. */
export const FIXTURE_PASSWORD = 'correct horse battery';

/** A signed-in member. */
export interface Member {
  client: GraphqlClient;
  userId: string;
  email: string;
  membershipId: string;
}

/** An organisation with one member per role and two tokens. */
export interface OrganizationFixture {
  organizationId: string;
  admin: Member;
  responder: Member;
  viewer: Member;
  /** A client presenting a READ-scoped token created by the admin. */
  readToken: GraphqlClient;
  /** A client presenting a WRITE-scoped token created by the admin. */
  writeToken: GraphqlClient;
  readTokenId: string;
  writeTokenId: string;
}

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { user { id } organization { id } membership { id } }
}`;

const ADD_MEMBER = `mutation AddMember($input: AddMemberInput!) {
  addMember(input: $input) { id user { id } }
}`;

const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { user { id } } }`;

const CREATE_TOKEN = `mutation CreateToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { secret token { id } }
}`;

/** A unique email address for a test account. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

/** Signs up a new organisation and adds a responder, a viewer and two tokens. */
export async function createOrganization(
  keel: TestKeel,
  name = 'Acme Retail',
): Promise<OrganizationFixture> {
  const admin = new GraphqlClient(keel.url);
  const email = uniqueEmail('admin');
  const signedUp = await admin.data<{
    signUp: { user: { id: string }; organization: { id: string }; membership: { id: string } };
  }>(SIGN_UP, {
    input: { organizationName: name, name: 'Alex Admin', email, password: FIXTURE_PASSWORD },
  });

  const adminMember: Member = {
    client: admin,
    userId: signedUp.signUp.user.id,
    email,
    membershipId: signedUp.signUp.membership.id,
  };
  const organizationId = signedUp.signUp.organization.id;

  const [responder, viewer] = await Promise.all([
    addMember(keel, admin, 'RESPONDER', organizationId),
    addMember(keel, admin, 'VIEWER', organizationId),
  ]);
  const [readToken, writeToken] = await Promise.all([
    createToken(admin, ['READ']),
    createToken(admin, ['WRITE']),
  ]);

  return {
    organizationId,
    admin: adminMember,
    responder,
    viewer,
    readToken: readToken.client(keel.url),
    writeToken: writeToken.client(keel.url),
    readTokenId: readToken.id,
    writeTokenId: writeToken.id,
  };
}

/** Adds a member with the given role and returns them signed in to that organisation. */
export async function addMember(
  keel: TestKeel,
  admin: GraphqlClient,
  role: MembershipRole,
  organizationId: string,
): Promise<Member> {
  const email = uniqueEmail(role.toLowerCase());
  const added = await admin.data<{ addMember: { id: string; user: { id: string } } }>(ADD_MEMBER, {
    input: { email, name: `${role} person`, role, initialPassword: FIXTURE_PASSWORD },
  });

  const client = new GraphqlClient(keel.url);
  await client.data(SIGN_IN, { input: { email, password: FIXTURE_PASSWORD, organizationId } });
  return { client, userId: added.addMember.user.id, email, membershipId: added.addMember.id };
}

/** Creates an API token with the given scopes. */
export async function createToken(creator: GraphqlClient, scopes: TokenScope[]) {
  const created = await creator.data<{
    createApiToken: { secret: string; token: { id: string } };
  }>(CREATE_TOKEN, { input: { name: `token ${scopes.join('+')}`, scopes } });

  const { secret, token } = created.createApiToken;
  return {
    id: token.id,
    secret,
    client: (url: string) => {
      const client = new GraphqlClient(url);
      client.token = secret;
      return client;
    },
  };
}

const DECLARE = `mutation Declare($input: DeclareIncidentInput!) {
  declareIncident(input: $input) { id version status }
}`;

/** Declares an incident and returns its id and version. */
export async function declareIncident(
  client: GraphqlClient,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number; status: string }> {
  const data = await client.data<{
    declareIncident: { id: string; version: number; status: string };
  }>(DECLARE, {
    input: {
      title: 'Payment flow halted',
      severity: 'SEV2',
      detectionSource: 'MONITORING',
      ...input,
    },
  });
  return data.declareIncident;
}
