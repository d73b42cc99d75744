import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, freePort } from '../../process/keel-process.js';

/** The built server. Node is started directly, so signals reach it and not a wrapper. */
const MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');

/** What a Keel process is started with. */
export interface KeelServerOptions {
  databaseUrl: string;
  redisUrl?: string;
  /** KEEL_SHUTDOWN_TIMEOUT_MS. @default 10000 */
  shutdownTimeoutMs?: number;
}

/** A running Keel process. */
export interface KeelServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  /** Sends SIGKILL and waits for the process to be gone. */
  kill9(): Promise<void>;
}

/** Starts `apps/server/dist/main.js` and resolves once it reports that it is ready. */
export async function startKeelServer(options: KeelServerOptions): Promise<KeelServer> {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${MAIN} is missing; build it first with 'npx tsc -p tsconfig.build.json' in apps/server.`,
    );
  }

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'info',
    KEEL_SHUTDOWN_TIMEOUT_MS: String(options.shutdownTimeoutMs ?? 10_000),
    KEEL_RATE_LIMIT_BURST: '100000',
    KEEL_RATE_LIMIT_PER_SECOND: '100000',
  };
  delete env.REDIS_URL;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;

  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const ready = await Promise.race([
    waitFor(() => output.includes('"msg":"Keel is ready"'), 30_000),
    exited.then(() => false),
  ]);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`Keel did not start:\n${output}`);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Kills whatever is still running; for afterAll. */
export async function killAll(servers: Iterable<KeelServer | undefined>): Promise<void> {
  await Promise.all(
    [...servers].map((server) => (server && isRunning(server) ? server.kill9() : undefined)),
  );
}

/** Whether the process has not exited yet. */
export function isRunning(server: KeelServer): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
