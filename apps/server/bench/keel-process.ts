import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../src/config.js';

/** What `pnpm start` runs, built by `pnpm build`. */
const MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');
const WEB_BUILD = path.join(REPO_ROOT, 'apps/web/build/handler.js');

/** How a benchmark's Keel process is started. */
export interface KeelProcessOptions {
  databaseUrl: string;
  redisUrl?: string;
  /** Whether the demo organisation is created. @default false */
  demoData?: boolean;
}

/** A built Keel process, as an operator runs it. */
export interface KeelProcess {
  url: string;
  child: ChildProcess;
  /** The last 20,000 characters the process printed. */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Fails with the command to run when the server or the web app has not been built. */
export function requireBuild(needsWeb: boolean): void {
  const missing = [MAIN, ...(needsWeb ? [WEB_BUILD] : [])].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Build Keel first ('pnpm build' at the root); missing ${missing.join(', ')}`);
  }
}

/**
 * Starts `node apps/server/dist/main.js` in its own process, so the benchmark's clients never
 * share its event loop, and resolves once it is ready. Rate limits are lifted: the benchmark is
 * one client sending far more than a person would.
 */
export async function startKeelProcess(options: KeelProcessOptions): Promise<KeelProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'info',
    KEEL_DEMO_DATA: String(options.demoData ?? false),
    KEEL_RATE_LIMIT_BURST: '1000000',
    KEEL_RATE_LIMIT_PER_SECOND: '1000000',
  };
  delete env.REDIS_URL;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;

  // BENCH_KEEL_NODE_ARGS passes flags to Keel's Node, such as --cpu-prof --cpu-prof-dir=/tmp/p.
  const nodeArgs = (process.env.BENCH_KEEL_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  while (!output.includes('"msg":"Keel is ready"')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Keel did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bare Hocuspocus server in its own process; see bare-collab-server.ts. */
export async function startBareCollabServer(): Promise<KeelProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/bench/bare-collab-server.ts')],
    { cwd: path.join(REPO_ROOT, 'apps/server'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 30_000;
  let port: string | undefined;
  while (!(port = /listening (\d+)/.exec(output)?.[1])) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The bare Hocuspocus server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The process's V8 heap in use, in bytes, from Keel's `/metrics`. Asked on a new connection each
 * time: a kept-alive one may have been closed by the server while its event loop was busy.
 */
export async function heapUsedBytes(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { connection: 'close' } });
  const text = await response.text();
  const value = /^keel_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
  if (!value) throw new Error('Keel’s /metrics has no keel_nodejs_heap_size_used_bytes');
  return Number(value);
}
