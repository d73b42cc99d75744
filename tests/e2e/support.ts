import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, freePort } from '../process/keel-process.js';
import { spawn, type ChildProcess } from 'node:child_process';

/** Where screenshots for review are written. */
export const ARTIFACTS = path.join(REPO_ROOT, 'tests/artifacts');

/** Debian's Chromium; the flags keep it off the network this machine does not have. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ADMIN_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The built server with the built web app, on its own database with the demo organisation. */
export interface RunningKeel {
  url: string;
  close(): Promise<void>;
}

/** Starts `node apps/server/dist/main.js` (what `pnpm start` runs) on a fresh database. */
export async function startBuiltKeel(): Promise<RunningKeel> {
  const database = `keel_e2e_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${database}`);
  const databaseUrl = Object.assign(new URL(ADMIN_DATABASE_URL), { pathname: `/${database}` });
  const port = await freePort();

  const child: ChildProcess = spawn('node', ['apps/server/dist/main.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: '',
      PORT: String(port),
      KEEL_DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!output.includes('Keel is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Keel did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, `keel-${port}.log`), output);
      await adminQuery(`drop database if exists ${database} with (force)`);
    },
  };
}

/** A browser profile of its own, as a separate person on a separate machine would have. */
export interface Person {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Opens a fresh Chromium profile. */
export async function openBrowser(): Promise<Person> {
  const profile = await mkdtemp(path.join(tmpdir(), 'keel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'keel-demo-password';

/** Signs a demo person in through the sign-in page and waits for the board. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** Saves a full-page screenshot under tests/artifacts for people to review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  await client.query(text).finally(() => client.end());
}
