import { describe, expect, it } from 'vitest';

import type {
  ApprovalPolicyDocument,
  ChangeRiskLevel,
  DocumentChange,
  FailureKind,
  PlaybookDocument,
  PlaybookModule,
} from './document.js';
import {
  CHANGE_REQUEST_KINDS,
  classifyChangeRisk,
  DEFAULT_APPROVAL_POLICY,
  emergencyReviewState,
  evaluateApprovals,
  type ApprovalEvaluation,
  type ChangeRiskInput,
  type ReviewerFacts,
  type ReviewInput,
} from './policy.js';

function module(id: string, complianceNotes: string): PlaybookModule {
  return {
    id,
    title: `Module ${id}`,
    purpose: '',
    steps: [],
    gates: [],
    rollback: [],
    integrityChecks: [],
    verificationTests: [],
    escalations: [],
    complianceNotes,
  };
}

function playbook(
  failureKinds: FailureKind[] = ['BROKEN_DATA_PIPELINE'],
  modules: PlaybookModule[] = [module('contain', 'Keep exports inside the EU.'), module('fix', '')],
): PlaybookDocument {
  return {
    title: 'Broken sync',
    summary: 'When the nightly sync stops.',
    ownerTeamId: 'ops',
    triggers: { platforms: [], failureKinds },
    reviewIntervalDays: 90,
    entryModuleId: 'contain',
    modules,
  };
}

const titleChange: DocumentChange = {
  operation: 'CHANGED',
  path: '/title',
  before: 'Broken sync',
  after: 'Broken nightly sync',
};

const notesChange: DocumentChange = {
  operation: 'CHANGED',
  path: '/modules/contain/complianceNotes',
  before: 'Keep exports inside the EU.',
  after: 'Keep exports inside the EU; delete them after use.',
};

const stepAdded: DocumentChange = {
  operation: 'ADDED',
  path: '/modules/fix/steps/rerun',
  after: { id: 'rerun' },
};

describe('CHANGE_REQUEST_KINDS', () => {
  it('lists the four kinds of change request', () => {
    expect(CHANGE_REQUEST_KINDS).toEqual([
      'NEW_PLAYBOOK',
      'NEW_VERSION',
      'DEPRECATION',
      'POLICY_CHANGE',
    ]);
  });
});

describe('classifyChangeRisk', () => {
  const base = playbook();
  const withNewNotes = playbook(undefined, [
    module('contain', 'Keep exports inside the EU; delete them after use.'),
    module('fix', ''),
  ]);
  const withoutContain = playbook(undefined, [module('fix', '')]);
  const accessControl = playbook(['ACCESS_CONTROL_VIOLATION']);

  const cases: Array<[string, ChangeRiskInput, ChangeRiskLevel, string[]]> = [
    [
      'a policy change, whatever it changes',
      {
        kind: 'POLICY_CHANGE',
        changes: [],
        textOnly: true,
        baseDocument: null,
        proposedDocument: null,
      },
      'HIGH',
      ['Changes the approval policy, which governs every other change.'],
    ],
    [
      'a new playbook, although it brings compliance notes',
      {
        kind: 'NEW_PLAYBOOK',
        changes: [{ operation: 'ADDED', path: '/modules/contain/complianceNotes', after: 'x' }],
        textOnly: false,
        baseDocument: null,
        proposedDocument: base,
      },
      'STANDARD',
      ['Creates a new playbook.'],
    ],
    [
      'a new playbook for access-control violations',
      {
        kind: 'NEW_PLAYBOOK',
        changes: [],
        textOnly: false,
        baseDocument: null,
        proposedDocument: accessControl,
      },
      'HIGH',
      ['Makes the playbook cover access-control violations.'],
    ],
    [
      'a new version that only rewords the title',
      {
        kind: 'NEW_VERSION',
        changes: [titleChange],
        textOnly: true,
        baseDocument: base,
        proposedDocument: base,
      },
      'TEXT_ONLY',
      ['Changes wording only.'],
    ],
    [
      'a new version that rewords compliance notes',
      {
        kind: 'NEW_VERSION',
        changes: [notesChange],
        textOnly: true,
        baseDocument: base,
        proposedDocument: withNewNotes,
      },
      'HIGH',
      ['Changes compliance notes in module contain.'],
    ],
    [
      'a compliance-notes path even when no documents are given',
      {
        kind: 'NEW_VERSION',
        changes: [notesChange],
        textOnly: true,
        baseDocument: null,
        proposedDocument: null,
      },
      'HIGH',
      ['Changes compliance notes in module contain.'],
    ],
    [
      'a new version that removes the module carrying the notes',
      {
        kind: 'NEW_VERSION',
        changes: [{ operation: 'REMOVED', path: '/modules/contain', before: {} }],
        textOnly: false,
        baseDocument: base,
        proposedDocument: withoutContain,
      },
      'HIGH',
      ['Removes module contain and its compliance notes.'],
    ],
    [
      'a new version that adds a module with notes',
      {
        kind: 'NEW_VERSION',
        changes: [{ operation: 'ADDED', path: '/modules/contain', after: {} }],
        textOnly: false,
        baseDocument: withoutContain,
        proposedDocument: base,
      },
      'HIGH',
      ['Adds module contain with compliance notes.'],
    ],
    [
      'a structural new version',
      {
        kind: 'NEW_VERSION',
        changes: [titleChange, stepAdded],
        textOnly: false,
        baseDocument: base,
        proposedDocument: base,
      },
      'STANDARD',
      ["Changes the playbook's structure, not only its wording."],
    ],
    [
      'a text-only new version of an access-control playbook',
      {
        kind: 'NEW_VERSION',
        changes: [titleChange],
        textOnly: true,
        baseDocument: accessControl,
        proposedDocument: accessControl,
      },
      'HIGH',
      ['The playbook covers access-control violations.'],
    ],
    [
      'a new version that stops covering access-control violations',
      {
        kind: 'NEW_VERSION',
        changes: [{ operation: 'CHANGED', path: '/triggers/failureKinds', before: [], after: [] }],
        textOnly: false,
        baseDocument: accessControl,
        proposedDocument: base,
      },
      'HIGH',
      ['Stops the playbook covering access-control violations.'],
    ],
    [
      'compliance notes and access control together, each with its reason',
      {
        kind: 'NEW_VERSION',
        changes: [notesChange],
        textOnly: true,
        baseDocument: base,
        proposedDocument: { ...withNewNotes, triggers: accessControl.triggers },
      },
      'HIGH',
      [
        'Changes compliance notes in module contain.',
        'Makes the playbook cover access-control violations.',
      ],
    ],
    [
      'a deprecation',
      {
        kind: 'DEPRECATION',
        changes: [],
        textOnly: false,
        baseDocument: base,
        proposedDocument: null,
      },
      'STANDARD',
      ['Deprecates the playbook.'],
    ],
    [
      'a deprecation of an access-control playbook',
      {
        kind: 'DEPRECATION',
        changes: [],
        textOnly: false,
        baseDocument: accessControl,
        proposedDocument: null,
      },
      'HIGH',
      ['Stops the playbook covering access-control violations.'],
    ],
  ];

  it.each(cases)('should rate %s', (_name, input, level, reasons) => {
    expect(classifyChangeRisk(input)).toEqual({ level, reasons });
  });
});

describe('DEFAULT_APPROVAL_POLICY', () => {
  it('should ask the owner team for everything and an admin as well for HIGH', () => {
    const owner = { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } };

    expect(DEFAULT_APPROVAL_POLICY).toEqual({
      rules: [
        { riskLevel: 'TEXT_ONLY', requirements: [owner] },
        { riskLevel: 'STANDARD', requirements: [owner] },
        {
          riskLevel: 'HIGH',
          requirements: [owner, { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } }],
        },
      ],
      emergencyReviewHours: 48,
    });
  });

  it('should be frozen all the way down, so no caller can change it for everyone', () => {
    expect(Object.isFrozen(DEFAULT_APPROVAL_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_APPROVAL_POLICY.rules[2]?.requirements[1]?.from)).toBe(true);
  });
});

describe('evaluateApprovals', () => {
  const securityPolicy: ApprovalPolicyDocument = {
    rules: [
      {
        riskLevel: 'HIGH',
        requirements: [
          { id: 'owner', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
          {
            id: 'risk',
            label: 'Risk validator from security',
            count: 1,
            from: { kind: 'TEAM', teamId: 'security' },
          },
        ],
      },
    ],
    emergencyReviewHours: 24,
  };

  const twoOwnersPolicy: ApprovalPolicyDocument = {
    rules: [
      {
        riskLevel: 'STANDARD',
        requirements: [
          { id: 'owner', label: 'Owner team', count: 2, from: { kind: 'OWNER_TEAM' } },
        ],
      },
    ],
    emergencyReviewHours: 24,
  };

  const reviewers = new Map<string, ReviewerFacts>([
    ['author', { teamIds: ['ops'], isAdmin: true }],
    ['olga', { teamIds: ['ops'], isAdmin: false }],
    ['omar', { teamIds: ['ops'], isAdmin: false }],
    ['sam', { teamIds: ['security'], isAdmin: false }],
    ['bea', { teamIds: ['ops', 'security'], isAdmin: false }],
    ['ada', { teamIds: [], isAdmin: true }],
    ['fin', { teamIds: ['finance'], isAdmin: false }],
  ]);

  const CURRENT = 2;
  const start = Date.UTC(2024, 4, 1, 9, 0, 0);

  /** A review `minute` minutes after the change request opened, on the current revision. */
  function review(
    reviewerId: string,
    verdict: ReviewInput['verdict'],
    minute: number,
    revision = CURRENT,
  ): ReviewInput {
    return { reviewerId, verdict, revision, at: new Date(start + minute * 60_000) };
  }

  interface Case {
    name: string;
    policy?: ApprovalPolicyDocument;
    level: ChangeRiskLevel;
    ownerTeamId?: string | null;
    reviews: ReviewInput[];
    expected: Partial<ApprovalEvaluation> & { approvers?: string[][] };
  }

  const cases: Case[] = [
    {
      name: 'an owner-team member meets OWNER_TEAM',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1)],
      expected: { satisfied: true, approvers: [['olga']], missing: [] },
    },
    {
      name: 'someone outside the owner team cannot meet OWNER_TEAM',
      level: 'STANDARD',
      reviews: [review('fin', 'APPROVE', 1), review('sam', 'APPROVE', 2)],
      expected: {
        satisfied: false,
        approvers: [[]],
        missing: ['Needs 1 more approval from Owner team.'],
      },
    },
    {
      name: 'a member of the named team meets TEAM',
      policy: securityPolicy,
      level: 'HIGH',
      reviews: [review('olga', 'APPROVE', 1), review('sam', 'APPROVE', 2)],
      expected: { satisfied: true, approvers: [['olga'], ['sam']], missing: [] },
    },
    {
      name: 'a reviewer without the named team cannot meet TEAM',
      policy: securityPolicy,
      level: 'HIGH',
      reviews: [review('olga', 'APPROVE', 1), review('fin', 'APPROVE', 2)],
      expected: {
        satisfied: false,
        approvers: [['olga'], []],
        missing: ['Needs 1 more approval from Risk validator from security.'],
      },
    },
    {
      name: 'an admin meets ADMIN',
      level: 'HIGH',
      reviews: [review('ada', 'APPROVE', 1), review('omar', 'APPROVE', 2)],
      expected: { satisfied: true, approvers: [['omar'], ['ada']], missing: [] },
    },
    {
      name: 'an owner-team member who is not an admin cannot meet ADMIN',
      level: 'HIGH',
      reviews: [review('omar', 'APPROVE', 1), review('olga', 'APPROVE', 2)],
      expected: {
        satisfied: false,
        approvers: [['omar', 'olga'], []],
        missing: ['Needs 1 more approval from Admin.'],
      },
    },
    {
      name: "the author's own approval is ignored, though the author is in the team and an admin",
      level: 'HIGH',
      reviews: [review('author', 'APPROVE', 1)],
      expected: {
        satisfied: false,
        approvers: [[], []],
        ignoredSelfApproval: true,
        missing: ['Needs 1 more approval from Owner team.', 'Needs 1 more approval from Admin.'],
      },
    },
    {
      name: 'an approval of an earlier revision is dismissed',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1, 1)],
      expected: {
        satisfied: false,
        approvers: [[]],
        dismissed: ['olga'],
        missing: ['Needs 1 more approval from Owner team.'],
      },
    },
    {
      name: 'a dismissed approval given again on the current revision counts',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1, 1), review('olga', 'APPROVE', 9)],
      expected: { satisfied: true, approvers: [['olga']], dismissed: [] },
    },
    {
      name: 'a request for changes on the current revision blocks a met rule',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1), review('sam', 'REQUEST_CHANGES', 2)],
      expected: { satisfied: false, approvers: [['olga']], blockedBy: ['sam'], missing: [] },
    },
    {
      name: 'a later approval from the same reviewer clears the request for changes',
      level: 'STANDARD',
      reviews: [review('olga', 'REQUEST_CHANGES', 1), review('olga', 'APPROVE', 5)],
      expected: { satisfied: true, approvers: [['olga']], blockedBy: [] },
    },
    {
      name: 'an approval then a request for changes from the same reviewer blocks',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1), review('olga', 'REQUEST_CHANGES', 5)],
      expected: { satisfied: false, approvers: [[]], blockedBy: ['olga'] },
    },
    {
      name: 'a request for changes on an earlier revision no longer blocks',
      level: 'STANDARD',
      reviews: [review('sam', 'REQUEST_CHANGES', 1, 1), review('olga', 'APPROVE', 5)],
      expected: { satisfied: true, blockedBy: [], dismissed: [] },
    },
    {
      name: 'a comment after an approval keeps the approval',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1), review('olga', 'COMMENT', 5)],
      expected: { satisfied: true, approvers: [['olga']] },
    },
    {
      name: 'a comment after a request for changes keeps the block',
      level: 'STANDARD',
      reviews: [
        review('olga', 'APPROVE', 1),
        review('sam', 'REQUEST_CHANGES', 2),
        review('sam', 'COMMENT', 3),
      ],
      expected: { satisfied: false, blockedBy: ['sam'] },
    },
    {
      name: 'reviews are judged in time order, not list order',
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 9), review('olga', 'REQUEST_CHANGES', 1)],
      expected: { satisfied: true, blockedBy: [] },
    },
    {
      name: 'one person in both teams meets both requirements',
      policy: securityPolicy,
      level: 'HIGH',
      reviews: [review('bea', 'APPROVE', 1)],
      expected: { satisfied: true, approvers: [['bea'], ['bea']], missing: [] },
    },
    {
      name: 'a count of two needs two different people',
      policy: twoOwnersPolicy,
      level: 'STANDARD',
      reviews: [review('olga', 'APPROVE', 1), review('olga', 'APPROVE', 2)],
      expected: {
        satisfied: false,
        approvers: [['olga']],
        missing: ['Needs 1 more approval from Owner team.'],
      },
    },
    {
      name: 'missing approvals are counted in the plural',
      policy: twoOwnersPolicy,
      level: 'STANDARD',
      reviews: [],
      expected: { satisfied: false, missing: ['Needs 2 more approvals from Owner team.'] },
    },
    {
      name: 'OWNER_TEAM cannot be met without an owner team, and says why',
      level: 'STANDARD',
      ownerTeamId: null,
      reviews: [review('olga', 'APPROVE', 1)],
      expected: {
        satisfied: false,
        approvers: [[]],
        missing: ['Needs 1 more approval from Owner team, but the playbook has no owner team.'],
      },
    },
    {
      name: 'a reviewer the caller knows nothing about matches no selector',
      level: 'STANDARD',
      reviews: [review('stranger', 'APPROVE', 1)],
      expected: { satisfied: false, approvers: [[]] },
    },
    {
      name: 'a policy without a rule for the level is never satisfied',
      policy: securityPolicy,
      level: 'STANDARD',
      reviews: [review('bea', 'APPROVE', 1)],
      expected: {
        satisfied: false,
        requirements: [],
        missing: ['The approval policy has no rule for STANDARD changes.'],
      },
    },
  ];

  it.each(cases)('should find that $name', (testCase) => {
    const result = evaluateApprovals({
      policy: testCase.policy ?? DEFAULT_APPROVAL_POLICY,
      level: testCase.level,
      authorId: 'author',
      ownerTeamId: testCase.ownerTeamId === undefined ? 'ops' : testCase.ownerTeamId,
      currentRevision: CURRENT,
      reviews: testCase.reviews,
      reviewers,
    });

    const { approvers, ...rest } = testCase.expected;
    expect(result).toMatchObject(rest);
    if (approvers !== undefined) {
      expect(result.requirements.map((requirement) => requirement.approvers)).toEqual(approvers);
    }
    expect(result.ignoredSelfApproval).toBe(testCase.expected.ignoredSelfApproval ?? false);
  });

  it('should report every requirement in full', () => {
    const result = evaluateApprovals({
      policy: securityPolicy,
      level: 'HIGH',
      authorId: 'author',
      ownerTeamId: 'ops',
      currentRevision: CURRENT,
      reviews: [review('olga', 'APPROVE', 1), review('omar', 'APPROVE', 2, 1)],
      reviewers,
    });

    expect(result).toEqual({
      satisfied: false,
      requirements: [
        { id: 'owner', label: 'Owner team', needed: 1, approvers: ['olga'], met: true },
        {
          id: 'risk',
          label: 'Risk validator from security',
          needed: 1,
          approvers: [],
          met: false,
        },
      ],
      blockedBy: [],
      dismissed: ['omar'],
      ignoredSelfApproval: false,
      missing: ['Needs 1 more approval from Risk validator from security.'],
    });
  });

  it('should accept reviewer facts as a record, ignoring inherited property names', () => {
    const evaluate = (reviewerId: string): boolean =>
      evaluateApprovals({
        policy: DEFAULT_APPROVAL_POLICY,
        level: 'STANDARD',
        authorId: 'author',
        ownerTeamId: 'ops',
        currentRevision: CURRENT,
        reviews: [review(reviewerId, 'APPROVE', 1)],
        reviewers: { olga: { teamIds: ['ops'], isAdmin: false } },
      }).satisfied;

    expect(evaluate('olga')).toBe(true);
    expect(evaluate('constructor')).toBe(false);
  });
});

describe('emergencyReviewState', () => {
  const mergedAt = new Date('2024-05-01T10:00:00.000Z');
  const policy: ApprovalPolicyDocument = { ...DEFAULT_APPROVAL_POLICY, emergencyReviewHours: 48 };
  const dueAt = new Date('2024-05-03T10:00:00.000Z');

  it.each([
    ['at the merge, without approvals', 0, 0, 'AWAITING'],
    ['at the due instant, without approvals', 0, 48 * 3_600_000, 'AWAITING'],
    ['one millisecond after the due instant, without approvals', 0, 48 * 3_600_000 + 1, 'OVERDUE'],
    ['a week late, without approvals', 0, 7 * 86_400_000, 'OVERDUE'],
    ['before the due instant, with an approval', 1, 60_000, 'REVIEWED'],
    ['after the due instant, with an approval', 2, 48 * 3_600_000 + 1, 'REVIEWED'],
  ] as const)('should judge the moment %s', (_name, postMergeApprovals, sinceMergeMs, state) => {
    const now = new Date(mergedAt.getTime() + sinceMergeMs);

    expect(emergencyReviewState({ mergedAt, policy, postMergeApprovals, now })).toEqual({
      dueAt,
      state,
    });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    'should refuse a policy with emergencyReviewHours of %s',
    (hours) => {
      const bad = { ...policy, emergencyReviewHours: hours };
      expect(() =>
        emergencyReviewState({ mergedAt, policy: bad, postMergeApprovals: 0, now: mergedAt }),
      ).toThrow(RangeError);
    },
  );
});
