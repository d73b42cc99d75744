import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;

const VERIFY = `{ verifyAuditChain { valid recordsChecked firstBrokenSequence reason } }`;

interface Verification {
  verifyAuditChain: {
    valid: boolean;
    recordsChecked: number;
    firstBrokenSequence: string | null;
    reason: string | null;
  };
}

function keyOf(id: string): string {
  return Buffer.from(id, 'base64url').toString().split(':')[1]!;
}

beforeAll(async () => {
  keel = await startTestKeel();
  org = await createOrganization(keel, 'Audited Retail');
  other = await createOrganization(keel, 'Other Retail');
});

afterAll(async () => {
  await keel?.close();
});

describe('the audit trail', () => {
  it('records each mutation with actor, action, changed fields and request id', async () => {
    const incident = await declareIncident(org.responder.client, { title: 'Refunds stuck' });

    const data = await org.responder.client.data<{
      incident: {
        activity: {
          totalCount: number;
          nodes: {
            action: string;
            actor: { kind: string; name: string };
            changes: Record<string, { before: unknown; after: unknown }>;
            requestId: string;
          }[];
        };
      };
    }>(
      `query A($id: ID!) { incident(id: $id) { activity(first: 5) {
          totalCount nodes { action actor { kind name } changes requestId } } } }`,
      {
        id: incident.id,
      },
    );

    const [declared] = data.incident.activity.nodes;
    expect(data.incident.activity.totalCount).toBe(1);
    expect(declared).toMatchObject({
      action: 'incident.declare',
      actor: { kind: 'USER', name: 'RESPONDER person' },
    });
    expect(declared!.changes.title).toEqual({ before: null, after: 'Refunds stuck' });
    expect(declared!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('numbers records per organisation without gaps, each linked to the one before', async () => {
    const rows = await keel.sql<{ sequence: string; previous_hash: string; hash: string }>(
      `select a.sequence, a.previous_hash, a.hash from audit_record a
         join organization o on o.id = a.organization_id
        where o.name = 'Audited Retail' order by a.sequence`,
    );

    expect(rows.map((r) => Number(r.sequence))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.previous_hash).toBe('0'.repeat(64));
    rows.slice(1).forEach((row, i) => expect(row.previous_hash).toBe(rows[i]!.hash));
  });

  it('verifies as intact while nobody has touched it', async () => {
    const { verifyAuditChain } = await org.admin.client.data<Verification>(VERIFY);

    expect(verifyAuditChain.valid).toBe(true);
    expect(verifyAuditChain.recordsChecked).toBeGreaterThan(3);
    expect(verifyAuditChain.firstBrokenSequence).toBeNull();
  });

  it('names the first record edited directly in the database', async () => {
    const incident = await declareIncident(org.responder.client, { title: 'Original title' });
    const [record] = await keel.sql<{ id: string; sequence: string }>(
      `select id, sequence from audit_record where target_id = $1`,
      [keyOf(incident.id)],
    );
    await keel.sql(
      `update audit_record set changes = jsonb_set(changes, '{title,after}', '"Forged"')
        where id = $1`,
      [record!.id],
    );

    const { verifyAuditChain } = await org.admin.client.data<Verification>(VERIFY);
    expect(verifyAuditChain).toMatchObject({
      valid: false,
      firstBrokenSequence: record!.sequence,
      reason: 'the record was changed after it was written',
    });

    const { verifyAuditChain: untouched } = await other.admin.client.data<Verification>(VERIFY);
    expect(untouched.valid).toBe(true);
  });

  it('notices a record deleted from the middle of another organisation’s chain', async () => {
    await declareIncident(other.responder.client);
    await declareIncident(other.responder.client);
    const [middle] = await keel.sql<{ sequence: string }>(
      `delete from audit_record where id = (
         select a.id from audit_record a join organization o on o.id = a.organization_id
          where o.name = 'Other Retail' order by a.sequence limit 1 offset 2)
       returning sequence`,
    );

    const { verifyAuditChain } = await other.admin.client.data<Verification>(VERIFY);
    expect(verifyAuditChain).toMatchObject({
      valid: false,
      firstBrokenSequence: String(Number(middle!.sequence) + 1),
      reason: `record ${middle!.sequence} is missing`,
    });
  });

  it('rejects a cursor beyond the range of sequence numbers as bad input', async () => {
    const after = Buffer.from(JSON.stringify('9999999999999999999')).toString('base64url');
    const response = await org.admin.client.request(
      `query L($after: String) { auditLog(first: 5, after: $after) { totalCount } }`,
      { after },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for admins only', async () => {
    const response = await org.responder.client.request(VERIFY);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const log = await org.viewer.client.request(`{ auditLog(first: 5) { totalCount } }`);
    expect(log.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
