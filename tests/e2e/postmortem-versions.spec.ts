import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  openBrowser,
  screenshot,
  signIn,
  startBuiltKeel,
  type Person,
  type RunningKeel,
} from './support.js';

/**
 * Named versions of a postmortem in real browsers against the built server: a responder saves
 * a version, keeps writing, reads the version back, and restores it while a colleague has the
 * postmortem open; then inserts the incident's pinned timeline entries at the caret.
 */
const TITLE = `Invoice sync double-posted ${Date.now()}`;

/** The postmortem editor's accessible name. */
const POSTMORTEM = 'Postmortem';

/** How long a change may take to reach the server or the other browser, in milliseconds. */
const SYNC_WAIT_MS = 10_000;

const ORIGINAL = 'Xero received every invoice twice for two hours.';
const REWRITE = 'A rewrite the reviewers never saw.';
const PINNED = 'Paused the invoice Zap at 09:40.';

let keel: RunningKeel;
let ada: Person;
let ben: Person;
let postmortemUrl: string;

function versionsPanel(page: Page): Locator {
  return page.locator('section[aria-labelledby="versions-heading"]');
}

function editorSection(page: Page): Locator {
  return page.locator('section[aria-labelledby="postmortem-heading"]');
}

/** Waits until the postmortem is live and every change made here is stored. */
async function settled(page: Page): Promise<void> {
  await editorSection(page)
    .getByRole('status')
    .filter({ hasText: /^\s*Live\s*$/ })
    .waitFor({ timeout: SYNC_WAIT_MS });
}

/** The editor's text, read through Tiptap so that caret labels do not count. */
async function editorText(page: Page): Promise<string> {
  return page.getByRole('textbox', { name: POSTMORTEM }).evaluate((element) => {
    const editor = (element as HTMLElement & { editor?: { getText(): string } }).editor;
    return editor?.getText() ?? '';
  });
}

/** Polls the editor's text until `accept` holds; fails with the last text seen. */
async function editorTextUntil(page: Page, accept: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  for (;;) {
    const text = await editorText(page);
    if (accept(text)) return text;
    if (Date.now() > deadline) throw new Error(`The editor never matched; it reads:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Places the caret at the very end of the postmortem and types a new paragraph. */
async function writeParagraph(page: Page, text: string): Promise<void> {
  const textbox = page.getByRole('textbox', { name: POSTMORTEM });
  await textbox.evaluate((element) => {
    const editor = (element as HTMLElement & { editor?: { commands: { focus(at: string): void } } })
      .editor;
    editor?.commands.focus('end');
  });
  // Tiptap takes the focus on the next animation frame; keys sent before that are lost.
  const handle = await textbox.elementHandle();
  await page.waitForFunction((element) => element?.contains(document.activeElement), handle);
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 5 });
}

beforeAll(async () => {
  keel = await startBuiltKeel();
  [ada, ben] = await Promise.all([openBrowser(), openBrowser()]);
  await Promise.all([
    signIn(ada.page, keel.url, 'ada@northwind.example'),
    signIn(ben.page, keel.url, 'ben@northwind.example'),
  ]);

  await ada.page.getByRole('button', { name: 'Declare incident' }).first().click();
  const dialog = ada.page.locator('dialog[open]');
  await dialog.getByLabel('Title').fill(TITLE);
  await dialog.locator('#declare-severity-SEV2').check();
  await dialog.getByLabel('How it was noticed').selectOption('MONITORING');
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await ada.page.waitForURL(/\/incidents\/[^/]+$/);
  postmortemUrl = `${ada.page.url()}/postmortem`;
});

afterAll(async () => {
  await Promise.allSettled([ada?.close(), ben?.close()]);
  await keel?.close();
});

describe('postmortem versions', () => {
  it('saves a version under a name and lists it with its author', async () => {
    await Promise.all([ada.page.goto(postmortemUrl), ben.page.goto(postmortemUrl)]);
    await Promise.all([settled(ada.page), settled(ben.page)]);

    await writeParagraph(ada.page, ORIGINAL);
    await settled(ada.page);
    const panel = versionsPanel(ada.page);
    await panel.getByLabel('Version name').fill('Submitted for review');
    await panel.getByRole('button', { name: 'Save version' }).click();

    const saved = panel.getByRole('listitem').filter({ hasText: 'Submitted for review' });
    await saved.waitFor({ timeout: SYNC_WAIT_MS });
    expect(await saved.textContent()).toContain('Ada Okafor');
    expect(await saved.locator('time').getAttribute('title')).toMatch(/\d{4}, \d{2}:\d{2}/);
    expect(await panel.getByLabel('Version name').inputValue()).toBe('');
  });

  it('shows the saved version read-only, without later edits', async () => {
    await writeParagraph(ada.page, REWRITE);
    await settled(ada.page);
    await editorTextUntil(ben.page, (text) => text.includes(REWRITE));

    await versionsPanel(ada.page).getByRole('link', { name: 'View version 1' }).click();
    const reader = ada.page.locator('section[aria-labelledby="version-reader-heading"]');
    await reader.getByRole('heading', { name: 'Version 1: Submitted for review' }).waitFor();

    const text = (await reader.textContent()) ?? '';
    expect(text).toContain(ORIGINAL);
    expect(text).not.toContain(REWRITE);
    await screenshot(ada.page, 'postmortem-versions');
  });

  it('restores the version for everyone and keeps what it replaced', async () => {
    const panel = versionsPanel(ada.page);
    await panel.getByRole('button', { name: 'Restore version 1' }).click();
    // The confirmation takes the focus, so Enter confirms from the keyboard.
    const confirm = panel.getByRole('button', { name: 'Restore this version' });
    await confirm.waitFor();
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    await ada.page.keyboard.press('Enter');

    const restored = (text: string) => text.includes(ORIGINAL) && !text.includes(REWRITE);
    await Promise.all([editorTextUntil(ada.page, restored), editorTextUntil(ben.page, restored)]);

    const automatic = panel
      .getByRole('listitem')
      .filter({ hasText: 'Before restoring «Submitted for review»' });
    await automatic.waitFor({ timeout: SYNC_WAIT_MS });
    expect(await automatic.textContent()).toContain('Automatic');
    await automatic.getByRole('link', { name: /^View version/ }).click();
    await ada.page
      .locator('section[aria-labelledby="version-reader-heading"]')
      .getByText(REWRITE)
      .waitFor({ timeout: SYNC_WAIT_MS });
    await screenshot(ada.page, 'postmortem-versions-restored');
  });

  it('refuses a blank name in the form, before asking the server', async () => {
    const panel = versionsPanel(ada.page);
    await panel.getByLabel('Version name').fill('   ');
    await panel.getByRole('button', { name: 'Save version' }).click();

    await panel.getByRole('alert').filter({ hasText: 'Name is required.' }).waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(2);
  });
});

describe('pinned timeline entries', () => {
  it('inserts the chosen pinned entries at the caret as a bulleted list with times', async () => {
    const warRoom = postmortemUrl.replace(/\/postmortem$/, '');
    await ben.page.goto(warRoom);
    const form = ben.page.getByRole('form', { name: 'Add a timeline entry' });
    await form.getByLabel('Kind').selectOption('ACTION');
    await form.getByLabel('What happened').fill(PINNED);
    await form.getByRole('button', { name: 'Add entry' }).click();
    const entry = ben.page.locator('li.entry').filter({ hasText: PINNED });
    await entry.getByRole('button', { name: 'Pin' }).click();
    await entry.getByText('Pinned').waitFor({ timeout: SYNC_WAIT_MS });

    await ada.page.goto(postmortemUrl);
    await settled(ada.page);
    await ada.page.getByRole('button', { name: 'Insert pinned entries' }).click();
    const chooser = ada.page.getByRole('form', { name: 'Insert pinned entries' });
    // The list is fetched again on opening, since pins change while the page is open.
    await chooser.getByLabel(new RegExp(PINNED.replaceAll('.', '\\.'))).waitFor({
      timeout: SYNC_WAIT_MS,
    });
    await chooser.getByRole('button', { name: 'Insert 1 entry' }).click();

    const text = await editorTextUntil(ada.page, (value) => value.includes(PINNED));
    expect(text).toMatch(new RegExp(`\\d{2}:\\d{2} \\S+ — ${PINNED.replaceAll('.', '\\.')}`));
    const listed = await ada.page
      .getByRole('textbox', { name: POSTMORTEM })
      .locator('ul li')
      .filter({ hasText: PINNED })
      .count();
    expect(listed).toBe(1);
    await settled(ada.page);
    await screenshot(ada.page, 'postmortem-pinned-entries');
  });
});
