import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  openBrowser,
  screenshot,
  startBuiltKeel,
  type Person,
  type RunningKeel,
  signIn,
} from './support.js';

/**
 * A responder who loses the network in the war room: the page says so, counts the edits that
 * wait, survives a reload without a network (the service worker keeps the page, IndexedDB the
 * timeline), and hands the edits over once the network is back. A colleague in another browser
 * profile stays online throughout.
 */
const TITLE = `Airtable automation loops ${Date.now()}`;
const OFFLINE_ENTRY = 'Paused the looping Airtable automation by hand.';
const ONLINE_ENTRY = 'Airtable run count doubled in ten minutes.';

/** How long a change may take to reach the other browser or the API, in milliseconds. */
const SYNC_WAIT_MS = 10_000;

let keel: RunningKeel;
let ada: Person;
let ben: Person;
let incidentUrl: string;
/** Opened and closed `/collab` sockets of Ada's page, in order. */
const adaSockets: string[] = [];

function timeline(page: Page): Locator {
  return page.locator('section[aria-labelledby="timeline-heading"]');
}

function collabStatus(page: Page): Locator {
  return timeline(page).locator('p[role="status"]').first();
}

function entry(page: Page, text: string): Locator {
  return timeline(page).locator('li.entry').filter({ hasText: text });
}

async function addEntry(page: Page, kind: string, text: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a timeline entry' });
  await form.getByLabel('Kind').selectOption(kind);
  await form.getByLabel('What happened').fill(text);
  await form.getByRole('button', { name: 'Add entry' }).click();
}

/** Waits until the timeline is live and every change made here is confirmed. */
async function settled(page: Page): Promise<void> {
  await collabStatus(page)
    .filter({ hasText: /^\s*Live\s*$/ })
    .waitFor({ timeout: SYNC_WAIT_MS });
}

/** Whether the service worker holds a kept copy of `url`. */
async function keptOffline(page: Page, url: string): Promise<boolean> {
  return page.evaluate(async (address) => (await caches.match(address)) !== undefined, url);
}

interface ApiEntry {
  body: string;
  pinned: boolean;
}

/** The incident's timeline as the GraphQL API projects it, read with Ben's session. */
async function apiTimeline(page: Page, incidentId: string): Promise<ApiEntry[]> {
  return page.evaluate(async (id) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($id: ID!) {
          incident(id: $id) { timeline(first: 100) { nodes { body pinned } } }
        }`,
        variables: { id },
      }),
    });
    const body = (await response.json()) as {
      data?: { incident: { timeline: { nodes: ApiEntry[] } } | null };
    };
    return body.data?.incident?.timeline.nodes ?? [];
  }, incidentId);
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  keel = await startBuiltKeel();
  [ada, ben] = await Promise.all([openBrowser(), openBrowser()]);
  ada.page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/collab')) return;
    adaSockets.push('open');
    socket.on('close', () => adaSockets.push('close'));
  });
  await Promise.all([
    signIn(ada.page, keel.url, 'ada@northwind.example'),
    signIn(ben.page, keel.url, 'ben@northwind.example'),
  ]);

  await ada.page.getByRole('button', { name: 'Declare incident' }).first().click();
  const dialog = ada.page.locator('dialog[open]');
  await dialog.getByLabel('Title').fill(TITLE);
  await dialog.locator('#declare-severity-SEV1').check();
  await dialog.getByLabel('How it was noticed').selectOption('USER_REPORT');
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await ada.page.waitForURL(/\/incidents\/[^/]+$/);
  incidentUrl = ada.page.url();
  await ben.page.goto(incidentUrl);
  await Promise.all([settled(ada.page), settled(ben.page)]);
});

afterAll(async () => {
  await Promise.allSettled([ada?.close(), ben?.close()]);
  await keel?.close();
});

describe('a war room without a network', () => {
  it('is kept for offline use once opened, even when reached inside the app', async () => {
    // Ada reached the war room from the board, without a page load the worker could store.
    await eventually(() => keptOffline(ada.page, incidentUrl), 'the kept war room');
  });

  it('says it is offline, drops the connection and counts the edits that wait', async () => {
    await addEntry(ben.page, 'SIGNAL', ONLINE_ENTRY);
    await entry(ada.page, ONLINE_ENTRY).waitFor({ timeout: SYNC_WAIT_MS });
    await settled(ben.page);

    await ada.context.setOffline(true);
    await collabStatus(ada.page).filter({ hasText: 'Offline' }).waitFor();
    await eventually(async () => adaSockets.at(-1) === 'close', 'the socket to close');

    await addEntry(ada.page, 'ACTION', OFFLINE_ENTRY);
    await entry(ada.page, ONLINE_ENTRY).getByRole('button', { name: 'Pin' }).click();

    await collabStatus(ada.page).filter({ hasText: '2 changes not saved yet' }).waitFor();
    await ada.page.getByText(/You are offline\./).waitFor();
    await screenshot(ada.page, 'war-room-offline');

    // Nothing leaks through a socket the page believes closed.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await entry(ben.page, OFFLINE_ENTRY).count()).toBe(0);
  });

  it('opens again after a reload without a network, with the edits still waiting', async () => {
    const response = await ada.page.reload();

    // The kept copy, marked by the worker; the server could not have answered.
    expect(response?.headers()['x-keel-stored-at']).toBeDefined();
    await ada.page.getByRole('heading', { name: TITLE }).waitFor();
    await entry(ada.page, OFFLINE_ENTRY).waitFor();
    await entry(ada.page, ONLINE_ENTRY).getByText('Pinned').waitFor();
    await collabStatus(ada.page)
      .filter({ hasText: /Offline.*2 changes not saved yet/ })
      .waitFor();
    await ada.page.getByText(/You are offline\./).waitFor();
    await screenshot(ada.page, 'war-room-offline-reloaded');
  });

  it('hands the edits over once the network is back', async () => {
    await ada.context.setOffline(false);
    await settled(ada.page);

    await entry(ben.page, OFFLINE_ENTRY).waitFor({ timeout: SYNC_WAIT_MS });
    await entry(ben.page, ONLINE_ENTRY).getByText('Pinned').waitFor({ timeout: SYNC_WAIT_MS });
    expect(await ada.page.getByText(/You are offline\./).count()).toBe(0);
  });

  it('reaches the API’s projection of the timeline', async () => {
    const incidentId = new URL(incidentUrl).pathname.split('/').at(-1)!;
    let entries: ApiEntry[] = [];
    await eventually(async () => {
      entries = await apiTimeline(ben.page, incidentId);
      return entries.some((e) => e.body === OFFLINE_ENTRY);
    }, 'the projection');

    expect(entries.find((e) => e.body === ONLINE_ENTRY)?.pinned).toBe(true);
  });
});
