import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { addEntry, timelineDocumentName } from '@keel/collab';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../src/config.js';
import { createBenchDatabase } from './bench-database.js';
import { forEachLimited, graphql, keyOf, signUp, type BenchSession } from './graphql-client.js';
import { requireBuild, startKeelProcess } from './keel-process.js';
import { openLiveClient, type LiveClient } from './live-client.js';
import { percentile, printTable } from './load.js';
import { listBuiltFiles } from './web-assets.js';

/** Debian's Chromium, with the flags that keep it off the network. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Page loads per size and kind, taken in alternating turns. */
const LOADS = Number(process.env.BENCH_LOADS ?? 8);
/** Remote edits per size, alternating between the sizes. */
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
/** Filter applications per board load. */
const FILTERS_PER_LOAD = 3;

/** The two organisations compared: a small one, and the one the targets are about. */
const SIZES = {
  small: { label: 'small', incidents: 10, entries: 10 },
  large: { label: 'large', incidents: 1_000, entries: 500 },
} as const;
type SizeName = keyof typeof SIZES;

/** The figures the issue sets, against the large organisation. */
const TARGETS = { interactiveMs: 1_000, remoteEditP95Ms: 100, warRoomJsKb: 300 };

interface SeededOrganization {
  session: BenchSession;
  warRoomUrl: string;
  documentName: string;
  entries: number;
}

/** What one size measured. */
interface Samples {
  coldInteractive: number[];
  /** Of the first visits: when the page's HTML had arrived. */
  coldHtml: number[];
  /** Of the first visits: when the live timeline document had arrived from the server. */
  coldTimelineSynced: number[];
  warmInteractive: number[];
  remoteEdit: number[];
  boardFirstPaint: number[];
  boardFilter: number[];
}

/**
 * The war room and the board in Chromium against a built Keel in its own process, for an
 * organisation with 500 timeline entries and 1,000 incidents and one with 10 of each, in
 * alternating turns. Data is created through the GraphQL API, as people and integrations do.
 */
export async function runWebBenchmark(): Promise<void> {
  requireBuild(true);
  const database = await createBenchDatabase('web');
  const keel = await startKeelProcess({ databaseUrl: database.url });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });

  try {
    const started = performance.now();
    const organizations = {
      small: await seedOrganization(keel.url, SIZES.small),
      large: await seedOrganization(keel.url, SIZES.large),
    };
    console.log(`seeded through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const samples: Record<SizeName, Samples> = {
      small: emptySamples(),
      large: emptySamples(),
    };
    const sizes: SizeName[] = ['small', 'large'];

    // Warm the server's code paths and the browser before measuring anything.
    for (const size of sizes) await measureWarRoomLoad(browser, keel.url, organizations[size]);

    for (let turn = 0; turn < LOADS; turn += 1) {
      for (const size of sizes) {
        const load = await measureWarRoomLoad(browser, keel.url, organizations[size]);
        samples[size].coldInteractive.push(load.cold.interactive);
        samples[size].coldHtml.push(load.cold.html);
        samples[size].coldTimelineSynced.push(load.cold.timelineSynced);
        samples[size].warmInteractive.push(load.warm.interactive);
        const board = await measureBoard(browser, keel.url, organizations[size].session);
        samples[size].boardFirstPaint.push(board.firstPaint);
        samples[size].boardFilter.push(...board.filters);
      }
    }

    const edits = await measureRemoteEdits(browser, keel.url, organizations);
    samples.small.remoteEdit = edits.small;
    samples.large.remoteEdit = edits.large;

    const javascript = await measureWarRoomJavaScript(browser, keel.url, organizations.large);
    report(samples, javascript);
  } finally {
    await browser.close();
    await keel.stop();
    await database.drop();
  }
}

function emptySamples(): Samples {
  return {
    coldInteractive: [],
    coldHtml: [],
    coldTimelineSynced: [],
    warmInteractive: [],
    remoteEdit: [],
    boardFirstPaint: [],
    boardFilter: [],
  };
}

/**
 * A new organisation with `incidents` incidents of mixed severities, the newest of which has
 * `entries` timeline entries, all through the API.
 */
async function seedOrganization(
  baseUrl: string,
  size: (typeof SIZES)[SizeName],
): Promise<SeededOrganization> {
  const session = await signUp(baseUrl, `Bench ${size.label}`);
  const declare = async (title: string, severity: string) => {
    const data = await graphql<{ declareIncident: { id: string } }>(
      baseUrl,
      session,
      `
        mutation ($input: DeclareIncidentInput!) {
          declareIncident(input: $input) {
            id
          }
        }
      `,
      { input: { title, severity, detectionSource: 'MONITORING' } },
    );
    return data.declareIncident.id;
  };

  const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
  const fillers = Array.from({ length: size.incidents - 1 }, (_, i) => i);
  await forEachLimited(fillers, 4, async (i) => {
    await declare(`Scenario ${i} stopped writing rows`, severities[i % severities.length]!);
  });
  const incidentId = await declare('Zapier invoices duplicated', 'SEV1');

  const firstAt = Date.now() - size.entries * 60_000;
  const kinds = ['NOTE', 'SIGNAL', 'ACTION', 'DECISION', 'COMMUNICATION'];
  const entries = Array.from({ length: size.entries }, (_, i) => i);
  await forEachLimited(entries, 4, async (i) => {
    await graphql(
      baseUrl,
      session,
      `
        mutation ($input: AddTimelineEntryInput!) {
          addTimelineEntry(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          incidentId,
          kind: kinds[i % kinds.length],
          occurredAt: new Date(firstAt + i * 60_000).toISOString(),
          body: `Entry ${i}: checked run history of the invoice zap and its retries.`,
          tags: i % 7 === 0 ? ['billing'] : [],
        },
      },
    );
  });

  return {
    session,
    warRoomUrl: `${baseUrl}/incidents/${incidentId}`,
    documentName: timelineDocumentName(keyOf(incidentId)),
    entries: size.entries,
  };
}

/** A fresh browser profile (no cache, no IndexedDB, no service worker) signed in as `session`. */
async function signedInContext(
  browser: Browser,
  baseUrl: string,
  session: BenchSession,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'keel_session', value: session.token, url: baseUrl }]);
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in calls to a
  // `__name` helper; functions sent to the page carry those calls, so the page needs it too.
  await context.addInitScript('globalThis.__name = (target) => target;');
  return context;
}

/**
 * Milliseconds from navigation start until the war room is usable: the timeline list shows
 * every entry, or its newest window with the button for earlier ones, and the add-entry field
 * is enabled (the server renders it disabled, and the live timeline's code enables it once it
 * runs, so an enabled field means that code has loaded, hydrated and opened the document).
 * Also notes when the timeline's status first says Live: the document has arrived from the
 * server. Polled once per animation frame.
 */
function watchInteractive(expectedEntries: number): void {
  const marks = window as unknown as { benchTimelineSyncedAt?: number };
  const watchSync = () => {
    const status = document.querySelector('.collab-status [data-status="connected"]');
    if (status) marks.benchTimelineSyncedAt = performance.now();
    else requestAnimationFrame(watchSync);
  };
  requestAnimationFrame(watchSync);

  const check = () => {
    const list = document.querySelector('ol[aria-label="Timeline entries"]');
    const input = document.querySelector<HTMLTextAreaElement>(
      'form[aria-label="Add a timeline entry"] textarea',
    );
    const rendered = list?.children.length ?? 0;
    const buttons = list?.parentElement?.querySelectorAll('button');
    const offersEarlier = Array.from(buttons ?? []).some((button) =>
      /^Show \d+ earlier/.test(button.textContent?.trim() ?? ''),
    );
    const complete = rendered >= expectedEntries || (rendered > 0 && offersEarlier);
    if (complete && input && !input.disabled) {
      (window as unknown as { benchInteractiveAt: number }).benchInteractiveAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Milestones of one war room load, in milliseconds from navigation start. */
interface LoadMilestones {
  /** The page's HTML has arrived (`responseEnd`). */
  html: number;
  /** The live timeline document has arrived from the server. */
  timelineSynced: number;
  interactive: number;
}

async function interactiveAfter(page: Page): Promise<LoadMilestones> {
  await page.waitForFunction(
    () => 'benchInteractiveAt' in window && 'benchTimelineSyncedAt' in window,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  return page.evaluate(() => {
    const marks = window as unknown as {
      benchInteractiveAt: number;
      benchTimelineSyncedAt: number;
    };
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return {
      html: navigation?.responseEnd ?? Number.NaN,
      timelineSynced: marks.benchTimelineSyncedAt,
      interactive: marks.benchInteractiveAt,
    };
  });
}

/** One first visit (cold) and one reload (warm: HTTP cache, service worker, IndexedDB). */
async function measureWarRoomLoad(
  browser: Browser,
  baseUrl: string,
  organization: SeededOrganization,
): Promise<{ cold: LoadMilestones; warm: LoadMilestones }> {
  const context = await signedInContext(browser, baseUrl, organization.session);
  try {
    await context.addInitScript(watchInteractive, organization.entries);
    const page = await context.newPage();
    await page.goto(organization.warRoomUrl);
    const cold = await interactiveAfter(page);
    // Let the service worker finish installing and the browser's copy settle before reloading.
    await page.evaluate(() => navigator.serviceWorker?.ready);
    await page.waitForTimeout(300);

    await page.reload();
    const warm = await interactiveAfter(page);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/**
 * The board on a first visit: first contentful paint, then the time from ticking a severity
 * until the board says how many incidents match (data fetched and rendered), ticked and
 * cleared a few times.
 */
async function measureBoard(
  browser: Browser,
  baseUrl: string,
  session: BenchSession,
): Promise<{ firstPaint: number; filters: number[] }> {
  const context = await signedInContext(browser, baseUrl, session);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length > 0,
    );
    const firstPaint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
    );
    // Filters apply through the app's router, which needs the page hydrated.
    await page.waitForFunction(() => document.querySelector('form[role="search"]') !== null);
    await page.waitForLoadState('networkidle');

    const filters: number[] = [];
    for (let i = 0; i < FILTERS_PER_LOAD; i += 1) {
      filters.push(await page.evaluate(toggleSeverity, { severity: 'SEV1', filtered: true }));
      await page.evaluate(toggleSeverity, { severity: 'SEV1', filtered: false });
    }
    return { firstPaint, filters };
  } finally {
    await context.close();
  }
}

/** Ticks or unticks a severity and resolves with the milliseconds until the board shows it. */
function toggleSeverity({ severity, filtered }: { severity: string; filtered: boolean }) {
  const box = document.querySelector<HTMLInputElement>(
    `form[role="search"] input[name="severity"][value="${severity}"]`,
  );
  if (!box) throw new Error('no severity filter on the board');

  const shows = () => {
    const summary = document.querySelector('.summary p')?.textContent ?? '';
    return !summary.includes('Updating') && summary.includes('match') === filtered;
  };
  const started = performance.now();
  box.click();
  return new Promise<number>((resolve) => {
    const check = () => (shows() ? resolve(performance.now() - started) : setTimeout(check, 1));
    check();
  });
}

/**
 * Milliseconds from a Node provider's change until the war room shows it, for both sizes, one
 * edit at a time and alternating. The browser's clock is compared with this process's through
 * the round trip with the smallest delay (both read the same system clock).
 */
async function measureRemoteEdits(
  browser: Browser,
  baseUrl: string,
  organizations: Record<SizeName, SeededOrganization>,
): Promise<Record<SizeName, number[]>> {
  const opened: { context: BrowserContext; page: Page; client: LiveClient; offset: number }[] = [];
  const results: Record<SizeName, number[]> = { small: [], large: [] };
  const sizes: SizeName[] = ['small', 'large'];

  try {
    for (const size of sizes) {
      const organization = organizations[size];
      const context = await signedInContext(browser, baseUrl, organization.session);
      await context.addInitScript(watchInteractive, organization.entries);
      const page = await context.newPage();
      await page.goto(organization.warRoomUrl);
      await interactiveAfter(page);
      await page.evaluate(installArrivalWatch);

      const client = openLiveClient(
        { url: `${baseUrl.replace(/^http/, 'ws')}/collab`, cookie: organization.session.cookie },
        organization.documentName,
      );
      await client.synced();
      opened.push({ context, page, client, offset: await clockOffset(page) });
    }

    for (let i = 0; i < EDITS; i += 1) {
      for (const [index, size] of sizes.entries()) {
        const { page, client, offset } = opened[index]!;
        const marker = `remote-${size}-${i}-${Date.now()}`;
        await page.evaluate((text) => (window as unknown as BenchWindow).benchExpect(text), marker);

        const { userId, userName } = organizations[size].session;
        const sent = performance.timeOrigin + performance.now();
        addEntry(client.doc, {
          kind: 'NOTE',
          source: 'PERSON',
          author: { kind: 'USER', id: keyOf(userId), name: userName },
          occurredAt: new Date(),
          bodyText: marker,
        });
        const shown = await page.evaluate(() => (window as unknown as BenchWindow).benchArrival);
        results[size].push(shown - offset - sent);
        await page.waitForTimeout(20);
      }
    }
    return results;
  } finally {
    for (const { context, client } of opened) {
      client.destroy();
      await context.close();
    }
  }
}

interface BenchWindow {
  benchExpect(text: string): void;
  benchArrival: Promise<number>;
}

/**
 * Lets the benchmark wait for a text to appear on the timeline: resolves with the wall-clock
 * time of the first animation frame after the text reached the DOM.
 */
function installArrivalWatch(): void {
  const section = document.querySelector('section[aria-labelledby="timeline-heading"]')!;
  const bench = window as unknown as BenchWindow;
  bench.benchExpect = (text: string) => {
    bench.benchArrival = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!section.textContent?.includes(text)) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(section, { childList: true, subtree: true, characterData: true });
    });
  };
}

/** How far the page's wall clock is ahead of this process's, in milliseconds. */
async function clockOffset(page: Page): Promise<number> {
  let best = { roundTrip: Infinity, offset: 0 };
  for (let i = 0; i < 20; i += 1) {
    const before = performance.timeOrigin + performance.now();
    const theirs = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.roundTrip) {
      best = { roundTrip: after - before, offset: theirs - (before + after) / 2 };
    }
  }
  return best.offset;
}

/** What the war room's first visit loads as JavaScript, and what the worker stores besides. */
interface JavaScriptSize {
  files: number;
  gzipBytes: number;
  precacheFiles: number;
  precacheGzipBytes: number;
}

/**
 * Every script the war room page requests on a first visit until it is interactive, its
 * timeline document has arrived and the network is quiet, each gzipped from the build output at
 * the default level, as a compressing proxy would send it. The service worker's precache of the
 * whole build is fetched in the background after the page has loaded and is reported apart.
 */
async function measureWarRoomJavaScript(
  browser: Browser,
  baseUrl: string,
  organization: SeededOrganization,
): Promise<JavaScriptSize> {
  const client = path.join(REPO_ROOT, 'apps/web/build/client');
  const context = await signedInContext(browser, baseUrl, organization.session);
  const scripts = new Set<string>();
  try {
    await context.addInitScript(watchInteractive, organization.entries);
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === baseUrl && url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    await page.goto(organization.warRoomUrl);
    await interactiveAfter(page);
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
  }

  scripts.delete('/service-worker.js');
  let gzipBytes = 0;
  for (const script of scripts)
    gzipBytes += gzipSync(await readFile(path.join(client, script))).length;

  const built = await listBuiltFiles(client);
  let precacheGzipBytes = 0;
  for (const file of built) precacheGzipBytes += gzipSync(await readFile(file)).length;

  return { files: scripts.size, gzipBytes, precacheFiles: built.length, precacheGzipBytes };
}

function report(samples: Record<SizeName, Samples>, javascript: JavaScriptSize): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const row = (
    figure: string,
    pick: (s: Samples) => number[],
    q: number,
    target: string,
    limit?: number,
  ) => {
    const small = percentile(pick(samples.small), q);
    const large = percentile(pick(samples.large), q);
    const met = limit === undefined ? '' : large < limit ? 'met' : 'MISSED';
    return [figure, ms(small), ms(large), `${(large / small).toFixed(2)}×`, target, met];
  };

  console.log(
    `\nWar room (10 vs 500 timeline entries) and board (10 vs 1,000 incidents) in Chromium, ` +
      `${LOADS} loads per size in alternating turns, ${EDITS} remote edits per size\n`,
  );
  printTable(
    ['figure', '10', '500 / 1,000', 'ratio', 'target', ''],
    [
      row('war room first visit: HTML received p50', (s) => s.coldHtml, 50, ''),
      row('war room first visit: timeline synced p50', (s) => s.coldTimelineSynced, 50, ''),
      row('war room first visit: timeline synced p95', (s) => s.coldTimelineSynced, 95, ''),
      row('war room interactive, first visit p50', (s) => s.coldInteractive, 50, ''),
      row(
        'war room interactive, first visit p95',
        (s) => s.coldInteractive,
        95,
        '< 1 s',
        TARGETS.interactiveMs,
      ),
      row('war room interactive, reload p50', (s) => s.warmInteractive, 50, ''),
      row('war room interactive, reload p95', (s) => s.warmInteractive, 95, ''),
      row('remote edit visible p50', (s) => s.remoteEdit, 50, ''),
      row('remote edit visible p95', (s) => s.remoteEdit, 95, '< 100 ms', TARGETS.remoteEditP95Ms),
      row('board first contentful paint p50', (s) => s.boardFirstPaint, 50, ''),
      row('board first contentful paint p95', (s) => s.boardFirstPaint, 95, ''),
      row('board filter applied p50', (s) => s.boardFilter, 50, ''),
      row('board filter applied p95', (s) => s.boardFilter, 95, ''),
    ],
  );

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const jsMet = javascript.gzipBytes / 1024 < TARGETS.warRoomJsKb ? 'met' : 'MISSED';
  console.log('');
  printTable(
    ['JavaScript, war room first visit', 'files', 'gzip', 'target', ''],
    [
      ['loaded by the page', javascript.files, kb(javascript.gzipBytes), '< 300 KB', jsMet],
      [
        'service worker precache (background)',
        javascript.precacheFiles,
        kb(javascript.precacheGzipBytes),
        '',
        '',
      ],
    ],
  );
}
