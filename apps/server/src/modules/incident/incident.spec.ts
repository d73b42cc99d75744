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
  it('refuses triage without priority, then without a validated scope, naming each guard', async () => {
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
  it('lets exactly one of two writes based on the same version win; the other gets CONFLICT', async () => {
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

  it('assigns a lead, then requires a handoff note to hand the role over, keeping history', async () => {
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
