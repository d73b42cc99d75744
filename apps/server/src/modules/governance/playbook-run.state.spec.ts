import { MAX_NOTE_LENGTH, type PlaybookDocument, type PlaybookModule } from '@keel/domain';
import { describe, expect, it } from 'vitest';
import {
  attachWarnings,
  deciderRole,
  foldRun,
  judgeArtifact,
  judgeGateAnswer,
  judgeStepCheck,
  type RoleHolders,
  type RunActionRecord,
  type RunContext,
  type RunParticipant,
} from './playbook-run.state.js';

/*
 * The fold of a run's log and the rules for acting on it, without a database: a small
 * document with a loop and a nested gate, and logs written by hand.
 */

function module(id: string, overrides: Partial<PlaybookModule> = {}): PlaybookModule {
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
    complianceNotes: 'Exports hold order ids only.',
    ...overrides,
  };
}

/**
 * triage --stop--> fix | disable; fix --verify--> done | triage (a loop back).
 * Triage: two steps for the technical resolver, one for the communications manager.
 */
const DOCUMENT: PlaybookDocument = {
  title: 'Payment flow halted',
  summary: '',
  ownerTeamId: 'team',
  triggers: { platforms: ['ZAPIER'], failureKinds: [] },
  reviewIntervalDays: 90,
  entryModuleId: 'triage',
  modules: [
    module('triage', {
      title: 'Triage',
      steps: [
        {
          id: 'export',
          title: 'Export the affected orders',
          detail: '',
          role: 'TECHNICAL_RESOLVER',
          requiredArtifacts: ['Export of affected records', 'Run history'],
          expectedMinutes: 20,
        },
        {
          id: 'warn',
          title: 'Warn support',
          detail: '',
          role: 'COMMUNICATIONS_MANAGER',
          requiredArtifacts: [],
          expectedMinutes: 5,
        },
        {
          id: 'pause',
          title: 'Pause retries',
          detail: '',
          role: 'TECHNICAL_RESOLVER',
          requiredArtifacts: [],
          expectedMinutes: 5,
        },
      ],
      gates: [
        {
          id: 'stop',
          question: 'How do we stop the damage?',
          options: [
            { id: 'fix', label: 'Fix in place', nextModuleId: 'fix' },
            { id: 'disable', label: 'Disable until review', nextModuleId: 'disable' },
          ],
        },
      ],
    }),
    module('fix', {
      title: 'Fix in place',
      steps: [
        {
          id: 'apply',
          title: 'Correct the failing step',
          detail: '',
          role: 'TECHNICAL_RESOLVER',
          requiredArtifacts: [],
          expectedMinutes: 30,
        },
      ],
      gates: [
        {
          id: 'verify',
          question: 'Did the test payment reach the ledger?',
          options: [
            { id: 'yes', label: 'Yes', nextModuleId: 'done' },
            { id: 'no', label: 'No, triage again', nextModuleId: 'triage' },
          ],
        },
      ],
    }),
    module('disable', {
      title: 'Disable until review',
      steps: [
        {
          id: 'off',
          title: 'Turn the automation off',
          detail: '',
          role: 'BUSINESS_LIAISON',
          requiredArtifacts: [],
          expectedMinutes: 5,
        },
      ],
    }),
    module('done', { title: 'Close out' }),
  ],
};

const ada = { kind: 'USER' as const, id: 'ada', name: 'Ada' };
const ben = { kind: 'USER' as const, id: 'ben', name: 'Ben' };

let clock = Date.parse('2026-03-01T10:00:00Z');

function action(overrides: Partial<RunActionRecord> & Pick<RunActionRecord, 'kind'>) {
  clock += 60_000;
  return {
    moduleId: 'triage',
    stepId: null,
    gateId: null,
    optionId: null,
    rationale: null,
    artifactLabel: null,
    artifactUrl: null,
    actor: ada,
    createdAt: new Date(clock),
    ...overrides,
  } satisfies RunActionRecord;
}

const check = (moduleId: string, stepId: string, actor = ada) =>
  action({ kind: 'STEP_CHECKED', moduleId, stepId, actor });

const answer = (moduleId: string, gateId: string, optionId: string, rationale = 'Because.') =>
  action({ kind: 'GATE_ANSWERED', moduleId, gateId, optionId, rationale });

const attach = (label: string, url = 'https://zapier.com/app/history/1') =>
  action({
    kind: 'ARTIFACT_ATTACHED',
    stepId: 'export',
    artifactLabel: label,
    artifactUrl: url,
  });

const pathOf = (actions: RunActionRecord[]) =>
  foldRun(DOCUMENT, actions).modules.map((entry) => entry.moduleId);

describe('folding a run', () => {
  it('starts on the entry module with nothing done', () => {
    const state = foldRun(DOCUMENT, []);

    expect(state.modules.map((entry) => entry.moduleId)).toEqual(['triage']);
    expect(state.modules[0]!.reachedBy).toBeNull();
    expect(state.progress).toEqual({ done: 0, total: 3 });
    expect(state.modules[0]!.steps[0]).toMatchObject({
      checked: false,
      checkedBy: null,
      missingArtifacts: ['Export of affected records', 'Run history'],
    });
  });

  it('records who checked a step and when, and forgets it when unchecked', () => {
    const checked = check('triage', 'warn', ben);
    const state = foldRun(DOCUMENT, [checked]);
    expect(state.modules[0]!.steps[1]).toMatchObject({
      checked: true,
      checkedBy: ben,
      checkedAt: checked.createdAt,
    });
    expect(state.progress).toEqual({ done: 1, total: 3 });

    const unchecked = action({ kind: 'STEP_UNCHECKED', stepId: 'warn' });
    const after = foldRun(DOCUMENT, [checked, unchecked]);
    expect(after.modules[0]!.steps[1]).toMatchObject({ checked: false, checkedBy: null });
    expect(after.progress.done).toBe(0);
  });

  it('matches attached artifacts to required ones ignoring case, and keeps extra ones', () => {
    const state = foldRun(DOCUMENT, [
      attach('  export of AFFECTED records '),
      attach('Screenshot of the error'),
    ]);
    const step = state.modules[0]!.steps[0]!;

    expect(step.missingArtifacts).toEqual(['Run history']);
    expect(step.artifacts.map((artifact) => artifact.fulfils)).toEqual([
      'Export of affected records',
      null,
    ]);
    expect(step.artifacts[0]).toMatchObject({ attachedBy: ada, url: expect.any(String) });
  });

  it('adds the module an answer leads to, with the answer that brought it', () => {
    const state = foldRun(DOCUMENT, [answer('triage', 'stop', 'fix', 'Only one step fails.')]);

    expect(state.modules.map((entry) => entry.moduleId)).toEqual(['triage', 'fix']);
    expect(state.modules[1]!.reachedBy).toEqual({
      moduleId: 'triage',
      gateId: 'stop',
      optionId: 'fix',
    });
    expect(state.modules[0]!.gates[0]!.answer).toMatchObject({
      optionId: 'fix',
      optionLabel: 'Fix in place',
      rationale: 'Only one step fails.',
      answeredBy: ada,
    });
    expect(state.progress).toEqual({ done: 0, total: 4 });
  });

  it('replaces an earlier choice and everything that followed from it on a re-answer', () => {
    const actions = [
      answer('triage', 'stop', 'fix'),
      answer('fix', 'verify', 'yes'),
      answer('triage', 'stop', 'disable', 'The fix did not hold.'),
    ];
    const state = foldRun(DOCUMENT, actions);

    expect(state.modules.map((entry) => entry.moduleId)).toEqual(['triage', 'disable']);
    expect(state.modules[0]!.gates[0]!.answer).toMatchObject({
      optionId: 'disable',
      rationale: 'The fix did not hold.',
    });
  });

  it('forgets the answers of modules that left the path', () => {
    const state = foldRun(DOCUMENT, [
      answer('triage', 'stop', 'fix'),
      answer('fix', 'verify', 'yes'),
      answer('triage', 'stop', 'disable'),
      answer('triage', 'stop', 'fix'),
    ]);

    expect(state.modules.map((entry) => entry.moduleId)).toEqual(['triage', 'fix']);
    expect(state.modules[1]!.gates[0]!.answer).toBeNull();
  });

  it('adds nothing when an option loops back to a module already on the path', () => {
    expect(pathOf([answer('triage', 'stop', 'fix'), answer('fix', 'verify', 'no')])).toEqual([
      'triage',
      'fix',
    ]);
  });

  it('keeps checks of a module that left the path, out of progress until it returns', () => {
    const actions = [answer('triage', 'stop', 'fix'), check('fix', 'apply')];
    expect(foldRun(DOCUMENT, actions).progress).toEqual({ done: 1, total: 4 });

    actions.push(answer('triage', 'stop', 'disable'));
    expect(foldRun(DOCUMENT, actions).progress).toEqual({ done: 0, total: 4 });

    actions.push(answer('triage', 'stop', 'fix'));
    const back = foldRun(DOCUMENT, actions);
    expect(back.modules[1]!.steps[0]).toMatchObject({ checked: true, checkedBy: ada });
  });

  it('skips actions naming what the document lacks, and gates off the path', () => {
    const state = foldRun(DOCUMENT, [
      check('nowhere', 'export'),
      check('triage', 'nothing'),
      answer('triage', 'stop', 'nothing'),
      answer('fix', 'verify', 'yes'),
    ]);

    expect(state.modules.map((entry) => entry.moduleId)).toEqual(['triage']);
    expect(state.progress.done).toBe(0);
  });
});

describe('the deciding role of a module', () => {
  it('is the role most steps name', () => {
    expect(deciderRole(DOCUMENT.modules[0]!)).toBe('TECHNICAL_RESOLVER');
  });

  it('goes to the role whose first step comes earliest on a tie', () => {
    const steps = DOCUMENT.modules[0]!.steps;
    const tied = module('tied', { steps: [steps[1]!, steps[0]!] });
    expect(deciderRole(tied)).toBe('COMMUNICATIONS_MANAGER');
  });

  it('is nobody for a module without steps', () => {
    expect(deciderRole(module('empty'))).toBeNull();
  });
});

const holders: RoleHolders = {
  INCIDENT_LEAD: 'lead',
  TECHNICAL_RESOLVER: 'resolver',
  COMMUNICATIONS_MANAGER: 'comms',
};
const resolver: RunParticipant = { kind: 'USER', userId: 'resolver' };
const lead: RunParticipant = { kind: 'USER', userId: 'lead' };
const comms: RunParticipant = { kind: 'USER', userId: 'comms' };
const token: RunParticipant = { kind: 'TOKEN' };

function context(actor: RunParticipant, actions: RunActionRecord[] = []): RunContext {
  return { document: DOCUMENT, state: foldRun(DOCUMENT, actions), actor, holders };
}

describe('checking a step', () => {
  it('lets the holder of the step’s role and the incident lead check it', () => {
    for (const actor of [comms, lead]) {
      const target = { moduleId: 'triage', stepId: 'warn', checked: true };
      expect(judgeStepCheck(context(actor), target)).toBeNull();
    }
  });

  it('refuses anyone else with FORBIDDEN, naming the role', () => {
    const refusal = judgeStepCheck(context(resolver), {
      moduleId: 'triage',
      stepId: 'warn',
      checked: true,
    });
    expect(refusal).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringContaining('communications manager'),
      neededRole: 'COMMUNICATIONS_MANAGER',
    });
  });

  it('refuses API tokens, since they hold no incident role', () => {
    const refusal = judgeStepCheck(context(token), {
      moduleId: 'triage',
      stepId: 'pause',
      checked: true,
    });
    expect(refusal?.code).toBe('FORBIDDEN');
    expect(refusal?.message).toMatch(/technical resolver.*API tokens hold no incident role/);
  });

  it('says so when nobody holds the role yet', () => {
    const refusal = judgeStepCheck(context(comms), {
      moduleId: 'disable',
      stepId: 'off',
      checked: true,
    });
    expect(refusal?.message).toMatch(/nobody is the business liaison yet/);
  });

  it('needs every required artifact before checking', () => {
    const target = { moduleId: 'triage', stepId: 'export', checked: true };
    const early = judgeStepCheck(context(resolver, [attach('Run history')]), target);
    expect(early).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        'Attach "Export of affected records" before checking off ' +
        '"Export the affected orders".',
    });

    const complete = [attach('Run history'), attach('Export of affected records')];
    expect(judgeStepCheck(context(resolver, complete), target)).toBeNull();
  });

  it('refuses steps of modules off the path', () => {
    const refusal = judgeStepCheck(context(lead), {
      moduleId: 'fix',
      stepId: 'apply',
      checked: true,
    });
    expect(refusal).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/not on this run's path/),
    });
  });

  it('refuses checking twice and unchecking what is not checked', () => {
    const target = { moduleId: 'triage', stepId: 'pause' };
    expect(
      judgeStepCheck(context(lead, [check('triage', 'pause')]), { ...target, checked: true }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/already checked off, by Ada/),
    });
    expect(judgeStepCheck(context(lead), { ...target, checked: false })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/is not checked off/),
    });
  });

  it('names unknown modules and steps as bad input before judging the actor', () => {
    expect(
      judgeStepCheck(context(token), { moduleId: 'x', stepId: 'y', checked: true }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'This playbook has no module "x".' });
    expect(
      judgeStepCheck(context(token), { moduleId: 'triage', stepId: 'y', checked: true }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Module "Triage" has no step "y".' });
  });
});

describe('attaching an artifact', () => {
  const target = {
    moduleId: 'triage',
    stepId: 'export',
    label: 'Run history',
    url: 'https://zapier.com/app/history/1',
  };

  it('allows the step’s role holder', () => {
    expect(judgeArtifact(context(resolver), target)).toBeNull();
  });

  it.each([
    ['a blank label', { label: '  ' }, /Label is required/],
    ['an over-long label', { label: 'x'.repeat(201) }, /Label must be at most 200/],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, /http or https/],
    ['a blank URL', { url: '' }, /URL is required/],
    ['an over-long URL', { url: `https://a.test/${'x'.repeat(2048)}` }, /at most 2048/],
    ['an over-long note', { note: 'x'.repeat(MAX_NOTE_LENGTH + 1) }, /Note must be at most/],
  ])('refuses %s', (_label, overrides, message) => {
    expect(judgeArtifact(context(resolver), { ...target, ...overrides })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(message),
    });
  });

  it('refuses people without the role, and modules off the path', () => {
    expect(judgeArtifact(context(comms), target)?.code).toBe('FORBIDDEN');
    expect(
      judgeArtifact(context(lead), { ...target, moduleId: 'fix', stepId: 'apply' }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/not on this run's path/),
    });
  });
});

describe('answering a gate', () => {
  const target = { moduleId: 'triage', gateId: 'stop', optionId: 'fix', rationale: 'One step.' };

  it('allows the incident lead and the holder of the deciding role', () => {
    expect(judgeGateAnswer(context(lead), target)).toBeNull();
    expect(judgeGateAnswer(context(resolver), target)).toBeNull();
  });

  it('refuses other role holders and tokens', () => {
    expect(judgeGateAnswer(context(comms), target)).toEqual({
      code: 'FORBIDDEN',
      message:
        'Only the technical resolver or the incident lead can answer ' +
        '"How do we stop the damage?".',
      neededRole: 'TECHNICAL_RESOLVER',
    });
    expect(judgeGateAnswer(context(token), target)?.message).toMatch(/API tokens/);
  });

  it('requires a rationale of at most a note’s length', () => {
    expect(judgeGateAnswer(context(lead), { ...target, rationale: ' ' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Rationale is required.',
    });
    const long = { ...target, rationale: 'x'.repeat(MAX_NOTE_LENGTH + 1) };
    expect(judgeGateAnswer(context(lead), long)?.message).toMatch(/at most 2000/);
  });

  it('names the options when the one given does not exist', () => {
    expect(judgeGateAnswer(context(lead), { ...target, optionId: 'rewire' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/no option "rewire"; choose one of "fix", "disable"/),
    });
  });

  it('refuses gates off the path and the answer already given', () => {
    const offPath = { moduleId: 'fix', gateId: 'verify', optionId: 'yes', rationale: 'Ok.' };
    expect(judgeGateAnswer(context(lead), offPath)?.message).toMatch(/not on this run's path/);

    const answered = context(lead, [answer('triage', 'stop', 'fix')]);
    expect(judgeGateAnswer(answered, target)?.message).toMatch(/already answered/);
    expect(judgeGateAnswer(answered, { ...target, optionId: 'disable' })).toBeNull();
  });

  it('leaves gates of a module without steps to the incident lead', () => {
    const lonely: PlaybookDocument = {
      ...DOCUMENT,
      modules: DOCUMENT.modules.map((entry) =>
        entry.id === 'triage' ? { ...entry, steps: [] } : entry,
      ),
    };
    const judge = (actor: RunParticipant) =>
      judgeGateAnswer({ document: lonely, state: foldRun(lonely, []), actor, holders }, target);

    expect(judge(lead)).toBeNull();
    expect(judge(resolver)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the incident lead can answer "How do we stop the damage?".',
    });
  });
});

describe('warnings when attaching', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const fine = {
    status: 'ACTIVE' as const,
    replacementTitle: null,
    currentVersionNumber: 2,
    lastReviewedAt: new Date('2026-05-01T00:00:00Z'),
    versionNumber: 2,
    reviewIntervalDays: 90,
    now,
  };

  it('has none for the newest version of an active, reviewed playbook', () => {
    expect(attachWarnings(fine)).toEqual([]);
  });

  it('names the replacement of a deprecated playbook', () => {
    expect(attachWarnings({ ...fine, status: 'DEPRECATED', replacementTitle: 'New flow' })).toEqual(
      ['This playbook is deprecated; use "New flow" instead.'],
    );
    expect(attachWarnings({ ...fine, status: 'DEPRECATED' })).toEqual([
      'This playbook is deprecated and names no replacement.',
    ]);
  });

  it('says when a newer version exists', () => {
    expect(attachWarnings({ ...fine, versionNumber: 1 })).toEqual([
      'Version 1 is not the newest: version 2 has been published since.',
    ]);
  });

  it('says when the review is overdue, by the attached version’s interval', () => {
    const stale = { ...fine, lastReviewedAt: new Date('2026-01-01T00:00:00Z') };
    expect(attachWarnings(stale)).toEqual([
      "The playbook's review is overdue: it was due on 2026-04-01 (61 days ago).",
    ]);
    expect(attachWarnings({ ...stale, reviewIntervalDays: 365 })).toEqual([]);
  });
});
