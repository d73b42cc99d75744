import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../auth/authenticate.js';
import { fromGlobalId } from '../../ids.js';
import {
  FIXTURE_PASSWORD,
  addMember,
  createOrganization,
  declareIncident,
  uniqueEmail,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import { GraphqlClient } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';
import { SESSION_LIFETIME_MS } from './account.service.js';

let keel: TestKeel;
let org: OrganizationFixture;

beforeAll(async () => {
  keel = await startTestKeel();
  org = await createOrganization(keel);
});

afterAll(async () => {
  await keel?.close();
});

const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUp(input: $input) {
    expiresAt
    user { id email name }
    organization { id name slug }
    membership { id role }
    memberships { id }
  }
}`;

const SIGN_IN = `mutation ($input: SignInInput!) {
  signIn(input: $input) { organization { id } membership { role } memberships { id } }
}`;

const SWITCH = `mutation ($id: ID!) {
  switchOrganization(organizationId: $id) { organization { id } membership { role } }
}`;

const VIEWER = `{ viewer { kind name role organization { id } user { id } } }`;

const MEMBERS = `{ members { id role user { id email name } } }`;

const ADD_MEMBER = `mutation ($input: AddMemberInput!) {
  addMember(input: $input) { id role user { id email name } organization { id } }
}`;

const CHANGE_ROLE = `mutation ($id: ID!, $role: MembershipRole!) {
  changeMemberRole(membershipId: $id, role: $role) { id role }
}`;

const REMOVE = `mutation ($id: ID!) { removeMember(membershipId: $id) }`;

/** The tables an account operation may write to. */
const ACCOUNT_TABLES = ['organization', 'app_user', 'membership', 'session', 'audit_record'];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ACCOUNT_TABLES) {
    const [row] = await keel.sql<{ count: string }>(`select count(*) from ${table}`);
    counts[table] = Number(row!.count);
  }
  return counts;
}

function keyOf(globalId: string): string {
  return fromGlobalId(globalId)!.key;
}

function sessionCookieOf(response: { headers: Headers }): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

interface SignedUp {
  client: GraphqlClient;
  email: string;
  userId: string;
  membershipId: string;
  organizationId: string;
}

/** Signs up a new organisation whose only member is its admin. */
async function signUp(organizationName = 'Initech'): Promise<SignedUp> {
  const client = new GraphqlClient(keel.url);
  const email = uniqueEmail('founder');
  const data = await client.data<{
    signUp: { user: { id: string }; membership: { id: string }; organization: { id: string } };
  }>(SIGN_UP, {
    input: { organizationName, name: 'Fran Founder', email, password: FIXTURE_PASSWORD },
  });
  return {
    client,
    email,
    userId: data.signUp.user.id,
    membershipId: data.signUp.membership.id,
    organizationId: data.signUp.organization.id,
  };
}

async function signIn(email: string, organizationId?: string): Promise<GraphqlClient> {
  const client = new GraphqlClient(keel.url);
  await client.data(SIGN_IN, { input: { email, password: FIXTURE_PASSWORD, organizationId } });
  return client;
}

/** A client presenting a session secret, as a browser holding an old cookie would. */
function withCookie(secret: string): GraphqlClient {
  const client = new GraphqlClient(keel.url);
  client.sessionSecret = secret;
  return client;
}

async function viewerOf(client: GraphqlClient) {
  const data = await client.data<{
    viewer: { role: string; organization: { id: string }; user: { id: string } } | null;
  }>(VIEWER);
  return data.viewer;
}

describe('signing up', () => {
  it('creates the organisation with its first user as ADMIN, and signs that user in', async () => {
    const client = new GraphqlClient(keel.url);
    const email = uniqueEmail('Ada.Lovelace').replace('ada', 'ADA');

    const data = await client.data<{
      signUp: {
        user: { id: string; email: string; name: string };
        organization: { id: string; name: string; slug: string };
        membership: { role: string };
        memberships: { id: string }[];
      };
    }>(SIGN_UP, {
      input: {
        organizationName: '  Analytical Engines Ltd ',
        name: ' Ada ',
        email: ` ${email} `,
        password: FIXTURE_PASSWORD,
      },
    });

    expect(data.signUp.membership.role).toBe('ADMIN');
    expect(data.signUp.memberships).toHaveLength(1);
    expect(data.signUp.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada' });
    expect(data.signUp.organization).toMatchObject({
      name: 'Analytical Engines Ltd',
      slug: expect.stringMatching(/^analytical-engines-ltd(-[a-z0-9x]{6})?$/),
    });
    expect(await viewerOf(client)).toMatchObject({
      role: 'ADMIN',
      organization: { id: data.signUp.organization.id },
      user: { id: data.signUp.user.id },
    });
  });

  it('keeps the session in an HttpOnly, SameSite=Lax cookie, storing only its digest', async () => {
    const response = await fetch(`${keel.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SIGN_UP,
        variables: {
          input: {
            organizationName: 'Cookie Co',
            name: 'Cathy',
            email: uniqueEmail('cookie'),
            password: FIXTURE_PASSWORD,
          },
        },
      }),
    });
    const cookies = response.headers.getSetCookie();
    const body = (await response.json()) as { data: { signUp: { user: { id: string } } } };

    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((part) => part.trim());
    const secret = attributes[0]!.slice(`${SESSION_COOKIE}=`.length);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
    expect(attributes).not.toContain('Secure');

    const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))!.slice(8));
    expect(Math.abs(expires - (Date.now() + SESSION_LIFETIME_MS))).toBeLessThan(60_000);

    const sessions = await keel.sql<Record<string, unknown>>(
      'select * from session where user_id = $1',
      [keyOf(body.data.signUp.user.id)],
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(sessions)).not.toContain(secret);
  });

  it('refuses an email that already has an account with CONFLICT, writing nothing', async () => {
    const before = await rowCounts();

    const response = await new GraphqlClient(keel.url).request(SIGN_UP, {
      input: {
        organizationName: 'Copycat',
        name: 'Copy',
        email: org.viewer.email.toUpperCase(),
        password: FIXTURE_PASSWORD,
      },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(sessionCookieOf(response)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['a malformed email', { email: 'ada@@example' }, /email is not a valid address/],
    ['a nine-character password', { password: 'x'.repeat(9) }, /password must have 10 to 200/],
    ['a 10,000-character name', { name: 'x'.repeat(10_000) }, /name must be at most 120/],
    [
      'a 10,000-character organisation name',
      { organizationName: 'x'.repeat(10_000) },
      /organizationName must be at most 120/,
    ],
  ])('rejects %s with BAD_USER_INPUT, writing nothing', async (_label, override, message) => {
    const before = await rowCounts();

    const response = await new GraphqlClient(keel.url).request(SIGN_UP, {
      input: {
        organizationName: 'Bad Input Ltd',
        name: 'Bea',
        email: uniqueEmail('bad'),
        password: FIXTURE_PASSWORD,
        ...override,
      },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.errors?.[0]?.extensions?.problems).toHaveLength(1);
    expect(sessionCookieOf(response)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });
});

describe('signing in and out', () => {
  it('answers a wrong password as it answers an unknown email: UNAUTHENTICATED', async () => {
    const before = await rowCounts();

    const [wrongPassword, unknownEmail] = await Promise.all([
      new GraphqlClient(keel.url).request(SIGN_IN, {
        input: { email: org.viewer.email, password: 'not the password' },
      }),
      new GraphqlClient(keel.url).request(SIGN_IN, {
        input: { email: uniqueEmail('nobody'), password: FIXTURE_PASSWORD },
      }),
    ]);

    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.message).toBe('The email or password is wrong.');
    expect(unknownEmail.errors).toEqual(wrongPassword.errors);
    expect(sessionCookieOf(wrongPassword)).toBeUndefined();
    expect(sessionCookieOf(unknownEmail)).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts the email in any case', async () => {
    const client = await signIn(org.responder.email.toUpperCase());

    expect(await viewerOf(client)).toMatchObject({ role: 'RESPONDER' });
  });

  it('ends the session on sign-out: the cookie is cleared and stops working', async () => {
    const client = await signIn(org.viewer.email);
    const secret = client.sessionSecret!;

    const response = await client.request<{ signOut: boolean }>(`mutation { signOut }`);

    expect(response.data?.signOut).toBe(true);
    expect(sessionCookieOf(response)).toMatch(/^keel_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await viewerOf(withCookie(secret))).toBeNull();
    const members = await withCookie(secret).request(MEMBERS);
    expect(members.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const [session] = await keel.sql<{ revoked_at: Date | null }>(
      'select revoked_at from session where secret_hash = $1',
      [createHash('sha256').update(secret).digest('hex')],
    );
    expect(session!.revoked_at).not.toBeNull();
    expect(await viewerOf(org.viewer.client)).toMatchObject({ role: 'VIEWER' });
  });
});

describe('a person in two organisations', () => {
  let home: SignedUp;
  let away: SignedUp;

  beforeAll(async () => {
    home = await signUp('Home Org');
    away = await signUp('Away Org');
    await away.client.data(ADD_MEMBER, { input: { email: home.email, role: 'VIEWER' } });
  });

  it('signs in to their oldest organisation by default, or to the one they name', async () => {
    const byDefault = await signIn(home.email);
    const named = await signIn(home.email, away.organizationId);

    expect(await viewerOf(byDefault)).toMatchObject({
      role: 'ADMIN',
      organization: { id: home.organizationId },
    });
    expect(await viewerOf(named)).toMatchObject({
      role: 'VIEWER',
      organization: { id: away.organizationId },
    });
  });

  it('switches organisation, taking the role there; the old session ends', async () => {
    const client = await signIn(home.email);
    const oldSecret = client.sessionSecret!;

    const switched = await client.data<{
      switchOrganization: { organization: { id: string }; membership: { role: string } };
    }>(SWITCH, { id: away.organizationId });

    expect(switched.switchOrganization).toEqual({
      organization: { id: away.organizationId },
      membership: { role: 'VIEWER' },
    });
    expect(client.sessionSecret).not.toBe(oldSecret);
    expect(await viewerOf(client)).toMatchObject({ organization: { id: away.organizationId } });
    expect(await viewerOf(withCookie(oldSecret))).toBeNull();

    const refused = await client.request(`mutation { createTeam(input: { name: "Ops" }) { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gets NOT_FOUND for an organisation they are not in, and keeps the session', async () => {
    const client = await signIn(home.email);
    const before = await rowCounts();

    const signInElsewhere = await new GraphqlClient(keel.url).request(SIGN_IN, {
      input: { email: home.email, password: FIXTURE_PASSWORD, organizationId: org.organizationId },
    });
    const switchElsewhere = await client.request(SWITCH, { id: org.organizationId });

    expect(signInElsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(sessionCookieOf(signInElsewhere)).toBeUndefined();
    expect(switchElsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await rowCounts()).toEqual(before);
    expect(await viewerOf(client)).toMatchObject({ organization: { id: home.organizationId } });
  });
});

describe('adding members', () => {
  it('creates an account for a new email, which signs in with the initial password', async () => {
    const email = uniqueEmail('newcomer');

    const data = await org.admin.client.data<{
      addMember: { id: string; role: string; user: { email: string; name: string } };
    }>(ADD_MEMBER, {
      input: {
        email: email.toUpperCase(),
        name: ' Nia Newcomer ',
        role: 'RESPONDER',
        initialPassword: FIXTURE_PASSWORD,
      },
    });

    expect(data.addMember).toMatchObject({
      role: 'RESPONDER',
      user: { email, name: 'Nia Newcomer' },
    });
    expect(await viewerOf(await signIn(email))).toMatchObject({
      role: 'RESPONDER',
      organization: { id: org.organizationId },
    });

    const [audit] = await keel.sql<{ action: string; changes: unknown }>(
      `select action, changes from audit_record where target_id = $1`,
      [keyOf(data.addMember.id)],
    );
    expect(audit).toEqual({
      action: 'membership.add',
      changes: {
        email: { before: null, after: email },
        role: { before: null, after: 'RESPONDER' },
      },
    });
  });

  it('adds an existing account without touching its name or its password', async () => {
    const outsider = await signUp('Outsider Org');

    const data = await org.admin.client.data<{
      addMember: { user: { id: string; name: string } };
    }>(ADD_MEMBER, {
      input: {
        email: outsider.email,
        name: 'Someone Else',
        role: 'VIEWER',
        initialPassword: 'a different password',
      },
    });

    expect(data.addMember.user).toMatchObject({ id: outsider.userId, name: 'Fran Founder' });
    const client = await signIn(outsider.email, org.organizationId);
    expect(await viewerOf(client)).toMatchObject({ role: 'VIEWER' });
    const oldPassword = await new GraphqlClient(keel.url).request(SIGN_IN, {
      input: { email: outsider.email, password: 'a different password' },
    });
    expect(oldPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to add someone who is already a member with CONFLICT, writing nothing', async () => {
    const before = await rowCounts();

    const response = await org.admin.client.request(ADD_MEMBER, {
      input: { email: org.viewer.email, role: 'ADMIN' },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, /email is not a valid address/],
    ['no name for a new account', { name: null }, /name is required/],
    ['no initial password', { initialPassword: null }, /initialPassword must have 10 to 200/],
    ['a short initial password', { initialPassword: 'short' }, /initialPassword must have/],
    ['a 10,000-character name', { name: 'x'.repeat(10_000) }, /name must be at most 120/],
  ])('rejects %s with BAD_USER_INPUT, writing nothing', async (_label, override, message) => {
    const before = await rowCounts();

    const response = await org.admin.client.request(ADD_MEMBER, {
      input: {
        email: uniqueEmail('invalid'),
        name: 'Ivo Invalid',
        role: 'VIEWER',
        initialPassword: FIXTURE_PASSWORD,
        ...override,
      },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('member roles', () => {
  it("changes a member's role, which applies from their next request on", async () => {
    const member = await addMember(keel, org.admin.client, 'VIEWER', org.organizationId);
    const declare = () =>
      member.client.request(`mutation {
      declareIncident(input: { title: "Leads lost", severity: SEV3, detectionSource: OTHER }) { id }
    }`);
    expect((await declare()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const changed = await org.admin.client.data<{ changeMemberRole: { role: string } }>(
      CHANGE_ROLE,
      { id: member.membershipId, role: 'RESPONDER' },
    );

    expect(changed.changeMemberRole.role).toBe('RESPONDER');
    expect((await declare()).errors).toBeUndefined();
    const [audit] = await keel.sql<{ action: string; changes: unknown }>(
      `select action, changes from audit_record where target_id = $1 order by sequence desc`,
      [keyOf(member.membershipId)],
    );
    expect(audit).toEqual({
      action: 'membership.change_role',
      changes: { role: { before: 'VIEWER', after: 'RESPONDER' } },
    });
  });

  it('refuses to demote or remove the last admin with CONFLICT, writing nothing', async () => {
    const founder = await signUp('Solo Admin Ltd');
    const before = await rowCounts();

    const demoted = await founder.client.request(CHANGE_ROLE, {
      id: founder.membershipId,
      role: 'RESPONDER',
    });
    const removed = await founder.client.request(REMOVE, { id: founder.membershipId });

    expect(demoted.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(demoted.errors?.[0]?.message).toMatch(/at least one admin/);
    expect(removed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
    expect(await viewerOf(founder.client)).toMatchObject({ role: 'ADMIN' });
  });

  it('lets an admin step down while another admin remains', async () => {
    const founder = await signUp('Two Admins Ltd');
    await addMember(keel, founder.client, 'ADMIN', founder.organizationId);

    const data = await founder.client.data<{ changeMemberRole: { role: string } }>(CHANGE_ROLE, {
      id: founder.membershipId,
      role: 'VIEWER',
    });

    expect(data.changeMemberRole.role).toBe('VIEWER');
    expect(await viewerOf(founder.client)).toMatchObject({ role: 'VIEWER' });
  });

  it.each([
    ['demote', CHANGE_ROLE, { role: 'VIEWER' }],
    ['remove', REMOVE, {}],
  ])('keeps an admin when two admins %s each other at the same moment', async (_, query, args) => {
    for (let round = 0; round < 3; round++) {
      const first = await signUp('Race Ltd');
      const second = await addMember(keel, first.client, 'ADMIN', first.organizationId);

      const responses = await Promise.all([
        first.client.request(query, { ...args, id: second.membershipId }),
        second.client.request(query, { ...args, id: first.membershipId }),
      ]);

      const admins = await keel.sql<{ id: string }>(
        `select id from membership where organization_id = $1 and role = 'ADMIN'`,
        [keyOf(first.organizationId)],
      );
      expect(admins).toHaveLength(1);
      expect(responses.filter((r) => !r.errors)).toHaveLength(1);
    }
  });
});

describe('removing a member', () => {
  it('ends their sessions in the organisation, but not those in their other ones', async () => {
    const member = await addMember(keel, org.admin.client, 'RESPONDER', org.organizationId);
    const secondDevice = await signIn(member.email, org.organizationId);
    const elsewhere = await signUp('Side Project');
    await elsewhere.client.data(ADD_MEMBER, { input: { email: member.email, role: 'VIEWER' } });
    const sessionElsewhere = await signIn(member.email, elsewhere.organizationId);

    const removed = await org.admin.client.data<{ removeMember: boolean }>(REMOVE, {
      id: member.membershipId,
    });

    expect(removed.removeMember).toBe(true);
    expect(await viewerOf(member.client)).toBeNull();
    expect(await viewerOf(secondDevice)).toBeNull();
    expect(await viewerOf(sessionElsewhere)).toMatchObject({
      organization: { id: elsewhere.organizationId },
    });
    const signInAgain = await new GraphqlClient(keel.url).request(SIGN_IN, {
      input: {
        email: member.email,
        password: FIXTURE_PASSWORD,
        organizationId: org.organizationId,
      },
    });
    expect(signInAgain.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('takes them off the member list and audits it; their incidents stay', async () => {
    const member = await addMember(keel, org.admin.client, 'RESPONDER', org.organizationId);
    const incident = await declareIncident(member.client);

    await org.admin.client.data(REMOVE, { id: member.membershipId });

    const members = await org.admin.client.data<{ members: { id: string }[] }>(MEMBERS);
    expect(members.members.map((m) => m.id)).not.toContain(member.membershipId);
    const kept = await org.admin.client.data<{ incident: { declaredBy: { name: string } } }>(
      `query ($id: ID!) { incident(id: $id) { declaredBy { name } } }`,
      { id: incident.id },
    );
    expect(kept.incident.declaredBy.name).toBe('RESPONDER person');
    const [audit] = await keel.sql<{ action: string; changes: unknown }>(
      `select action, changes from audit_record where target_id = $1 order by sequence desc`,
      [keyOf(member.membershipId)],
    );
    expect(audit).toEqual({
      action: 'membership.remove',
      changes: { role: { before: 'RESPONDER', after: null } },
    });
  });
});
