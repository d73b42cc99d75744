import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;

beforeAll(async () => {
  keel = await startTestKeel();
  org = await createOrganization(keel);
});

afterAll(async () => {
  await keel?.close();
});

const TRANSITION = `mutation T($input: TransitionIncidentInput!) {
  transitionIncident(input: $input) {
    status version acknowledgedAt containedAt resolvedAt
    transitions { fromStatus toStatus note actor { kind name } }
  }
}`;

const UPDATE = `mutation U($input: UpdateIncidentInput!) {
  updateIncident(input: $input) { version title priority severity }
}`;

async function countRows(table: string): Promise<number> {
  const [row] = await keel.sql<{ count: string }>(`select count(*) from ${table}`);
  return Number(row!.count);
}

describe('declaring an incident', () => {
  it('stores it in DETECTED with a human reference and the declaring actor', async () => {
    const data = await org.responder.client.data<{
      declareIncident: { reference: string; status: string; declaredBy: { name: string } };
    }>(
      `mutation { declareIncident(input: {
         title: "Invoices not created", severity: SEV1, detectionSource: AUTOMATION_DASHBOARD
       }) { reference status declaredBy { name kind } } }`,
    );

    expect(data.declareIncident.status).toBe('DETECTED');
    expect(data.declareIncident.reference).toMatch(/^INC-\d+$/);
    expect(data.declareIncident.declaredBy).toEqual({ name: 'RESPONDER person', kind: 'USER' });
  });

  it('rejects a blank title and an oversized summary and writes nothing', async () => {
    const before = await countRows('incident');
    const auditBefore = await countRows('audit_record');

    const response = await org.responder.client.request(
      `mutation D($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }`,
      {
        input: {
          title: '   ',
          summary: 'x'.repeat(10_001),
          severity: 'SEV2',
          detectionSource: 'OTHER',
        },
      },
    );

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/title is required/);
    expect(response.errors?.[0]?.message).toMatch(/summary must be at most 10000/);
    expect(await countRows('incident')).toBe(before);
    expect(await countRows('audit_record')).toBe(auditBefore);
  });

  it('rejects an unknown enum value with BAD_USER_INPUT and writes nothing', async () => {
    const before = await countRows('incident');
    const response = await org.responder.client.request(
      `mutation D($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }`,
      { input: { title: 'x', severity: 'SEV9', detectionSource: 'OTHER' } },
    );

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows('incident')).toBe(before);
  });
});

describe('the lifecycle over the API', () => {
  it('refuses triage without priority, then without a validated scope', async () => {
    const incident = await declareIncident(org.responder.client);
    const client = org.responder.client;

    const noPriority = await client.request(TRANSITION, {
      input: { incidentId: incident.id, expectedVersion: incident.version, to: 'TRIAGED' },
    });
    expect(noPriority.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      guard: 'PRIORITY_REQUIRED',
    });

    const updated = await client.data<{ updateIncident: { version: number } }>(UPDATE, {
      input: { incidentId: incident.id, expectedVersion: incident.version, priority: 'P1' },
    });
    const noScope = await client.request(TRANSITION, {
      input: {
        incidentId: incident.id,
        expectedVersion: updated.updateIncident.version,
        to: 'TRIAGED',
      },
    });
    expect(noScope.errors?.[0]?.extensions?.guard).toBe('IMPACT_SCOPE_UNVALIDATED');
    expect(noScope.errors?.[0]?.message).toMatch(/impact scope/i);
  });

  it('runs triage to closure, stamping each transition and the response milestones', async () => {
    const incident = await declareIncident(org.responder.client);
    const client = org.responder.client;

    let version = (
      await client.data<{ updateIncident: { version: number } }>(UPDATE, {
        input: { incidentId: incident.id, expectedVersion: incident.version, priority: 'P2' },
      })
    ).updateIncident.version;
    version = (
      await client.data<{ setImpactScope: { version: number } }>(
        `mutation S($input: SetImpactScopeInput!) { setImpactScope(input: $input) { version } }`,
        { input: { incidentId: incident.id, expectedVersion: version, description: '40 orders' } },
      )
    ).setImpactScope.version;
    version = (
      await org.admin.client.data<{ validateImpactScope: { version: number } }>(
        `mutation V($input: ValidateImpactScopeInput!) {
           validateImpactScope(input: $input) { version impactScope { validatedBy { id } } }
         }`,
        { input: { incidentId: incident.id, expectedVersion: version } },
      )
    ).validateImpactScope.version;

    for (const [to, note] of [
      ['TRIAGED', null],
      ['CONTAINED', 'Zap paused'],
      ['RESOLVED', 'Token renewed'],
    ] as const) {
      const result = await client.data<{ transitionIncident: { version: number } }>(TRANSITION, {
        input: { incidentId: incident.id, expectedVersion: version, to, note },
      });
      version = result.transitionIncident.version;
    }

    const closed = await org.admin.client.data<{
      transitionIncident: {
        status: string;
        acknowledgedAt: string;
        containedAt: string;
        resolvedAt: string;
        transitions: { fromStatus: string | null; toStatus: string; note: string | null }[];
      };
    }>(TRANSITION, {
      input: { incidentId: incident.id, expectedVersion: version, to: 'CLOSED', note: 'Done' },
    });

    const result = closed.transitionIncident;
    expect(result.status).toBe('CLOSED');
    expect(result.acknowledgedAt).not.toBeNull();
    expect(result.containedAt).not.toBeNull();
    expect(result.resolvedAt).not.toBeNull();
    expect(result.transitions.map((t) => [t.fromStatus, t.toStatus, t.note])).toEqual([
      [null, 'DETECTED', null],
      ['DETECTED', 'TRIAGED', null],
      ['TRIAGED', 'CONTAINED', 'Zap paused'],
      ['CONTAINED', 'RESOLVED', 'Token renewed'],
      ['RESOLVED', 'CLOSED', 'Done'],
    ]);
  });

  it('cancels only with a reason', async () => {
    const incident = await declareIncident(org.responder.client);
    const input = { incidentId: incident.id, expectedVersion: incident.version, to: 'CANCELLED' };

    const refused = await org.responder.client.request(TRANSITION, { input });
    expect(refused.errors?.[0]?.extensions?.guard).toBe('REASON_REQUIRED');

    const cancelled = await org.responder.client.data<{ transitionIncident: { status: string } }>(
      TRANSITION,
      { input: { ...input, note: 'Duplicate of INC-1' } },
    );
    expect(cancelled.transitionIncident.status).toBe('CANCELLED');
  });
});

describe('concurrent writes', () => {
  it('lets one of two writes on the same version win; the other gets CONFLICT', async () => {
    const incident = await declareIncident(org.responder.client);

    const writes = await Promise.all(
      ['First title', 'Second title'].map((title, i) =>
        (i === 0 ? org.responder.client : org.admin.client).request(UPDATE, {
          input: { incidentId: incident.id, expectedVersion: incident.version, title },
        }),
      ),
    );

    const codes = writes.map((w) => w.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);

    const [row] = await keel.sql<{ title: string; version: number }>(
      'select title, version from incident where id = $1',
      [Buffer.from(incident.id, 'base64url').toString().split(':')[1]],
    );
    const winner = writes.find((w) => !w.errors)!.data as { updateIncident: { title: string } };
    expect(row!.title).toBe(winner.updateIncident.title);
    expect(row!.version).toBe(incident.version + 1);
  });

  it('refuses a write based on an old version with CONFLICT and the current version', async () => {
    const incident = await declareIncident(org.responder.client);
    await org.responder.client.data(UPDATE, {
      input: { incidentId: incident.id, expectedVersion: incident.version, title: 'Renamed' },
    });

    const stale = await org.admin.client.request(UPDATE, {
      input: { incidentId: incident.id, expectedVersion: incident.version, title: 'Overwrite' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: incident.version + 1,
    });
  });
});

describe('incident roles', () => {
  const ASSIGN = `mutation A($input: AssignIncidentRoleInput!) {
    assignIncidentRole(input: $input) {
      roles { role holder { id } }
      roleHistory { role holder { id } handoffNote endedAt }
    }
  }`;

  it('assigns a lead, then needs a handoff note to hand over, keeping history', async () => {
    const incident = await declareIncident(org.responder.client);
    const client = org.responder.client;
    const base = { incidentId: incident.id, role: 'INCIDENT_LEAD' };

    await client.data(ASSIGN, { input: { ...base, userId: org.responder.userId } });
    const noNote = await client.request(ASSIGN, { input: { ...base, userId: org.admin.userId } });
    expect(noNote.errors?.[0]?.extensions?.guard).toBe('HANDOFF_NOTE_REQUIRED');

    const handed = await client.data<{
      assignIncidentRole: {
        roles: { role: string; holder: { id: string } }[];
        roleHistory: {
          holder: { id: string };
          handoffNote: string | null;
          endedAt: string | null;
        }[];
      };
    }>(ASSIGN, {
      input: { ...base, userId: org.admin.userId, handoffNote: 'Zap paused, waiting on vendor' },
    });

    expect(handed.assignIncidentRole.roles).toEqual([
      { role: 'INCIDENT_LEAD', holder: { id: org.admin.userId } },
    ]);
    const history = handed.assignIncidentRole.roleHistory;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ holder: { id: org.responder.userId } });
    expect(history[0]!.endedAt).not.toBeNull();
    expect(history[1]).toMatchObject({
      holder: { id: org.admin.userId },
      handoffNote: 'Zap paused, waiting on vendor',
      endedAt: null,
    });
  });

  it('refuses a viewer as role holder', async () => {
    const incident = await declareIncident(org.responder.client);
    const refused = await org.responder.client.request(ASSIGN, {
      input: { incidentId: incident.id, role: 'TECHNICAL_RESOLVER', userId: org.viewer.userId },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/Viewers cannot hold/);
  });
});

describe('listing incidents', () => {
  const LIST = `query L($first: Int, $after: String, $filter: IncidentFilter) {
    incidents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id reference title status severity declaredBy { kind name }
        automations { id name ownerTeam { name } }
        roles { role holder { id name } }
      }
    }
  }`;

  interface ListData {
    incidents: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        reference: string;
        title: string;
        status: string;
        severity: string;
        declaredBy: { kind: string; name: string };
        automations: { id: string; name: string; ownerTeam: { name: string } | null }[];
        roles: { role: string; holder: { id: string; name: string } }[];
      }[];
    };
  }

  let listed: OrganizationFixture;
  let payments: string;
  let crm: string;
  let financeTeam: string;

  beforeAll(async () => {
    listed = await createOrganization(keel, 'Listing Retail');
    const admin = listed.admin.client;
    financeTeam = (
      await admin.data<{ createTeam: { id: string } }>(
        `mutation { createTeam(input: { name: "Finance", riskAppetite: AVERSE }) { id } }`,
      )
    ).createTeam.id;

    const create = async (name: string, ownerTeamId: string | null) =>
      (
        await admin.data<{ createAutomation: { id: string } }>(
          `mutation C($input: AutomationInput!) { createAutomation(input: $input) { id } }`,
          {
            input: {
              name,
              platform: 'ZAPIER',
              businessProcess: 'Order to cash',
              criticality: 'HIGH',
              ownerTeamId,
            },
          },
        )
      ).createAutomation.id;
    payments = await create('Stripe payouts', financeTeam);
    crm = await create('CRM sync', null);

    for (let i = 1; i <= 5; i += 1) {
      const incident = await declareIncident(listed.responder.client, {
        title: `Payout batch ${i} failed`,
        severity: i <= 2 ? 'SEV1' : 'SEV3',
        automationIds: i % 2 === 0 ? [payments, crm] : [crm],
      });
      if (i === 1) {
        await listed.responder.client.data(
          `mutation A($input: AssignIncidentRoleInput!) {
             assignIncidentRole(input: $input) { id } }`,
          {
            input: {
              incidentId: incident.id,
              role: 'INCIDENT_LEAD',
              userId: listed.responder.userId,
            },
          },
        );
      }
    }
    await declareIncident(listed.writeToken, { title: 'Refund emails duplicated' });
  });

  it('pages newest first with cursors, and counts every match', async () => {
    const first = await listed.viewer.client.data<ListData>(LIST, { first: 4 });
    const second = await listed.viewer.client.data<ListData>(LIST, {
      first: 4,
      after: first.incidents.pageInfo.endCursor,
    });

    expect(first.incidents.totalCount).toBe(6);
    expect(first.incidents.pageInfo.hasNextPage).toBe(true);
    expect(second.incidents.pageInfo.hasNextPage).toBe(false);
    const titles = [...first.incidents.nodes, ...second.incidents.nodes].map((n) => n.title);
    expect(titles).toEqual([
      'Refund emails duplicated',
      'Payout batch 5 failed',
      'Payout batch 4 failed',
      'Payout batch 3 failed',
      'Payout batch 2 failed',
      'Payout batch 1 failed',
    ]);
  });

  it('serves rows with automations, owner teams, role holders and declarer', async () => {
    const data = await listed.viewer.client.data<ListData>(LIST, { first: 10 });
    const byTitle = new Map(data.incidents.nodes.map((n) => [n.title, n]));

    expect(byTitle.get('Payout batch 2 failed')!.automations).toEqual([
      { id: crm, name: 'CRM sync', ownerTeam: null },
      { id: payments, name: 'Stripe payouts', ownerTeam: { name: 'Finance' } },
    ]);
    expect(byTitle.get('Payout batch 1 failed')!.roles).toEqual([
      { role: 'INCIDENT_LEAD', holder: { id: listed.responder.userId, name: 'RESPONDER person' } },
    ]);
    expect(byTitle.get('Refund emails duplicated')!.declaredBy).toEqual({
      kind: 'TOKEN',
      name: 'token WRITE',
    });
    expect(byTitle.get('Payout batch 3 failed')!.reference).toMatch(/^INC-\d+$/);
  });

  it('filters by status, severity, automation, owner team, declared time and text', async () => {
    const count = async (filter: Record<string, unknown>) =>
      (await listed.viewer.client.data<ListData>(LIST, { filter })).incidents.totalCount;

    expect(await count({ severities: ['SEV1'] })).toBe(2);
    expect(await count({ statuses: ['DETECTED'] })).toBe(6);
    expect(await count({ statuses: ['RESOLVED'] })).toBe(0);
    expect(await count({ automationId: payments })).toBe(2);
    expect(await count({ automationId: crm })).toBe(5);
    expect(await count({ ownerTeamId: financeTeam })).toBe(2);
    expect(await count({ ownerTeamId: financeTeam, severities: ['SEV3'] })).toBe(1);
    expect(await count({ search: 'refund' })).toBe(1);
    expect(await count({ search: '100%_' })).toBe(0);
    expect(await count({ declaredAfter: new Date(Date.now() + 60_000).toISOString() })).toBe(0);
    expect(await count({ declaredBefore: new Date(Date.now() + 60_000).toISOString() })).toBe(6);
  });

  it('never lists another organisation’s incidents, even by its automation', async () => {
    const data = await org.admin.client.data<ListData>(LIST, {
      first: 100,
      filter: { automationId: payments },
    });
    expect(data.incidents.totalCount).toBe(0);

    const all = await org.admin.client.data<ListData>(LIST, { first: 100 });
    expect(all.incidents.nodes.some((n) => n.title.startsWith('Payout batch'))).toBe(false);
  });

  it('rejects page sizes outside 1 to 100 and foreign cursors', async () => {
    for (const first of [0, 101]) {
      const response = await listed.viewer.client.request(LIST, { first });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const dashes = Buffer.from(JSON.stringify([new Date().toISOString(), '-'.repeat(36)]));
    for (const after of ['bm90IGEgY3Vyc29y', dashes.toString('base64url')]) {
      const response = await listed.viewer.client.request(LIST, { after });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
