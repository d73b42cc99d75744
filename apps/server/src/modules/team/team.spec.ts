import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../ids.js';
import {
  createOrganization,
  createToken,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import type { GraphqlClient } from '../../test-support/graphql-client.js';
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

const CREATE = `mutation ($input: TeamInput!) {
  createTeam(input: $input) { id name riskAppetite createdAt }
}`;

const UPDATE = `mutation ($id: ID!, $input: TeamInput!) {
  updateTeam(id: $id, input: $input) { id name riskAppetite }
}`;

interface TeamShape {
  id: string;
  name: string;
  riskAppetite: string;
}

async function createTeam(input: Record<string, unknown>, client = org.admin.client) {
  const data = await client.data<{ createTeam: TeamShape }>(CREATE, { input });
  return data.createTeam;
}

/** Rows of the team table and audit records, so a refusal can show that it wrote nothing. */
async function writtenRows(): Promise<{ teams: unknown[]; audit: number }> {
  const teams = await keel.sql('select * from team order by id');
  const [audit] = await keel.sql<{ count: string }>('select count(*) from audit_record');
  return { teams, audit: Number(audit!.count) };
}

async function auditOf(teamId: string) {
  return keel.sql<{ action: string; changes: unknown; actor_name: string }>(
    `select action, changes, actor_name from audit_record where target_id = $1 order by sequence`,
    [fromGlobalId(teamId)!.key],
  );
}

function codeOf(response: { errors?: { extensions?: { code?: string } }[] }) {
  return response.errors?.[0]?.extensions?.code;
}

describe('creating a team', () => {
  it('stores the trimmed name, BALANCED risk appetite by default, and audits it', async () => {
    const team = await createTeam({ name: '  Customer Care ' });

    expect(team).toMatchObject({ name: 'Customer Care', riskAppetite: 'BALANCED' });
    expect(await auditOf(team.id)).toEqual([
      {
        action: 'team.create',
        actor_name: 'Alex Admin',
        changes: {
          name: { before: null, after: 'Customer Care' },
          riskAppetite: { before: null, after: 'BALANCED' },
        },
      },
    ]);
  });

  it('lists teams by name for every member, tokens included', async () => {
    await createTeam({ name: 'Accounts Payable', riskAppetite: 'AVERSE' });

    for (const client of [org.viewer.client, org.readToken]) {
      const data = await client.data<{ teams: TeamShape[] }>(`{ teams { id name riskAppetite } }`);
      const names = data.teams.map((t) => t.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      expect(data.teams).toContainEqual(
        expect.objectContaining({ name: 'Accounts Payable', riskAppetite: 'AVERSE' }),
      );
    }
  });

  it('refuses a name the organisation already uses, even padded, with CONFLICT', async () => {
    await createTeam({ name: 'Warehouse' });
    const before = await writtenRows();

    const response = await org.admin.client.request(CREATE, { input: { name: ' Warehouse  ' } });

    expect(codeOf(response)).toBe('CONFLICT');
    expect(await writtenRows()).toEqual(before);
  });

  it('lets two organisations use the same name', async () => {
    await createTeam({ name: 'Logistics' });

    const theirs = await createTeam({ name: 'Logistics' }, other.admin.client);

    expect(theirs.name).toBe('Logistics');
  });

  it.each([
    ['a blank name', '   ', /name is required/],
    ['a 121-character name', 'x'.repeat(121), /name must be at most 120 characters/],
    ['a 10,000-character name', 'x'.repeat(10_000), /name must be at most 120 characters/],
  ])('rejects %s with BAD_USER_INPUT, writing nothing', async (_label, name, message) => {
    const before = await writtenRows();

    const response = await org.admin.client.request(CREATE, { input: { name } });

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await writtenRows()).toEqual(before);
  });

  it('rejects an unknown risk appetite with BAD_USER_INPUT, writing nothing', async () => {
    const before = await writtenRows();

    const response = await org.admin.client.request(CREATE, {
      input: { name: 'Risky', riskAppetite: 'RECKLESS' },
    });

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(await writtenRows()).toEqual(before);
  });
});

describe('updating a team', () => {
  it('renames it and changes its risk appetite, auditing before and after', async () => {
    const team = await createTeam({ name: 'Sales Ops' });

    const data = await org.admin.client.data<{ updateTeam: TeamShape }>(UPDATE, {
      id: team.id,
      input: { name: 'Revenue Ops', riskAppetite: 'TOLERANT' },
    });

    expect(data.updateTeam).toEqual({ id: team.id, name: 'Revenue Ops', riskAppetite: 'TOLERANT' });
    expect((await auditOf(team.id)).at(-1)).toMatchObject({
      action: 'team.update',
      changes: {
        name: { before: 'Sales Ops', after: 'Revenue Ops' },
        riskAppetite: { before: 'BALANCED', after: 'TOLERANT' },
      },
    });
  });

  it('keeps the risk appetite when the update leaves it out', async () => {
    const team = await createTeam({ name: 'Treasury', riskAppetite: 'CAUTIOUS' });

    const data = await org.admin.client.data<{ updateTeam: TeamShape }>(UPDATE, {
      id: team.id,
      input: { name: 'Group Treasury' },
    });

    expect(data.updateTeam.riskAppetite).toBe('CAUTIOUS');
  });

  it("refuses renaming onto another team's name with CONFLICT, writing nothing", async () => {
    await createTeam({ name: 'Payroll' });
    const team = await createTeam({ name: 'Payroll Tax' });
    const before = await writtenRows();

    const response = await org.admin.client.request(UPDATE, {
      id: team.id,
      input: { name: 'Payroll' },
    });

    expect(codeOf(response)).toBe('CONFLICT');
    expect(await writtenRows()).toEqual(before);
  });

  it("answers another organisation's team with NOT_FOUND, as for a missing one", async () => {
    const theirs = await createTeam({ name: 'Their Team' }, other.admin.client);
    const before = await writtenRows();

    const response = await org.admin.client.request(UPDATE, {
      id: theirs.id,
      input: { name: 'Taken over' },
    });

    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('No such team.');
    expect(await writtenRows()).toEqual(before);
  });
});

describe('who may manage teams', () => {
  it.each<[string, () => GraphqlClient]>([
    ['a viewer', () => org.viewer.client],
    ['a responder', () => org.responder.client],
    ['a WRITE token', () => org.writeToken],
  ])('refuses %s with FORBIDDEN, writing nothing', async (_who, client) => {
    const team = await createTeam({ name: `Kept ${randomUUID().slice(0, 8)}` });
    const before = await writtenRows();

    const created = await client().request(CREATE, { input: { name: 'Shadow IT' } });
    const updated = await client().request(UPDATE, { id: team.id, input: { name: 'Renamed' } });

    expect(codeOf(created)).toBe('FORBIDDEN');
    expect(codeOf(updated)).toBe('FORBIDDEN');
    expect(await writtenRows()).toEqual(before);
  });

  it('lets an ADMIN token manage teams, recording the token as the actor', async () => {
    const token = await createToken(org.admin.client, ['ADMIN']);

    const team = await createTeam({ name: 'Bot-made team' }, token.client(keel.url));

    expect((await auditOf(team.id))[0]).toMatchObject({
      action: 'team.create',
      actor_name: 'token ADMIN',
    });
  });
});

describe('team members', () => {
  const ADD = `mutation ($teamId: ID!, $userId: ID!) {
    addTeamMember(teamId: $teamId, userId: $userId) { id members { id } }
  }`;
  const REMOVE = `mutation ($teamId: ID!, $userId: ID!) {
    removeTeamMember(teamId: $teamId, userId: $userId) { id members { id } }
  }`;

  async function newTeam(name: string): Promise<string> {
    const data = await org.admin.client.data<{ createTeam: TeamShape }>(CREATE, {
      input: { name },
    });
    return data.createTeam.id;
  }

  it('lets admins add and remove members, once each', async () => {
    const teamId = await newTeam('Security reviewers');
    const variables = { teamId, userId: org.responder.userId };

    const added = await org.admin.client.data<{ addTeamMember: { members: { id: string }[] } }>(
      ADD,
      variables,
    );
    expect(added.addTeamMember.members).toEqual([{ id: org.responder.userId }]);
    await org.admin.client.data(ADD, variables);
    const [row] = await keel.sql<{ count: string }>(
      'select count(*) from team_member where team_id = $1',
      [fromGlobalId(teamId)!.key],
    );
    expect(row!.count).toBe('1');

    const removed = await org.admin.client.data<{
      removeTeamMember: { members: { id: string }[] };
    }>(REMOVE, variables);
    expect(removed.removeTeamMember.members).toEqual([]);
  });

  it('is for admins, and only for members of the organisation', async () => {
    const teamId = await newTeam('Data reviewers');
    const byResponder = await org.responder.client.request(ADD, {
      teamId,
      userId: org.viewer.userId,
    });
    expect(byResponder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const stranger = await org.admin.client.request(ADD, { teamId, userId: other.admin.userId });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const foreignTeam = await other.admin.client.request(ADD, {
      teamId,
      userId: other.admin.userId,
    });
    expect(foreignTeam.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
