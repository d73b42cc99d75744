import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  openBrowser,
  screenshot,
  startBuiltKeel,
  type Person,
  type RunningKeel,
  signIn,
} from './support.js';

/**
 * The war room in a real browser against the built server: two people working on one incident
 * from two browser profiles, and a viewer who may only watch. Screenshots land in
 * tests/artifacts for review.
 */
const TITLE = `Stripe payouts stuck in "pending" ${Date.now()}`;

let keel: RunningKeel;
let ada: Person;
let ben: Person;
let incidentUrl: string;

function section(page: Page, headingId: string) {
  return page.locator(`section[aria-labelledby="${headingId}"]`);
}

beforeAll(async () => {
  keel = await startBuiltKeel();
  [ada, ben] = await Promise.all([openBrowser(), openBrowser()]);
  await Promise.all([
    signIn(ada.page, keel.url, 'ada@northwind.example'),
    signIn(ben.page, keel.url, 'ben@northwind.example'),
  ]);
});

afterAll(async () => {
  await Promise.allSettled([ada?.close(), ben?.close()]);
  await keel?.close();
});

describe('the incident board', () => {
  it('shows a colleague’s newly declared incident without a reload', async () => {
    await ben.page.goto(`${keel.url}/`);
    await ben.page.getByText('Live').first().waitFor();

    await ada.page.getByRole('button', { name: 'Declare incident' }).first().click();
    const dialog = ada.page.locator('dialog[open]');
    await dialog.getByLabel('Title').fill(TITLE);
    await dialog.locator('#declare-severity-SEV2').check();
    await dialog.getByLabel('How it was noticed').selectOption('MONITORING');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await ada.page.waitForURL(/\/incidents\//);
    incidentUrl = ada.page.url();

    // The board lists it as a row and announces it to screen readers; the row is what counts.
    const row = ben.page.getByRole('link', { name: TITLE });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.count()).toBe(1);
    await screenshot(ben.page, 'board');
  });

  it('refuses a declaration without a title, in the dialog', async () => {
    await ada.page.goto(`${keel.url}/`);
    await ada.page.getByRole('button', { name: 'Declare incident' }).first().click();
    const dialog = ada.page.locator('dialog[open]');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();

    expect(await dialog.getByText(/title/i).count()).toBeGreaterThan(0);
    expect(ada.page.url()).toBe(`${keel.url}/`);
  });
});

describe('the war room', () => {
  it('says in plain words what triage still needs, and offers it only once met', async () => {
    await ada.page.goto(incidentUrl);
    const status = section(ada.page, 'lifecycle-heading');

    await status.getByText(/To triage:.*priority/i).waitFor();
    expect(await status.getByRole('button', { name: 'Mark triaged' }).count()).toBe(0);
  });

  it('triages after priority and a validated scope, and the colleague sees it live', async () => {
    await ben.page.goto(incidentUrl);
    const page = ada.page;

    const classify = section(page, 'classify-heading');
    await classify.getByLabel('Priority').selectOption('P2');
    await classify.getByRole('button', { name: 'Save' }).click();
    await section(page, 'lifecycle-heading')
      .getByText(/To triage:.*impact scope/i)
      .waitFor();

    await page
      .getByLabel('What is affected')
      .fill('Payouts to 120 sellers since 09:00; no refunds.');
    await page.getByRole('button', { name: 'Save scope' }).click();
    await page.getByRole('button', { name: 'Validate scope' }).click();
    await page.getByText(/Validated by Ada Okafor/).waitFor();

    await page.getByRole('button', { name: 'Mark triaged' }).click();
    await page.getByRole('button', { name: 'Mark contained' }).waitFor();

    await ben.page.getByRole('button', { name: 'Mark contained' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'war-room');
  });

  it('requires a handoff note before the incident lead changes hands', async () => {
    const page = ada.page;
    const lead = section(page, 'role-INCIDENT_LEAD-person-heading');

    await lead.locator('#role-INCIDENT_LEAD-person').selectOption({ label: 'Ben Laurent' });
    await lead.getByRole('button', { name: 'Assign' }).click();
    await lead.getByText('Ben Laurent').first().waitFor();

    await lead.locator('#role-INCIDENT_LEAD-person').selectOption({ label: 'Chloé Martin' });
    await lead.getByRole('button', { name: 'Hand off' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /handoff note/i })
      .waitFor();

    await lead.locator('#role-INCIDENT_LEAD-person').selectOption({ label: 'Chloé Martin' });
    await lead.locator('#role-INCIDENT_LEAD-note').fill('Payout job paused; vendor ticket open.');
    await lead.getByRole('button', { name: 'Hand off' }).click();
    await lead.getByText('Payout job paused; vendor ticket open.').waitFor();
    expect(await lead.getByText('Chloé Martin').count()).toBeGreaterThan(0);
  });

  it('lets a viewer follow the incident but offers no way to change it', async () => {
    const emma = await openBrowser();
    try {
      await signIn(emma.page, keel.url, 'emma@northwind.example');
      await emma.page.goto(incidentUrl);
      await emma.page.getByText(/You can follow this incident/).waitFor();

      expect(await emma.page.getByRole('button', { name: 'Mark contained' }).count()).toBe(0);
      expect(await emma.page.getByRole('button', { name: 'Save scope' }).count()).toBe(0);
      expect(await emma.page.getByRole('button', { name: 'Hand off' }).count()).toBe(0);
    } finally {
      await emma.close();
    }
  });
});
