import { describe, expect, it } from 'vitest';

import type { PlaybookModule } from './document.js';
import {
  edited,
  inserted,
  paymentFlowPlaybook,
  REMOVE,
  securityReviewedPolicy,
  valueAt,
} from './fixtures.js';
import { DEFAULT_APPROVAL_POLICY } from './policy.js';
import type { DocumentProblem, DocumentValidation } from './validate.js';
import { validateApprovalPolicyDocument, validatePlaybookDocument } from './validate.js';

function problemsOf<T>(result: DocumentValidation<T>): DocumentProblem[] {
  return result.ok ? [] : result.problems;
}

/** A module with nothing in it but what a test names. */
function bareModule(id: string, overrides: Partial<PlaybookModule> = {}): PlaybookModule {
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
    complianceNotes: '',
    ...overrides,
  };
}

const STEP = '/modules/contain/steps/export-records';
const GATE = '/modules/contain/gates/remedy';
const ESCALATION = '/modules/triage/escalations/finance-lead';

/** What follows when the remedy gate no longer leads to rewire, its only way in. */
const REWIRE_CUT_OFF: DocumentProblem = {
  path: '/modules/rewire',
  message:
    'Module rewire cannot be reached from the entry module triage; lead a gate option to it or ' +
    'remove it.',
};

describe('validatePlaybookDocument', () => {
  describe('a sound playbook', () => {
    it('should accept the payment-flow playbook and return it unchanged', () => {
      const result = validatePlaybookDocument(paymentFlowPlaybook());

      expect(result).toEqual({ ok: true, document: paymentFlowPlaybook() });
    });

    it('should trim text and drop properties the model does not have', () => {
      let input: unknown = edited(paymentFlowPlaybook(), '/title', '  Payment flow halted \n');
      input = edited(input, `${STEP}/title`, '\tExport the affected orders ');
      input = edited(input, '/entryModuleId', ' triage ');
      input = edited(input, '/internalNotes', 'not part of the model');
      input = edited(input, `${STEP}/color`, 'red');
      input = edited(input, `${GATE}/options/fix/weight`, 3);
      input = edited(input, '/modules/contain/id', ' contain ');

      expect(validatePlaybookDocument(input)).toEqual({
        ok: true,
        document: paymentFlowPlaybook(),
      });
    });

    it('should return a new document, not the input', () => {
      const input = paymentFlowPlaybook();
      const result = validatePlaybookDocument(input);

      expect(result.ok && result.document).not.toBe(input);
      expect(result.ok && result.document.modules[0]).not.toBe(input.modules[0]);
    });

    it('should accept the same step id in two different modules', () => {
      const document = paymentFlowPlaybook();

      expect(valueAt(document, '/modules/rewire/steps/replay-orders/id')).toBe('replay-orders');
      expect(valueAt(document, '/modules/replay/steps/replay-orders/id')).toBe('replay-orders');
      expect(validatePlaybookDocument(document).ok).toBe(true);
    });

    it('should accept an escalation with only one threshold', () => {
      const input = edited(paymentFlowPlaybook(), `${ESCALATION}/atSeverity`, null);

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([]);
    });
  });

  describe('field problems', () => {
    const long = (length: number) => 'x'.repeat(length);

    it.each<[string, string, unknown, DocumentProblem[]]>([
      [
        'a missing title',
        '/title',
        REMOVE,
        [{ path: '/title', message: 'Playbook title is missing.' }],
      ],
      [
        'a title that is not text',
        '/title',
        42,
        [{ path: '/title', message: 'Playbook title must be text.' }],
      ],
      [
        'a blank title',
        '/title',
        '   ',
        [{ path: '/title', message: 'Playbook title is required.' }],
      ],
      [
        'a title that is too long',
        '/title',
        long(201),
        [
          {
            path: '/title',
            message: 'Playbook title must be at most 200 characters (it has 201).',
          },
        ],
      ],
      [
        'a summary that is too long',
        '/summary',
        long(10_001),
        [
          {
            path: '/summary',
            message: 'Playbook summary must be at most 10000 characters (it has 10001).',
          },
        ],
      ],
      [
        'a blank owner team',
        '/ownerTeamId',
        '',
        [{ path: '/ownerTeamId', message: 'Owner team is required.' }],
      ],
      [
        'an owner team id that is too long',
        '/ownerTeamId',
        long(65),
        [
          {
            path: '/ownerTeamId',
            message: 'Owner team must be at most 64 characters (it has 65).',
          },
        ],
      ],
      [
        'an owner team that is a number',
        '/ownerTeamId',
        7,
        [{ path: '/ownerTeamId', message: 'Owner team must be text.' }],
      ],
      [
        'triggers that are text',
        '/triggers',
        'ZAPIER',
        [{ path: '/triggers', message: 'Triggers must be an object.' }],
      ],
      [
        'platforms that are not a list',
        '/triggers/platforms',
        'ZAPIER',
        [{ path: '/triggers/platforms', message: 'Trigger platforms must be a list.' }],
      ],
      [
        'an unknown platform',
        '/triggers/platforms/1',
        'MYSPACE',
        [
          {
            path: '/triggers/platforms/1',
            message:
              'Platform must be one of ZAPIER, MAKE, N8N, POWER_AUTOMATE, AIRTABLE, BUBBLE, ' +
              'SALESFORCE_FLOW, OTHER.',
          },
        ],
      ],
      [
        'a platform listed twice',
        '/triggers/platforms/1',
        'ZAPIER',
        [{ path: '/triggers/platforms/1', message: 'Platform ZAPIER is listed twice.' }],
      ],
      [
        'an unknown failure kind',
        '/triggers/failureKinds/0',
        'PAYMENT',
        [
          {
            path: '/triggers/failureKinds/0',
            message: expect.stringMatching(/^Failure kind must be one of BROKEN_DATA_PIPELINE, /),
          },
        ],
      ],
      [
        'a review interval of zero',
        '/reviewIntervalDays',
        0,
        [
          {
            path: '/reviewIntervalDays',
            message: 'Review interval must be a whole number of days from 1 to 730 (it is 0).',
          },
        ],
      ],
      [
        'a review interval over two years',
        '/reviewIntervalDays',
        731,
        [
          {
            path: '/reviewIntervalDays',
            message: 'Review interval must be a whole number of days from 1 to 730 (it is 731).',
          },
        ],
      ],
      [
        'a fractional review interval',
        '/reviewIntervalDays',
        1.5,
        [
          {
            path: '/reviewIntervalDays',
            message: 'Review interval must be a whole number of days from 1 to 730.',
          },
        ],
      ],
      [
        'a review interval given as text',
        '/reviewIntervalDays',
        '90',
        [
          {
            path: '/reviewIntervalDays',
            message: 'Review interval must be a whole number of days from 1 to 730.',
          },
        ],
      ],
      [
        'an entry module that does not exist',
        '/entryModuleId',
        'intake',
        [
          {
            path: '/entryModuleId',
            message: 'Entry module intake is not a module of this playbook.',
          },
        ],
      ],
      [
        'an entry module id that is not a slug',
        '/entryModuleId',
        'Triage',
        [
          {
            path: '/entryModuleId',
            message:
              'Entry module must be 1 to 63 lowercase letters, digits or hyphens, starting with ' +
              'a letter or digit.',
          },
        ],
      ],
      [
        'a module title that is missing',
        '/modules/fix/title',
        REMOVE,
        [{ path: '/modules/fix/title', message: 'Module title is missing.' }],
      ],
      [
        'compliance notes that are not text',
        '/modules/contain/complianceNotes',
        ['no card numbers'],
        [{ path: '/modules/contain/complianceNotes', message: 'Compliance notes must be text.' }],
      ],
      [
        'a step that is not an object',
        '/modules/triage/steps/scope-orders',
        'Count the orders',
        [{ path: '/modules/triage/steps/#1', message: 'Each step must be an object.' }],
      ],
      [
        'a step without an id',
        `${STEP}/id`,
        REMOVE,
        [{ path: '/modules/contain/steps/#1/id', message: 'Step id is missing.' }],
      ],
      [
        'a step id with capitals and spaces',
        `${STEP}/id`,
        'Export Records',
        [
          {
            path: '/modules/contain/steps/#1/id',
            message:
              'Step id must be 1 to 63 lowercase letters, digits or hyphens, starting with a ' +
              'letter or digit.',
          },
        ],
      ],
      [
        'a step id used twice in one module',
        '/modules/contain/steps/notify-support/id',
        'pause-zap',
        [
          {
            path: '/modules/contain/steps/#2/id',
            message: 'Another step already has the id pause-zap.',
          },
        ],
      ],
      [
        'a step id that starts with a hyphen',
        `${STEP}/id`,
        '-export',
        [
          {
            path: '/modules/contain/steps/#1/id',
            message: expect.stringMatching(/^Step id must be 1 to 63 lowercase/),
          },
        ],
      ],
      [
        'a blank step title',
        `${STEP}/title`,
        ' ',
        [{ path: `${STEP}/title`, message: 'Step title is required.' }],
      ],
      [
        'a step detail of null',
        `${STEP}/detail`,
        null,
        [{ path: `${STEP}/detail`, message: 'Step detail must be text.' }],
      ],
      [
        'an unknown step role',
        `${STEP}/role`,
        'DATA_STEWARD',
        [
          {
            path: `${STEP}/role`,
            message:
              'Step role must be one of INCIDENT_LEAD, TECHNICAL_RESOLVER, BUSINESS_LIAISON, ' +
              'COMMUNICATIONS_MANAGER.',
          },
        ],
      ],
      [
        'required artifacts that are text',
        `${STEP}/requiredArtifacts`,
        'Export',
        [{ path: `${STEP}/requiredArtifacts`, message: 'Required artifacts must be a list.' }],
      ],
      [
        'a blank required artifact',
        `${STEP}/requiredArtifacts/0`,
        '  ',
        [{ path: `${STEP}/requiredArtifacts/0`, message: 'Required artifact is required.' }],
      ],
      [
        'a required artifact that is a number',
        `${STEP}/requiredArtifacts/1`,
        5,
        [{ path: `${STEP}/requiredArtifacts/1`, message: 'Required artifact must be text.' }],
      ],
      [
        'expected minutes of zero',
        `${STEP}/expectedMinutes`,
        0,
        [
          {
            path: `${STEP}/expectedMinutes`,
            message:
              'Expected duration must be a whole number of minutes from 1 to 10080 (it is 0).',
          },
        ],
      ],
      [
        'expected minutes over a week',
        `${STEP}/expectedMinutes`,
        10_081,
        [
          {
            path: `${STEP}/expectedMinutes`,
            message:
              'Expected duration must be a whole number of minutes from 1 to 10080 (it is 10081).',
          },
        ],
      ],
      [
        'expected minutes that are not a number',
        `${STEP}/expectedMinutes`,
        null,
        [
          {
            path: `${STEP}/expectedMinutes`,
            message: 'Expected duration must be a whole number of minutes from 1 to 10080.',
          },
        ],
      ],
      [
        'a gate with one option',
        `${GATE}/options`,
        [{ id: 'fix', label: 'Fix in place', nextModuleId: 'fix' }],
        [
          { path: `${GATE}/options`, message: 'A gate needs at least two options.' },
          REWIRE_CUT_OFF,
        ],
      ],
      [
        'a gate without a question',
        `${GATE}/question`,
        REMOVE,
        [{ path: `${GATE}/question`, message: 'Gate question is missing.' }],
      ],
      [
        'an option leading nowhere',
        `${GATE}/options/rewire/nextModuleId`,
        'rewrite',
        [
          {
            path: `${GATE}/options/rewire/nextModuleId`,
            message: 'This option leads to module rewrite, which is not in this playbook.',
          },
          REWIRE_CUT_OFF,
        ],
      ],
      [
        'an option without a target',
        `${GATE}/options/rewire/nextModuleId`,
        '',
        [
          { path: `${GATE}/options/rewire/nextModuleId`, message: 'Next module is required.' },
          REWIRE_CUT_OFF,
        ],
      ],
      [
        'an option id used twice in a gate',
        `${GATE}/options/disable/id`,
        'fix',
        [{ path: `${GATE}/options/#2/id`, message: 'Another option already has the id fix.' }],
      ],
      [
        'a rollback step without an instruction',
        '/modules/contain/rollback/resume-zap/instruction',
        '',
        [
          {
            path: '/modules/contain/rollback/resume-zap/instruction',
            message: 'Rollback instruction is required.',
          },
        ],
      ],
      [
        'an integrity check that is too long',
        '/modules/contain/integrityChecks/no-orphans/description',
        long(10_001),
        [
          {
            path: '/modules/contain/integrityChecks/no-orphans/description',
            message: 'Integrity check description must be at most 10000 characters (it has 10001).',
          },
        ],
      ],
      [
        'a verification test with a numeric description',
        '/modules/fix/verificationTests/charge-once/description',
        1,
        [
          {
            path: '/modules/fix/verificationTests/charge-once/description',
            message: 'Verification test description must be text.',
          },
        ],
      ],
      [
        'an escalation after zero minutes',
        `${ESCALATION}/afterMinutes`,
        0,
        [
          {
            path: `${ESCALATION}/afterMinutes`,
            message: 'Escalation time must be a whole number of minutes, at least 1, or null.',
          },
        ],
      ],
      [
        'an escalation time given as text',
        `${ESCALATION}/afterMinutes`,
        '30',
        [
          {
            path: `${ESCALATION}/afterMinutes`,
            message: 'Escalation time must be a whole number of minutes, at least 1, or null.',
          },
        ],
      ],
      [
        'an escalation without its time field',
        `${ESCALATION}/afterMinutes`,
        REMOVE,
        [{ path: `${ESCALATION}/afterMinutes`, message: 'Escalation time is missing.' }],
      ],
      [
        'an unknown escalation severity',
        `${ESCALATION}/atSeverity`,
        'SEV0',
        [
          {
            path: `${ESCALATION}/atSeverity`,
            message: 'Escalation severity must be one of SEV1, SEV2, SEV3, SEV4.',
          },
        ],
      ],
      [
        'an escalation without a specialist team',
        `${ESCALATION}/specialistTeamId`,
        '',
        [{ path: `${ESCALATION}/specialistTeamId`, message: 'Specialist team is required.' }],
      ],
      [
        'an escalation without its note',
        `${ESCALATION}/note`,
        REMOVE,
        [{ path: `${ESCALATION}/note`, message: 'Escalation note is missing.' }],
      ],
    ])('should report %s', (_case, path, value, expected) => {
      const result = validatePlaybookDocument(edited(paymentFlowPlaybook(), path, value));

      expect(problemsOf(result)).toEqual(expected);
    });

    it.each([null, 'Payment flow halted', 42, [paymentFlowPlaybook()]])(
      'should refuse %j as a whole document',
      (input) => {
        expect(validatePlaybookDocument(input)).toEqual({
          ok: false,
          problems: [{ path: '', message: 'A playbook must be a JSON object.' }],
        });
      },
    );

    it('should report an escalation with neither threshold', () => {
      let input = edited(paymentFlowPlaybook(), `${ESCALATION}/afterMinutes`, null);
      input = edited(input, `${ESCALATION}/atSeverity`, null);

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: ESCALATION,
          message: 'An escalation needs a time, a severity or both to start it.',
        },
      ]);
    });

    it('should refuse lists longer than the limit without reading their items', () => {
      const steps = Array.from({ length: 51 }, () => 'not even an object');
      const input = edited(paymentFlowPlaybook(), '/modules/triage/steps', steps);

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/modules/triage/steps',
          message: 'Steps can have at most 50 entries (it has 51).',
        },
      ]);
    });

    it('should report every problem of a document at once', () => {
      let input = edited(paymentFlowPlaybook(), '/title', '');
      input = edited(input, `${STEP}/role`, 'INTERN');
      input = edited(input, '/reviewIntervalDays', -1);

      expect(problemsOf(validatePlaybookDocument(input)).map((problem) => problem.path)).toEqual([
        '/title',
        '/reviewIntervalDays',
        `${STEP}/role`,
      ]);
    });

    it('should name a module with a duplicate id by position and keep the first', () => {
      const input = edited(paymentFlowPlaybook(), '/modules/rewire/id', 'fix');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: `${GATE}/options/rewire/nextModuleId`,
          message: 'This option leads to module rewire, which is not in this playbook.',
        },
        { path: '/modules/#3/id', message: 'Another module already has the id fix.' },
      ]);
    });

    it('should report options that lead to a module whose id is malformed', () => {
      const input = edited(paymentFlowPlaybook(), '/modules/rewire/id', 'Rewire!');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: `${GATE}/options/rewire/nextModuleId`,
          message: 'This option leads to module rewire, which is not in this playbook.',
        },
        {
          path: '/modules/#3/id',
          message: expect.stringMatching(/^Module id must be 1 to 63 lowercase/),
        },
      ]);
    });

    it('should not judge references to modules while the module list is unusable', () => {
      const input = edited(paymentFlowPlaybook(), '/modules', { triage: {} });

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        { path: '/modules', message: 'Modules must be a list.' },
      ]);
    });

    it('should require at least one module', () => {
      const input = edited(paymentFlowPlaybook(), '/modules', []);

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/entryModuleId',
          message: 'Entry module triage is not a module of this playbook.',
        },
        { path: '/modules', message: 'A playbook needs at least one module.' },
      ]);
    });

    it.each(['title', 'summary', 'ownerTeamId', 'triggers', 'reviewIntervalDays', 'modules'])(
      'should report a missing %s',
      (field) => {
        const result = validatePlaybookDocument(edited(paymentFlowPlaybook(), `/${field}`, REMOVE));

        expect(problemsOf(result)).toContainEqual({
          path: `/${field}`,
          message: expect.stringMatching(/ (is|are) missing\.$/),
        });
      },
    );
  });

  describe('the module graph', () => {
    it('should report a module that no gate leads to', () => {
      const notes = 'Keep the export in the finance share.';
      const cleanup = bareModule('cleanup', { complianceNotes: notes });
      const input = inserted(paymentFlowPlaybook(), '/modules', 6, cleanup);

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/modules/cleanup',
          message:
            'Module cleanup cannot be reached from the entry module triage; lead a gate option ' +
            'to it or remove it.',
        },
      ]);
    });

    it('should report a module cut off when the only option to it is retargeted', () => {
      const input = edited(
        paymentFlowPlaybook(),
        '/modules/fix/gates/test-result/options/passed/nextModuleId',
        'rewire',
      );

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/modules/replay',
          message: expect.stringMatching(/^Module replay cannot be reached/),
        },
      ]);
    });

    it('should report the path that misses compliance notes on one branch only', () => {
      const input = edited(paymentFlowPlaybook(), '/modules/disable/complianceNotes', '  ');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/modules/disable/complianceNotes',
          message:
            'The recovery path triage → disable has no compliance notes; add them to one of ' +
            'its modules.',
        },
      ]);
    });

    it('should report each final module reached without notes, through the retry loop', () => {
      const input = edited(paymentFlowPlaybook(), '/modules/contain/complianceNotes', '');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        {
          path: '/modules/rewire/complianceNotes',
          message: expect.stringContaining('path triage → contain → rewire has no'),
        },
        {
          path: '/modules/replay/complianceNotes',
          message: expect.stringContaining('path triage → contain → fix → replay has no'),
        },
      ]);
    });

    it('should accept a playbook whose entry module carries the notes for every path', () => {
      let input = edited(paymentFlowPlaybook(), '/modules/contain/complianceNotes', '');
      input = edited(input, '/modules/disable/complianceNotes', '');
      input = edited(input, '/modules/triage/complianceNotes', 'No card data in tickets.');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([]);
    });

    it('should treat a single module without gates as a path of its own', () => {
      const document = { ...paymentFlowPlaybook(), modules: [bareModule('triage')] };

      expect(problemsOf(validatePlaybookDocument(document))).toEqual([
        {
          path: '/modules/triage/complianceNotes',
          message: expect.stringContaining('The recovery path triage has no compliance notes'),
        },
      ]);
    });

    it('should finish on gates that loop with no way out', () => {
      const loop = (id: string, other: string) =>
        bareModule(id, {
          gates: [
            {
              id: 'again',
              question: 'Again?',
              options: [
                { id: 'stay', label: 'Stay', nextModuleId: id },
                { id: 'go', label: 'Go', nextModuleId: other },
              ],
            },
          ],
        });
      const document = {
        ...paymentFlowPlaybook(),
        modules: [loop('triage', 'b'), loop('b', 'triage')],
      };

      expect(problemsOf(validatePlaybookDocument(document))).toEqual([]);
    });

    it('should skip graph checks while the entry module is unknown', () => {
      const input = edited(paymentFlowPlaybook(), '/entryModuleId', 'start');

      expect(problemsOf(validatePlaybookDocument(input))).toEqual([
        { path: '/entryModuleId', message: 'Entry module start is not a module of this playbook.' },
      ]);
    });
  });
});

describe('validateApprovalPolicyDocument', () => {
  it('should accept the default policy and a policy with a security validator', () => {
    expect(validateApprovalPolicyDocument(DEFAULT_APPROVAL_POLICY)).toEqual({
      ok: true,
      document: DEFAULT_APPROVAL_POLICY,
    });
    expect(validateApprovalPolicyDocument(securityReviewedPolicy())).toEqual({
      ok: true,
      document: securityReviewedPolicy(),
    });
  });

  it('should put rules in risk-level order and drop unknown properties', () => {
    const policy = securityReviewedPolicy();
    const input = {
      ...policy,
      rules: [...policy.rules].reverse(),
      comment: 'drop me',
    };
    const withTeamOnAdmin = edited(input, '/rules/HIGH/requirements/admin/from/teamId', 'x');

    expect(validateApprovalPolicyDocument(withTeamOnAdmin)).toEqual({
      ok: true,
      document: securityReviewedPolicy(),
    });
  });

  const HIGH = '/rules/HIGH/requirements';

  it.each<[string, string, unknown, DocumentProblem[]]>([
    [
      'a missing rule',
      '/rules/STANDARD',
      REMOVE,
      [{ path: '/rules', message: 'The policy has no rule for STANDARD changes.' }],
    ],
    [
      'two rules for one level',
      '/rules/STANDARD/riskLevel',
      'HIGH',
      [
        { path: '/rules/#2/riskLevel', message: 'There is already a rule for HIGH changes.' },
        { path: '/rules', message: 'The policy has no rule for STANDARD changes.' },
      ],
    ],
    [
      'an unknown risk level',
      '/rules/TEXT_ONLY/riskLevel',
      'TRIVIAL',
      [
        {
          path: '/rules/#0/riskLevel',
          message: 'Risk level must be one of TEXT_ONLY, STANDARD, HIGH.',
        },
        { path: '/rules', message: 'The policy has no rule for TEXT_ONLY changes.' },
      ],
    ],
    [
      'rules that are not a list',
      '/rules',
      'HIGH',
      [{ path: '/rules', message: 'Rules must be a list.' }],
    ],
    [
      'requirements that are missing',
      '/rules/HIGH/requirements',
      REMOVE,
      [{ path: HIGH, message: 'Requirements are missing.' }],
    ],
    [
      'a requirement id used twice in a rule',
      `${HIGH}/admin/id`,
      'owner-team',
      [{ path: `${HIGH}/#2/id`, message: 'Another requirement already has the id owner-team.' }],
    ],
    [
      'a count of zero',
      `${HIGH}/admin/count`,
      0,
      [
        {
          path: `${HIGH}/admin/count`,
          message: 'Approval count must be a whole number from 1 to 10 (it is 0).',
        },
      ],
    ],
    [
      'a count of eleven',
      `${HIGH}/admin/count`,
      11,
      [
        {
          path: `${HIGH}/admin/count`,
          message: 'Approval count must be a whole number from 1 to 10 (it is 11).',
        },
      ],
    ],
    [
      'a fractional count',
      `${HIGH}/admin/count`,
      1.5,
      [
        {
          path: `${HIGH}/admin/count`,
          message: 'Approval count must be a whole number from 1 to 10.',
        },
      ],
    ],
    [
      'a blank label',
      `${HIGH}/admin/label`,
      '',
      [{ path: `${HIGH}/admin/label`, message: 'Requirement label is required.' }],
    ],
    [
      'an unknown approver kind',
      `${HIGH}/admin/from/kind`,
      'EVERYONE',
      [
        {
          path: `${HIGH}/admin/from/kind`,
          message: 'Approver kind must be one of OWNER_TEAM, TEAM, ADMIN.',
        },
      ],
    ],
    [
      'approvers given as text',
      `${HIGH}/admin/from`,
      'ADMIN',
      [{ path: `${HIGH}/admin/from`, message: 'Approvers must be an object.' }],
    ],
    [
      'a team approver without a team',
      `${HIGH}/risk-validator/from/teamId`,
      REMOVE,
      [{ path: `${HIGH}/risk-validator/from/teamId`, message: 'Approving team is missing.' }],
    ],
    [
      'a team approver with a blank team',
      `${HIGH}/risk-validator/from/teamId`,
      ' ',
      [{ path: `${HIGH}/risk-validator/from/teamId`, message: 'Approving team is required.' }],
    ],
    [
      'emergency review hours of zero',
      '/emergencyReviewHours',
      0,
      [
        {
          path: '/emergencyReviewHours',
          message: 'Emergency review time must be a whole number of hours from 1 to 720 (it is 0).',
        },
      ],
    ],
    [
      'emergency review hours over thirty days',
      '/emergencyReviewHours',
      721,
      [
        {
          path: '/emergencyReviewHours',
          message:
            'Emergency review time must be a whole number of hours from 1 to 720 (it is 721).',
        },
      ],
    ],
    [
      'missing emergency review hours',
      '/emergencyReviewHours',
      REMOVE,
      [{ path: '/emergencyReviewHours', message: 'Emergency review time is missing.' }],
    ],
  ])('should report %s', (_case, path, value, expected) => {
    const result = validateApprovalPolicyDocument(edited(securityReviewedPolicy(), path, value));

    expect(problemsOf(result)).toEqual(expected);
  });

  it('should accept a rule with no requirements', () => {
    const input = edited(securityReviewedPolicy(), '/rules/TEXT_ONLY/requirements', []);

    expect(problemsOf(validateApprovalPolicyDocument(input))).toEqual([]);
  });

  it.each([undefined, 'policy', []])('should refuse %j as a whole policy', (input) => {
    expect(problemsOf(validateApprovalPolicyDocument(input))).toEqual([
      { path: '', message: 'An approval policy must be a JSON object.' },
    ]);
  });
});
