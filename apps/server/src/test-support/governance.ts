import type { PlaybookDocument } from '@keel/domain';
import type { Member, OrganizationFixture } from './fixtures.js';

/**
 * Governance fixtures: an owner team and playbooks published the only way Keel allows, through
 * a change request that is reviewed, approved and merged.
 */

const CREATE_TEAM = `mutation CreateTeam($input: TeamInput!) { createTeam(input: $input) { id } }`;

const ADD_TEAM_MEMBER = `mutation AddTeamMember($teamId: ID!, $userId: ID!) {
  addTeamMember(teamId: $teamId, userId: $userId) { id }
}`;

/** Fields most governance tests read back from a change request. */
export const CHANGE_REQUEST_FIELDS = `id number kind state title currentRevision emergency
  author { kind name } authorId
  baseVersionNumber stale emergencyReviewState
  playbook { id currentVersionNumber status }
  risk { level reasons }
  approval { satisfied missing mergeable mergeBlockers blockedByIds dismissedIds
    requirements { id needed approverIds met } policyVersion headVersionNumber }`;

export const OPEN_CHANGE_REQUEST = `mutation Open($input: OpenChangeRequestInput!) {
  openChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} }
}`;

export const REVIEW_CHANGE_REQUEST = `mutation Review($input: ReviewChangeRequestInput!) {
  reviewChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} }
}`;

export const MERGE_CHANGE_REQUEST = `mutation Merge($input: MergeChangeRequestInput!) {
  mergeChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} }
}`;

/** The subset of a change request the fixtures return. */
export interface ChangeRequestView {
  id: string;
  number: number;
  kind: string;
  state: string;
  currentRevision: number;
  emergency: boolean;
  baseVersionNumber: number | null;
  stale: boolean;
  emergencyReviewState: string | null;
  playbook: { id: string; currentVersionNumber: number; status: string } | null;
  risk: { level: string; reasons: string[] };
  approval: {
    satisfied: boolean;
    missing: string[];
    mergeable: boolean;
    mergeBlockers: string[];
    blockedByIds: string[];
    dismissedIds: string[];
    requirements: Array<{ id: string; needed: number; approverIds: string[]; met: boolean }>;
    policyVersion: number;
    headVersionNumber: number | null;
  };
}

/** Creates a team and puts the given members in it; returns its id. */
export async function createTeamWith(
  organization: OrganizationFixture,
  name: string,
  members: Member[],
): Promise<string> {
  const admin = organization.admin.client;
  const created = await admin.data<{ createTeam: { id: string } }>(CREATE_TEAM, {
    input: { name },
  });
  const teamId = created.createTeam.id;
  for (const member of members) {
    await admin.data(ADD_TEAM_MEMBER, { teamId, userId: member.userId });
  }
  return teamId;
}

/**
 * A realistic playbook: triage, then the standard gate between fixing in place, rewiring the
 * workflow and disabling the automation, each path carrying compliance notes.
 */
export function paymentPlaybook(
  ownerTeamId: string,
  title = 'Payment flow halted',
): PlaybookDocument {
  const recovery = (id: string, moduleTitle: string, instruction: string) => ({
    id,
    title: moduleTitle,
    purpose: '',
    steps: [
      {
        id: `${id}-apply`,
        title: instruction,
        detail: '',
        role: 'TECHNICAL_RESOLVER' as const,
        requiredArtifacts: [],
        expectedMinutes: 30,
      },
      {
        id: `${id}-tell-finance`,
        title: 'Tell finance which payments were delayed',
        detail: '',
        role: 'BUSINESS_LIAISON' as const,
        requiredArtifacts: [],
        expectedMinutes: 15,
      },
    ],
    gates: [],
    rollback: [{ id: `${id}-undo`, instruction: 'Re-enable the previous version of the flow.' }],
    integrityChecks: [
      { id: `${id}-totals`, description: 'Payment totals match the processor for the window.' },
    ],
    verificationTests: [
      { id: `${id}-test-payment`, description: 'A test payment reaches the ledger.' },
    ],
    escalations: [],
    complianceNotes: 'Card data never leaves the processor; exports hold order ids only.',
  });

  return {
    title,
    summary: 'A checkout or invoicing automation stopped taking payments.',
    ownerTeamId,
    triggers: { platforms: ['ZAPIER', 'MAKE'], failureKinds: ['PAYMENT_FLOW_HALTED'] },
    reviewIntervalDays: 90,
    entryModuleId: 'triage',
    modules: [
      {
        id: 'triage',
        title: 'Triage',
        purpose: 'Find out which payments stopped and since when.',
        steps: [
          {
            id: 'export-records',
            title: 'Export the affected orders',
            detail: 'From the platform run history.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['Export of affected records'],
            expectedMinutes: 20,
          },
          {
            id: 'notify-support',
            title: 'Warn customer support',
            detail: '',
            role: 'COMMUNICATIONS_MANAGER',
            requiredArtifacts: [],
            expectedMinutes: 10,
          },
        ],
        gates: [
          {
            id: 'standard-gate',
            question: 'How do we stop the damage?',
            options: [
              { id: 'fix', label: 'Fix in place', nextModuleId: 'fix-in-place' },
              { id: 'rewire', label: 'Rewire the workflow', nextModuleId: 'rewire' },
              { id: 'disable', label: 'Disable until review', nextModuleId: 'disable' },
            ],
          },
        ],
        rollback: [],
        integrityChecks: [],
        verificationTests: [],
        escalations: [],
        complianceNotes: '',
      },
      recovery('fix-in-place', 'Fix in place', 'Correct the failing step'),
      recovery('rewire', 'Rewire the workflow', 'Route payments through the backup flow'),
      recovery('disable', 'Disable until review', 'Turn the automation off'),
    ],
  };
}

/**
 * Publishes a playbook through a reviewed change request: `author` opens it, `approver` (who
 * must be in the owner team) approves it, `author` merges it.
 */
export async function publishPlaybook(
  author: Member,
  approver: Member,
  document: PlaybookDocument,
): Promise<{ playbookId: string; changeRequestId: string }> {
  const opened = await author.client.data<{ openChangeRequest: ChangeRequestView }>(
    OPEN_CHANGE_REQUEST,
    { input: { kind: 'NEW_PLAYBOOK', title: `Add ${document.title}`, document } },
  );
  const { id, currentRevision } = opened.openChangeRequest;

  await approver.client.data(REVIEW_CHANGE_REQUEST, {
    input: { id, verdict: 'APPROVE', revision: currentRevision },
  });
  const merged = await author.client.data<{ mergeChangeRequest: ChangeRequestView }>(
    MERGE_CHANGE_REQUEST,
    { input: { id, expectedRevision: currentRevision } },
  );
  return { playbookId: merged.mergeChangeRequest.playbook!.id, changeRequestId: id };
}
