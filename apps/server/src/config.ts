import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, two levels above this package. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything the process reads from its environment, validated once at start. */
export interface KeelConfig {
  /** `production` hides schema details, introspection from anonymous callers and stacks. */
  environment: 'development' | 'production' | 'test';
  /** @default 3000 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** When absent, an embedded PostgreSQL is started in {@link KeelConfig.dataDir}. */
  databaseUrl: string | null;
  /** When present, events travel between processes through Redis. */
  redisUrl: string | null;
  /** Folder for local state (embedded PostgreSQL). @default '<repo>/.keel' */
  dataDir: string;
  /** @default 54329 */
  embeddedPostgresPort: number;
  /** @default 'info' */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Fill an empty database with the demo organisation. @default true */
  seedDemoData: boolean;
  /** How long SIGTERM may take before the process exits anyway. @default 10000 */
  shutdownTimeoutMs: number;
  /** Requests a token or address may burst. @default 120 */
  rateLimitBurst: number;
  /** Requests a token or address regains each second. @default 20 */
  rateLimitPerSecond: number;
  /** Server-side limit on one GraphQL request's SQL statements. @default 5000 */
  statementTimeoutMs: number;
}

/** Raised when the environment cannot be turned into a {@link KeelConfig}; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Keel cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws one {@link ConfigError} naming all problems. */
export function loadConfig(env: Env = process.env): KeelConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const config: KeelConfig = {
    environment: read.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development'),
    port: read.integer('PORT', 3000, 0, 65_535),
    host: read.text('HOST', '127.0.0.1'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    dataDir: path.resolve(read.text('KEEL_DATA_DIR', path.join(REPO_ROOT, '.keel'))),
    embeddedPostgresPort: read.integer('KEEL_EMBEDDED_PG_PORT', 54_329, 1, 65_535),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    seedDemoData: read.boolean('KEEL_DEMO_DATA', true),
    shutdownTimeoutMs: read.integer('KEEL_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    rateLimitBurst: read.integer('KEEL_RATE_LIMIT_BURST', 120, 1, 1_000_000),
    rateLimitPerSecond: read.integer('KEEL_RATE_LIMIT_PER_SECOND', 20, 1, 1_000_000),
    statementTimeoutMs: read.integer('KEEL_STATEMENT_TIMEOUT_MS', 5_000, 100, 600_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Reads typed values and collects problems instead of stopping at the first. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  text(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;

    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;

    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;

    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;

    try {
      const parsed = new URL(value);
      if (protocols.includes(parsed.protocol)) return value;
      this.problems.push(`${name} must start with ${protocols.join(' or ')}//`);
    } catch {
      // The value itself may hold a password, so it is not repeated in the message.
      this.problems.push(`${name} is not a valid URL`);
    }
    return null;
  }
}
