import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../ids.js';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import type { GraphqlClient, GraphqlResponse } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;
let financeTeamId: string;
let opsTeamId: string;

beforeAll(async () => {
  keel = await startTestKeel();
  [org, other] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
  financeTeamId = await createTeam(org.admin.client, 'Finance');
  opsTeamId = await createTeam(org.admin.client, 'Operations');
});

afterAll(async () => {
  await keel?.close();
});

const FIELDS = `id name platform externalUrl businessProcess criticality dataKinds archivedAt
  ownerTeam { id name }`;

const CREATE = `mutation ($input: AutomationInput!) {
  createAutomation(input: $input) { ${FIELDS} }
}`;

const UPDATE = `mutation ($id: ID!, $input: AutomationInput!) {
  updateAutomation(id: $id, input: $input) { ${FIELDS} }
}`;

const ARCHIVE = `mutation ($id: ID!) { archiveAutomation(id: $id) { id archivedAt } }`;

const GET = `query ($id: ID!) {
  automation(id: $id) { ${FIELDS} incidents(first: 10) { totalCount nodes { id } } }
}`;

const LIST = `query ($first: Int, $after: String, $filter: AutomationFilter) {
  automations(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id name } }
    nodes { id name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface AutomationShape {
  id: string;
  name: string;
  platform: string;
  externalUrl: string | null;
  businessProcess: string;
  criticality: string;
  dataKinds: string[];
  archivedAt: string | null;
  ownerTeam: { id: string; name: string } | null;
}

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string } }[];
  nodes: { id: string; name: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

async function createTeam(client: GraphqlClient, name: string): Promise<string> {
  const data = await client.data<{ createTeam: { id: string } }>(
    `mutation ($name: String!) { createTeam(input: { name: $name }) { id } }`,
    { name },
  );
  return data.createTeam.id;
}

function input(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Invoice sync',
    platform: 'ZAPIER',
    businessProcess: 'Billing',
    criticality: 'HIGH',
    ...overrides,
  };
}

async function create(
  overrides: Record<string, unknown>,
  client = org.responder.client,
): Promise<AutomationShape> {
  const data = await client.data<{ createAutomation: AutomationShape }>(CREATE, {
    input: input(overrides),
  });
  return data.createAutomation;
}

async function list(variables: Record<string, unknown>, client = org.viewer.client) {
  return (await client.data<{ automations: Page }>(LIST, variables)).automations;
}

async function auditOf(id: string) {
  return keel.sql<{ action: string; changes: Record<string, unknown> }>(
    `select action, changes from audit_record where target_id = $1 order by sequence`,
    [fromGlobalId(id)!.key],
  );
}

/** The automation table and the audit count, so a refusal can show that it wrote nothing. */
async function writtenRows(): Promise<{ automations: unknown[]; audit: number }> {
  const automations = await keel.sql('select * from automation order by id');
  const [audit] = await keel.sql<{ count: string }>('select count(*) from audit_record');
  return { automations, audit: Number(audit!.count) };
}

function codeOf(response: GraphqlResponse) {
  return response.errors?.map((e) => e.extensions?.code);
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('the catalog entry', () => {
  it('is created with trimmed text, each data kind once, and an audit record', async () => {
    const automation = await create({
      name: '  Refund approvals ',
      platform: 'MAKE',
      externalUrl: ' https://eu1.make.com/scenarios/42 ',
      businessProcess: ' Refunds ',
      criticality: 'CRITICAL',
      dataKinds: ['PAYMENT', 'CUSTOMER_PII', 'PAYMENT'],
      ownerTeamId: financeTeamId,
    });

    expect(automation).toMatchObject({
      name: 'Refund approvals',
      platform: 'MAKE',
      externalUrl: 'https://eu1.make.com/scenarios/42',
      businessProcess: 'Refunds',
      criticality: 'CRITICAL',
      dataKinds: ['PAYMENT', 'CUSTOMER_PII'],
      archivedAt: null,
      ownerTeam: { id: financeTeamId, name: 'Finance' },
    });
    expect(await auditOf(automation.id)).toEqual([
      {
        action: 'automation.create',
        changes: {
          name: { before: null, after: 'Refund approvals' },
          platform: { before: null, after: 'MAKE' },
          externalUrl: { before: null, after: 'https://eu1.make.com/scenarios/42' },
          businessProcess: { before: null, after: 'Refunds' },
          criticality: { before: null, after: 'CRITICAL' },
          dataKinds: { before: null, after: ['PAYMENT', 'CUSTOMER_PII'] },
        },
      },
    ]);
  });

  it('is read by id with its owner team and the incidents naming it', async () => {
    const automation = await create({ name: 'Stock level alerts', ownerTeamId: opsTeamId });
    const incident = await declareIncident(org.responder.client, {
      automationIds: [automation.id],
    });

    const data = await org.readToken.data<{
      automation: AutomationShape & { incidents: { totalCount: number; nodes: { id: string }[] } };
    }>(GET, { id: automation.id });

    expect(data.automation).toMatchObject({
      id: automation.id,
      ownerTeam: { id: opsTeamId, name: 'Operations' },
      incidents: { totalCount: 1, nodes: [{ id: incident.id }] },
    });
  });

  it('has every field replaced on update, and only the changes audited', async () => {
    const automation = await create({
      name: 'Lead routing',
      externalUrl: 'https://zapier.com/editor/1',
      dataKinds: ['MARKETING'],
      ownerTeamId: financeTeamId,
    });

    const data = await org.writeToken.data<{ updateAutomation: AutomationShape }>(UPDATE, {
      id: automation.id,
      input: input({ name: 'Lead routing', criticality: 'LOW', ownerTeamId: opsTeamId }),
    });

    expect(data.updateAutomation).toMatchObject({
      name: 'Lead routing',
      criticality: 'LOW',
      externalUrl: null,
      dataKinds: [],
      ownerTeam: { id: opsTeamId },
    });
    expect((await auditOf(automation.id)).at(-1)).toEqual({
      action: 'automation.update',
      changes: {
        criticality: { before: 'HIGH', after: 'LOW' },
        externalUrl: { before: 'https://zapier.com/editor/1', after: null },
        dataKinds: { before: ['MARKETING'], after: [] },
        ownerTeam: {
          before: fromGlobalId(financeTeamId)!.key,
          after: fromGlobalId(opsTeamId)!.key,
        },
      },
    });
  });

  it('refuses a second entry of the same name with CONFLICT, writing nothing', async () => {
    await create({ name: 'Payroll export' });
    const before = await writtenRows();

    const response = await org.responder.client.request(CREATE, {
      input: input({ name: 'Payroll export ' }),
    });

    expect(codeOf(response)).toEqual(['CONFLICT']);
    expect(await writtenRows()).toEqual(before);
  });

  it('is invisible to another organisation: null when read, NOT_FOUND when changed', async () => {
    const automation = await create({ name: 'Supplier onboarding' });
    const before = await writtenRows();

    const read = await other.admin.client.request(GET, { id: automation.id });
    const updated = await other.admin.client.request(UPDATE, {
      id: automation.id,
      input: input({ name: 'Hijacked' }),
    });
    const archived = await other.admin.client.request(ARCHIVE, { id: automation.id });

    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ automation: null });
    expect(codeOf(updated)).toEqual(['NOT_FOUND']);
    expect(codeOf(archived)).toEqual(['NOT_FOUND']);
    expect(await writtenRows()).toEqual(before);
  });
});

describe('archiving', () => {
  it('hides the entry from the default list, yet it stays readable and listable', async () => {
    const automation = await create({ name: 'Quarterly close checklist' });
    const search = { search: 'Quarterly close' };
    expect((await list({ filter: search })).totalCount).toBe(1);

    const archived = await org.responder.client.data<{ archiveAutomation: { archivedAt: string } }>(
      ARCHIVE,
      { id: automation.id },
    );

    expect(Date.parse(archived.archiveAutomation.archivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await list({ filter: search })).totalCount).toBe(0);
    const withArchived = await list({ filter: { ...search, includeArchived: true } });
    expect(withArchived.nodes).toEqual([{ id: automation.id, name: automation.name }]);
    const read = await org.viewer.client.data<{ automation: AutomationShape }>(GET, {
      id: automation.id,
    });
    expect(read.automation.archivedAt).toBe(archived.archiveAutomation.archivedAt);
  });

  it('keeps the first archive time when archived again, with a single audit record', async () => {
    const automation = await create({ name: 'Churn survey' });

    const first = await org.responder.client.data<{ archiveAutomation: { archivedAt: string } }>(
      ARCHIVE,
      { id: automation.id },
    );
    const second = await org.admin.client.data<{ archiveAutomation: { archivedAt: string } }>(
      ARCHIVE,
      { id: automation.id },
    );

    expect(second.archiveAutomation.archivedAt).toBe(first.archiveAutomation.archivedAt);
    const archives = (await auditOf(automation.id)).filter(
      (r) => r.action === 'automation.archive',
    );
    expect(archives).toHaveLength(1);
  });

  it('leaves past incidents naming the archived entry', async () => {
    const automation = await create({ name: 'Shipping labels' });
    const incident = await declareIncident(org.responder.client, {
      automationIds: [automation.id],
    });

    await org.responder.client.data(ARCHIVE, { id: automation.id });

    const data = await org.viewer.client.data<{ incident: { automations: { id: string }[] } }>(
      `query ($id: ID!) { incident(id: $id) { automations { id } } }`,
      { id: incident.id },
    );
    expect(data.incident.automations).toEqual([{ id: automation.id }]);
  });
});

describe('filtering', () => {
  let catalog: OrganizationFixture;
  let teamId: string;

  beforeAll(async () => {
    catalog = await createOrganization(keel, 'Filter Co');
    teamId = await createTeam(catalog.admin.client, 'Growth');
    const entries = [
      { name: 'Abandoned cart emails', platform: 'ZAPIER', criticality: 'LOW', team: true },
      { name: 'Ad spend report', platform: 'MAKE', criticality: 'MEDIUM', team: true },
      { name: 'Contract renewals', platform: 'N8N', criticality: 'HIGH', team: false },
      { name: 'Discount_codes 100%', platform: 'ZAPIER', criticality: 'CRITICAL', team: false },
      { name: 'Expense approvals', platform: 'POWER_AUTOMATE', criticality: 'HIGH', team: false },
    ];
    for (const { team, ...entry } of entries) {
      await create(
        { ...entry, businessProcess: `${entry.name} process`, ownerTeamId: team ? teamId : null },
        catalog.responder.client,
      );
    }
    await create(
      { name: 'Billing reminders', businessProcess: 'Dunning for overdue invoices' },
      catalog.responder.client,
    );
  });

  async function names(filter: Record<string, unknown>): Promise<string[]> {
    const page = await list({ filter }, catalog.viewer.client);
    expect(page.totalCount).toBe(page.nodes.length);
    return page.nodes.map((n) => n.name);
  }

  it('narrows by platform', async () => {
    expect(await names({ platforms: ['ZAPIER', 'N8N'] })).toEqual([
      'Abandoned cart emails',
      'Billing reminders',
      'Contract renewals',
      'Discount_codes 100%',
    ]);
  });

  it('narrows by criticality', async () => {
    expect(await names({ criticalities: ['HIGH'] })).toEqual([
      'Billing reminders',
      'Contract renewals',
      'Expense approvals',
    ]);
  });

  it('narrows by owner team, combined with other filters', async () => {
    expect(await names({ ownerTeamId: teamId })).toEqual([
      'Abandoned cart emails',
      'Ad spend report',
    ]);
    expect(await names({ ownerTeamId: teamId, platforms: ['MAKE'] })).toEqual(['Ad spend report']);
  });

  it("matches nothing for another organisation's team or an id that is not a team", async () => {
    expect(await names({ ownerTeamId: financeTeamId })).toEqual([]);
    expect(await names({ ownerTeamId: 'not-an-id' })).toEqual([]);
    expect(await names({ ownerTeamId: toGlobalId('Incident', fromGlobalId(teamId)!.key) })).toEqual(
      [],
    );
  });

  it('searches name and business process, ignoring case', async () => {
    expect(await names({ search: 'REPORT' })).toEqual(['Ad spend report']);
    expect(await names({ search: 'overdue invoices' })).toEqual(['Billing reminders']);
  });

  it('takes % and _ in a search literally', async () => {
    expect(await names({ search: '100%' })).toEqual(['Discount_codes 100%']);
    expect(await names({ search: 't_c' })).toEqual(['Discount_codes 100%']);
    expect(await names({ search: 'd_s' })).toEqual([]);
    expect(await names({ search: '%' })).toEqual(['Discount_codes 100%']);
  });
});

describe('paging', () => {
  let paged: OrganizationFixture;
  const COUNT = 23;

  beforeAll(async () => {
    paged = await createOrganization(keel, 'Paging Co');
    for (let i = 0; i < COUNT; i++) {
      await create({ name: `Flow ${String(i).padStart(2, '0')}` }, paged.responder.client);
    }
  });

  it('walks the whole catalog by name with first and after, each entry once', async () => {
    const seen: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const page: Page = await list({ first: 10, after }, paged.viewer.client);
      pages.push(page);
      seen.push(...page.nodes.map((n) => n.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);

    expect(pages.map((p) => p.nodes.length)).toEqual([10, 10, 3]);
    expect(pages.map((p) => p.totalCount)).toEqual([COUNT, COUNT, COUNT]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.every((p) => p.pageInfo.hasPreviousPage === false)).toBe(true);
    expect(seen).toEqual(
      Array.from({ length: COUNT }, (_, i) => `Flow ${String(i).padStart(2, '0')}`),
    );
    for (const page of pages) {
      expect(page.edges.map((e) => e.node)).toEqual(page.nodes);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }
  });

  it('gives 20 entries when first is left out, and accepts up to 100', async () => {
    const byDefault = await list({}, paged.viewer.client);
    const largest = await list({ first: 100 }, paged.viewer.client);

    expect(byDefault.nodes).toHaveLength(20);
    expect(byDefault.pageInfo.hasNextPage).toBe(true);
    expect(largest.nodes).toHaveLength(COUNT);
    expect(largest.pageInfo.hasNextPage).toBe(false);
  });

  it('returns an empty last page with null cursors after the final entry', async () => {
    const all = await list({ first: 100 }, paged.viewer.client);

    const beyond = await list({ first: 5, after: all.pageInfo.endCursor }, paged.viewer.client);

    expect(beyond.nodes).toEqual([]);
    expect(beyond.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it.each([0, 101, -1])('rejects first=%i with BAD_USER_INPUT', async (first) => {
    const response = await paged.viewer.client.request(LIST, { first });

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe(`"first" must be between 1 and 100, got ${first}.`);
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a cursor of the wrong shape', cursorOf(42)],
    ['a name with an id that is not a UUID', cursorOf(['Flow 03', 'x'])],
    ['a name with an id of 36 dashes', cursorOf(['Flow 03', '-'.repeat(36)])],
  ])('rejects %s as a cursor with BAD_USER_INPUT', async (_label, after) => {
    const response = await paged.viewer.client.request(LIST, { first: 5, after });

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toBe('"after" is not a cursor from this list.');
  });
});

describe('input limits', () => {
  it.each([
    ['a 121-character name', { name: 'x'.repeat(121) }, /name must be at most 120/],
    [
      'a 10,000-character business process',
      { businessProcess: 'x'.repeat(10_000) },
      /businessProcess must be at most 120/,
    ],
    [
      'a 2,049-character URL',
      { externalUrl: `https://example.com/${'x'.repeat(2_029)}` },
      /externalUrl must be at most 2048/,
    ],
    ['51 data kinds', { dataKinds: Array(51).fill('OTHER') }, /dataKinds is too long/],
    ['10 data kinds', { dataKinds: Array(10).fill('ORDERS') }, /dataKinds may list at most 9/],
    ['a blank name', { name: '  ' }, /name is required/],
  ])('rejects %s on create and update, writing nothing', async (_label, overrides, message) => {
    const automation = await create({ name: `Limits ${_label}` });
    const before = await writtenRows();

    const created = await org.responder.client.request(CREATE, { input: input(overrides) });
    const updated = await org.responder.client.request(UPDATE, {
      id: automation.id,
      input: input(overrides),
    });

    for (const response of [created, updated]) {
      expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).toMatch(message);
    }
    expect(await writtenRows()).toEqual(before);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://files.example.com/flow.json',
    'mailto:ops@example.com',
    'zapier.com/editor/1',
    '   ',
  ])('rejects %j as an external URL, writing nothing', async (externalUrl) => {
    const before = await writtenRows();

    const response = await org.responder.client.request(CREATE, {
      input: input({ name: 'Unsafe link', externalUrl }),
    });

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/externalUrl must be an http\(s\) link/);
    expect(await writtenRows()).toEqual(before);
  });

  it('accepts http and https links', async () => {
    const plain = await create({ name: 'Intranet flow', externalUrl: 'http://intranet/flows/7' });
    const secure = await create({ name: 'Cloud flow', externalUrl: 'HTTPS://n8n.example.com/w/9' });

    expect(plain.externalUrl).toBe('http://intranet/flows/7');
    expect(secure.externalUrl).toBe('HTTPS://n8n.example.com/w/9');
  });

  it("rejects another organisation's team exactly as a missing team, writing nothing", async () => {
    const theirTeamId = await createTeam(other.admin.client, 'Their finance');
    const missingTeamId = toGlobalId('Team', '01234567-89ab-7def-8123-456789abcdef');
    const automation = await create({ name: 'Team check' });
    const before = await writtenRows();

    const responses = await Promise.all(
      [theirTeamId, missingTeamId].flatMap((ownerTeamId) => [
        org.responder.client.request(CREATE, { input: input({ name: 'Stolen', ownerTeamId }) }),
        org.responder.client.request(UPDATE, {
          id: automation.id,
          input: input({ name: 'Team check', ownerTeamId }),
        }),
      ]),
    );

    for (const response of responses) {
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: 'ownerTeamId names no team of yours.',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
    }
    expect(await writtenRows()).toEqual(before);
  });

  it('rejects an unknown platform with BAD_USER_INPUT, writing nothing', async () => {
    const before = await writtenRows();

    const response = await org.responder.client.request(CREATE, {
      input: input({ platform: 'IFTTT' }),
    });

    expect(codeOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(await writtenRows()).toEqual(before);
  });
});
