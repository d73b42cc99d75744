import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type OrganizationFixture } from '../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;

beforeAll(async () => {
  keel = await startTestKeel();
  org = await createOrganization(keel);
});

afterAll(async () => {
  await keel?.close();
});

const NODE = `query N($id: ID!) {
  node(id: $id) { __typename id ... on ApprovalPolicy { number } }
}`;

describe('node(id:)', () => {
  it('resolves an object whose class is named unlike its GraphQL type', async () => {
    const { approvalPolicy } = await org.admin.client.data<{
      approvalPolicy: { id: string; number: number };
    }>('{ approvalPolicy { id number } }');

    const { node } = await org.admin.client.data<{ node: unknown }>(NODE, {
      id: approvalPolicy.id,
    });

    expect(node).toEqual({ __typename: 'ApprovalPolicy', id: approvalPolicy.id, number: 1 });
  });

  it('names the concrete type of an entity', async () => {
    const { node } = await org.viewer.client.data<{ node: unknown }>(NODE, {
      id: org.organizationId,
    });

    expect(node).toEqual({ __typename: 'Organization', id: org.organizationId });
  });
});
