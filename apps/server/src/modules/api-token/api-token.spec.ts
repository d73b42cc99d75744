import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../ids.js';
import {
  FIXTURE_PASSWORD,
  addMember,
  createOrganization,
  createToken,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import { GraphqlClient, type GraphqlResponse } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;

beforeAll(async () => {
  keel = await startTestKeel();
  [org, other] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
});

afterAll(async () => {
  await keel?.close();
});

const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    secret
    token { id name prefix scopes createdAt expiresAt lastUsedAt revokedAt }
  }
}`;

const REVOKE = `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;

const TOKENS = `{ apiTokens { id name prefix scopes expiresAt lastUsedAt revokedAt } }`;

const VIEWER = `{
  viewer { kind name role scopes user { id } memberships { id } organization { id } }
}`;

interface TokenShape {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function create(client: GraphqlClient, input: Record<string, unknown>) {
  const data = await client.data<{ createApiToken: { secret: string; token: TokenShape } }>(
    CREATE,
    { input },
  );
  return data.createApiToken;
}

function bearer(secret: string): GraphqlClient {
  const client = new GraphqlClient(keel.url);
  client.token = secret;
  return client;
}

function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function keyOf(globalId: string): string {
  return fromGlobalId(globalId)!.key;
}

async function listed(id: string): Promise<TokenShape | undefined> {
  const data = await org.admin.client.data<{ apiTokens: TokenShape[] }>(TOKENS);
  return data.apiTokens.find((t) => t.id === id);
}

/**
 * The token table and the audit count, so a refusal can show that it wrote nothing. The time
 * of last use is left out: presenting a token records it, refused or not.
 */
async function writtenRows(): Promise<{ tokens: unknown[]; audit: number }> {
  const tokens = await keel.sql(
    `select id, organization_id, created_by_id, name, prefix, secret_hash, scopes, expires_at,
            revoked_at
       from api_token order by id`,
  );
  const [audit] = await keel.sql<{ count: string }>('select count(*) from audit_record');
  return { tokens, audit: Number(audit!.count) };
}

function codeOf(response: GraphqlResponse) {
  return response.errors?.map((e) => e.extensions?.code);
}

async function expectRefused(client: GraphqlClient): Promise<void> {
  const response = await client.request(VIEWER);
  expect(response.status).toBe(401);
  expect(response.errors).toEqual([
    {
      message: 'The API token is unknown, expired or revoked.',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ]);
}

describe('creating a token', () => {
  it('returns the secret this once and stores only its digest and a short prefix', async () => {
    const { secret, token } = await create(org.admin.client, {
      name: ' Zapier bridge ',
      scopes: ['WRITE', 'READ', 'WRITE'],
    });

    expect(secret).toMatch(/^keel_[\w-]{43}$/);
    expect(token).toMatchObject({
      name: 'Zapier bridge',
      prefix: secret.slice(0, 11),
      scopes: ['WRITE', 'READ'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });

    const rows = await keel.sql<Record<string, unknown>>('select * from api_token where id = $1', [
      keyOf(token.id),
    ]);
    expect(rows[0]!.secret_hash).toBe(digestOf(secret));
    expect(JSON.stringify(rows)).not.toContain(secret.slice(11));
    const audit = await keel.sql('select * from audit_record where target_id = $1', [
      keyOf(token.id),
    ]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(11));
    expect(JSON.stringify(await listed(token.id))).not.toContain(secret.slice(11));
  });

  it('offers no field that would show the secret again', async () => {
    const response = await org.admin.client.request(`{ apiTokens { id secret } }`);

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "secret"/);
  });

  it('sets the expiry the given number of days ahead', async () => {
    const { token } = await create(org.responder.client, {
      name: 'Short-lived',
      scopes: ['READ'],
      expiresInDays: 30,
    });

    const expected = Date.now() + 30 * 24 * 60 * 60 * 1000;
    expect(Math.abs(Date.parse(token.expiresAt!) - expected)).toBeLessThan(60_000);
  });

  it.each([
    ['a viewer', 'WRITE', () => org.viewer.client],
    ['a viewer', 'ADMIN', () => org.viewer.client],
    ['a responder', 'ADMIN', () => org.responder.client],
  ])('refuses %s granting %s with FORBIDDEN, writing nothing', async (_who, scope, client) => {
    const before = await writtenRows();

    const response = await client().request(CREATE, {
      input: { name: 'Escalation', scopes: ['READ', scope] },
    });

    expect(codeOf(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0]?.message).toBe(`Your role cannot grant ${scope}.`);
    expect(await writtenRows()).toEqual(before);
  });

  it('lets a viewer create a READ token that can read but not write', async () => {
    const { secret } = await create(org.viewer.client, { name: 'Dashboard', scopes: ['READ'] });

    const read = await bearer(secret).request(`{ incidents { totalCount } }`);
    const write = await bearer(secret).request(
      `mutation { declareIncident(input: { title: "x", severity: SEV4, detectionSource: OTHER }) {
        id } }`,
    );

    expect(read.errors).toBeUndefined();
    expect(codeOf(write)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['a blank name', { name: '  ' }, /name is required/],
    ['a 10,000-character name', { name: 'x'.repeat(10_000) }, /name must be at most 120/],
    ['no scopes', { scopes: [] }, /scopes must name at least one scope/],
    ['zero days to expiry', { expiresInDays: 0 }, /expiresInDays must be between 1 and 366/],
    ['367 days to expiry', { expiresInDays: 367 }, /expiresInDays must be between 1 and 366/],
  ])('rejects %s with BAD_USER_INPUT, writing nothing', async (_label, override, message) => {
    const before = await writtenRows();

    const response = await org.admin.client.request(CREATE, {
      input: { name: 'Integration', scopes: ['READ'], ...override },
    });

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await writtenRows()).toEqual(before);
  });

  it('cannot be done by a token, however scoped', async () => {
    const admin = await createToken(org.admin.client, ['ADMIN']);
    const before = await writtenRows();

    const response = await admin.client(keel.url).request(CREATE, {
      input: { name: 'Offspring', scopes: ['READ'] },
    });

    expect(codeOf(response)).toEqual(['FORBIDDEN']);
    expect(await writtenRows()).toEqual(before);
  });
});

describe('using a token', () => {
  it('acts as the token, within its organisation, when sent as a Bearer header', async () => {
    const { secret } = await create(org.responder.client, { name: 'CI bot', scopes: ['WRITE'] });
    const client = new GraphqlClient(keel.url);

    const response = await client.request<{ viewer: Record<string, unknown> }>(VIEWER, undefined, {
      authorization: `bearer   ${secret}`,
    });

    expect(response.data?.viewer).toEqual({
      kind: 'TOKEN',
      name: 'CI bot',
      role: null,
      scopes: ['WRITE'],
      user: null,
      memberships: [],
      organization: { id: org.organizationId },
    });
  });

  it('records when it was last used, without a write on every request', async () => {
    const { secret, token } = await create(org.admin.client, { name: 'Poller', scopes: ['READ'] });
    expect((await listed(token.id))!.lastUsedAt).toBeNull();

    await bearer(secret).data(`{ teams { id } }`);
    const firstUse = (await listed(token.id))!.lastUsedAt;
    await bearer(secret).data(`{ teams { id } }`);

    expect(Math.abs(Date.parse(firstUse!) - Date.now())).toBeLessThan(60_000);
    expect((await listed(token.id))!.lastUsedAt).toBe(firstUse);
  });

  it('refuses an unknown secret and a malformed header with UNAUTHENTICATED', async () => {
    await expectRefused(bearer('keel_not-a-real-secret'));

    const malformed = await new GraphqlClient(keel.url).request(VIEWER, undefined, {
      authorization: 'Token abc',
    });
    expect(malformed.status).toBe(401);
    expect(codeOf(malformed)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('when a token stops working', () => {
  it('is refused once revoked, and revoking again changes nothing', async () => {
    const { secret, token } = await create(org.admin.client, { name: 'Old bot', scopes: ['READ'] });
    await bearer(secret).data(`{ teams { id } }`);

    const first = await org.admin.client.data<{ revokeApiToken: { revokedAt: string } }>(REVOKE, {
      id: token.id,
    });
    const again = await org.admin.client.data<{ revokeApiToken: { revokedAt: string } }>(REVOKE, {
      id: token.id,
    });

    await expectRefused(bearer(secret));
    expect(again.revokeApiToken.revokedAt).toBe(first.revokeApiToken.revokedAt);
    const revocations = await keel.sql(
      `select 1 from audit_record where target_id = $1 and action = 'api_token.revoke'`,
      [keyOf(token.id)],
    );
    expect(revocations).toHaveLength(1);
  });

  it('is refused as soon as it expires, even right after it was used', async () => {
    const { secret, token } = await create(org.admin.client, {
      name: 'Temporary',
      scopes: ['READ'],
      expiresInDays: 1,
    });
    // Bring the expiry close, then use the token so the server remembers it.
    await keel.sql(`update api_token set expires_at = now() + interval '1 second' where id = $1`, [
      keyOf(token.id),
    ]);
    await bearer(secret).data(`{ teams { id } }`);

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expectRefused(bearer(secret));
  });

  it('cannot be revoked by a responder who did not create it; its creator can', async () => {
    const admins = await create(org.admin.client, { name: 'Admin bot', scopes: ['READ'] });
    const responders = await create(org.responder.client, { name: 'Own bot', scopes: ['READ'] });
    const before = await writtenRows();

    const refused = await org.responder.client.request(REVOKE, { id: admins.token.id });
    const viewerRefused = await org.viewer.client.request(REVOKE, { id: responders.token.id });

    expect(codeOf(refused)).toEqual(['FORBIDDEN']);
    expect(codeOf(viewerRefused)).toEqual(['FORBIDDEN']);
    expect(await writtenRows()).toEqual(before);
    await bearer(admins.secret).data(`{ teams { id } }`);

    await org.responder.client.data(REVOKE, { id: responders.token.id });
    await expectRefused(bearer(responders.secret));
  });

  it("answers another organisation's token with NOT_FOUND, writing nothing", async () => {
    const theirs = await create(other.admin.client, { name: 'Their bot', scopes: ['READ'] });
    const before = await writtenRows();

    const response = await org.admin.client.request(REVOKE, { id: theirs.token.id });

    expect(codeOf(response)).toEqual(['NOT_FOUND']);
    expect(await writtenRows()).toEqual(before);
    await bearer(theirs.secret).data(`{ teams { id } }`);
  });

  it('is refused once its creator is removed from the organisation', async () => {
    const creator = await addMember(keel, org.admin.client, 'RESPONDER', org.organizationId);
    const { secret } = await create(creator.client, { name: 'Leaver bot', scopes: ['WRITE'] });
    await bearer(secret).data(`{ teams { id } }`);

    await org.admin.client.data(`mutation ($id: ID!) { removeMember(membershipId: $id) }`, {
      id: creator.membershipId,
    });

    await expectRefused(bearer(secret));
  });

  it('is revoked when its creator is demoted to a role that could not grant it', async () => {
    const creator = await addMember(keel, org.admin.client, 'ADMIN', org.organizationId);
    const admin = await create(creator.client, { name: 'Admin bot', scopes: ['ADMIN'] });
    const writer = await create(creator.client, { name: 'Write bot', scopes: ['READ', 'WRITE'] });
    const reader = await create(creator.client, { name: 'Read bot', scopes: ['READ'] });

    await org.admin.client.data(
      `mutation ($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { id } }`,
      { id: creator.membershipId },
    );

    await expectRefused(bearer(admin.secret));
    await expectRefused(bearer(writer.secret));
    await bearer(reader.secret).data(`{ teams { id } }`);
    const [change] = await keel.sql<{ changes: Record<string, unknown> }>(
      `select changes from audit_record
        where target_id = $1 and action = 'membership.change_role'`,
      [keyOf(creator.membershipId)],
    );
    expect(change!.changes.role).toEqual({ before: 'ADMIN', after: 'VIEWER' });
    const revoked = (change!.changes.revokedApiTokens as { after: string[] }).after;
    expect([...revoked].sort()).toEqual([keyOf(admin.token.id), keyOf(writer.token.id)].sort());
  });

  it('stays refused when its removed creator is later added back', async () => {
    const creator = await addMember(keel, org.admin.client, 'RESPONDER', org.organizationId);
    const { secret, token } = await create(creator.client, {
      name: 'Returner bot',
      scopes: ['WRITE'],
    });

    await org.admin.client.data(`mutation ($id: ID!) { removeMember(membershipId: $id) }`, {
      id: creator.membershipId,
    });
    await org.admin.client.data(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`,
      { input: { email: creator.email, role: 'VIEWER', initialPassword: FIXTURE_PASSWORD } },
    );

    await expectRefused(bearer(secret));
    expect((await listed(token.id))!.revokedAt).not.toBeNull();
    const [removal] = await keel.sql<{ changes: Record<string, unknown> }>(
      `select changes from audit_record where target_id = $1 and action = 'membership.remove'`,
      [keyOf(creator.membershipId)],
    );
    expect(removal!.changes.revokedApiTokens).toEqual({ before: null, after: [keyOf(token.id)] });
  });
});
