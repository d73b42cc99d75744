import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { keyOf } from '../../ids.js';
import { eventually } from '../../test-support/collab.js';
import {
  FIXTURE_PASSWORD,
  createOrganization,
  declareIncident,
  uniqueEmail,
  type Member,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import {
  MERGE_CHANGE_REQUEST,
  OPEN_CHANGE_REQUEST,
  REVIEW_CHANGE_REQUEST,
  createTeamWith,
  paymentPlaybook,
  publishPlaybook,
  type ChangeRequestView,
} from '../../test-support/governance.js';
import { GraphqlClient, type GraphqlResponse } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

/*
 * Playbook runs on a real server: attaching with and without warnings, who may act on steps
 * and gates, artifacts before checks, the timeline entries each action writes, tenancy,
 * refused input that leaves no trace, and the playbookRunChanged subscription.
 *
 * Every incident here has the admin as incident lead, `resolver` as technical resolver and
 * `comms` as communications manager; the fixture's responder holds no role.
 */

const RUN_FIELDS = `id warnings attachedBy { kind name }
  incident { id } playbook { id title } playbookVersion { id number }
  state {
    progress { done total }
    modules {
      moduleId deciderRole reachedBy { moduleId gateId optionId }
      steps {
        stepId role checked checkedBy { name } checkedAt missingArtifacts
        artifacts { label url note fulfils attachedBy { name } }
      }
      gates { gateId answer { optionId optionLabel rationale answeredBy { name } } }
    }
  }
  actions { kind moduleId stepId gateId optionId rationale actor { kind name } }`;

const ATTACH = `mutation Attach($input: AttachPlaybookInput!) {
  attachPlaybook(input: $input) { ${RUN_FIELDS} }
}`;

const CHECK = `mutation Check($input: CheckPlaybookStepInput!) {
  checkPlaybookStep(input: $input) { ${RUN_FIELDS} }
}`;

const ARTIFACT = `mutation Artifact($input: AttachPlaybookArtifactInput!) {
  attachPlaybookArtifact(input: $input) { ${RUN_FIELDS} }
}`;

const ANSWER = `mutation Answer($input: AnswerDecisionGateInput!) {
  answerDecisionGate(input: $input) { ${RUN_FIELDS} }
}`;

const INCIDENT = `query Incident($id: ID!) {
  incident(id: $id) {
    playbookRuns { id }
    suggestedPlaybooks { id title }
    timeline(first: 100) {
      nodes { kind source body tags author { name } evidenceLinks { url label } }
    }
  }
}`;

const PLAYBOOK_VERSIONS = `query Versions($id: ID!) {
  playbook(id: $id) { currentVersion { id } versions { id number } }
}`;

const ASSIGN_ROLE = `mutation Assign($input: AssignIncidentRoleInput!) {
  assignIncidentRole(input: $input) { id }
}`;

const TRANSITION = `mutation Transition($input: TransitionIncidentInput!) {
  transitionIncident(input: $input) { id status }
}`;

const CREATE_AUTOMATION = `mutation Automation($input: AutomationInput!) {
  createAutomation(input: $input) { id }
}`;

const RUN_CHANGED = `subscription Changed($incidentId: ID!) {
  playbookRunChanged(incidentId: $incidentId) {
    kind version actor { name } run { id state { progress { done total } } }
  }
}`;

interface StepView {
  stepId: string;
  role: string;
  checked: boolean;
  checkedBy: { name: string } | null;
  checkedAt: string | null;
  missingArtifacts: string[];
  artifacts: {
    label: string;
    url: string;
    note: string | null;
    fulfils: string | null;
    attachedBy: { name: string };
  }[];
}

interface RunView {
  id: string;
  warnings: string[];
  attachedBy: { kind: string; name: string };
  incident: { id: string };
  playbook: { id: string; title: string };
  playbookVersion: { id: string; number: number };
  state: {
    progress: { done: number; total: number };
    modules: {
      moduleId: string;
      deciderRole: string | null;
      reachedBy: { moduleId: string; gateId: string; optionId: string } | null;
      steps: StepView[];
      gates: {
        gateId: string;
        answer: {
          optionId: string;
          optionLabel: string;
          rationale: string;
          answeredBy: { name: string };
        } | null;
      }[];
    }[];
  };
  actions: { kind: string; stepId: string | null; rationale: string | null }[];
}

interface EntryView {
  kind: string;
  source: string;
  body: string;
  tags: string[];
  author: { name: string };
  evidenceLinks: { url: string; label: string }[];
}

interface IncidentView {
  playbookRuns: { id: string }[];
  suggestedPlaybooks: { id: string; title: string }[];
  timeline: { nodes: EntryView[] };
}

let keel: TestKeel;
let org: OrganizationFixture;
let other: OrganizationFixture;
let resolver: Member;
let comms: Member;
let teamId: string;
let playbookId: string;
let versionId: string;
const sockets: Client[] = [];

beforeAll(async () => {
  keel = await startTestKeel();
  [org, other] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
  [resolver, comms] = await Promise.all([responder('Rosa Resolver'), responder('Cole Comms')]);
  teamId = await createTeamWith(org, 'Revenue operations', [org.admin]);
  playbookId = (await publishPlaybook(org.responder, org.admin, paymentPlaybook(teamId)))
    .playbookId;
  versionId = (await versionsOf(playbookId)).current;
});

afterAll(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
  await keel?.close();
});

const ADD_MEMBER = `mutation Add($input: AddMemberInput!) {
  addMember(input: $input) { id user { id } }
}`;

const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { user { id } } }`;

/** A signed-in responder with a name of their own, so stamps show who acted. */
async function responder(name: string): Promise<Member> {
  const email = uniqueEmail('responder');
  const added = await org.admin.client.data<{ addMember: { id: string; user: { id: string } } }>(
    ADD_MEMBER,
    { input: { email, name, role: 'RESPONDER', initialPassword: FIXTURE_PASSWORD } },
  );
  const client = new GraphqlClient(keel.url);
  await client.data(SIGN_IN, {
    input: { email, password: FIXTURE_PASSWORD, organizationId: org.organizationId },
  });
  return { client, userId: added.addMember.user.id, email, membershipId: added.addMember.id };
}

async function versionsOf(id: string): Promise<{ current: string; byNumber: string[] }> {
  const data = await org.admin.client.data<{
    playbook: { currentVersion: { id: string }; versions: { id: string; number: number }[] };
  }>(PLAYBOOK_VERSIONS, { id });
  const byNumber: string[] = [];
  for (const version of data.playbook.versions) byNumber[version.number] = version.id;
  return { current: data.playbook.currentVersion.id, byNumber };
}

/** Declares an incident and fills the lead, resolver and communications roles. */
async function staffedIncident(input: Record<string, unknown> = {}): Promise<string> {
  const { id } = await declareIncident(org.responder.client, input);
  const roles: [string, Member][] = [
    ['INCIDENT_LEAD', org.admin],
    ['TECHNICAL_RESOLVER', resolver],
    ['COMMUNICATIONS_MANAGER', comms],
  ];
  for (const [role, member] of roles) {
    await org.admin.client.data(ASSIGN_ROLE, {
      input: { incidentId: id, role, userId: member.userId },
    });
  }
  return id;
}

/** A staffed incident with the payment playbook attached. */
async function newRun(): Promise<{ incidentId: string; run: RunView }> {
  const incidentId = await staffedIncident();
  const run = (
    await org.responder.client.data<{ attachPlaybook: RunView }>(ATTACH, {
      input: { incidentId, playbookVersionId: versionId },
    })
  ).attachPlaybook;
  return { incidentId, run };
}

async function act(
  client: GraphqlClient,
  mutation: string,
  input: Record<string, unknown>,
): Promise<GraphqlResponse<Record<string, RunView>>> {
  return client.request<Record<string, RunView>>(mutation, { input });
}

/** The run a successful mutation returned; fails the test with the errors otherwise. */
function runOf(response: GraphqlResponse<Record<string, RunView>>): RunView {
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0]!;
}

function codeOf(response: GraphqlResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

function step(run: RunView, moduleId: string, stepId: string): StepView {
  const module = run.state.modules.find((candidate) => candidate.moduleId === moduleId);
  return module!.steps.find((candidate) => candidate.stepId === stepId)!;
}

async function incident(id: string, client = org.viewer.client): Promise<IncidentView> {
  return (await client.data<{ incident: IncidentView }>(INCIDENT, { id })).incident;
}

async function playbookEntries(incidentId: string): Promise<EntryView[]> {
  const { timeline } = await incident(incidentId);
  return timeline.nodes.filter((entry) => entry.tags.includes('playbook'));
}

const TRACES = ['playbook_run', 'playbook_run_action', 'collab_update', 'audit_record'];

/** Row counts of every table an action writes to. */
async function traces(): Promise<number[]> {
  return Promise.all(
    TRACES.map(async (table) => {
      const [row] = await keel.sql<{ count: string }>(`select count(*) from ${table}`);
      return Number(row!.count);
    }),
  );
}

/** Merges a change request of `input` through review, as the governance fixture does. */
async function mergeChange(input: Record<string, unknown>): Promise<void> {
  const opened = await org.responder.client.data<{ openChangeRequest: ChangeRequestView }>(
    OPEN_CHANGE_REQUEST,
    { input: { title: 'A change', ...input } },
  );
  const { id, currentRevision } = opened.openChangeRequest;
  await org.admin.client.data(REVIEW_CHANGE_REQUEST, {
    input: { id, verdict: 'APPROVE', revision: currentRevision },
  });
  await org.responder.client.data(MERGE_CHANGE_REQUEST, {
    input: { id, expectedRevision: currentRevision },
  });
}

describe('attaching a playbook', () => {
  it('attaches the current version of an active playbook without warnings', async () => {
    const { incidentId, run } = await newRun();

    expect(run).toMatchObject({
      warnings: [],
      attachedBy: { kind: 'USER', name: 'RESPONDER person' },
      incident: { id: incidentId },
      playbook: { id: playbookId, title: 'Payment flow halted' },
      playbookVersion: { id: versionId, number: 1 },
      state: { progress: { done: 0, total: 2 } },
      actions: [],
    });
    expect(run.state.modules.map((module) => module.moduleId)).toEqual(['triage']);
    expect(run.state.modules[0]!.deciderRole).toBe('TECHNICAL_RESOLVER');

    const view = await incident(incidentId);
    expect(view.playbookRuns).toEqual([{ id: run.id }]);
    expect(await playbookEntries(incidentId)).toEqual([
      expect.objectContaining({
        kind: 'ACTION',
        body: 'Attached playbook "Payment flow halted" (version 1).',
      }),
    ]);
  });

  it('warns of a deprecated, superseded, overdue playbook and names the replacement', async () => {
    const old = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(teamId, 'Checkout stopped'),
    );
    const replacement = await publishPlaybook(
      org.responder,
      org.admin,
      paymentPlaybook(teamId, 'Checkout stopped, revised'),
    );
    const first = (await versionsOf(old.playbookId)).current;
    await mergeChange({
      kind: 'NEW_VERSION',
      playbookId: old.playbookId,
      document: { ...paymentPlaybook(teamId, 'Checkout stopped'), summary: 'Sharper.' },
    });
    await mergeChange({
      kind: 'DEPRECATION',
      playbookId: old.playbookId,
      replacementPlaybookId: replacement.playbookId,
    });
    await keel.sql(
      `update playbook set last_reviewed_at = now() - interval '200 days'
                     where id = $1`,
      [keyOf(old.playbookId, 'Playbook')],
    );

    const incidentId = await staffedIncident();
    const attached = await org.responder.client.data<{ attachPlaybook: RunView }>(ATTACH, {
      input: { incidentId, playbookVersionId: first },
    });

    expect(attached.attachPlaybook.warnings).toEqual([
      'This playbook is deprecated; use "Checkout stopped, revised" instead.',
      'Version 1 is not the newest: version 2 has been published since.',
      expect.stringMatching(/^The playbook's review is overdue: it was due on \d{4}-\d\d-\d\d/),
    ]);
    const [entry] = await playbookEntries(incidentId);
    expect(entry!.body).toContain('Warning: This playbook is deprecated');
  });

  it('attaches a version once per incident; the second attempt is a CONFLICT', async () => {
    const { incidentId } = await newRun();
    const before = await traces();

    const again = await org.admin.client.request(ATTACH, {
      input: { incidentId, playbookVersionId: versionId },
    });

    expect(codeOf(again)).toBe('CONFLICT');
    expect(await traces()).toEqual(before);
  });

  it('lets WRITE tokens attach, and refuses viewers and READ tokens', async () => {
    const incidentId = await staffedIncident();
    for (const client of [org.viewer.client, org.readToken]) {
      const refused = await client.request(ATTACH, {
        input: { incidentId, playbookVersionId: versionId },
      });
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }

    const attached = await org.writeToken.data<{ attachPlaybook: RunView }>(ATTACH, {
      input: { incidentId, playbookVersionId: versionId },
    });
    expect(attached.attachPlaybook.attachedBy.kind).toBe('TOKEN');
    const [entry] = await playbookEntries(incidentId);
    expect(entry!.source).toBe('INTEGRATION');
  });

  it('refuses a cancelled incident', async () => {
    const declared = await declareIncident(org.responder.client);
    await org.responder.client.data(TRANSITION, {
      input: {
        incidentId: declared.id,
        expectedVersion: declared.version,
        to: 'CANCELLED',
        note: 'Duplicate of another incident.',
      },
    });

    const refused = await org.responder.client.request(ATTACH, {
      input: { incidentId: declared.id, playbookVersionId: versionId },
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/cancelled/);
  });
});

describe('checking steps', () => {
  it('records who checked a step and when, on the run and on the timeline', async () => {
    const { incidentId, run } = await newRun();
    const target = { runId: run.id, moduleId: 'triage', stepId: 'notify-support' };

    const checked = runOf(await act(comms.client, CHECK, { ...target, checked: true }));

    expect(step(checked, 'triage', 'notify-support')).toMatchObject({
      checked: true,
      checkedBy: { name: 'Cole Comms' },
      checkedAt: expect.any(String),
    });
    expect(checked.state.progress).toEqual({ done: 1, total: 2 });
    expect(checked.actions).toEqual([expect.objectContaining({ kind: 'STEP_CHECKED' })]);
    expect(await playbookEntries(incidentId)).toContainEqual(
      expect.objectContaining({
        kind: 'ACTION',
        source: 'PERSON',
        tags: ['playbook'],
        author: { name: 'Cole Comms' },
        body: 'Checked off "Warn customer support" (Triage) in playbook "Payment flow halted".',
      }),
    );

    const unchecked = runOf(await act(org.admin.client, CHECK, { ...target, checked: false }));
    expect(step(unchecked, 'triage', 'notify-support')).toMatchObject({
      checked: false,
      checkedBy: null,
    });
  });

  it('refuses a responder without the role, a viewer and a token with FORBIDDEN', async () => {
    const { run } = await newRun();
    const input = { runId: run.id, moduleId: 'triage', stepId: 'notify-support', checked: true };
    const before = await traces();

    const responder = await act(org.responder.client, CHECK, input);
    expect(codeOf(responder)).toBe('FORBIDDEN');
    expect(responder.errors?.[0]?.message).toMatch(/communications manager or the incident lead/);
    expect(responder.errors?.[0]?.extensions?.neededRole).toBe('COMMUNICATIONS_MANAGER');

    expect(codeOf(await act(org.viewer.client, CHECK, input))).toBe('FORBIDDEN');

    const token = await act(org.writeToken, CHECK, input);
    expect(codeOf(token)).toBe('FORBIDDEN');
    expect(token.errors?.[0]?.message).toMatch(/API tokens hold no incident role/);

    expect(await traces()).toEqual(before);
  });

  it('needs the required artifact attached before the step can be checked', async () => {
    const { incidentId, run } = await newRun();
    const target = { runId: run.id, moduleId: 'triage', stepId: 'export-records' };

    const early = await act(resolver.client, CHECK, { ...target, checked: true });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toBe(
      'Attach "Export of affected records" before checking off "Export the affected orders".',
    );

    const url = 'https://zapier.com/app/history/881';
    const withArtifact = runOf(
      await act(resolver.client, ARTIFACT, {
        ...target,
        label: 'export of affected records',
        url,
        note: '412 orders between 09:10 and 09:55.',
      }),
    );
    expect(step(withArtifact, 'triage', 'export-records')).toMatchObject({
      missingArtifacts: [],
      artifacts: [
        {
          label: 'export of affected records',
          url,
          note: '412 orders between 09:10 and 09:55.',
          fulfils: 'Export of affected records',
          attachedBy: { name: 'Rosa Resolver' },
        },
      ],
    });
    expect(await playbookEntries(incidentId)).toContainEqual(
      expect.objectContaining({
        kind: 'EVIDENCE',
        evidenceLinks: [{ url, label: 'export of affected records' }],
        body: expect.stringContaining('412 orders between 09:10 and 09:55.'),
      }),
    );

    const checked = runOf(await act(resolver.client, CHECK, { ...target, checked: true }));
    expect(step(checked, 'triage', 'export-records').checked).toBe(true);
  });

  it('lets only one of two simultaneous checks of a step through', async () => {
    const { run } = await newRun();
    const input = { runId: run.id, moduleId: 'triage', stepId: 'notify-support', checked: true };

    const results = await Promise.all([
      act(comms.client, CHECK, input),
      act(org.admin.client, CHECK, input),
    ]);

    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(
      codeOf(results.find((result) => result.errors)!),
    );
    const actions = await keel.sql('select 1 from playbook_run_action where run_id = $1', [
      keyOf(run.id, 'PlaybookRun'),
    ]);
    expect(actions).toHaveLength(1);
  });
});

describe('decision gates', () => {
  const gate = { moduleId: 'triage', gateId: 'standard-gate' };

  it('takes the answer of the deciding role, with its rationale, onto the timeline', async () => {
    const { incidentId, run } = await newRun();
    const input = {
      runId: run.id,
      ...gate,
      optionId: 'fix',
      rationale: 'Only the Stripe step fails; the rest of the flow is healthy.',
    };

    const refused = await act(comms.client, ANSWER, input);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe(
      'Only the technical resolver or the incident lead can answer "How do we stop the damage?".',
    );

    const answered = runOf(await act(resolver.client, ANSWER, input));
    expect(answered.state.modules.map((module) => module.moduleId)).toEqual([
      'triage',
      'fix-in-place',
    ]);
    expect(answered.state.modules[1]!.reachedBy).toEqual({ ...gate, optionId: 'fix' });
    expect(answered.state.modules[0]!.gates[0]!.answer).toEqual({
      optionId: 'fix',
      optionLabel: 'Fix in place',
      rationale: input.rationale,
      answeredBy: { name: 'Rosa Resolver' },
    });
    expect(answered.state.progress).toEqual({ done: 0, total: 4 });

    const decisions = (await playbookEntries(incidentId)).filter((e) => e.kind === 'DECISION');
    expect(decisions).toEqual([
      expect.objectContaining({
        body:
          'How do we stop the damage? (Triage, in playbook "Payment flow halted")\n' +
          'Decision: Fix in place.\n' +
          `Rationale: ${input.rationale}`,
      }),
    ]);
  });

  it('replaces the earlier choice and what followed from it on a re-answer', async () => {
    const { incidentId, run } = await newRun();
    await act(resolver.client, ANSWER, {
      runId: run.id,
      ...gate,
      optionId: 'fix',
      rationale: 'One step fails.',
    });

    const reanswered = runOf(
      await act(org.admin.client, ANSWER, {
        runId: run.id,
        ...gate,
        optionId: 'disable',
        rationale: 'The fix did not hold; stop the flow until finance reviews it.',
      }),
    );

    expect(reanswered.state.modules.map((module) => module.moduleId)).toEqual([
      'triage',
      'disable',
    ]);
    expect(reanswered.actions.map((action) => action.kind)).toEqual([
      'GATE_ANSWERED',
      'GATE_ANSWERED',
    ]);
    const decisions = (await playbookEntries(incidentId)).filter((e) => e.kind === 'DECISION');
    expect(decisions).toHaveLength(2);
    expect(decisions[1]!.body).toContain(
      'Decision: Disable until review, replacing "Fix in place".',
    );
  });

  it('keeps the steps of modules off the path closed', async () => {
    const { run } = await newRun();
    const response = await act(org.admin.client, CHECK, {
      runId: run.id,
      moduleId: 'rewire',
      stepId: 'rewire-apply',
      checked: true,
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/not on this run's path/);
  });
});

describe('tenancy', () => {
  it("treats another organisation's incidents, versions and runs as missing", async () => {
    const { incidentId, run } = await newRun();
    const theirIncident = (await declareIncident(other.admin.client)).id;
    const stranger = other.admin.client;

    const cases = [
      await stranger.request(ATTACH, { input: { incidentId, playbookVersionId: versionId } }),
      await stranger.request(ATTACH, {
        input: { incidentId: theirIncident, playbookVersionId: versionId },
      }),
      await act(stranger, CHECK, {
        runId: run.id,
        moduleId: 'triage',
        stepId: 'notify-support',
        checked: true,
      }),
      await act(stranger, ANSWER, {
        runId: run.id,
        ...{ moduleId: 'triage', gateId: 'standard-gate' },
        optionId: 'fix',
        rationale: 'Not ours to decide.',
      }),
    ];
    expect(cases.map(codeOf)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);

    const node = await stranger.data<{ node: unknown }>(
      'query N($id: ID!) { node(id: $id) { id } }',
      {
        id: run.id,
      },
    );
    expect(node.node).toBeNull();
  });
});

describe('refused input', () => {
  const long = 'x'.repeat(2_001);

  it.each([
    ['an unknown module', CHECK, { moduleId: 'nowhere', stepId: 'x', checked: true }],
    ['an unknown step', CHECK, { moduleId: 'triage', stepId: 'nothing', checked: true }],
    [
      'unchecking an unchecked step',
      CHECK,
      { moduleId: 'triage', stepId: 'notify-support', checked: false },
    ],
    [
      'a javascript: artifact link',
      ARTIFACT,
      { moduleId: 'triage', stepId: 'export-records', label: 'Export', url: 'javascript:alert(1)' },
    ],
    [
      'a blank artifact label',
      ARTIFACT,
      { moduleId: 'triage', stepId: 'export-records', label: ' ', url: 'https://a.test/x' },
    ],
    [
      'an over-long artifact note',
      ARTIFACT,
      {
        moduleId: 'triage',
        stepId: 'export-records',
        label: 'E',
        url: 'https://a.test',
        note: long,
      },
    ],
    [
      'a blank rationale',
      ANSWER,
      { moduleId: 'triage', gateId: 'standard-gate', optionId: 'fix', rationale: '  ' },
    ],
    [
      'an over-long rationale',
      ANSWER,
      { moduleId: 'triage', gateId: 'standard-gate', optionId: 'fix', rationale: long },
    ],
    [
      'an option the gate lacks',
      ANSWER,
      { moduleId: 'triage', gateId: 'standard-gate', optionId: 'pray', rationale: 'Hope.' },
    ],
    [
      'a gate the module lacks',
      ANSWER,
      { moduleId: 'triage', gateId: 'other-gate', optionId: 'fix', rationale: 'Why not.' },
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, mutation, input) => {
    const { run } = await newRun();
    const before = await traces();

    const response = await act(org.admin.client, mutation, { runId: run.id, ...input });

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).not.toBe('');
    expect(await traces()).toEqual(before);
  });
});

describe('suggested playbooks', () => {
  it('suggests active playbooks for the platforms of affected automations', async () => {
    const zap = await org.responder.client.data<{ createAutomation: { id: string } }>(
      CREATE_AUTOMATION,
      {
        input: {
          name: 'Checkout to ledger',
          platform: 'ZAPIER',
          businessProcess: 'Billing',
          criticality: 'HIGH',
        },
      },
    );
    const airtable = await publishPlaybook(org.responder, org.admin, {
      ...paymentPlaybook(teamId, 'Airtable base locked'),
      triggers: { platforms: ['AIRTABLE'], failureKinds: [] },
    });
    const any = await publishPlaybook(org.responder, org.admin, {
      ...paymentPlaybook(teamId, 'Any platform at all'),
      triggers: { platforms: [], failureKinds: [] },
    });

    const incidentId = await staffedIncident({ automationIds: [zap.createAutomation.id] });
    const suggested = (await incident(incidentId)).suggestedPlaybooks.map((p) => p.id);

    expect(suggested).toContain(playbookId);
    expect(suggested).not.toContain(airtable.playbookId);
    expect(suggested.at(-1)).toBe(any.playbookId);
  });
});

describe('playbookRunChanged', () => {
  function subscribe(client: GraphqlClient, incidentId: string) {
    const { sessionSecret, token } = client;
    const socket = createClient({
      url: keel.wsUrl,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, {
            headers: sessionSecret ? { cookie: `keel_session=${sessionSecret}` } : {},
          });
        }
      },
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    sockets.push(socket);

    const events: {
      kind: string;
      version: number;
      actor: { name: string };
      run: { id: string; state: { progress: { done: number } } } | null;
    }[] = [];
    const errors: unknown[] = [];
    socket.subscribe<{ playbookRunChanged: (typeof events)[number] }>(
      { query: RUN_CHANGED, variables: { incidentId } },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data.playbookRunChanged);
        },
        error: (error) => errors.push(error),
        complete: () => {},
      },
    );
    return { events, errors };
  }

  it('streams a run change to a viewer of the incident', async () => {
    const { incidentId, run } = await newRun();
    const { events } = subscribe(org.viewer.client, incidentId);
    const input = { runId: run.id, moduleId: 'triage', stepId: 'notify-support' };

    // The server joins the bus a moment after the subscribe message: toggle the step until
    // the subscription hears one change.
    let checked = false;
    for (let attempt = 0; attempt < 40 && events.length === 0; attempt += 1) {
      checked = !checked;
      runOf(await act(comms.client, CHECK, { ...input, checked }));
      await eventually(() => events.length > 0, 'an event', 250).catch(() => {});
    }

    expect(events.length).toBeGreaterThan(0);
    const event = events.at(-1)!;
    expect(event).toMatchObject({
      kind: checked ? 'STEP_CHECKED' : 'STEP_UNCHECKED',
      actor: { name: 'Cole Comms' },
      run: { id: run.id, state: { progress: { done: checked ? 1 : 0 } } },
    });
  });

  it("refuses to stream another organisation's incident", async () => {
    const { incidentId } = await newRun();
    const { errors } = subscribe(other.admin.client, incidentId);

    await eventually(() => errors.length > 0, 'the refusal');
    expect(JSON.stringify(errors)).toContain('NOT_FOUND');
  });
});
