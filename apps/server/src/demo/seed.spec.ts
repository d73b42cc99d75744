import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { GraphqlClient } from '../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import { DEMO_PASSWORD, seedDemoData } from './seed.js';

let keel: TestKeel;
let ada: GraphqlClient;

beforeAll(async () => {
  keel = await startTestKeel();
  await seedDemoData(keel.orm, createLogger('silent'));
  ada = new GraphqlClient(keel.url);
  await ada.data(`mutation S($input: SignInInput!) { signIn(input: $input) { user { id } } }`, {
    input: { email: 'ada@northwind.example', password: DEMO_PASSWORD },
  });
});

afterAll(async () => {
  await keel?.close();
});

describe('the demo organisation', () => {
  it('has a member in every role, teams and a dozen automations across platforms', async () => {
    const data = await ada.data<{
      members: { role: string }[];
      teams: { name: string }[];
      automations: { totalCount: number; nodes: { platform: string }[] };
    }>(`{ members { role } teams { name }
          automations(first: 100) { totalCount nodes { platform } } }`);

    expect(new Set(data.members.map((m) => m.role))).toEqual(
      new Set(['ADMIN', 'RESPONDER', 'VIEWER']),
    );
    expect(data.teams.length).toBeGreaterThanOrEqual(5);
    expect(data.automations.totalCount).toBe(12);
    expect(new Set(data.automations.nodes.map((a) => a.platform)).size).toBeGreaterThanOrEqual(7);
  });

  it('has incidents at several points of the lifecycle, with an intact audit trail', async () => {
    const data = await ada.data<{
      incidents: { nodes: { status: string }[] };
      verifyAuditChain: { valid: boolean; recordsChecked: number };
    }>(`{ incidents(first: 50) { nodes { status } } verifyAuditChain { valid recordsChecked } }`);

    expect(data.incidents.nodes.map((n) => n.status).sort()).toEqual([
      'CANCELLED',
      'CLOSED',
      'CONTAINED',
      'DETECTED',
      'RESOLVED',
    ]);
    expect(data.verifyAuditChain.valid).toBe(true);
    expect(data.verifyAuditChain.recordsChecked).toBeGreaterThan(30);
  });

  it('has playbooks published by change request, one change merged and one open', async () => {
    const data = await ada.data<{
      playbooks: { title: string; currentVersionNumber: number; review: { state: string } }[];
      changeRequests: { state: string; kind: string; threads: { path: string }[] }[];
    }>(`{ playbooks { title currentVersionNumber review { state } }
          changeRequests { state kind threads { path } } }`);

    const versions = data.playbooks.map((p) => [p.title, p.currentVersionNumber]);
    expect(new Map(versions as [string, number][])).toEqual(
      new Map([
        ['Connector exposing data', 1],
        ['CRM sync writing bad data', 1],
        ['Payment flow halted', 2],
      ]),
    );
    expect(data.playbooks.every((p) => p.review.state === 'CURRENT')).toBe(true);

    const open = data.changeRequests.filter((request) => request.state === 'OPEN');
    expect(open).toEqual([
      {
        state: 'OPEN',
        kind: 'NEW_VERSION',
        threads: [{ path: '/modules/sync-fix/integrityChecks/no-orphans' }],
      },
    ]);
    expect(data.changeRequests.filter((request) => request.state === 'MERGED')).toHaveLength(4);
  });

  it('is not created a second time', async () => {
    expect(await seedDemoData(keel.orm, createLogger('silent'))).toBeNull();
  });
});
