import type { ApprovalPolicyDocument, PlaybookDocument } from '@keel/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../ids.js';
import {
  addMember,
  createOrganization,
  type Member,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import {
  CHANGE_REQUEST_FIELDS,
  MERGE_CHANGE_REQUEST,
  OPEN_CHANGE_REQUEST,
  REVIEW_CHANGE_REQUEST,
  createTeamWith,
  paymentPlaybook,
  publishPlaybook,
  type ChangeRequestView,
} from '../../test-support/governance.js';
import type { GraphqlResponse } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;
/** A second responder, outside every team. */
let outsider: Member;
let opsTeamId: string;

beforeAll(async () => {
  keel = await startTestKeel();
  [org, other] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
  outsider = await addMember(keel, org.admin.client, 'RESPONDER', org.organizationId);
  opsTeamId = await createTeamWith(org, 'Revenue operations', [org.admin]);
});

afterAll(async () => {
  await keel?.close();
});

const REVISE = `mutation Revise($input: ReviseChangeRequestInput!) {
  reviseChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} }
}`;

const UPDATE_BASE = `mutation UpdateBase($id: ID!) {
  updateChangeRequestBase(id: $id) {
    ${CHANGE_REQUEST_FIELDS}
    document
    conflicts { path ours theirs }
  }
}`;

const GET = `query Get($id: ID!) {
  changeRequest(id: $id) {
    ${CHANGE_REQUEST_FIELDS}
    diff { operation path before after }
    reviews { verdict revision reviewerId reviewer { name } }
    revisions { number baseVersionNumber author { kind name } }
    threads { path comments { body author { name } } }
  }
}`;

const PLAYBOOK = `query Playbook($id: ID!) {
  playbook(id: $id) {
    id title status currentVersionNumber
    replacedBy { id }
    currentVersion { number document }
    versions { number }
    review { state }
  }
}`;

type Response = GraphqlResponse<Record<string, ChangeRequestView>>;

async function open(author: Member, input: Record<string, unknown>): Promise<ChangeRequestView> {
  const data = await author.client.data<{ openChangeRequest: ChangeRequestView }>(
    OPEN_CHANGE_REQUEST,
    { input: { title: 'A change', ...input } },
  );
  return data.openChangeRequest;
}

async function review(
  reviewer: Member,
  changeRequest: Pick<ChangeRequestView, 'id' | 'currentRevision'>,
  verdict: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT',
  body = '',
): Promise<Response> {
  return reviewer.client.request(REVIEW_CHANGE_REQUEST, {
    input: { id: changeRequest.id, verdict, body, revision: changeRequest.currentRevision },
  });
}

async function merge(
  member: Member,
  changeRequest: Pick<ChangeRequestView, 'id' | 'currentRevision'>,
): Promise<Response> {
  return member.client.request(MERGE_CHANGE_REQUEST, {
    input: { id: changeRequest.id, expectedRevision: changeRequest.currentRevision },
  });
}

async function currentDocument(playbookId: string): Promise<PlaybookDocument> {
  const data = await org.admin.client.data<{
    playbook: { currentVersion: { document: PlaybookDocument } };
  }>(PLAYBOOK, { id: playbookId });
  return data.playbook.currentVersion.document;
}

async function countChangeRequests(): Promise<number> {
  const [row] = await keel.sql<{ count: string }>('select count(*) from change_request');
  return Number(row!.count);
}

describe('publishing a new playbook', () => {
  it('needs an approval from the owner team, then merges as version 1', async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Checkout stopped'),
    });
    expect(opened.state).toBe('OPEN');
    expect(opened.risk.level).toBe('STANDARD');
    expect(opened.approval.satisfied).toBe(false);
    expect(opened.approval.mergeable).toBe(false);
    expect(opened.approval.missing.join(' ')).toMatch(/owner team/i);

    const early = await merge(org.responder, opened);
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toMatch(/owner team/i);

    const approved = await review(org.admin, opened, 'APPROVE');
    expect(approved.data?.reviewChangeRequest?.state).toBe('APPROVED');

    const merged = await merge(org.responder, opened);
    expect(merged.errors).toBeUndefined();
    const result = merged.data!.mergeChangeRequest!;
    expect(result.state).toBe('MERGED');
    expect(result.playbook?.currentVersionNumber).toBe(1);

    const playbook = await org.admin.client.data<{
      playbook: { title: string; status: string; versions: { number: number }[] };
    }>(PLAYBOOK, { id: result.playbook!.id });
    expect(playbook.playbook).toMatchObject({ title: 'Checkout stopped', status: 'ACTIVE' });
    expect(playbook.playbook.versions).toEqual([{ number: 1 }]);

    const audit = await keel.sql<{ action: string }>(
      `select action from audit_record where target_id = $1 order by sequence`,
      [fromGlobalId(result.id)!.key],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'change_request.open',
      'change_request.review',
      'change_request.merge',
    ]);
  });

  it('ignores reviewers who are not in the required team', async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Invoices not sent'),
    });
    const reviewed = await review(outsider, opened, 'APPROVE');
    expect(reviewed.errors).toBeUndefined();
    const detail = await org.admin.client.data<{
      changeRequest: { author: { name: string }; reviews: { reviewer: { name: string } }[] };
    }>(GET, { id: opened.id });
    expect(detail.changeRequest.author.name).toBe('RESPONDER person');
    expect(detail.changeRequest.reviews.map((r) => r.reviewer.name)).toEqual(['RESPONDER person']);
    expect(reviewed.data!.reviewChangeRequest!.state).toBe('OPEN');
    expect(reviewed.data!.reviewChangeRequest!.approval.satisfied).toBe(false);

    const refused = await merge(org.responder, opened);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an author approving their own change', async () => {
    const opened = await open(org.admin, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Refunds stuck'),
    });
    const refused = await review(org.admin, opened, 'APPROVE');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reread = await org.admin.client.data<{ changeRequest: { reviews: unknown[] } }>(GET, {
      id: opened.id,
    });
    expect(reread.changeRequest.reviews).toEqual([]);
  });

  it('keeps threads at document paths, with replies, resolution and who wrote what', async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Coupons applied twice'),
    });
    const COMMENT = `mutation Comment($input: CommentOnChangeRequestInput!) {
      commentOnChangeRequest(input: $input) { id path resolvedAt comments { body } }
    }`;
    const RESOLVE = `mutation Resolve($id: ID!, $resolved: Boolean!) {
      resolveReviewThread(id: $id, resolved: $resolved) { id resolvedAt resolvedBy { name } }
    }`;

    const started = await org.admin.client.data<{
      commentOnChangeRequest: { id: string; path: string };
    }>(COMMENT, {
      input: { id: opened.id, path: '/modules/triage/steps/export-records', body: 'Which export?' },
    });
    const threadId = started.commentOnChangeRequest.id;
    await org.responder.client.data(COMMENT, {
      input: { id: opened.id, threadId, body: 'The platform run history.' },
    });
    const resolved = await org.admin.client.data<{
      resolveReviewThread: { resolvedAt: string | null; resolvedBy: { name: string } | null };
    }>(RESOLVE, { id: threadId, resolved: true });
    expect(resolved.resolveReviewThread.resolvedBy?.name).toBe('Alex Admin');

    const detail = await org.admin.client.data<{
      changeRequest: {
        threads: { path: string; comments: { body: string; author: { name: string } }[] }[];
        revisions: { author: { kind: string; name: string } }[];
      };
    }>(GET, { id: opened.id });
    expect(detail.changeRequest.threads).toEqual([
      {
        path: '/modules/triage/steps/export-records',
        comments: [
          { body: 'Which export?', author: { name: 'Alex Admin' } },
          { body: 'The platform run history.', author: { name: 'RESPONDER person' } },
        ],
      },
    ]);
    expect(detail.changeRequest.revisions).toEqual([
      { number: 1, baseVersionNumber: null, author: { kind: 'USER', name: 'RESPONDER person' } },
    ]);

    const reopened = await org.admin.client.data<{
      resolveReviewThread: { resolvedAt: string | null };
    }>(RESOLVE, { id: threadId, resolved: false });
    expect(reopened.resolveReviewThread.resolvedAt).toBeNull();

    const withoutPath = await org.admin.client.request(COMMENT, {
      input: { id: opened.id, body: 'Somewhere?' },
    });
    expect(withoutPath.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await other.admin.client.request(RESOLVE, { id: threadId, resolved: true });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an invalid document with its problems and writes nothing', async () => {
    const before = await countChangeRequests();
    const broken = { ...paymentPlaybook(opsTeamId), entryModuleId: 'nowhere' };
    const response = await org.responder.client.request(OPEN_CHANGE_REQUEST, {
      input: { kind: 'NEW_PLAYBOOK', title: 'Broken', document: broken },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = response.errors?.[0]?.extensions?.problems as { path: string }[];
    expect(problems.map((problem) => problem.path)).toContain('/entryModuleId');
    expect(await countChangeRequests()).toBe(before);
  });

  it("refuses a document naming another organisation's team", async () => {
    const before = await countChangeRequests();
    const foreignTeam = await createTeamWith(other, 'Their team', []);
    const response = await org.responder.client.request(OPEN_CHANGE_REQUEST, {
      input: {
        kind: 'NEW_PLAYBOOK',
        title: 'Foreign owner',
        document: paymentPlaybook(foreignTeam),
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countChangeRequests()).toBe(before);
  });

  it('refuses viewers and API tokens as authors', async () => {
    const input = { kind: 'NEW_PLAYBOOK', title: 'x', document: paymentPlaybook(opsTeamId) };
    const [viewer, token] = await Promise.all([
      org.viewer.client.request(OPEN_CHANGE_REQUEST, { input }),
      org.writeToken.request(OPEN_CHANGE_REQUEST, { input }),
    ]);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(token.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('changing a published playbook', () => {
  let playbookId: string;

  beforeAll(async () => {
    ({ playbookId } = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(opsTeamId, 'Subscription renewals failing'),
    ));
  });

  it('classifies a rewording as TEXT_ONLY and a new step as STANDARD', async () => {
    const base = await currentDocument(playbookId);
    const reworded = structuredClone(base);
    reworded.modules[0]!.title = 'Triage the renewals';
    const text = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: reworded,
      draft: true,
    });
    expect(text.risk.level).toBe('TEXT_ONLY');
    expect(text.state).toBe('DRAFT');

    const extended = structuredClone(base);
    extended.modules[0]!.steps.push({
      id: 'pause-retries',
      title: 'Pause payment retries',
      detail: '',
      role: 'TECHNICAL_RESOLVER',
      requiredArtifacts: [],
      expectedMinutes: 5,
    });
    const structural = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: extended,
      draft: true,
    });
    expect(structural.risk.level).toBe('STANDARD');

    const detail = await org.admin.client.data<{
      changeRequest: { diff: { operation: string; path: string }[] };
    }>(GET, { id: structural.id });
    expect(detail.changeRequest.diff).toEqual([
      expect.objectContaining({ operation: 'ADDED', path: '/modules/triage/steps/pause-retries' }),
    ]);
  });

  it('dismisses approvals when the author pushes a new revision', async () => {
    const base = await currentDocument(playbookId);
    const changed = structuredClone(base);
    changed.summary = 'Renewals of subscriptions stopped charging.';
    const opened = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: changed,
    });

    const approved = await review(org.admin, opened, 'APPROVE');
    expect(approved.data!.reviewChangeRequest!.state).toBe('APPROVED');

    changed.summary = 'Renewals of subscriptions stopped charging cards.';
    const revised = await org.responder.client.data<{ reviseChangeRequest: ChangeRequestView }>(
      REVISE,
      { input: { id: opened.id, document: changed, expectedRevision: 1 } },
    );
    expect(revised.reviseChangeRequest.currentRevision).toBe(2);
    expect(revised.reviseChangeRequest.state).toBe('OPEN');
    expect(revised.reviseChangeRequest.approval.dismissedIds).toEqual([org.admin.userId]);

    const stale = await review(org.admin, opened, 'APPROVE');
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('blocks merging while changes are requested', async () => {
    const base = await currentDocument(playbookId);
    const changed = structuredClone(base);
    changed.reviewIntervalDays = 30;
    const opened = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: changed,
    });

    const requested = await review(org.admin, opened, 'REQUEST_CHANGES', 'Keep 90 days.');
    expect(requested.data!.reviewChangeRequest!.state).toBe('CHANGES_REQUESTED');
    const refused = await merge(org.responder, opened);
    expect(refused.errors?.[0]?.message).toMatch(/requested changes|more approval/i);

    const withoutReason = await review(org.admin, opened, 'REQUEST_CHANGES');
    expect(withoutReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('two change requests on the same base', () => {
  it('lets exactly one merge; the other is stale until updated onto the new version', async () => {
    const { playbookId } = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(opsTeamId, 'Payouts delayed'),
    );
    const base = await currentDocument(playbookId);

    const first = structuredClone(base);
    first.modules[0]!.steps[0]!.expectedMinutes = 25;
    const second = structuredClone(base);
    second.summary = 'Marketplace payouts to sellers are late.';

    const [a, b] = await Promise.all([
      open(org.responder, { kind: 'NEW_VERSION', playbookId, document: first }),
      open(org.responder, { kind: 'NEW_VERSION', playbookId, document: second }),
    ]);
    await review(org.admin, a, 'APPROVE');
    await review(org.admin, b, 'APPROVE');

    const results = await Promise.all([merge(org.responder, a), merge(org.responder, b)]);
    const merged = results.filter((result) => !result.errors);
    const refused = results.filter((result) => result.errors);
    expect(merged).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(refused[0]!.errors![0]!.message).toMatch(/version 2 was published/i);

    const loser = merged[0] === results[0] ? b : a;
    const updated = await org.responder.client.data<{
      updateChangeRequestBase: ChangeRequestView & {
        document: PlaybookDocument;
        conflicts: unknown[];
      };
    }>(UPDATE_BASE, { id: loser.id });
    const moved = updated.updateChangeRequestBase;
    expect(moved.baseVersionNumber).toBe(2);
    expect(moved.stale).toBe(false);
    expect(moved.conflicts).toEqual([]);
    // Both edits survive the three-way merge.
    expect(moved.document.summary).toBe('Marketplace payouts to sellers are late.');
    expect(moved.document.modules[0]!.steps[0]!.expectedMinutes).toBe(25);
    expect(moved.state).toBe('OPEN');

    await review(org.admin, moved, 'APPROVE');
    const final = await merge(org.responder, moved);
    expect(final.errors).toBeUndefined();
    expect(final.data!.mergeChangeRequest!.playbook!.currentVersionNumber).toBe(3);
  });

  it('reports conflicts per path; merging waits for a revision that settles them', async () => {
    const { playbookId } = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(opsTeamId, 'Tax calculation wrong'),
    );
    const base = await currentDocument(playbookId);

    const winner = structuredClone(base);
    winner.summary = 'Tax amounts on invoices are wrong.';
    const loserDocument = structuredClone(base);
    loserDocument.summary = 'Sales tax is miscalculated at checkout.';

    const a = await open(org.responder, { kind: 'NEW_VERSION', playbookId, document: winner });
    const b = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: loserDocument,
    });
    await review(org.admin, a, 'APPROVE');
    expect((await merge(org.responder, a)).errors).toBeUndefined();

    const updated = await org.responder.client.data<{
      updateChangeRequestBase: ChangeRequestView & {
        conflicts: { path: string; ours: unknown; theirs: unknown }[];
      };
    }>(UPDATE_BASE, { id: b.id });
    expect(updated.updateChangeRequestBase.conflicts).toEqual([
      {
        path: '/summary',
        ours: 'Sales tax is miscalculated at checkout.',
        theirs: 'Tax amounts on invoices are wrong.',
      },
    ]);

    await review(org.admin, updated.updateChangeRequestBase, 'APPROVE');
    const blocked = await merge(org.responder, updated.updateChangeRequestBase);
    expect(blocked.errors?.[0]?.message).toMatch(/conflicts/);

    const settled = structuredClone(await currentDocument(playbookId));
    settled.summary = 'Sales tax is miscalculated at checkout and on invoices.';
    const revised = await org.responder.client.data<{ reviseChangeRequest: ChangeRequestView }>(
      REVISE,
      { input: { id: b.id, document: settled, expectedRevision: 2 } },
    );
    await review(org.admin, revised.reviseChangeRequest, 'APPROVE');
    const merged = await merge(org.responder, revised.reviseChangeRequest);
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeChangeRequest!.playbook!.currentVersionNumber).toBe(3);
  });
  it('refuses an update whose clean merge would break a rule, and writes nothing', async () => {
    const { playbookId } = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(opsTeamId, 'Shipping labels not printed'),
    );
    const base = await currentDocument(playbookId);

    const withoutRewire = structuredClone(base);
    withoutRewire.modules = withoutRewire.modules.filter((module) => module.id !== 'rewire');
    withoutRewire.modules[0]!.gates[0]!.options =
      withoutRewire.modules[0]!.gates[0]!.options.filter((option) => option.id !== 'rewire');
    const pointingAtRewire = structuredClone(base);
    pointingAtRewire.modules[1]!.gates.push({
      id: 'still-failing',
      question: 'Did the fix hold?',
      options: [
        { id: 'rewire-after-all', label: 'Rewire after all', nextModuleId: 'rewire' },
        { id: 'give-up', label: 'Disable', nextModuleId: 'disable' },
      ],
    });

    const removal = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: withoutRewire,
    });
    const addition = await open(org.responder, {
      kind: 'NEW_VERSION',
      playbookId,
      document: pointingAtRewire,
    });
    await review(org.admin, removal, 'APPROVE');
    expect((await merge(org.responder, removal)).errors).toBeUndefined();

    const refused = await org.responder.client.request(UPDATE_BASE, { id: addition.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/version 2/);
    const [row] = await keel.sql<{ current_revision: number }>(
      'select current_revision from change_request where id = $1',
      [fromGlobalId(addition.id)!.key],
    );
    expect(row!.current_revision).toBe(1);
  });
});

describe('emergency changes', () => {
  it('merge without approvals and owe a review until someone approves', async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Card processor outage'),
      emergency: true,
    });
    const merged = await merge(org.responder, opened);
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeChangeRequest!.emergencyReviewState).toBe('AWAITING');

    const queue = await org.admin.client.data<{
      governanceReview: { emergencyChangesAwaitingReview: { id: string }[] };
    }>(`{ governanceReview { emergencyChangesAwaitingReview { id } } }`);
    expect(queue.governanceReview.emergencyChangesAwaitingReview).toEqual([{ id: opened.id }]);

    const reviewed = await review(org.admin, opened, 'APPROVE');
    expect(reviewed.data!.reviewChangeRequest!.emergencyReviewState).toBe('REVIEWED');

    const after = await org.admin.client.data<{
      governanceReview: { emergencyChangesAwaitingReview: { id: string }[] };
    }>(`{ governanceReview { emergencyChangesAwaitingReview { id } } }`);
    expect(after.governanceReview.emergencyChangesAwaitingReview).toEqual([]);
  });

  it('shows as overdue once its review window has passed', async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Gift cards rejected'),
      emergency: true,
    });
    await merge(org.responder, opened);
    await keel.sql(
      `update change_request set emergency_review_due_at = now() - interval '1 hour'
        where number = $1`,
      [opened.number],
    );
    const reread = await org.admin.client.data<{ changeRequest: ChangeRequestView }>(GET, {
      id: opened.id,
    });
    expect(reread.changeRequest.emergencyReviewState).toBe('OVERDUE');
  });
});

describe('approval policy changes', () => {
  it('are themselves change requests, and a stricter policy then applies', async () => {
    const securityTeamId = await createTeamWith(org, 'Platform security', [outsider]);
    const current = await org.admin.client.data<{
      approvalPolicy: { number: number; document: ApprovalPolicyDocument };
    }>(`{ approvalPolicy { number document } }`);
    expect(current.approvalPolicy.number).toBe(1);

    const stricter = structuredClone(current.approvalPolicy.document);
    stricter.rules = stricter.rules.map((rule) =>
      rule.riskLevel === 'HIGH'
        ? {
            ...rule,
            requirements: [
              ...rule.requirements,
              {
                id: 'security',
                label: 'Risk validator from security',
                count: 1,
                from: { kind: 'TEAM', teamId: securityTeamId },
              },
            ],
          }
        : rule,
    );
    const opened = await open(org.responder, { kind: 'POLICY_CHANGE', document: stricter });
    expect(opened.risk.level).toBe('HIGH');
    await review(org.admin, opened, 'APPROVE');
    expect((await merge(org.responder, opened)).errors).toBeUndefined();

    const { playbookId } = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(opsTeamId, 'Customer data exported'),
    );
    const base = await currentDocument(playbookId);
    const notes = structuredClone(base);
    notes.modules[1]!.complianceNotes = 'Exports are deleted after 7 days.';
    const change = await open(org.responder, { kind: 'NEW_VERSION', playbookId, document: notes });
    expect(change.risk.level).toBe('HIGH');
    expect(change.approval.policyVersion).toBe(2);

    const ownerOnly = await review(org.admin, change, 'APPROVE');
    expect(ownerOnly.data!.reviewChangeRequest!.approval.missing.join(' ')).toMatch(/security/);
    expect(ownerOnly.data!.reviewChangeRequest!.state).toBe('OPEN');

    const withSecurity = await review(outsider, change, 'APPROVE');
    expect(withSecurity.data!.reviewChangeRequest!.state).toBe('APPROVED');
    const merged = await merge(org.responder, change);
    expect(merged.errors).toBeUndefined();
  });
});

describe('deprecation', () => {
  it('retires a playbook in favour of its replacement', async () => {
    const [{ playbookId: old }, { playbookId: replacement }] = [
      await publishPlaybook(org.responder, org.admin, paymentPlaybook(opsTeamId, 'Old flow')),
      await publishPlaybook(org.responder, org.admin, paymentPlaybook(opsTeamId, 'New flow')),
    ];
    const opened = await open(org.responder, {
      kind: 'DEPRECATION',
      playbookId: old,
      replacementPlaybookId: replacement,
    });
    await review(org.admin, opened, 'APPROVE');
    expect((await merge(org.responder, opened)).errors).toBeUndefined();

    const playbook = await org.admin.client.data<{
      playbook: { status: string; replacedBy: { id: string } };
    }>(PLAYBOOK, { id: old });
    expect(playbook.playbook).toMatchObject({
      status: 'DEPRECATED',
      replacedBy: { id: replacement },
    });
  });
});

describe('tenancy', () => {
  it("treats another organisation's change requests as missing", async () => {
    const opened = await open(org.responder, {
      kind: 'NEW_PLAYBOOK',
      document: paymentPlaybook(opsTeamId, 'Private playbook'),
      draft: true,
    });
    const read = await other.admin.client.data<{ changeRequest: unknown }>(GET, { id: opened.id });
    expect(read.changeRequest).toBeNull();

    const reviewed = await review(other.admin, opened, 'APPROVE');
    expect(reviewed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
