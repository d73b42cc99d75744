import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isListening, startKeelProcess } from './keel-process.js';

/**
 * The README's start path end to end: `pnpm run serve` (what `pnpm start` runs after building)
 * on an embedded PostgreSQL, demo data, then SIGTERM to the pnpm process.
 */
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'keel-start-'));
  // The embedded server runs as the postgres user when we are root; it must reach the folder.
  await chmod(dataDir, 0o755);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(url: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { signIn(input: { email: "ada@northwind.example",
        password: "keel-demo-password" }) { organization { name } } }`,
    }),
  });
  return (await response.json()) as { data?: { signIn: { organization: { name: string } } } };
}

describe('starting Keel without DATABASE_URL', () => {
  it('runs on embedded PostgreSQL with demo data; SIGTERM stops both in time', async () => {
    const [port, pgPort] = await Promise.all([freePort(), freePort()]);
    const keel = startKeelProcess('serve', {
      PORT: String(port),
      KEEL_DATA_DIR: dataDir,
      KEEL_EMBEDDED_PG_PORT: String(pgPort),
      KEEL_SHUTDOWN_TIMEOUT_MS: '10000',
    });

    const [, url] = await keel.waitForOutput(/Keel is running at (http:\/\/\S+)/);
    expect(keel.output()).toContain('Demo sign-in: ada@northwind.example');
    expect((await signIn(url!)).data?.signIn.organization.name).toBe('Northwind Outfitters');
    expect(await isListening(pgPort)).toBe(true);

    const stopStarted = Date.now();
    keel.child.kill('SIGTERM');
    expect(await keel.exited).toBe(0);
    expect(Date.now() - stopStarted).toBeLessThan(10_000);
    expect(keel.output()).toContain('"msg":"stopped"');
    expect(await isListening(port)).toBe(false);
    expect(await isListening(pgPort)).toBe(false);
  });

  it('starts again on the same data folder without seeding twice', async () => {
    const [port, pgPort] = await Promise.all([freePort(), freePort()]);
    const keel = startKeelProcess('serve', {
      PORT: String(port),
      KEEL_DATA_DIR: dataDir,
      KEEL_EMBEDDED_PG_PORT: String(pgPort),
    });

    const [, url] = await keel.waitForOutput(/Keel is running at (http:\/\/\S+)/);
    expect(keel.output()).not.toContain('demo data created');
    expect((await signIn(url!)).data?.signIn.organization.name).toBe('Northwind Outfitters');

    keel.child.kill('SIGINT');
    expect(await keel.exited).toBe(0);
  });
});

describe('starting Keel with bad settings', () => {
  it('exits with one message that lists every problem', async () => {
    const keel = startKeelProcess('serve', {
      PORT: 'eighty',
      REDIS_URL: 'nonsense',
      NODE_ENV: 'x',
    });

    expect(await keel.exited).toBe(2);
    expect(keel.output()).toContain('Keel cannot start; fix these settings');
    expect(keel.output()).toMatch(/PORT must be a whole number/);
    expect(keel.output()).toMatch(/REDIS_URL is not a valid URL/);
    expect(keel.output()).toMatch(/NODE_ENV must be one of/);
  });
});
