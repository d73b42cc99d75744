import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm, migrateToLatest } from '../db/orm.js';
import type { QueryLimits } from '../graphql/limits/index.js';
import { startKeelServer, type KeelServer } from '../http/server.js';
import { createLogger } from '../logger.js';

/** The server tests create their databases on; CI sets DATABASE_URL to it. */
export const ADMIN_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Redis for tests that need it; CI sets REDIS_URL. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A running Keel on its own fresh database. */
export interface TestKeel {
  url: string;
  wsUrl: string;
  orm: MikroORM;
  server: KeelServer;
  /** Runs SQL directly against the test database, bypassing Keel. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Options of {@link startTestKeel}. */
export interface TestKeelOptions {
  limits?: QueryLimits;
  rateLimitBurst?: number;
  rateLimitPerSecond?: number;
  redisUrl?: string | null;
  environment?: 'development' | 'production' | 'test';
  wsInitTimeoutMs?: number;
}

/**
 * Creates a database, migrates it, and starts a real Keel server on a free port. Rate limits are
 * generous unless a test asks otherwise, so tests that make many requests are not throttled.
 */
export async function startTestKeel(options: TestKeelOptions = {}): Promise<TestKeel> {
  const databaseName = `keel_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${databaseName}`);

  const databaseUrl = withDatabase(ADMIN_DATABASE_URL, databaseName);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const orm = await createOrm({ databaseUrl, logger });
  await migrateToLatest(orm);

  const server = await startKeelServer({
    config: {
      environment: options.environment ?? 'test',
      host: '127.0.0.1',
      port: 0,
      redisUrl: options.redisUrl ?? null,
      rateLimitBurst: options.rateLimitBurst ?? 100_000,
      rateLimitPerSecond: options.rateLimitPerSecond ?? 100_000,
      shutdownTimeoutMs: 5_000,
    },
    orm,
    logger,
    limits: options.limits,
    wsInitTimeoutMs: options.wsInitTimeoutMs,
    // Every operation a test sends runs compiled, so the suite checks compiled execution.
    interpretedRuns: 0,
  });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // Dropping the database at close ends idle connections the pool may not have closed yet.
  pool.on('error', () => {});
  return {
    url: server.url,
    wsUrl: `${server.url.replace(/^http/, 'ws')}/graphql`,
    orm,
    server,
    sql: async (text, values) => (await pool.query(text, values)).rows,
    close: async () => {
      await server.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      await orm.close();
      await pool.end();
      await adminQuery(`drop database if exists ${databaseName} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
