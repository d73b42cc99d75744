import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openBrowser,
  screenshot,
  signIn,
  startBuiltKeel,
  type Person,
  type RunningKeel,
} from './support.js';

/**
 * Playbook governance in a real browser against the built server: an author proposes a new
 * version of a playbook, a colleague from the owner team comments on a diff line and
 * approves from another browser profile, the author merges, and the new version guides an
 * incident in the war room, where a decision gate is answered and lands on the timeline.
 *
 * The playbook and its owner team are created here through the API, so the test depends on
 * no detail of the demo playbooks; only the demo people are used.
 */
const STAMP = Date.now();
const TITLE = `Checkout payments halted ${STAMP}`;
const NEW_STEP_TITLE = 'Pause the checkout flow and warn support';
const COMMENT = 'Say which support channel gets the warning.';
const RATIONALE = 'The failing step is a mapping we can correct within minutes.';

let keel: RunningKeel;
let ada: Person;
let ben: Person;
let chloe: Person;
let playbookId: string;
let changeRequestUrl: string;

/** Runs one GraphQL operation with the person's session, as the browser would. */
async function api<T>(person: Person, query: string, variables: object = {}): Promise<T> {
  const response = await person.page.request.post(`${keel.url}/graphql`, {
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

function section(page: Page, headingId: string) {
  return page.locator(`section[aria-labelledby="${headingId}"]`);
}

/** A small playbook: assess, then repair in place or restore the previous version. */
function playbookDocument(ownerTeamId: string) {
  const step = (id: string, title: string) => ({
    id,
    title,
    detail: '',
    role: 'TECHNICAL_RESOLVER',
    requiredArtifacts: [],
    expectedMinutes: 10,
  });

  const module = (
    id: string,
    title: string,
    steps: ReturnType<typeof step>[],
    fields: object = {},
  ) => ({
    id,
    title,
    purpose: '',
    steps,
    gates: [],
    rollback: [],
    integrityChecks: [],
    verificationTests: [],
    escalations: [],
    complianceNotes: '',
    ...fields,
  });
  return {
    title: TITLE,
    summary: 'The checkout automation stopped taking payments.',
    ownerTeamId,
    triggers: { platforms: [], failureKinds: ['PAYMENT_FLOW_HALTED'] },
    reviewIntervalDays: 90,
    entryModuleId: 'assess',
    modules: [
      module('assess', 'Assess', [step('pause-flow', 'Pause the checkout flow')], {
        complianceNotes: 'Order exports hold order ids only, never card data.',
        gates: [
          {
            id: 'fix-or-restore',
            question: 'Can the flow be fixed in place?',
            options: [
              { id: 'fix', label: 'Yes, fix it', nextModuleId: 'repair' },
              { id: 'restore', label: 'No, restore the last version', nextModuleId: 'restore' },
            ],
          },
        ],
      }),
      module('repair', 'Repair the flow', [step('apply-fix', 'Apply the fix')]),
      module('restore', 'Restore the previous version', [step('restore', 'Restore it')]),
    ],
  };
}

beforeAll(async () => {
  keel = await startBuiltKeel();
  [ada, ben, chloe] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
  await Promise.all([
    signIn(ada.page, keel.url, 'ada@northwind.example'),
    signIn(ben.page, keel.url, 'ben@northwind.example'),
    signIn(chloe.page, keel.url, 'chloe@northwind.example'),
  ]);

  // An owner team of Ben and Chloé, and version 1 of the playbook published the only way
  // there is: Ben proposes it, Chloé approves, Ben merges.
  const { members } = await api<{ members: { user: { id: string; email: string } }[] }>(
    ada,
    'query { members { user { id email } } }',
  );
  const userId = (email: string) => members.find((member) => member.user.email === email)!.user.id;
  const { createTeam } = await api<{ createTeam: { id: string } }>(
    ada,
    'mutation ($input: TeamInput!) { createTeam(input: $input) { id } }',
    { input: { name: `Checkout ${STAMP}` } },
  );
  for (const email of ['ben@northwind.example', 'chloe@northwind.example']) {
    await api(ada, 'mutation ($t: ID!, $u: ID!) { addTeamMember(teamId: $t, userId: $u) { id } }', {
      t: createTeam.id,
      u: userId(email),
    });
  }

  const { openChangeRequest: opened } = await api<{
    openChangeRequest: { id: string; currentRevision: number };
  }>(
    ben,
    `mutation ($input: OpenChangeRequestInput!) {
      openChangeRequest(input: $input) { id currentRevision }
    }`,
    {
      input: {
        kind: 'NEW_PLAYBOOK',
        title: `Publish ${TITLE}`,
        document: playbookDocument(createTeam.id),
      },
    },
  );
  await api(
    chloe,
    'mutation ($input: ReviewChangeRequestInput!) { reviewChangeRequest(input: $input) { id } }',
    { input: { id: opened.id, verdict: 'APPROVE', revision: opened.currentRevision } },
  );
  const { mergeChangeRequest } = await api<{ mergeChangeRequest: { playbook: { id: string } } }>(
    ben,
    `mutation ($input: MergeChangeRequestInput!) {
      mergeChangeRequest(input: $input) { playbook { id } }
    }`,
    { input: { id: opened.id, expectedRevision: opened.currentRevision } },
  );
  playbookId = mergeChangeRequest.playbook.id;
});

afterAll(async () => {
  await Promise.allSettled([ada?.close(), ben?.close(), chloe?.close()]);
  await keel?.close();
});

describe('proposing a change', () => {
  it('lists the playbook in the library with its owner, version and review state', async () => {
    const page = ben.page;
    await page.goto(`${keel.url}/playbooks`);
    const row = page.locator('tr', { hasText: TITLE });

    await row.waitFor();
    expect(await row.textContent()).toMatch(/Checkout \d+.*v1.*Review current/s);
    await screenshot(page, 'playbook-library');
  });

  it('opens a change request from the editor, seeded with the current version', async () => {
    const page = ben.page;
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('link', { name: 'Propose a change' }).click();

    const stepTitle = page.locator('[id="field.modules.assess.steps.pause-flow.title"]');
    expect(await stepTitle.inputValue()).toBe('Pause the checkout flow');
    await stepTitle.fill(NEW_STEP_TITLE);
    await screenshot(page, 'playbook-editor');
    await page.getByLabel('Chloé Martin').check();
    await page.getByRole('button', { name: 'Open for review' }).click();

    await page.waitForURL(/\/change-requests\/[^/]+$/);
    changeRequestUrl = page.url();
    await page.getByText('Open for review').first().waitFor();
    expect(await page.getByText('Text only').count()).toBeGreaterThan(0);
  });
});

describe('reviewing', () => {
  it('starts a thread on a diff line and approves, from another browser', async () => {
    const page = chloe.page;
    await page.goto(changeRequestUrl);

    await page.getByRole('button', { name: /^Comment on Step “Pause the checkout flow/ }).click();
    await page.getByRole('textbox', { name: /^Comment on Step/ }).fill(COMMENT);
    await page.getByRole('button', { name: 'Start thread' }).click();
    const thread = page.getByRole('article', { name: 'Review thread' });
    await thread.getByText(COMMENT).waitFor();
    expect(await thread.getByText('Chloé Martin', { exact: true }).count()).toBe(1);

    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByRole('button', { name: 'Send review' }).click();
    await section(page, 'approval-heading').getByText('Approved by Chloé Martin').waitFor();
    await screenshot(page, 'change-request');
  });

  it('lets the author merge once approved, publishing version 2', async () => {
    const page = ben.page;
    await page.goto(changeRequestUrl);
    expect(await page.getByText(COMMENT).count()).toBeGreaterThan(0);

    const merge = page.getByRole('button', { name: 'Merge revision 1' });
    expect(await merge.isEnabled()).toBe(true);
    await merge.click();
    await page.locator('.pills').getByText('Merged').waitFor();

    await page.goto(`${keel.url}/playbooks/${playbookId}`);
    await page.getByText(NEW_STEP_TITLE).waitFor();
    expect(await page.getByRole('heading', { name: /Version 2/ }).count()).toBe(1);
  });
});

describe('the run panel in the war room', () => {
  it('attaches the new version, checks a step and records a decision on the timeline', async () => {
    const page = ben.page;
    const { declareIncident } = await api<{ declareIncident: { id: string } }>(
      ben,
      'mutation ($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }',
      {
        input: {
          title: `Checkout not charging cards ${STAMP}`,
          severity: 'SEV2',
          detectionSource: 'MONITORING',
        },
      },
    );
    const { viewer } = await api<{ viewer: { user: { id: string } } }>(
      ben,
      'query { viewer { user { id } } }',
    );
    await api(
      ben,
      'mutation ($input: AssignIncidentRoleInput!) { assignIncidentRole(input: $input) { id } }',
      { input: { incidentId: declareIncident.id, role: 'INCIDENT_LEAD', userId: viewer.user.id } },
    );

    await page.goto(`${keel.url}/incidents/${declareIncident.id}`);
    const panel = section(page, 'runs-heading');
    await panel.getByLabel('Attach a playbook').selectOption({ label: `${TITLE} (v2)` });
    await panel.getByRole('button', { name: 'Attach' }).click();
    await panel.getByRole('heading', { name: new RegExp(TITLE) }).waitFor();

    await panel.getByRole('checkbox', { name: `Check off: ${NEW_STEP_TITLE}` }).click();
    await panel.getByRole('checkbox', { name: `Uncheck: ${NEW_STEP_TITLE}` }).waitFor();

    await panel.getByLabel('Yes, fix it').check();
    await panel.getByLabel('Rationale').fill(RATIONALE);
    await panel.getByRole('button', { name: 'Record decision' }).click();
    await panel.getByText(`“${RATIONALE}”`).waitFor();
    await panel.getByRole('heading', { name: 'Repair the flow' }).waitFor();
    await screenshot(page, 'run-panel');

    await section(page, 'timeline-heading')
      .getByText(RATIONALE, { exact: false })
      .first()
      .waitFor({ timeout: 20_000 });
  });
});

describe('revising', () => {
  const OPEN = `mutation ($input: OpenChangeRequestInput!) {
    openChangeRequest(input: $input) { id currentRevision }
  }`;

  /** The playbook's current document with `change` applied, as a new version's proposal. */
  async function proposal(change: (document: ReturnType<typeof playbookDocument>) => void) {
    const { playbook } = await api<{
      playbook: { currentVersion: { document: ReturnType<typeof playbookDocument> } };
    }>(ben, 'query ($id: ID!) { playbook(id: $id) { currentVersion { document } } }', {
      id: playbookId,
    });
    const document = playbook.currentVersion.document;
    change(document);
    return document;
  }

  it('asks why changes are requested, updates a stale proposal and revises it', async () => {
    const { openChangeRequest: stale } = await api<{ openChangeRequest: { id: string } }>(
      ben,
      OPEN,
      {
        input: {
          kind: 'NEW_VERSION',
          playbookId,
          title: 'Clarify the summary',
          document: await proposal((document) => {
            document.summary = 'Checkout stopped charging cards or sending invoices.';
          }),
        },
      },
    );
    const { openChangeRequest: other } = await api<{
      openChangeRequest: { id: string; currentRevision: number };
    }>(ben, OPEN, {
      input: {
        kind: 'NEW_VERSION',
        playbookId,
        title: 'Rename the fix step',
        document: await proposal((document) => {
          document.modules[1]!.steps[0]!.title = 'Apply and test the fix';
        }),
      },
    });
    await api(
      chloe,
      'mutation ($input: ReviewChangeRequestInput!) { reviewChangeRequest(input: $input) { id } }',
      { input: { id: other.id, verdict: 'APPROVE', revision: other.currentRevision } },
    );
    await api(
      ben,
      'mutation ($input: MergeChangeRequestInput!) { mergeChangeRequest(input: $input) { id } }',
      { input: { id: other.id, expectedRevision: other.currentRevision } },
    );

    const reviewer = chloe.page;
    await reviewer.goto(`${keel.url}/change-requests/${stale.id}`);
    const review = section(reviewer, 'review-heading');
    await review.getByLabel('Request changes').check();
    await review.getByRole('button', { name: 'Send review' }).click();
    await review
      .getByRole('alert')
      .getByText(/Say what needs to change/)
      .waitFor();
    await review.getByLabel(/What needs to change/).fill('Mention refunds as well.');
    await review.getByRole('button', { name: 'Send review' }).click();
    await section(reviewer, 'approval-heading')
      .getByText(/requests changes/)
      .waitFor();

    const page = ben.page;
    await page.goto(`${keel.url}/change-requests/${stale.id}`);
    await page.getByText(/A newer version of this playbook/).waitFor();
    await page.getByRole('button', { name: 'Update onto newest version' }).click();
    await page.getByText(/Revision 2/).waitFor();
    expect(await page.getByText(/A newer version of this playbook/).count()).toBe(0);

    await page.getByRole('link', { name: 'Revise the proposal' }).click();
    const summary = page.locator('[id="field.summary"]');
    expect(await summary.inputValue()).toBe('Checkout stopped charging cards or sending invoices.');
    await summary.fill('Checkout stopped charging cards, refunding or sending invoices.');
    await page.getByLabel('What this revision changes').fill('Refunds too, as Chloé asked.');
    await page.getByRole('button', { name: 'Save revision' }).click();
    await page.waitForURL(`${keel.url}/change-requests/${stale.id}`);
    await page.getByText('Refunds too, as Chloé asked.').waitFor();
    expect(await page.getByText(/revision 3/).count()).toBeGreaterThan(0);
  });
});

describe('the other governance pages', () => {
  it('refuses to send a new playbook with problems and names each at its field', async () => {
    const page = ben.page;
    await page.goto(`${keel.url}/playbooks/new`);
    await page.getByRole('button', { name: 'Add step' }).first().click();
    await page.getByRole('button', { name: 'Open for review' }).click();

    const summary = page.getByRole('alert').filter({ hasText: /problems? to fix first/ });
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: 'Title' }).count()).toBeGreaterThan(0);
    expect(await page.locator('[id="field.title"][aria-invalid="true"]').count()).toBe(1);
    expect(page.url()).toBe(`${keel.url}/playbooks/new`);
  });

  it('shows the review queue, the policy in force and the change-request list', async () => {
    const page = ada.page;
    await page.goto(`${keel.url}/governance`);
    await page.getByRole('heading', { name: 'Approval policy in force' }).waitFor();
    expect(await page.getByText('High risk changes').count()).toBe(1);

    await page.getByRole('link', { name: 'Propose a policy change' }).click();
    await page.getByRole('heading', { name: /Propose a change to the approval policy/ }).waitFor();

    await page.goto(`${keel.url}/change-requests?state=MERGED`);
    await page.getByRole('link', { name: new RegExp(`Update “${TITLE}”`) }).waitFor();
  });

  it('reads at phone width', async () => {
    const page = chloe.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(changeRequestUrl);
    await page.getByRole('heading', { name: 'Changes' }).waitFor();

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'change-request-phone');
  });
});
