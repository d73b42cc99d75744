import 'reflect-metadata';
import path from 'node:path';
import { ConfigError, loadConfig, type KeelConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './db/embedded-postgres.js';
import { createOrm, migrateToLatest } from './db/orm.js';
import { DEMO_PASSWORD, seedDemoData } from './demo/seed.js';
import { startKeelServer, type KeelServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { loadWebPages } from './http/web-pages.js';

/**
 * Starts Keel: configuration, database (embedded when DATABASE_URL is unset), migrations,
 * demo data on an empty database, then the server. SIGTERM and SIGINT stop it in reverse order
 * within the configured deadline.
 */
async function main(): Promise<void> {
  let config: KeelConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);
  logger.info(
    {
      environment: config.environment,
      port: config.port,
      host: config.host,
      database: config.databaseUrl ? 'external' : 'embedded',
      events: config.redisUrl ? 'redis' : 'in-process',
    },
    'starting Keel',
  );

  const stops: ShutdownStep[] = [];
  const shutdown = onceShutdown(logger, config.shutdownTimeoutMs, stops);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded: EmbeddedPostgresHandle = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'pgdata'),
        port: config.embeddedPostgresPort,
        database: 'keel',
        logger,
      });
      stops.unshift({ name: 'embedded PostgreSQL', stop: () => embedded.stop() });
      databaseUrl = embedded.url;
    }

    const orm = await createOrm({
      databaseUrl,
      logger: logger.child({ component: 'orm' }),
      statementTimeoutMs: config.statementTimeoutMs,
    });
    stops.unshift({ name: 'database pool', stop: () => orm.close() });

    const applied = await migrateToLatest(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

    if (config.seedDemoData) {
      const seeded = await seedDemoData(orm, logger);
      if (seeded) logger.info({ organization: seeded.organization }, 'demo data created');
    }

    const server: KeelServer = await startKeelServer({
      config,
      orm,
      logger,
      pages: await loadWebPages(logger),
    });
    stops.unshift({ name: 'server', stop: () => server.close() });

    logger.info({ url: server.url }, 'Keel is ready');
    if (config.seedDemoData) {
      process.stdout.write(
        `\n  Keel is running at ${server.url}\n` +
          `  Demo sign-in: ada@northwind.example / ${DEMO_PASSWORD}\n\n`,
      );
    }
  } catch (error) {
    logger.fatal({ err: error }, 'Keel failed to start');
    await shutdown('startup failure', 1);
  }
}

/** One thing to stop at shutdown, named for the log. */
interface ShutdownStep {
  name: string;
  stop: () => Promise<void>;
}

/** Runs the stop steps once, newest first, and exits; a second signal does not restart it. */
function onceShutdown(logger: Logger, timeoutMs: number, stops: ShutdownStep[]) {
  let started = false;

  return async (reason: string, exitCode = 0): Promise<void> => {
    if (started) return;
    started = true;
    logger.info({ reason, timeoutMs }, 'shutting down');

    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown deadline passed; exiting anyway');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();

    for (const { name, stop } of stops) {
      const started = Date.now();
      try {
        await stop();
        logger.debug({ step: name, ms: Date.now() - started }, 'stopped');
      } catch (error) {
        logger.error({ err: error, step: name }, 'a shutdown step failed');
        exitCode = 1;
      }
    }
    logger.info('stopped');
    process.exit(exitCode);
  };
}

await main();
